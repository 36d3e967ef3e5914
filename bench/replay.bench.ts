/**
 * Replay benchmark: the incremental replay against an honest baseline run in the same script — a full
 * re-assessment per step (`assess(bundle, rulebook, day)`: as-of filter, evidence extraction and sort, scoring),
 * which is what a replay without incremental state would do.
 * 1. The built-in case, daily steps over its whole period (both methods on every step).
 * 2. A generated fictional case of 100,000 incidents over ten years, weekly steps (the baseline on 8 evenly
 *    spaced steps, its per-step cost extrapolated — running it on all steps would take many minutes).
 * Both methods must agree on the steps compared, or the script fails. Times are CPU time (process.cpuUsage) —
 * what the code costs even on a shared machine — and wall-clock time.
 * Run: `npx tsx bench/replay.bench.ts`. Prints steps per second and the ratio to the baseline.
 * @module
 */
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadRulebook } from "../src/casefiles/read-rulebook.js";
import { readCaseFolder } from "../src/casefiles/read-case-folder.js";
import {
  addDays,
  emptyRecords,
  type CaseBundle,
  type Incident,
  type ActType,
  type Source,
} from "../src/domain/index.js";
import {
  assess,
  replay,
  stepDates,
  type Assessment,
  type ReplayStep,
  type ValidRulebook,
} from "../src/engine/index.js";

const root = fileURLToPath(new URL("../", import.meta.url));

/** A small seeded PRNG (mulberry32) so the generated case is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 100,000 incidents in 8 fictional countries with 3 groups each, 2000–2009, sources of every grade. */
export function syntheticCase(n: number): CaseBundle {
  const rand = prng(20240407);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const countries = ["XAA", "XAB", "XAC", "XAD", "XAE", "XAF", "XAG", "XAH"];
  const groups = countries.flatMap((c) =>
    [1, 2, 3].map((g) => ({ id: `${c.toLowerCase()}-g${g}`, country: c })),
  );
  const grades = ["A1", "A2", "B2", "B3", "C3", "D4", "E5", "F6"];
  const sources: Source[] = Array.from({ length: 200 }, (_, i) => {
    const g = pick(grades);
    const known = addDays("1999-01-01", Math.floor(rand() * 3000));
    return {
      id: `src-${i}`,
      kind: "media",
      title: `Source ${i}`,
      occurredAt: { from: known, to: known, precision: "day" },
      knownAt: known,
      citations: [{ source: `src-${i}`, locator: "masthead" }],
      reliability: g[0] as Source["reliability"],
      credibility: Number(g[1]) as Source["credibility"],
      confidential: false,
    };
  });
  const acts: readonly ActType[] = [
    "armed-clash",
    "armed-clash",
    "armed-clash",
    "killing",
    "killing",
    "massacre",
    "arbitrary-detention",
    "political-violence",
    "protest-repression",
    "forced-displacement",
    "hate-propaganda",
    "arms-distribution",
    "militia-training",
    "registration-of-group",
    "destruction-of-property",
    "attack-on-peacekeepers",
  ];
  const involvement = ["none", "alleged", "documented", "confirmed", "unknown"] as const;
  const incidents: Incident[] = [];
  for (let i = 0; i < n; i += 1) {
    const g = pick(groups);
    const targeted = rand() < 0.4;
    const on = addDays("2000-01-01", Math.floor(rand() * 3650));
    const known = addDays(on, Math.floor(rand() * rand() * 120));
    const act = pick(acts);
    incidents.push({
      id: `inc-${i}`,
      occurredAt: { from: on, to: on, precision: "day" },
      knownAt: known,
      citations: [{ source: `src-${Math.floor(rand() * sources.length)}`, locator: `item ${i}` }],
      summary: `incident ${i}`,
      acts: [act],
      place: { country: g.country },
      perpetrators: [],
      ...(targeted ? { targetGroup: g.id } : {}),
      ...(act === "killing" || act === "massacre" || act === "armed-clash"
        ? { fatalities: { best: Math.floor(rand() * rand() * 400) } }
        : {}),
      organised: pick(involvement),
      stateInvolvement: pick(involvement),
    });
  }
  return {
    manifest: {
      id: "synthetic-bench",
      title: "Generated benchmark case",
      region: "Fictional",
      countries,
      period: { from: "2000-01-01", to: "2009-12-31" },
      sides: [],
      escalationChain: [],
    },
    records: {
      ...emptyRecords(),
      source: sources,
      incident: incidents,
      group: groups.map((g) => ({
        id: g.id,
        name: g.id,
        kind: "ethnical" as const,
        countries: [g.country],
        occurredAt: { from: "2000-01-01", to: "2000-01-01", precision: "day" as const },
        knownAt: "2000-01-01",
        citations: [{ source: "src-0", locator: "x" }],
      })),
    },
  };
}

