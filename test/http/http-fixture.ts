/**
 * A real SQLite store in a temporary folder, loaded with the built-in Rwanda case (optionally with canary
 * strings planted in the confidential source's protected identity), and the app over it.
 * @module
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCaseFolder } from "../../src/casefiles/index.js";
import { loadAnalysisInputs } from "../../src/cli/serve.command.js";
import type { CaseBundle, Source } from "../../src/domain/index.js";
import { createApp } from "../../src/http/app.js";
import type { HttpDeps } from "../../src/http/deps.js";
import { loadCase, type Store } from "../../src/storage/index.js";
import { openTestStore } from "../storage/store-targets.js";

export const CASE_ID = "rwanda-1990-1994";
export const ROOT = join(import.meta.dirname, "..", "..");
export const CASE_DIR = join(ROOT, "cases", CASE_ID);

/** Read the built-in case or fail the test with its problems. */
export async function rwandaBundle(): Promise<CaseBundle> {
  const r = await readCaseFolder(CASE_DIR);
  if (!r.ok) throw new Error(`case ${CASE_ID} does not validate: ${JSON.stringify(r.problems.slice(0, 3))}`);
  return r.bundle;
}

/** The bundle with `canary` written into every protected-identity field of every confidential source. */
/**
 * The locators of every citation of a confidential source in `bundle`: what no answer made for a viewer who is
 * not entitled to confidential sources may contain; and the id of the first source that is not confidential.
 */
export function confidentialCitations(bundle: CaseBundle): { locators: string[]; openSource: string } {
  const confidential = new Set(bundle.records.source.filter((s) => s.confidential).map((s) => s.id));
  const all = Object.values(bundle.records) as readonly (readonly {
    citations: readonly { source: string; locator: string }[];
  }[])[];
  const locators = all.flatMap((records) =>
    records.flatMap((r) => r.citations.filter((c) => confidential.has(c.source)).map((c) => c.locator)),
  );
  return { locators, openSource: bundle.records.source.find((s) => !s.confidential)?.id ?? "" };
}

export function withCanary(bundle: CaseBundle, canary: string): CaseBundle {
  const source = bundle.records.source.map((s): Source =>
    s.confidential
      ? {
          ...s,
          protectedIdentity: {
            name: `${canary}-name`,
            contact: `${canary}-contact`,
            exactPlace: `${canary}-place`,
            device: `${canary}-device`,
            description: `${canary}-description`,
          },
        }
      : s,
  );
  return { ...bundle, records: { ...bundle.records, source } };
}

export interface Harness {
  readonly store: Store;
  readonly app: ReturnType<typeof createApp>;
  readonly deps: HttpDeps;
  close(): Promise<void>;
}

/** Open a temp store, load `bundle`, build the app (with the lexicon) and return a closer. */
export async function harness(bundle: CaseBundle, extra: Partial<HttpDeps> = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), "tocsin-http-"));
  const store = await openTestStore(join(dir, "test.db"));
  await loadCase(store, bundle, { loadedAt: "2026-01-01T00:00:00Z" });
  const analysis = await loadAnalysisInputs(ROOT, {
    out: () => undefined,
    err: () => undefined,
    isTTY: false,
  });
  const deps: HttpDeps = { store, version: "test", analysis, ...extra };
  const app = createApp(deps);
  return {
    store,
    app,
    deps,
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** GET `path` and return status, content type and parsed JSON. */
export async function getJson(app: Harness["app"], path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    headers: res.headers,
    text,
    body: JSON.parse(text) as Record<string, unknown> & { items?: unknown[] },
  };
}

/**
 * A write-API body for a confidential informant whose title, protected identity and citation locator all carry
 * `canary`, so a test can look for the canary in every answer, log and export.
 * @example confidentialSourceBody("src-x", "CANARY-1", { occurredAt: "2031-04-30" })
 */
export function confidentialSourceBody(
  id: string,
  canary: string,
  fields: { readonly occurredAt: string; readonly locator?: string } & Record<string, unknown>,
): Record<string, unknown> {
  const { locator = `${canary}-locator`, ...rest } = fields;
  return {
    id,
    kind: "informant",
    title: `${canary}-title`,
    reliability: "B",
    credibility: 2,
    confidential: true,
    protectedIdentity: { name: `${canary}-name`, contact: `${canary}-contact` },
    ...rest,
    citations: [{ source: id, locator }],
  };
}
