// The OpenAPI document: version 3.1, every operation documents its answers, every $ref resolves, and every
// JSON answer of the API matches the response schema its route declares.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASE_ID, getJson, harness, rwandaBundle, type Harness } from "./http-fixture.js";

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<string, { responses?: Record<string, unknown>; parameters?: { name: string; in: string }[] }>
  >;
  components?: { schemas?: Record<string, unknown> };
};

let h: Harness;
let doc: Doc;
beforeAll(async () => {
  h = await harness(await rwandaBundle());
  doc = (await getJson(h.app, "/api/openapi.json")).body as unknown as Doc;
});
afterAll(async () => h?.close());

/** Every `$ref` string in a JSON value. */
function refs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) refs(x, out);
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "$ref" && typeof x === "string") out.push(x);
      else refs(x, out);
    }
  }
  return out;
}

/** Resolve a local JSON pointer `#/a/b` in `root`. */
function resolve(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>(
      (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
      root,
    );
}

describe("GET /api/openapi.json", () => {
  it("is OpenAPI 3.1 with info", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: "Tocsin API", version: "test" });
  });

  it("lists the API's routes, each operation with a 200 and problem answers", () => {
    const paths = Object.keys(doc.paths);
    for (const p of [
      "/api/health",
      "/api/cases",
      "/api/cases/{caseId}",
      "/api/cases/{caseId}/timeline",
      "/api/records/{kind}",
      "/api/records/{kind}/{id}",
      "/api/cases/{caseId}/ledger",
      "/api/cases/{caseId}/alerts",
      "/api/cases/{caseId}/assessments",
      "/api/cases/{caseId}/scorecard",
      "/api/forecasts",
      "/api/forecasts/{runId}",
    ]) {
      expect(paths).toContain(p);
    }
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const codes = Object.keys(op.responses ?? {});
        expect(
          codes.some((c) => /^2\d\d$/.test(c)),
          `${method} ${path} documents its success`,
        ).toBe(true);
        if (path.startsWith("/api/")) expect(codes, `${method} ${path}`).toContain("400");
        for (const m of path.matchAll(/\{(\w+)\}/g)) {
          expect(
            op.parameters?.some((p) => p.in === "path" && p.name === m[1]),
            `${path} declares ${m[1]}`,
          ).toBe(true);
        }
      }
    }
  });

  it("every $ref resolves", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    for (const r of all) expect(resolve(doc, r), r).toBeDefined();
  });

  it("documents the live alerts in the alerts answer", () => {
    const op = doc.paths["/api/cases/{caseId}/alerts"]?.get as { description?: string } | undefined;
    expect(op?.description).toContain("liveAlerts");
    const live = doc.components?.schemas?.LiveAlert as { required?: string[] } | undefined;
    expect(live?.required).toEqual(
      expect.arrayContaining(["origin", "run", "raisedAt", "criterion", "alert"]),
    );
  });

  it("documents the query filters of the record list", () => {
    const names = (doc.paths["/api/records/{kind}"]?.get?.parameters ?? []).map((p) => p.name).sort();
    expect(names).toEqual(["actor", "case", "from", "kind", "limit", "offset", "text", "to"]);
  });
});

/** Every method and path the app serves, in OpenAPI form (`:id` → `{id}`), middleware and the document aside. */
function servedRoutes(app: Harness["app"]): string[] {
  return [
    ...new Set(
      app.routes
        .filter((r) => r.method !== "ALL" && r.path !== "/api/openapi.json")
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    ),
  ].sort();
}

