// Child process of the import benchmark: import one file into a fresh SQLite store and print one JSON line
// with the import's own elapsed time, the report counts and this process's peak RSS. The other modes measure
// floors, to split the time and to show what a Node importer cannot go below:
//   --read      read and decode the file only;
//   --tokenize  read, decode and tokenize (our CSV tokenizer), nothing else;
//   --bare      tokenize and insert every row's raw fields into a bare table (no mapping, no domain, no log):
//               the job sqlite3's `.import` does, done from Node with better-sqlite3 in one transaction;
//   --dry       read, tokenize and map the rows to domain records (no store).
import Database from "better-sqlite3";
import { formatByName, importFile } from "../src/importers/index.js";
import { CsvTokenizer, isRowError, type RawItem } from "../src/importers/input/csv-tokenizer.js";
import { DEFAULT_LIMITS } from "../src/importers/input/limits.js";
import { scanRows } from "../src/importers/pipeline/scan-rows.js";
import { openTextInput } from "../src/importers/pipeline/text-input.js";
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
if (mode === "--read" || mode === "--tokenize" || mode === "--bare") {
  const input = await openTextInput(file, DEFAULT_LIMITS);
  const tokenizer = new CsvTokenizer({
    delimiter: ",",
    quote: true,
    maxRecordChars: DEFAULT_LIMITS.maxRecordChars,
  });
  let sink: RawItem[] = [];
  let bare: Database.Database | undefined;
  let insert: Database.Statement | undefined;
  const flush = (): void => {
    for (const item of sink) {
      if (isRowError(item)) {
        rejected += 1;
        continue;
      }
      if (bare === undefined) {
        // The header: a bare table of text columns, as `.import` creates it.
        bare = new Database(db);
        bare.pragma("journal_mode = WAL");
        const cols = item.fields.map((_, i) => `c${i}`);
        bare.exec(`CREATE TABLE t (${cols.map((c) => `${c} TEXT`).join(", ")})`);
        insert = bare.prepare(`INSERT INTO t VALUES (${cols.map(() => "?").join(", ")})`);
        bare.exec("BEGIN");
        continue;
      }
      read += 1;
      insert?.run(item.fields);
    }
    sink = [];
  };
  for await (const chunk of input.text) {
    if (mode === "--read") {
      read += String(chunk).length;
      continue;
    }
    tokenizer.push(typeof chunk === "string" ? chunk : String(chunk), sink);
    if (mode === "--bare") flush();
    else {
      read += sink.length;
      sink = [];
    }
  }
  tokenizer.end(sink);
  if (mode === "--bare") {
    flush();
    bare?.exec("COMMIT");
    bare?.close();
  } else read += sink.length;
} else if (mode === "--dry") {
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
