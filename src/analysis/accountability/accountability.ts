/**
 * The accountability tracker: per tribunal, cases by outcome, detention before judgment, conviction rate,
 * cost per accused judged, one-sidedness and jurisdiction coverage — each figure saying what it rests on.
 * @module
 */
import {
  asOf as asOfGate,
  CASE_OUTCOMES,
  type CaseBundle,
  type CaseOutcome,
  type Tribunal,
  type TribunalCase,
} from "../../domain/index.js";
import { median } from "../median.js";
import { detentionOf, type DetentionRecord } from "./detention.js";
import { coverage, isCrime, sideRecords, type SideRecord } from "./sides.js";

/** `cases`: counted from the individual cases in the record; `aggregates`: from the tribunal's published totals. */
export type FigureBasis = "cases" | "aggregates";

export interface OutOfMandate {
  readonly incident: string;
  readonly from: string;
  readonly to: string;
  readonly country: string;
  readonly reason: "temporal" | "territorial" | "temporal-and-territorial";
}

export interface TribunalAccountability {
  readonly tribunal: string;
  readonly name: string;
  readonly mandate: Tribunal["mandate"];
  /**
   * Outcome counts: the published aggregate where there is one, else the count of cases in the record. When the
   * tribunal publishes totals of judgments, judged case records are a subset of them and are not added (so
   * `unknown` is then 0, basis `aggregates`).
   */
  readonly outcomes: Readonly<Record<CaseOutcome, number>>;
  readonly outcomeBasis: Readonly<Record<CaseOutcome, FigureBasis>>;
  /** Cases in the record by outcome (as of the day), for comparison with the aggregates. */
  readonly casesInRecord: Readonly<Record<CaseOutcome, number>>;
  readonly judged: number;
  readonly judgedBasis: FigureBasis;
  /** Convicted / (convicted + acquitted); undefined when nobody was judged. */
  readonly convictionRate?: number;
  readonly budgetUsd?: number;
  readonly budgetApproximate?: boolean;
  /** Budget / accused judged; undefined without a budget or without anyone judged. */
  readonly costPerAccusedJudgedUsd?: number;
  readonly detention: readonly DetentionRecord[];
  readonly maxYearsBeforeFirstJudgment?: number;
  readonly medianYearsBeforeFirstJudgment?: number;
  readonly maxYearsBeforeFinalJudgment?: number;
  readonly sides: readonly SideRecord[];
  /** Sides with documented crimes in the mandate and nobody accused. */
  readonly sidesNeverProsecuted: readonly string[];
  readonly outsideMandate: readonly OutOfMandate[];
  /** Incidents in other countries when the mandate covers "neighbouring States" (the record cannot tell). */
  readonly territorialUncertain: readonly string[];
}

export interface AccountabilityReport {
  readonly asOf: string;
  readonly tribunals: readonly TribunalAccountability[];
}

function zeroCounts(): Record<CaseOutcome, number> {
  return Object.fromEntries(CASE_OUTCOMES.map((o) => [o, 0])) as Record<CaseOutcome, number>;
}

/** The outcome of a case as of a day: a judgment not yet given is still pending. */
function outcomeAsOf(c: TribunalCase, asOf: string): CaseOutcome {
  const judgedOutcome = c.outcome === "convicted" || c.outcome === "acquitted" || c.outcome === "unknown";
  if (judgedOutcome && c.firstJudgmentAt !== undefined && c.firstJudgmentAt > asOf) {
    return "pending";
  }
  return c.outcome;
}

function maxOf(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : Math.max(...values);
}