/** Wall-clock and CPU time of `f` (the CPU time is what the code costs when the machine is shared). */
function time<T>(f: () => T): { value: T; ms: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

/** Best (by CPU time) of `runs` incremental replays, then one traced replay to compare with the baseline. */
function incremental(bundle: CaseBundle, rulebook: ValidRulebook, step: ReplayStep, runs: number) {
  let best = { ms: Number.POSITIVE_INFINITY, cpuMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < runs; i += 1) {
    const r = time(() => replay(bundle, rulebook, { step }));
    if (r.cpuMs < best.cpuMs) best = { ms: r.ms, cpuMs: r.cpuMs };
  }
  return { ...best, result: replay(bundle, rulebook, { step, trace: true }) };
}

/** Full re-assessment on the given days (each with the previous one as `previous`, as a replay would). */
function naive(bundle: CaseBundle, rulebook: ValidRulebook, days: readonly string[]) {
  let previous: readonly Assessment[] = [];
  const out = new Map<string, readonly Assessment[]>();
  const r = time(() => {
    for (const d of days) {
      previous = assess(bundle, rulebook, d, previous);
      out.set(d, previous);
    }
  });
  return { ms: r.ms, cpuMs: r.cpuMs, out };
}

interface Timed {
  readonly ms: number;
  readonly cpuMs: number;
}

function report(name: string, steps: number, inc: Timed, baseSteps: number, base: Timed, note: string): void {
  const rate = (n: number, ms: number): number => (n / ms) * 1000;
  console.log(name);
  console.log(
    `  incremental replay: ${steps} steps in ${inc.cpuMs.toFixed(0)} ms CPU (${inc.ms.toFixed(0)} ms wall) = ${rate(steps, inc.cpuMs).toFixed(1)} steps/s (CPU), ${rate(steps, inc.ms).toFixed(1)} steps/s (wall)`,
  );
  console.log(
    `  baseline, full re-assessment per step: ${baseSteps} steps in ${base.cpuMs.toFixed(0)} ms CPU (${base.ms.toFixed(0)} ms wall) = ${rate(baseSteps, base.cpuMs).toFixed(2)} steps/s (CPU)${note}`,
  );
  console.log(
    `  ratio (steps/s, CPU): incremental / baseline = ${(rate(steps, inc.cpuMs) / rate(baseSteps, base.cpuMs)).toFixed(1)}×`,
  );
}

/** Baseline steps measured on the generated case (each costs a full extraction of 100,000 incidents). */
const SAMPLE = 8;
console.log(
  `load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} CPU(s): wall times include waiting for the CPU.\n`,
);

const rb = await loadRulebook(root);
if (!rb.ok) throw new Error(`rulebook invalid: ${JSON.stringify(rb.problems)}`);
const rulebook = rb.rulebook;

// 1. The built-in case, daily.
const built = await readCaseFolder(join(root, "cases/rwanda-1990-1994"));
if (!built.ok) throw new Error("the built-in case is invalid");
const days = stepDates(built.bundle.manifest.period.from, built.bundle.manifest.period.to, "day");
const inc1 = incremental(built.bundle, rulebook, "day", 5);
const base1 = naive(built.bundle, rulebook, days);
// The two methods must agree, or the comparison means nothing.
for (const s of inc1.result.trace ?? []) {
  if (JSON.stringify(s.assessments) !== JSON.stringify(base1.out.get(s.date)))
    throw new Error(`disagreement on ${s.date}`);
}
report(
  `built-in case ${built.bundle.manifest.id}, daily (${days.length} steps, ${built.bundle.records.incident.length} incidents)`,
  inc1.result.steps,
  inc1,
  days.length,
  base1,
  "",
);

// 2. 100,000 generated incidents, weekly.
const gen = time(() => syntheticCase(100_000));
console.log(`\ngenerated case: 100000 incidents in ${gen.cpuMs.toFixed(0)} ms CPU`);
const weeks = stepDates("2000-01-01", "2009-12-31", "week");
const inc2 = incremental(gen.value, rulebook, "week", 2);
const sample = weeks.filter((_, i) => i % Math.ceil(weeks.length / SAMPLE) === 0);
const base2 = naive(gen.value, rulebook, sample);
const byDate = new Map((inc2.result.trace ?? []).map((s) => [s.date, s.assessments]));
for (const d of sample) {
  const a = byDate.get(d)?.map((x) => [x.situation.id, x.level, x.score]);
  const b = base2.out.get(d)?.map((x) => [x.situation.id, x.level, x.score]);
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`disagreement on ${d}`);
}
report(
  `generated case, weekly (${weeks.length} steps, ${inc2.result.final.length} situations, ${inc2.result.alerts.length} alerts)`,
  inc2.result.steps,
  inc2,
  sample.length,
  base2,
  `; measured on ${sample.length} evenly spaced steps (all ${weeks.length} would cost about ${(((base2.cpuMs / sample.length) * weeks.length) / 1000).toFixed(0)} s CPU)`,
);
