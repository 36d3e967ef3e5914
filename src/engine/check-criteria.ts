/**
 * The semantic checks of a rulebook's level criteria (rulebook 3): known levels, mappings, scopes, measures and
 * confidence tiers; a criterion for every level; `requires` pointing to a lower level; the confidence grades and
 * speakers the criteria need. Also builds the criteria part of the evaluation plan.
 * @module
 */
import { ATROCITY_CRIMES, CREDIBILITY, RELIABILITY } from "../domain/index.js";
import {
  CONDITION_MEASURES,
  CONDITION_SCOPES,
  CONFIDENCE_TIERS,
  CRITERION_SITUATIONS,
  RULED_LEVELS,
  levelRank,
  type RiskLevel,
  type RulebookDocument,
} from "./rulebook.js";
import type { RulebookProblem } from "./rulebook-problem.js";
import { conditionKey, type CriteriaPlan } from "./criteria/criteria-plan.js";

const oneOf = (
  value: string | undefined,
  allowed: readonly string[],
  path: string,
  what: string,
  out: RulebookProblem[],
): void => {
  if (value !== undefined && !allowed.includes(value))
    out.push({
      code: "unknown-reference",
      path,
      message: `unknown ${what} "${value}" (use ${allowed.join(", ")})`,
    });
};

function checkConfidence(doc: RulebookDocument, out: RulebookProblem[]): void {
  const c = doc.confidence;
  if (c === undefined) {
    out.push({ code: "missing", path: "confidence", message: "criteria need the confidence grades" });
    return;
  }
  for (const tier of ["confirmed", "probable"] as const) {
    c[tier].reliability.forEach((r, i) =>
      oneOf(r, RELIABILITY, `confidence.${tier}.reliability[${i}]`, "reliability", out),
    );
    c[tier].credibility.forEach((n, i) =>
      oneOf(String(n), CREDIBILITY.map(String), `confidence.${tier}.credibility[${i}]`, "credibility", out),
    );
  }
  const inProbable =
    c.confirmed.reliability.every((r) => c.probable.reliability.includes(r)) &&
    c.confirmed.credibility.every((n) => c.probable.credibility.includes(n));
  if (!inProbable)
    out.push({
      code: "invalid-value",
      path: "confidence.confirmed",
      message: "every confirmed grade must also be probable (a confirmed record is at least probable)",
    });
}

/**
 * Check the criteria and build their plan: criteria by level, and the aggregates the conditions need.
 * @returns the plan, or undefined when there are problems (they are added to `out`).
 */
