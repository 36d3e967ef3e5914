/**
 * Scoring a replay against its case's evaluation truth, for the development set: how long before the onset the
 * engine said high and imminent, how long after the records documented a mass atrocity it said ongoing, how high
 * a control went, how often levels reversed, and whether a situation dropped to none while a structural factor
 * stood. The truth (`evaluation` in case.json) is read only here, after the replay.
 * @module
 */
import { addDays, daysBetween, type CaseBundle } from "../../domain/index.js";
import { levelRank, type Alert, type ReplayResult, type RiskLevel } from "../../engine/index.js";
import { structuralFactors } from "./structural-factors.js";

/** A downward change within this many days of the situation's previous change is a quick reversal. */
export const QUICK_REVERSAL_DAYS = 30;
/** Ongoing must come within this many days of the first record documenting a mass atrocity. */
export const ONGOING_LAG_TARGET_DAYS = 7;

export interface TargetCheck {
  readonly target: string;
  readonly met: boolean;
  readonly detail: string;
}

export interface CaseEvaluation {
  readonly case: string;
  readonly kind: "onset" | "control" | "none";
  readonly onset: string | null;
  /** The situations scored: the onset group in the onset country (or all). */
  readonly situations: readonly string[];
  readonly firstHigh: string | null;
  readonly firstImminent: string | null;
  readonly firstOngoing: string | null;
  /**
   * Days from the start of the spell at high or above (imminent or above) still in force on the eve of the onset;
   * null when no scored situation was at that level then (a high that fell back before the onset is no warning).
   */
  readonly leadHigh: number | null;
  readonly leadImminent: number | null;
  readonly persecutionKnown: string | null;
  readonly massAtrocityKnown: string | null;
  /** Days from the first record documenting a mass atrocity to the first ongoing; negative: before it. */
  readonly ongoingLag: number | null;
  readonly maxLevel: RiskLevel;
  /** Days at high or above in the period (all scored situations together). */
  readonly daysHighOrAbove: number;
  readonly reversals: number;
  readonly quickReversals: number;
  /** Drops to none, in any situation of the case, while a structural factor stood. */
  readonly dropsToNoneWithStructural: readonly {
    readonly situation: string;
    readonly date: string;
    readonly factor: string;
  }[];
  readonly targets: readonly TargetCheck[];
}

function levelsOf(alerts: readonly Alert[], situations: ReadonlySet<string>): Alert[] {
  return alerts.filter((a) => situations.has(a.situation.id));
}

/** Days at high or above within [from, to], for the union of the scored situations. */
function daysHighOrAbove(alerts: readonly Alert[], from: string, to: string): number {
  const level = new Map<string, RiskLevel>();
  let days = 0;
  let since: string | null = null;
  const high = (): boolean => [...level.values()].some((l) => levelRank(l) >= levelRank("high"));
  for (const a of [...alerts].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))) {
    const was = high();
    level.set(a.situation.id, a.level);
    const is = high();
    if (!was && is) since = a.date < from ? from : a.date;
    if (was && !is && since !== null) {
      days += Math.max(0, daysBetween(since, a.date < to ? a.date : to));
      since = null;
    }
  }
  if (since !== null) days += Math.max(0, daysBetween(since, to) + 1);
  return days;
}

/**
 * The lag of ongoing after day `mk`: when a scored situation is ongoing on `mk`, minus the days since that spell
 * of ongoing began (it came early); else the days until one becomes ongoing; null if none ever does after `mk`.
 */
function lagOfOngoing(alerts: readonly Alert[], mk: string): number | null {
  const sorted = [...alerts].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const spellStart = new Map<string, string>();
  for (const a of sorted) {
    if (a.date > mk) break;
    if (a.level === "ongoing") spellStart.set(a.situation.id, spellStart.get(a.situation.id) ?? a.date);
    else spellStart.delete(a.situation.id);
  }
  const starts = [...spellStart.values()].sort();
  if (starts.length > 0) return -daysBetween(starts[0] as string, mk);
  const later = sorted.find((a) => a.date > mk && a.level === "ongoing");
  return later === undefined ? null : daysBetween(mk, later.date);
}

/**
 * Days from the start of the spell at `level` or above that is in force on the eve of `onset` (the earliest, over
 * the scored situations) to the onset; null when none is.
 */
function leadInForce(alerts: readonly Alert[], onset: string | null, level: RiskLevel): number | null {
  if (onset === null) return null;
  const since = new Map<string, string>();
  const sorted = [...alerts].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  for (const a of sorted) {
    if (a.date >= onset) break;
    if (levelRank(a.level) >= levelRank(level))
      since.set(a.situation.id, since.get(a.situation.id) ?? a.date);
    else since.delete(a.situation.id);
  }
  const start = [...since.values()].sort()[0];
  return start === undefined ? null : daysBetween(start, onset);
}

/**
 * Evaluate one case's replay against its truth.
 * @example evaluateCase(bundle, replay(bundle, rulebook, { step: "week", lexicon })).targets
 */
