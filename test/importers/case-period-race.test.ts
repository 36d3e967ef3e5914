// Two imports into one case at once on PostgreSQL: each batch widens the case's period in its own transaction,
// and neither may drop the other's widening (the case row is locked before it is read). SQLite serialises
// writers, so only PostgreSQL can race.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/importers/index.js";
import { readCase } from "../../src/storage/index.js";
import { verifyLog } from "../../src/storage/log/log-verify.js";
import { postgresTarget } from "../storage/store-targets.js";
import { clock, incidentLine, tempDir } from "./helpers.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG) console.warn("[importers/case-period-race] TOCSIN_TEST_PG is unset: SKIPPED (PostgreSQL only)");
const target = PG ? postgresTarget(PG) : undefined;
afterAll(async () => target?.cleanup());

/** A Tocsin JSON-lines incident on `day`, known that day. */
const incident = (id: string, day: string): string =>
  incidentLine(id, { occurredAt: day, knownAt: day, place: { country: "ZZA" } });

describe.skipIf(!target)("the import case's period under concurrent imports (postgres)", () => {
  it("keeps both widenings when a large and a small import commit at the same time", async () => {
    const t = target as NonNullable<typeof target>;
    const dir = tempDir();
    const write = (name: string, lines: string[]) => {
      const file = join(dir, name);
      writeFileSync(file, `${lines.join("\n")}\n`);
      return file;
    };
    const base = write("base.jsonl", [incident("base", "2010-05-05")]);
    const big = write(
      "big.jsonl",
      Array.from({ length: 4000 }, (_, i) => incident(`b${i}`, "2005-03-03")),
    );
    const small = write("small.jsonl", [incident("s1", "2001-01-01")]);
    const location = await t.fresh();
    const one = await t.open(location);
    const two = await t.open(location);
    try {
      await importFile(one, { format: "tocsin", file: base, clock });
      const [a, b] = await Promise.all([
        importFile(one, { format: "tocsin", file: big, clock, batchSize: 5000 }),
        importFile(two, { format: "tocsin", file: small, clock }),
      ]);
      expect([a.imported, b.imported]).toEqual([4000, 1]);
      expect((await readCase(one, "import-tocsin"))?.manifest.period).toEqual({
        from: "2001-01-01",
        to: "2010-05-05",
      });
      expect((await verifyLog(one.db)).problems).toEqual([]);
    } finally {
      await two.close();
      await one.close();
    }
  });
});
