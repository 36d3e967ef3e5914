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

import { extractEvidence } from "../src/engine/index.js";
const rb = await loadRulebook(root); if (!rb.ok) throw 1;
const b = syntheticCase(Number(process.argv[2] ?? 100000));
const cpu = (f: () => unknown) => { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); return ((c.user + c.system) / 1000).toFixed(0); };
console.log("extract cpu", cpu(() => extractEvidence(b, rb.rulebook)));
console.log("replay cpu (no trace)", cpu(() => replay(b, rb.rulebook, { step: "week" })));
console.log("replay cpu (no trace)", cpu(() => replay(b, rb.rulebook, { step: "week" })));