export function evaluateCase(bundle: CaseBundle, result: ReplayResult): CaseEvaluation {
  const ev = bundle.manifest.evaluation;
  const all = [...result.firstBySituation.keys()];
  const situations = all.filter((id) => {
    const [country, group] = id.split("/");
    return (
      (ev?.onsetCountry === undefined || ev.onsetCountry === country) &&
      (ev?.onsetGroup === undefined || ev.onsetGroup === group)
    );
  });
  const first = (level: "high" | "imminent" | "ongoing"): string | null =>
    situations
      .map((id) => result.firstBySituation.get(id)?.[level] ?? null)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? null;
  const onset = ev?.onset ?? null;
  const kind = ev?.control ? "control" : onset !== null ? "onset" : "none";
  const scored = levelsOf(result.alerts, new Set(situations));
  const maxLevel = scored.reduce<RiskLevel>(
    (m, a) => (levelRank(a.level) > levelRank(m) ? a.level : m),
    "none",
  );
  const lastChange = new Map<string, string>();
  let reversals = 0;
  let quick = 0;
  for (const a of scored) {
    const prev = lastChange.get(a.situation.id);
    if (levelRank(a.level) < levelRank(a.previousLevel)) {
      reversals += 1;
      if (prev !== undefined && daysBetween(prev, a.date) < QUICK_REVERSAL_DAYS) quick += 1;
    }
    lastChange.set(a.situation.id, a.date);
  }
  const drops = result.alerts
    .filter((a) => a.level === "none")
    .flatMap((a) => {
      const factors = structuralFactors(bundle, a.situation.id, a.date);
      return factors.length === 0
        ? []
        : [{ situation: a.situation.id, date: a.date, factor: factors[0] as string }];
    });
  const firstHigh = first("high");
  const firstImminent = first("imminent");
  const firstOngoing = first("ongoing");
  const pk = ev?.persecutionKnown ?? null;
  const mk = ev?.massAtrocityKnown ?? null;
  const ongoingLag = mk === null ? null : lagOfOngoing(scored, mk);
  const leadHigh = leadInForce(scored, onset, "high");
  const targets: TargetCheck[] = [];
  if (onset !== null && pk !== null && pk < onset)
    targets.push({
      target: "high in force before the onset",
      met: leadHigh !== null,
      detail:
        leadHigh !== null
          ? `high or above from ${addDays(onset, -leadHigh)}, onset ${onset}`
          : firstHigh === null
            ? "never high"
            : `not high on the eve of the onset ${onset} (first high ${firstHigh})`,
    });
  if (mk !== null)
    targets.push({
      target: `ongoing within ${ONGOING_LAG_TARGET_DAYS} days`,
      met: ongoingLag !== null && ongoingLag <= ONGOING_LAG_TARGET_DAYS,
      detail: ongoingLag === null ? "never ongoing" : `${ongoingLag} day(s) after ${mk}`,
    });
  if (kind === "control")
    targets.push({
      target: "control never above high",
      met: levelRank(maxLevel) <= levelRank("high"),
      detail: `highest level ${maxLevel}`,
    });
  targets.push({
    target: `no reversal within ${QUICK_REVERSAL_DAYS} days`,
    met: quick === 0,
    detail: `${quick} of ${reversals} reversal(s)`,
  });
  targets.push({
    target: "never none while a structural factor stands",
    met: drops.length === 0,
    detail: drops.length === 0 ? "none" : drops.map((d) => `${d.situation} ${d.date}`).join(", "),
  });
  return {
    case: bundle.manifest.id,
    kind,
    onset,
    situations: situations.sort(),
    firstHigh,
    firstImminent,
    firstOngoing,
    leadHigh,
    leadImminent: leadInForce(scored, onset, "imminent"),
    persecutionKnown: pk,
    massAtrocityKnown: mk,
    ongoingLag,
    maxLevel,
    daysHighOrAbove: daysHighOrAbove(scored, result.from, result.to),
    reversals,
    quickReversals: quick,
    dropsToNoneWithStructural: drops,
    targets,
  };
}

/** The summary row: targets met out of those that apply, per target, over every case evaluated. */
export function summariseEvaluations(rows: readonly CaseEvaluation[]): {
  readonly cases: number;
  readonly targets: readonly { readonly target: string; readonly met: number; readonly of: number }[];
  readonly medianLeadHigh: number | null;
  readonly medianOngoingLag: number | null;
} {
  const by = new Map<string, { met: number; of: number }>();
  for (const r of rows)
    for (const t of r.targets) {
      const s = by.get(t.target) ?? { met: 0, of: 0 };
      s.of += 1;
      if (t.met) s.met += 1;
      by.set(t.target, s);
    }
  const median = (xs: number[]): number | null => {
    if (xs.length === 0) return null;
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  return {
    cases: rows.length,
    targets: [...by].map(([target, s]) => ({ target, ...s })),
    medianLeadHigh: median(rows.flatMap((r) => (r.leadHigh === null ? [] : [r.leadHigh]))),
    medianOngoingLag: median(rows.flatMap((r) => (r.ongoingLag === null ? [] : [r.ongoingLag]))),
  };
}