export function checkCriteria(doc: RulebookDocument, out: RulebookProblem[]): CriteriaPlan | undefined {
  const before = out.length;
  const criteria = doc.criteria ?? [];
  const mappingIds = new Set(doc.mappings.map((m) => m.id));
  checkConfidence(doc, out);
  if (doc.speakers === undefined && doc.mappings.some((m) => m.when.speakers !== undefined))
    out.push({
      code: "missing",
      path: "speakers",
      message: "mappings with `speakers` need the speakers rule",
    });
  const seen = new Set<string>();
  criteria.forEach((cr, i) => {
    const at = `criteria[${i}]`;
    if (seen.has(cr.id))
      out.push({ code: "duplicate-id", path: `${at}.id`, message: `duplicate criterion "${cr.id}"` });
    seen.add(cr.id);
    oneOf(cr.level, RULED_LEVELS, `${at}.level`, "level", out);
    oneOf(cr.situations, CRITERION_SITUATIONS, `${at}.situations`, "situation kind", out);
    (cr.crimes ?? []).forEach((x, j) =>
      oneOf(x, ATROCITY_CRIMES, `${at}.crimes[${j}]`, "atrocity crime", out),
    );
    if (cr.requires !== undefined) {
      oneOf(cr.requires, RULED_LEVELS, `${at}.requires`, "level", out);
      if (
        (RULED_LEVELS as readonly string[]).includes(cr.requires) &&
        levelRank(cr.requires as RiskLevel) >= levelRank(cr.level as RiskLevel)
      )
        out.push({
          code: "invalid-value",
          path: `${at}.requires`,
          message: `a ${cr.level} criterion can only require a lower level, not "${cr.requires}"`,
        });
    }
    const conditionIds = new Set<string>();
    cr.conditions.forEach((cd, j) => {
      const ct = `${at}.conditions[${j}]`;
      if (conditionIds.has(cd.id))
        out.push({ code: "duplicate-id", path: `${ct}.id`, message: `duplicate condition "${cd.id}"` });
      conditionIds.add(cd.id);
      cd.mappings.forEach((m, k) => {
        if (!mappingIds.has(m))
          out.push({
            code: "unknown-reference",
            path: `${ct}.mappings[${k}]`,
            message: `unknown mapping "${m}"`,
          });
      });
      (cd.endedBy ?? []).forEach((m, k) => {
        if (!mappingIds.has(m))
          out.push({
            code: "unknown-reference",
            path: `${ct}.endedBy[${k}]`,
            message: `unknown mapping "${m}"`,
          });
      });
      oneOf(cd.scope, CONDITION_SCOPES, `${ct}.scope`, "scope", out);
      oneOf(cd.measure, CONDITION_MEASURES, `${ct}.measure`, "measure", out);
      oneOf(cd.confidence, CONFIDENCE_TIERS, `${ct}.confidence`, "confidence tier", out);
      if (cd.endedBy !== undefined && cd.withinDays !== undefined)
        out.push({
          code: "invalid-value",
          path: `${ct}.endedBy`,
          message: "only a standing condition (no withinDays) can be ended by other evidence",
        });
      if (cd.measure === "kinds" && (cd.min ?? 1) > cd.mappings.length)
        out.push({
          code: "invalid-value",
          path: `${ct}.min`,
          message: `${cd.min} kinds cannot be found among ${cd.mappings.length} mapping(s)`,
        });
    });
  });
  for (const level of RULED_LEVELS)
    if (!criteria.some((c) => c.level === level))
      out.push({ code: "missing", path: "criteria", message: `no criterion for level "${level}"` });
  const sit = doc.situations;
  sit?.civilians.mappings.forEach((m, k) => {
    if (!mappingIds.has(m))
      out.push({
        code: "unknown-reference",
        path: `situations.civilians.mappings[${k}]`,
        message: `unknown mapping "${m}"`,
      });
  });
  sit?.regions?.mappings.forEach((m, k) => {
    if (!mappingIds.has(m))
      out.push({
        code: "unknown-reference",
        path: `situations.regions.mappings[${k}]`,
        message: `unknown mapping "${m}"`,
      });
  });
  if (out.length > before) return undefined;
  return planCriteria(doc);
}

/** The evaluation plan of valid criteria: per level (ongoing first), and the aggregate keys each mapping feeds. */
function planCriteria(doc: RulebookDocument): CriteriaPlan {
  const criteria = doc.criteria ?? [];
  const keys = new Map<string, { mappings: readonly string[]; withinDays: number | null }>();
  const add = (mappings: readonly string[], withinDays: number | null): void => {
    const key = conditionKey(mappings, withinDays);
    if (!keys.has(key)) keys.set(key, { mappings: [...new Set(mappings)].sort(), withinDays });
  };
  for (const cr of criteria)
    for (const cd of cr.conditions) {
      add(cd.mappings, cd.withinDays ?? null);
      if (cd.endedBy) add(cd.endedBy, null);
    }
  const byMapping = new Map<string, string[]>();
  for (const [key, k] of keys)
    for (const m of k.mappings) byMapping.set(m, [...(byMapping.get(m) ?? []), key]);
  return {
    aggregates: keys,
    aggregatesOfMapping: byMapping,
    levelsTopDown: [...RULED_LEVELS].reverse().map((level) => ({
      level,
      criteria: criteria.filter((c) => c.level === level),
    })),
  };
}
