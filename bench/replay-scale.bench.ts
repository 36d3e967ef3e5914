// Replay-at-scale benchmark (not a test): `npx tsx bench/replay-scale.bench.ts [--rows N] [--base N] [--ten-million]
// [--dir DIR] [--reuse]`.
// Generates UCDP GED files of N rows (default 1,000,000) and of a baseline size (default 100,000) with the import
// benchmark's generator (seed 42), then for each: imports it with the real CLI (`tocsin import ucdp-ged FILE --db
// DB --json`) into a fresh SQLite store and replays it from that store (`tocsin replay --case import-ucdp-ged --db
// DB --step month --json`, stdout to a file), each in its own process under /usr/bin/time -v for the peak RSS.
// Prints import rows/s and peak RSS, replay wall time and peak RSS and the JSON's size, and the ratios N / base.
// `--ten-million` adds a 10,000,000-row run (a 4.8 GB file; long): streamed, it must not run out of memory.
// `--dir` holds the generated files and stores (default: $TMPDIR/tocsin-replay-scale). `--reuse` keeps a store
// imported by an earlier run (and that import's measurement, saved beside it) and measures only the replay.
// Targets: 1,000,000 replayed in < 60 s and < 1 GB peak RSS; import peak RSS < 300 MB. Needs `npm run build`.
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./import-data.generator.js";

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const rows = Number(opt("--rows") ?? 1_000_000);
const base = Number(opt("--base") ?? 100_000);
const sizes = [base, rows, ...(args.includes("--ten-million") ? [10_000_000] : [])];
const root = fileURLToPath(new URL("../", import.meta.url));
const bin = join(root, "bin/tocsin.js");
if (!existsSync(join(root, "dist/app/main.js"))) {
  console.error("build first: npm run build (the benchmark runs the compiled `tocsin`)");
  process.exit(2);
}
const dir = opt("--dir") ?? join(tmpdir(), "tocsin-replay-scale");
const reuse = args.includes("--reuse");
mkdirSync(dir, { recursive: true });

interface Measured {
  readonly wallS: number;
  readonly peakMb: number;
  readonly cpuS: number;
  readonly stderr: string;
}