/** The operations of an OpenAPI document as `method path`. */
function documented(d: Doc): string[] {
  return Object.entries(d.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
    .sort();
}

describe("every route the app serves is in the document", () => {
  it("without accounts (the read-only API)", () => {
    const served = servedRoutes(h.app);
    expect(served.length).toBeGreaterThan(10);
    expect(documented(doc)).toEqual(expect.arrayContaining(served));
  });

  it("with accounts: the log proofs, the reveal steps and login/logout too", async () => {
    const secured = await harness(await rwandaBundle(), {
      security: { mode: "public", fieldKey: Buffer.alloc(32, 1) },
    });
    try {
      const r = await getJson(secured.app, "/api/openapi.json");
      expect(r.status).toBe(200);
      const served = servedRoutes(secured.app);
      for (const op of [
        "get /api/log/checkpoint",
        "get /api/log/consistency",
        "get /api/log/inclusion/{leaf}",
        "post /api/reveal-requests",
        "post /api/reveal-requests/{id}/approve",
        "post /api/reveal-requests/{id}/reveal",
        "post /auth/login",
        "post /auth/logout",
      ])
        expect(served).toContain(op);
      const listed = documented(r.body as unknown as Doc);
      expect(served.filter((op) => !listed.includes(op))).toEqual([]);
      expect(refs(r.body).every((ref) => resolve(r.body, ref) !== undefined)).toBe(true);
    } finally {
      await secured.close();
    }
  });
});

describe("answers match their declared response schema", () => {
  it("for a sample of every route", async () => {
    for (const path of [
      "/api/health",
      "/api/cases",
      `/api/cases/${CASE_ID}`,
      `/api/cases/${CASE_ID}/timeline`,
      "/api/records/warning",
      "/api/records/source",
      "/api/records/warning/warn-1994-01-11-cable",
      "/api/records/source/src-confidential-1994-01",
      "/api/overview",
      "/api/forecasts",
      `/api/cases/${CASE_ID}/ledger`,
      `/api/cases/${CASE_ID}/alerts`,
    ]) {
      const r = await getJson(h.app, path);
      expect(r.status, path).toBe(200);
      const routePath = Object.keys(doc.paths).find((p) =>
        new RegExp(`^${p.replace(/\{\w+\}/g, "[^/]+")}$`).test(path),
      );
      const schema = (
        doc.paths[routePath ?? ""]?.get?.responses?.["200"] as {
          content: Record<string, { schema: unknown }>;
        }
      ).content["application/json"]?.schema;
      expect(schema, path).toBeDefined();
      expect(validate(doc, schema, r.body), path).toEqual([]);
    }
  });
});

/** A small JSON Schema check (type, required, properties, items, enum, $ref, anyOf): enough for our answers. */
function validate(root: unknown, schema: unknown, value: unknown, at = "$"): string[] {
  const s = schema as Record<string, unknown>;
  if (!s || typeof s !== "object") return [];
  if (typeof s.$ref === "string") return validate(root, resolve(root, s.$ref), value, at);
  const errs: string[] = [];
  if (Array.isArray(s.anyOf)) {
    return s.anyOf.some((x) => validate(root, x, value, at).length === 0)
      ? []
      : [`${at}: matches no anyOf branch`];
  }
  if (Array.isArray(s.enum) && !s.enum.includes(value as never))
    errs.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if ("const" in s && s.const !== value) errs.push(`${at}: not ${JSON.stringify(s.const)}`);
  const t = s.type;
  const typeOf = Array.isArray(value)
    ? "array"
    : value === null
      ? "null"
      : typeof value === "number" && Number.isInteger(value)
        ? "integer"
        : typeof value;
  if (typeof t === "string") {
    const ok = t === typeOf || (t === "number" && typeOf === "integer");
    if (!ok) return [`${at}: expected ${t}, got ${typeOf}`];
  }
  if (typeOf === "object" && value) {
    const obj = value as Record<string, unknown>;
    for (const k of (s.required as string[] | undefined) ?? [])
      if (!(k in obj)) errs.push(`${at}.${k}: required`);
    const props = (s.properties as Record<string, unknown> | undefined) ?? {};
    for (const [k, v] of Object.entries(obj)) {
      if (k in props) errs.push(...validate(root, props[k], v, `${at}.${k}`));
      else if (s.additionalProperties === false) errs.push(`${at}.${k}: not allowed`);
      else if (s.additionalProperties && typeof s.additionalProperties === "object")
        errs.push(...validate(root, s.additionalProperties, v, `${at}.${k}`));
    }
  }
  if (typeOf === "array" && s.items)
    (value as unknown[]).forEach((v, i) => errs.push(...validate(root, s.items, v, `${at}[${i}]`)));
  return errs;
}
