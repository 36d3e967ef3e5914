// Import benchmark (not a test): `npx tsx bench/import.bench.ts [--rows N] [--layout ucdp-ged|acled|both] [--profile] [--tsx]`.
// A deterministic generator writes an N-row file (default 1,000,000) in the UCDP GED and ACLED layouts into a
// temporary folder; each file is imported by `tocsin`'s importer into a fresh SQLite store (in a child process,
// whose peak RSS is measured; compiled to JavaScript first unless --tsx) and, in the same run, by the sqlite3 shell's own `.import --csv` into a bare table.
// Prints the ratio ours / sqlite3 and our peak RSS. Targets: ratio ≤ 1.5, peak RSS < 300 MB.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
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
const layouts =
  (opt("--layout") ?? "both") === "both"
    ? (["ucdp-ged", "acled"] as const)
    : ([opt("--layout")] as ["ucdp-ged" | "acled"]);
const profile = args.includes("--profile");
const SQLITE = "/usr/bin/sqlite3";
const dir = join(tmpdir(), "tocsin-import-bench");
mkdirSync(dir, { recursive: true });
const child = fileURLToPath(new URL("./import.child.ts", import.meta.url));
/** User + system CPU milliseconds from `/usr/bin/time -v` output. */
function cpuMs(timeOutput: string): number | undefined {
  const user = /User time \(seconds\): ([\d.]+)/.exec(timeOutput);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(timeOutput);
  return user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : undefined;
}
function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

const root = fileURLToPath(new URL("../", import.meta.url));
const compiledDir = join(root, "bench/out/import");

/**
 * Compile the benchmark child and what it imports (importers, storage, domain, contracts) into bench/out
 * (git-ignored), so the measured import is plain JavaScript without the TypeScript loader's time and memory.
 * Falls back to tsx when nothing is emitted.
 */
function compileChild(): string | undefined {
  const t = performance.now();
  rmSync(compiledDir, { recursive: true, force: true });
  spawnSync(
    process.execPath,
    [
      join(root, "node_modules/typescript/bin/tsc"),
      child,
      ...[
        "--outDir",
        compiledDir,
        "--rootDir",
        root,
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
      ],
      ...[
        "--target",
        "es2022",
        "--skipLibCheck",
        "--esModuleInterop",
        "--resolveJsonModule",
        "--types",
        "node",
      ],
    ],
    { encoding: "utf8" },
  );
  const out = join(compiledDir, "bench/import.child.js");
  if (!existsSync(out)) {
    console.log("(could not compile the benchmark child; measuring through tsx)");
    return undefined;
  }
  console.log(`compiled the import into ${compiledDir} in ${seconds(performance.now() - t)} s`);
  return out;
}

const compiled = args.includes("--tsx") ? undefined : compileChild();

