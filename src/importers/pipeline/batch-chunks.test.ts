// The SQLite import fast path writes multi-row INSERTs and `IN (...)` look-ups in fixed-size chunks: whatever
// the batch size (smaller than a chunk, or several chunks plus a remainder), the stored tables are the same,
// and a re-import through the chunked look-ups changes nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../storage/index.js";
import { SAMPLES } from "../../../test/importers/helpers.js";
import { importFile } from "./import-file.js";

const SAMPLE = SAMPLES.ucdp;
const clock = (): Date => new Date("2026-01-15T12:00:00Z");
const TABLES = ["incidents", "actors", "sources", "citations", "record_refs", "incident_acts", "import_rows"];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every row of the record tables, as sorted JSON lines (the batch id, random per run, left out). */
function dump(path: string): Record<string, string[]> {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const out: Record<string, string[]> = {};
    for (const t of TABLES) {
      const rows = db.prepare(`select * from ${t}`).all() as Record<string, unknown>[];
      out[t] = rows.map(({ batch_id: _b, ...r }) => JSON.stringify(r)).sort();
    }
    return out;
  } finally {
    db.close();
  }
}

/** Import the sample `times` times into a fresh store with `batchSize`; dump the tables after each run. */
async function importInto(batchSize: number, times = 1) {
  const dir = mkdtempSync(join(tmpdir(), "tocsin-chunks-"));
  dirs.push(dir);
  const path = join(dir, "store.db");
  const store = await openStore(path);
  try {
    const reports = [];
    const dumps = [];
    for (let i = 0; i < times; i++) {
      reports.push(await importFile(store, { format: "ucdp-ged", file: SAMPLE, batchSize, clock }));
      dumps.push(dump(path));
    }
    return { reports, dumps };
  } finally {
    await store.close();
  }
}

describe("chunked SQLite import writes", () => {
  it("stores the same rows with batches below a chunk and with several chunks plus a remainder", async () => {
    const small = await importInto(7);
    const large = await importInto(200);
    const [s] = small.reports;
    const [l] = large.reports;
    expect(s?.read).toBe(450);
    expect(l?.read).toBe(450);
    expect(l?.imported).toBe(s?.imported);
    expect(l?.imported).toBeGreaterThan(0);
    const [a = {}] = small.dumps;
    const [b = {}] = large.dumps;
    expect((a["incidents"] ?? []).length).toBe(s?.imported);
    for (const t of TABLES) expect(b[t], t).toEqual(a[t]);
  });

  it("re-imports through the chunked look-ups without writing anything", async () => {
    const { reports, dumps } = await importInto(300, 2);
    const [first, again] = reports;
    expect(again?.read).toBe(450);
    expect([again?.imported, again?.updated]).toEqual([0, 0]);
    expect(again?.unchanged).toBe(first?.imported);
    expect(dumps[1]).toEqual(dumps[0]);
  });
});
