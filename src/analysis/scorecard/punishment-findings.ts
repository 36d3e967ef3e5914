/**
 * Findings on the duty to punish: per tribunal, outcomes, conviction rate, cost, detention before judgment,
 * one-sidedness and jurisdiction coverage — each saying whether it rests on cases or published aggregates.
 * @module
 */
import type { AccountabilityReport, TribunalAccountability } from "../accountability/accountability.js";
import { daysBetween, type CaseBundle } from "../../domain/index.js";
import { FindingMaker, type Finding } from "./finding.js";

/** A year count for a sentence: one decimal, without a trailing ".0". */
export function years(n: number): string {
  const r = Math.round(n * 10) / 10;
  return `${r} year${r === 1 ? "" : "s"}`;
}

/** "24.0 million USD", "950,000 USD". */
export function usd(n: number): string {
  return n >= 1_000_000
    ? `${(n / 1_000_000).toFixed(1)} million USD`
    : `${Math.round(n).toLocaleString("en-US")} USD`;
}

function tribunalFindings(fm: FindingMaker, bundle: CaseBundle, t: TribunalAccountability): Finding[] {
  const out: Finding[] = [];
  const caseIds = bundle.records.tribunalCase.filter((c) => c.tribunal === t.tribunal).map((c) => c.id);
  const o = t.outcomes;
  const inRecord = Object.values(t.casesInRecord).reduce((a, b) => a + b, 0);
  const basis =
    t.outcomeBasis.convicted === "aggregates"
      ? `published totals${inRecord > 0 ? `; the ${inRecord} individual case record${inRecord === 1 ? " is" : "s are"} a subset of these totals, not added on top` : ""}`
      : "cases in the record";
  const rate =
    t.convictionRate === undefined ? "" : ` (conviction rate ${Math.round(t.convictionRate * 100)}%)`;
  out.push(
    fm.make({
      id: `outcomes:${t.tribunal}`,
      duty: "punishment",
      topic: "outcomes",
      verdict: "info",
      text: `${t.name}: ${o.convicted} convicted, ${o.acquitted} acquitted${rate}; ${o.pending} pending, ${o.referred} referred, ${o.withdrawn} withdrawn, ${o.died} died, ${o.fugitive} fugitive (from ${basis}).`,
      figures: {
        ...o,
        judged: t.judged,
        judgedBasis: t.judgedBasis,
        outcomesBasis: t.outcomeBasis.convicted,
        casesInRecord: inRecord,
        convictionRate: t.convictionRate ?? null,
      },
      evidence: [t.tribunal, ...caseIds],
    }),
  );
  if (t.costPerAccusedJudgedUsd !== undefined && t.budgetUsd !== undefined) {
    out.push(
      fm.make({
        id: `cost:${t.tribunal}`,
        duty: "punishment",
        topic: "cost",
        verdict: "info",
        text: `${t.name}: ${t.budgetApproximate ? "about " : ""}${usd(t.budgetUsd)} for ${t.judged} accused judged, ${t.budgetApproximate ? "about " : ""}${usd(t.costPerAccusedJudgedUsd)} per accused (judged count from ${t.judgedBasis === "aggregates" ? "published totals" : "cases in the record"}).`,
        figures: {
          budgetUsd: t.budgetUsd,
          judged: t.judged,
          costPerAccusedJudgedUsd: t.costPerAccusedJudgedUsd,
          basis: t.judgedBasis,
        },
        evidence: [t.tribunal],
      }),
    );
  }
  const longest = [...t.detention]
    .filter((d) => d.beforeFirstJudgment)
    .sort((a, b) => (b.beforeFirstJudgment?.years ?? 0) - (a.beforeFirstJudgment?.years ?? 0))[0];
  if (longest?.beforeFirstJudgment) {
    const first = longest.beforeFirstJudgment;
    const final = longest.beforeFinalJudgment;
    const how = (b: string) =>
      b === "dates"
        ? "from arrest and judgment dates"
        : b === "reported"
          ? "as reported"
          : "detained, not yet judged";
    out.push(
      fm.make({
        id: `detention:${t.tribunal}`,
        duty: "punishment",
        topic: "detention",
        verdict: first.years >= 2 ? "gap" : "info",
        text: `${t.name}: longest documented detention before first judgment ${first.approximate ? "about " : ""}${years(first.years)} (${fm.name(longest.accused)}, ${how(first.basis)})${final ? `, ${years(final.years)} before the final judgment` : ""}; ${t.detention.filter((d) => d.beforeFirstJudgment).length} case(s) with a documented detention.`,
        figures: {
          maxYearsBeforeFirstJudgment: first.years,
          basis: first.basis,
          maxYearsBeforeFinalJudgment: t.maxYearsBeforeFinalJudgment ?? null,
          medianYearsBeforeFirstJudgment: t.medianYearsBeforeFirstJudgment ?? null,
        },
        evidence: [longest.case],
      }),
    );
  }
  for (const s of t.sides) {
    out.push(
      fm.make({
        id: `side:${t.tribunal}:${s.side}`,
        duty: "punishment",
        topic: "one-sidedness",
        verdict: s.flagged ? "gap" : "info",
        text: s.flagged
          ? `${t.name}: nobody of ${s.name} was prosecuted although ${s.incidentsInMandate} documented crime incident(s) by that side fall within the mandate.`
          : `${t.name}: ${s.accused} accused of ${s.name}; ${s.incidentsInMandate} documented crime incident(s) by that side within the mandate (${s.incidents} in all).`,
        figures: {
          accused: s.accused,
          incidents: s.incidents,
          incidentsInMandate: s.incidentsInMandate,
          flagged: s.flagged,
        },
        evidence: [t.tribunal, ...s.incidentIds],
      }),
    );
  }
  if (t.outsideMandate.length > 0) {
    const first = t.outsideMandate[0]?.from ?? "";
    const last = t.outsideMandate.reduce((m, x) => (x.to > m ? x.to : m), "");
    const temporal = t.outsideMandate.filter((x) => x.reason !== "territorial").length;
    out.push(
      fm.make({
        id: `jurisdiction:${t.tribunal}`,
        duty: "punishment",
        topic: "jurisdiction",
        verdict: "gap",
        text: `${t.name}: ${t.outsideMandate.length} documented crime incident(s) from ${first} to ${last} fall outside its mandate (${t.mandate.temporal.from} to ${t.mandate.temporal.to}; ${temporal} outside its temporal mandate, ${t.outsideMandate.length - temporal} outside its territory only).`,
        figures: {
          outside: t.outsideMandate.length,
          outsideTemporal: temporal,
          from: first,
          to: last,
          mandateFrom: t.mandate.temporal.from,
          mandateTo: t.mandate.temporal.to,
          spanDays: first === "" ? null : daysBetween(first, last),
        },
        evidence: [t.tribunal, ...t.outsideMandate.map((x) => x.incident)],
      }),
    );
  }
  return out;
}

/** Findings on every tribunal of the case. */
export function punishmentFindings(bundle: CaseBundle, report: AccountabilityReport): Finding[] {
  const fm = new FindingMaker(bundle);
  return report.tribunals.flatMap((t) => tribunalFindings(fm, bundle, t));
}