for (const layout of layouts) {
  const file = join(dir, `${layout}-${rows}.csv`);
  if (!existsSync(file)) {
    const t = performance.now();
    await generate(layout, file, rows, layout === "acled" ? 43 : 42);
    console.log(
      `generated ${file} (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${seconds(performance.now() - t)} s`,
    );
  }
  const size = statSync(file).size;

  // Baseline: the sqlite3 shell's .import into a bare table (it creates the table from the header).
  const bare = join(dir, `bare-${layout}.db`);
  rmSync(bare, { force: true });
  const s0 = performance.now();
  const base = spawnSync("/usr/bin/time", ["-v", SQLITE, bare, ".import --csv " + file + " t"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const sqliteMs = performance.now() - s0;
  if (base.status !== 0) throw new Error(`sqlite3 .import failed: ${base.stderr.toString()}`);
  const sqliteCpuMs = cpuMs(base.stderr.toString());

  // Ours: a fresh store, in a child process under /usr/bin/time -v for the peak RSS.
  const db = join(dir, `ours-${layout}.db`);
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const profDir = join(dir, `prof-${layout}`);
  if (profile) rmSync(profDir, { recursive: true, force: true });
  const prof = profile ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [];
  const nodeArgs = compiled
    ? [...prof, compiled, file, db, layout]
    : ["--import", "tsx", ...prof, child, file, db, layout];
  const w0 = performance.now();
  const run = spawnSync("/usr/bin/time", ["-v", process.execPath, ...nodeArgs], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const wallMs = performance.now() - w0;
  if (run.status !== 0) throw new Error(`import failed (exit ${run.status}): ${run.stderr.slice(0, 2000)}`);
  const result = JSON.parse(run.stdout.trim().split("\n").at(-1) as string) as {
    ms: number;
    read: number;
    imported: number;
    maxRssMb: number;
  };
  const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  const oursCpuMs = cpuMs(run.stderr);
  const peakMb = timeRss ? Number(timeRss[1]) / 1024 : result.maxRssMb;

  console.log(`\n${layout}: ${rows.toLocaleString("en")} rows, ${(size / 1e6).toFixed(0)} MB`);
  console.log(`  sqlite3 .import --csv (bare table)   ${seconds(sqliteMs)} s`);
  console.log(
    `  tocsin import (import only)          ${seconds(result.ms)} s  (${Math.round((result.read * 1000) / result.ms).toLocaleString("en")} rows/s, imported ${result.imported.toLocaleString("en")})`,
  );
  console.log(
    `  tocsin import (process wall)         ${seconds(wallMs)} s  (${compiled ? "compiled JavaScript" : "tsx"})`,
  );
  console.log(
    `  ratio ours / sqlite3                 ${(result.ms / sqliteMs).toFixed(2)} (wall ${(wallMs / sqliteMs).toFixed(2)}; target ≤ 1.5)`,
  );
  console.log(`  peak RSS                             ${peakMb.toFixed(0)} MB (target < 300 MB)`);
  // CPU time (user + system) is less sensitive than wall time to other jobs on a shared machine.
  if (oursCpuMs !== undefined && sqliteCpuMs !== undefined)
    console.log(
      `  CPU time (user + sys) ours / sqlite3  ${seconds(oursCpuMs)} s / ${seconds(sqliteCpuMs)} s = ${(oursCpuMs / sqliteCpuMs).toFixed(2)} (load ${loadavg()[0]?.toFixed(2)})`,
    );

  // Where the time goes, and the floors under it: the same input through less and less of the pipeline, each
  // in its own child (CPU time from /usr/bin/time). `bare` is sqlite3's own job (raw fields into a bare table)
  // done from Node: no importer that reads the file in JavaScript can be faster than it.
  const floors = [
    ["--read", "read + decode"],
    ["--tokenize", "read + decode + tokenize"],
    ["--bare", "tokenize + bare-table insert (.import's job)"],
    ["--dry", "read + tokenize + map (no store)"],
  ] as const;
  console.log("  floors (each ratio to sqlite3 .import, wall and CPU):");
  for (const [mode, label] of floors) {
    const floorDb = join(dir, `floor-${layout}.db`);
    for (const f of [floorDb, `${floorDb}-wal`, `${floorDb}-shm`]) rmSync(f, { force: true });
    const floorArgs = compiled
      ? [compiled, file, floorDb, layout, mode]
      : ["--import", "tsx", child, file, floorDb, layout, mode];
    const f0 = performance.now();
    const fr = spawnSync("/usr/bin/time", ["-v", process.execPath, ...floorArgs], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    const floorWall = performance.now() - f0;
    if (fr.status !== 0) {
      console.log(`    ${label}: failed (exit ${fr.status}) ${fr.stderr.slice(0, 300)}`);
      continue;
    }
    const floorCpu = cpuMs(fr.stderr);
    const cpuText =
      floorCpu !== undefined && sqliteCpuMs !== undefined
        ? `, CPU ${seconds(floorCpu)} s = ${(floorCpu / sqliteCpuMs).toFixed(2)}×`
        : "";
    console.log(
      `    ${label.padEnd(46)} ${seconds(floorWall)} s = ${(floorWall / sqliteMs).toFixed(2)}× (${((100 * floorWall) / wallMs).toFixed(0)}% of ours)${cpuText}`,
    );
    for (const f of [floorDb, `${floorDb}-wal`, `${floorDb}-shm`]) rmSync(f, { force: true });
  }
  if (profile) {
    const prof = readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
    console.log(`  CPU profile                          ${prof ? join(profDir, prof) : "(none)"}`);
  }
}