function trackTribunal(bundle: CaseBundle, t: Tribunal, asOf: string): TribunalAccountability {
  const r = bundle.records;
  const cases = r.tribunalCase.filter((c) => c.tribunal === t.id);
  const casesInRecord = zeroCounts();
  for (const c of cases) casesInRecord[outcomeAsOf(c, asOf)] += 1;
  const outcomes = zeroCounts();
  const outcomeBasis = {} as Record<CaseOutcome, FigureBasis>;
  // Published totals of judgments cover every accused judged: the individual case records are a subset of them,
  // already counted, so a judged case (even one whose outcome the source does not give) is not added on top.
  const judgedTotals =
    t.aggregates?.judged !== undefined ||
    t.aggregates?.convicted !== undefined ||
    t.aggregates?.acquitted !== undefined;
  for (const o of CASE_OUTCOMES) {
    const agg =
      o === "pending" ? undefined : o === "unknown" ? (judgedTotals ? 0 : undefined) : t.aggregates?.[o];
    outcomes[o] = agg ?? casesInRecord[o];
    outcomeBasis[o] = agg === undefined ? "cases" : "aggregates";
  }
  const aggJudged =
    t.aggregates?.judged ??
    (t.aggregates?.convicted !== undefined && t.aggregates.acquitted !== undefined
      ? t.aggregates.convicted + t.aggregates.acquitted
      : undefined);
  // A case judged with an outcome the source does not give ("unknown") was judged all the same.
  const judged = aggJudged ?? casesInRecord.convicted + casesInRecord.acquitted + casesInRecord.unknown;
  const decided = outcomes.convicted + outcomes.acquitted;
  const detention = cases.map((c) => detentionOf(c, asOf));
  const first = detention.flatMap((d) => (d.beforeFirstJudgment ? [d.beforeFirstJudgment.years] : []));
  const final = detention.flatMap((d) => (d.beforeFinalJudgment ? [d.beforeFinalJudgment.years] : []));
  const sides = sideRecords(bundle.manifest, t, cases, r.incident, r.actor);
  const outsideMandate: OutOfMandate[] = [];
  const territorialUncertain: string[] = [];
  for (const i of r.incident.filter(isCrime)) {
    const cov = coverage(i, t);
    if (cov.territorial === "uncertain") territorialUncertain.push(i.id);
    const territorialOut = cov.territorial === false;
    if (cov.temporal && !territorialOut) continue;
    const reason =
      !cov.temporal && territorialOut
        ? "temporal-and-territorial"
        : cov.temporal
          ? "territorial"
          : "temporal";
    outsideMandate.push({
      incident: i.id,
      from: i.occurredAt.from,
      to: i.occurredAt.to,
      country: i.place.country,
      reason,
    });
  }
  outsideMandate.sort((a, b) => a.from.localeCompare(b.from) || a.incident.localeCompare(b.incident));
  const maxFirst = maxOf(first);
  const medFirst = median(first);
  const maxFinal = maxOf(final);
  return {
    tribunal: t.id,
    name: t.name,
    mandate: t.mandate,
    outcomes,
    outcomeBasis,
    casesInRecord,
    judged,
    judgedBasis: aggJudged === undefined ? "cases" : "aggregates",
    ...(decided > 0 ? { convictionRate: outcomes.convicted / decided } : {}),
    ...(t.budget ? { budgetUsd: t.budget.totalUsd, budgetApproximate: t.budget.approximate } : {}),
    ...(t.budget && judged > 0 ? { costPerAccusedJudgedUsd: t.budget.totalUsd / judged } : {}),
    detention,
    ...(maxFirst === undefined ? {} : { maxYearsBeforeFirstJudgment: maxFirst }),
    ...(medFirst === undefined ? {} : { medianYearsBeforeFirstJudgment: medFirst }),
    ...(maxFinal === undefined ? {} : { maxYearsBeforeFinalJudgment: maxFinal }),
    sides,
    sidesNeverProsecuted: sides.filter((s) => s.flagged).map((s) => s.side),
    outsideMandate,
    territorialUncertain,
  };
}

/**
 * Accountability figures for every tribunal of a case, from the records known on `asOf`.
 * @example buildAccountability(bundle, { asOf: "2015-12-31" }).tribunals[0].costPerAccusedJudgedUsd
 */
export function buildAccountability(
  bundle: CaseBundle,
  options: { readonly asOf: string },
): AccountabilityReport {
  const known = asOfGate(bundle, options.asOf);
  return {
    asOf: options.asOf,
    tribunals: known.records.tribunal
      .filter((t) => t.occurredAt.from <= options.asOf)
      .map((t) => trackTribunal(known, t, options.asOf)),
  };
}
