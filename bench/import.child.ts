// Child process of the import benchmark: import one file into a fresh SQLite store and print one JSON line
// with the import's own elapsed time, the report counts and this process's peak RSS.
import { importFile } from "../src/importers/index.js";
import { openStore } from "../src/storage/index.js";

const [file, db, format] = process.argv.slice(2);
if (!file || !db) {
  process.stderr.write("usage: import.child.ts FILE DB [FORMAT]\n");
  process.exit(2);
}
const store = await openStore(db);
const t0 = performance.now();
const report = await importFile(store, { format: format ?? "auto", file, clock: () => new Date() });
const ms = performance.now() - t0;
await store.close();
process.stdout.write(
  `${JSON.stringify({
    ms,
    read: report.read,
    imported: report.imported,
    rejected: report.rejected,
    fileError: report.fileError ?? null,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
