import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Every string in a JSON value, with its path, skipping the protectedIdentity objects themselves. */
function strings(v: unknown, path: string, out: [string, string][]): void {
  if (typeof v === "string") out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out));
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) if (k !== "protectedIdentity") strings(x, `${path}.${k}`, out);
  }
}

async function caseFiles(dir: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const f of (await readdir(dir)).filter((n) => n.endsWith(".json"))) {
    out[f] = JSON.parse(await readFile(join(dir, f), "utf8")) as unknown;
  }
  return out;
}

describe("confidential sources in the committed cases", () => {
  for (const dir of ["cases/rwanda-1990-1994", "test/fixtures/cases/synthetic-xv"]) {
    it(`${dir}: no protectedIdentity text appears in any other field`, async () => {
      const files = await caseFiles(join(root, dir));
      const sources = (files["sources.json"] ?? []) as {
        confidential?: boolean;
        protectedIdentity?: Record<string, string>;
      }[];
      const secrets = sources
        .filter((s) => s.confidential)
        .flatMap((s) => Object.values(s.protectedIdentity ?? {}));
      expect(secrets.length).toBeGreaterThan(0);
      const all: [string, string][] = [];
      for (const [f, v] of Object.entries(files)) strings(v, f, all);
      for (const secret of secrets) {
        expect(all.filter(([, s]) => s.includes(secret)).map(([p]) => p)).toEqual([]);
      }
    });
  }

  it("the Rwanda informant is a confidential source with a neutral title and no author or url", async () => {
    const sources = JSON.parse(
      await readFile(join(root, "cases/rwanda-1990-1994/sources.json"), "utf8"),
    ) as Record<string, unknown>[];
    const informant = sources.filter((s) => s.kind === "informant");
    expect(informant).toHaveLength(1);
    expect(informant[0]).toMatchObject({
      id: "src-confidential-1994-01",
      confidential: true,
      title: "Confidential informant (January 1994)",
    });
    expect(informant[0]?.author).toBeUndefined();
    expect(informant[0]?.url).toBeUndefined();
    // The informant is never an actor: it exists only as a protected source.
    const actors = JSON.parse(
      await readFile(join(root, "cases/rwanda-1990-1994/actors.json"), "utf8"),
    ) as Record<string, unknown>[];
    expect(actors.filter((a) => JSON.stringify(a).toLowerCase().includes("informant"))).toEqual([]);
  });
});
