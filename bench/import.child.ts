// Child process of the import benchmark: import one file into a fresh SQLite store and print one JSON line
// with the import's own elapsed time, the report counts and this process's peak RSS. With `--dry`, only read,
// tokenize and map the rows (no store), to split the time between parsing/mapping and writing.
import { formatByName, importFile } from "../src/importers/index.js";
import { DEFAULT_LIMITS } from "../src/importers/input/limits.js";
import { scanRows } from "../src/importers/pipeline/scan-rows.js";
import { openStore } from "../src/storage/index.js";

const [file, db, format, mode] = process.argv.slice(2);
if (!file || !db || !format) {
  process.stderr.write("usage: import.child.ts FILE DB FORMAT [--dry]\n");
  process.exit(2);
}
const t0 = performance.now();
let read = 0;
let imported = 0;
let rejected = 0;
if (mode === "--dry") {
  const fmt = formatByName(format);
  if (!fmt) throw new Error(`unknown format ${format}`);
  await scanRows({
    path: file,
    format: fmt,
    layout: fmt.layout(""),
    ctx: { sourceId: "bench.source" },
    limits: DEFAULT_LIMITS,
    batchSize: 2000,
    resumeAfterLine: 0,
    onBatch: async (rows) => {
      read += rows.length;
      for (const r of rows) if (r.result.kind === "reject") rejected += 1;
    },
  });
} else {
  const store = await openStore(db);
  const report = await importFile(store, { format, file, clock: () => new Date() });
  await store.close();
  ({ read, imported, rejected } = report);
  if (report.fileError) throw new Error(report.fileError.message);
}
const ms = performance.now() - t0;
process.stdout.write(
  `${JSON.stringify({ ms, read, imported, rejected, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