/** Run `tocsin ARGS` under /usr/bin/time -v with stdout to `out`; wall, CPU and peak RSS. */
function timed(cliArgs: readonly string[], out: string): Measured {
  const fd = openSync(out, "w");
  const t0 = performance.now();
  const run = spawnSync("/usr/bin/time", ["-v", process.execPath, bin, ...cliArgs], {
    stdio: ["ignore", fd, "pipe"],
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const wallS = (performance.now() - t0) / 1000;
  closeSync(fd);
  if (run.status !== 0)
    throw new Error(`tocsin ${cliArgs.join(" ")} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(run.stderr);
  return {
    wallS,
    peakMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    cpuS: user && sys ? Number(user[1]) + Number(sys[1]) : Number.NaN,
    stderr: run.stderr,
  };
}

interface Result {
  readonly rows: number;
  readonly importRowsPerS: number;
  readonly importPeakMb: number;
  readonly replay: Measured;
  readonly jsonMb: number;
  readonly alerts: number;
}

interface Imported {
  readonly imp: Omit<Measured, "stderr">;
  readonly read: number;
}

/** Import `file` into a fresh store `db` with the real CLI; the measurement is saved to `saved` for `--reuse`. */
function importInto(file: string, db: string, n: number, saved: string): Imported {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  rmSync(`${db}.keys`, { recursive: true, force: true });
  const importOut = join(dir, `import-${n}.json`);
  const { stderr: _stderr, ...imp } = timed(["import", "ucdp-ged", file, "--db", db, "--json"], importOut);
  const { read } = JSON.parse(readFileSync(importOut, "utf8")) as { read: number };
  writeFileSync(saved, JSON.stringify({ imp, read }));
  return { imp, read };
}

async function measure(n: number): Promise<Result> {
  const file = join(dir, `ucdp-ged-${n}.csv`);
  if (!existsSync(file)) {
    const t = performance.now();
    await generate("ucdp-ged", file, n, 42);
    console.log(
      `generated ${file} (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  const db = join(dir, `store-${n}.db`);
  const saved = join(dir, `import-${n}.measured.json`);
  const reused = reuse && existsSync(db) && existsSync(saved);
  const imported = reused
    ? (JSON.parse(readFileSync(saved, "utf8")) as Imported)
    : importInto(file, db, n, saved);
  const { imp, read } = imported;
  const importRowsPerS = read / imp.wallS;
  console.log(
    `${n.toLocaleString("en")} rows: import ${imp.wallS.toFixed(1)} s wall (${Math.round(importRowsPerS).toLocaleString("en")} rows/s, CPU ${imp.cpuS.toFixed(1)} s), peak RSS ${imp.peakMb.toFixed(0)} MB${reused ? " (measured by an earlier run, store reused)" : ""}`,
  );
  const replayOut = join(dir, `replay-${n}.json`);
  const replay = timed(
    ["replay", "--case", "import-ucdp-ged", "--db", db, "--step", "month", "--json"],
    replayOut,
  );
  const jsonMb = statSync(replayOut).size / 1e6;
  // The summary line on stderr: "N step(s), M alert(s), rulebook …" (the JSON may be large: not parsed here).
  const alerts = Number(/(\d+) alert\(s\)/.exec(replay.stderr)?.[1] ?? Number.NaN);
  console.log(
    `${n.toLocaleString("en")} rows: replay ${replay.wallS.toFixed(1)} s wall (CPU ${replay.cpuS.toFixed(1)} s), peak RSS ${replay.peakMb.toFixed(0)} MB, ${alerts} alerts, JSON ${jsonMb.toFixed(1)} MB`,
  );
  return { rows: n, importRowsPerS, importPeakMb: imp.peakMb, replay, jsonMb, alerts };
}

const results: Result[] = [];
for (const n of sizes) results.push(await measure(n));
const [b, ...rest] = results as [Result, ...Result[]];
console.log(
  `\nload average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")} (2 cores shared: wall times include waiting)`,
);
console.log("rows        import rows/s  import peak  replay wall  replay CPU  replay peak  alerts");
for (const r of results)
  console.log(
    `${r.rows.toLocaleString("en").padStart(10)}  ${Math.round(r.importRowsPerS).toLocaleString("en").padStart(13)}  ${r.importPeakMb.toFixed(0).padStart(8)} MB  ${r.replay.wallS.toFixed(1).padStart(9)} s  ${r.replay.cpuS.toFixed(1).padStart(8)} s  ${r.replay.peakMb.toFixed(0).padStart(8)} MB  ${r.alerts}`,
  );
for (const r of rest)
  console.log(
    `ratio ${r.rows.toLocaleString("en")} / ${b.rows.toLocaleString("en")} (${(r.rows / b.rows).toFixed(0)}× the events): ` +
      `replay wall ${(r.replay.wallS / b.replay.wallS).toFixed(2)}×, CPU ${(r.replay.cpuS / b.replay.cpuS).toFixed(2)}×, ` +
      `peak RSS ${(r.replay.peakMb / b.replay.peakMb).toFixed(2)}×; import peak RSS ${(r.importPeakMb / b.importPeakMb).toFixed(2)}×`,
  );
// The targets, for the largest run of 1,000,000 events or more (wall times include waiting when the
// machine is shared: the load average above says how much).
const big = results.find((r) => r.rows >= 1_000_000);
if (big) {
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log(
    `targets at ${big.rows.toLocaleString("en")} events: replay < 60 s wall ${verdict(big.replay.wallS < 60)} ` +
      `(${big.replay.wallS.toFixed(1)} s); replay peak RSS < 1 GB ${verdict(big.replay.peakMb < 1024)} ` +
      `(${big.replay.peakMb.toFixed(0)} MB); import peak RSS < 300 MB ${verdict(big.importPeakMb < 300)} ` +
      `(${big.importPeakMb.toFixed(0)} MB)`,
  );
}
