// A source imported as public and later re-imported as confidential: the earlier version the import kept must not
// name it any more — neither at rest in `record_versions` nor in the API's `versions` — on either store.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.js";
import type { HttpDeps } from "../../src/http/deps.js";
import { importFile } from "../../src/importers/index.js";
import { clock, tempDir } from "../importers/helpers.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG) console.warn("[security/source-versions] TOCSIN_TEST_PG is unset: the PostgreSQL half is SKIPPED");
const targets: StoreTarget[] = [sqliteTarget(), ...(PG ? [postgresTarget(PG)] : [])];
afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

const NAME = "Dr Canary Roe, clinic in Canaryville";
const URL_ = "https://example.org/canary-roe";

/** One Tocsin JSON-lines row: the source, public or confidential. */
function sourceFile(dir: string, name: string, confidential: boolean, knownAt: string): string {
  const record = {
    id: "src-informant",
    title: NAME,
    kind: "witness",
    occurredAt: "2020-01-01",
    knownAt,
    reliability: "B",
    credibility: 2,
    confidential,
    url: URL_,
  };
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify({ kind: "source", record })}\n`);
  return file;
}

for (const target of targets) {
  describe(`a source made confidential keeps no revealing version (${target.name})`, () => {
    it("seals the kept versions at rest and shows only the placeholder through the API", async () => {
      const store = await target.open(await target.fresh());
      try {
        const dir = tempDir();
        // Public first, then an edit making it public again with a new date (a second kept version), then
        // confidential.
        for (const [name, confidential, knownAt] of [
          ["a.jsonl", false, "2020-01-02"],
          ["b.jsonl", false, "2020-01-03"],
          ["c.jsonl", true, "2020-01-04"],
        ] as const) {
          const r = await importFile(store, {
            format: "tocsin",
            file: sourceFile(dir, name, confidential, knownAt),
            clock,
          });
          expect(r.rejected, JSON.stringify(r.problems)).toBe(0);
        }
        const kept = await store.db
          .selectFrom("record_versions")
          .select("body")
          .where("record_id", "=", "src-informant")
          .execute();
        expect(kept).toHaveLength(2);
        for (const k of kept) {
          expect(k.body).not.toContain("Canary");
          expect(JSON.parse(k.body)).toMatchObject({ confidential: true, title: "Protected source" });
        }
        const app = createApp({ store, version: "test" } as unknown as HttpDeps);
        const res = await app.request("/api/records/source/src-informant?case=import-tocsin");
        expect(res.status).toBe(200);
        const text = await res.text();
        expect(text).not.toContain("Canary");
        const body = JSON.parse(text) as { versions: { record: { title: string } }[] };
        expect(body.versions.map((v) => v.record.title)).toEqual(["Protected source", "Protected source"]);
      } finally {
        await store.close();
      }
    });
  });
}
