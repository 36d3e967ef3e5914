/**
 * The semantic checks of a rulebook (the schema checks structure; these check meaning): unknown names, duplicate
 * ids, cycles, missing levels. The only producer of a {@link ValidRulebook}.
 * @module
 */
import {
  ACTION_KINDS,
  ACTOR_ROLES,
  ACT_TYPES,
  ATROCITY_CRIMES,
  CREDIBILITY,
  CRIME_FINDINGS,
  FINDING_TAGS,
  INVOLVEMENT,
  QUALIFICATIONS,
  RELIABILITY,
  RESPONSE_KINDS,
} from "../domain/index.js";
import { checkCriteria } from "./check-criteria.js";
import {
  RULED_LEVELS,
  SERIES_NAMES,
  SIGNALS,
  SPEAKER_CLASSES,
  type MappedRecord,
  type MappingWhen,
  type RuledLevel,
  type RulebookDocument,
  type RulebookPlan,
  type ValidRulebook,
  type LevelRule,
} from "./rulebook.js";

import type { RulebookProblem } from "./rulebook-problem.js";

export type { RulebookProblem, RulebookProblemCode } from "./rulebook-problem.js";

export type RulebookCheck =
  | { readonly ok: true; readonly rulebook: ValidRulebook }
  | { readonly ok: false; readonly problems: readonly RulebookProblem[] };

/** Which `when` fields apply to which record kind. */
const WHEN_FIELDS: Readonly<Record<MappedRecord, readonly (keyof MappingWhen)[]>> = {
  incident: [
    "acts",
    "targetsGroup",
    "organised",
    "stateInvolvement",
    "minFatalities",
    "minDetained",
    "minDisplaced",
    "minCivilianFatalities",
  ],
  report: [
    "tags",
    "qualifications",
    "mentionsGenocideRisk",
    "targetsGroup",
    "crimes",
    "crimeFindings",
    "ongoing",
    "speakers",
  ],
  statement: ["crimes", "crimeFindings", "ongoing", "speakers", "targetsGroup"],
  warning: ["actions", "targetsGroup", "crimes", "imminent", "speakers"],
  response: ["responseKinds"],
  mandate: ["protectsCivilians"],
  series: ["series", "windowMonths", "minHistoryMonths", "minEvents", "minEventsRatio", "minEventsZ"],
};

/**
 * A `series` mapping's own checks: a known series, its window, history and event floor stated, and at least one
 * threshold that means a rise (a ratio above 1, a z-score above 0): "no threshold lives in engine code".
 */
function checkSeriesMapping(w: MappingWhen, at: string, out: RulebookProblem[]): void {
  if (w.series === undefined)
    out.push({ code: "missing", path: `${at}.when`, message: `a series mapping names its "series"` });
  else if (!(SERIES_NAMES as readonly string[]).includes(w.series))
    out.push({
      code: "unknown-reference",
      path: `${at}.when.series`,
      message: `unknown series "${w.series}" (known: ${SERIES_NAMES.join(", ")})`,
    });
  for (const field of ["windowMonths", "minHistoryMonths", "minEvents"] as const)
    if (w[field] === undefined)
      out.push({ code: "missing", path: `${at}.when`, message: `a series mapping states "${field}"` });
  if (w.minEventsRatio === undefined && w.minEventsZ === undefined)
    out.push({
      code: "missing",
      path: `${at}.when`,
      message: `a series mapping states "minEventsRatio" or "minEventsZ" (either crossing is a surge)`,
    });
  if (w.minEventsRatio !== undefined && !(w.minEventsRatio > 1))
    out.push({
      code: "invalid-value",
      path: `${at}.when.minEventsRatio`,
      message: `minEventsRatio ${w.minEventsRatio} is not a rise: it must exceed 1`,
    });
  if (w.minEventsZ !== undefined && !(w.minEventsZ > 0))
    out.push({
      code: "invalid-value",
      path: `${at}.when.minEventsZ`,
      message: `minEventsZ ${w.minEventsZ} is not a rise: it must exceed 0`,
    });
}

/** Allowed values of the `when` fields that name domain taxonomies. */
const WHEN_VOCABULARY: Partial<
  Record<keyof MappingWhen, { readonly name: string; readonly values: readonly string[] }>
> = {
  acts: { name: "act type", values: ACT_TYPES },
  organised: { name: "involvement", values: INVOLVEMENT },
  stateInvolvement: { name: "involvement", values: INVOLVEMENT },
  tags: { name: "finding tag", values: FINDING_TAGS },
  qualifications: { name: "qualification", values: QUALIFICATIONS },
  actions: { name: "action kind", values: ACTION_KINDS },
  responseKinds: { name: "response kind", values: RESPONSE_KINDS },
  crimes: { name: "atrocity crime", values: ATROCITY_CRIMES },
  crimeFindings: { name: "crime finding", values: CRIME_FINDINGS },
};

function duplicates(
  items: readonly { readonly id: string }[] | readonly string[],
  at: string,
  what: string,
  out: RulebookProblem[],
): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const id = typeof item === "string" ? item : item.id;
    if (seen.has(id))
      out.push({ code: "duplicate-id", path: `${at}[${i}]`, message: `duplicate ${what} "${id}"` });
    seen.add(id);
  });
  return seen;
}

function unknown(
  values: readonly string[],
  allowed: ReadonlySet<string> | readonly string[],
  at: string,
  what: string,
  out: RulebookProblem[],
): void {
  const set = allowed instanceof Set ? allowed : new Set(allowed as readonly string[]);
  values.forEach((v, i) => {
    if (!set.has(v))
      out.push({ code: "unknown-reference", path: `${at}[${i}]`, message: `unknown ${what} "${v}"` });
  });
}

/**
 * Find one cycle in a graph given as node → successors, visiting nodes in the given order.
 * Returns the cycle as a path that starts and ends at the same node, or undefined. Runs in O(V + E).
 */
export function findCycle(
  nodes: readonly string[],
  next: (n: string) => readonly string[],
): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    stack.push(n);
    for (const m of next(n)) {
      const s = state.get(m);
      if (s === 1) return [...stack.slice(stack.indexOf(m)), m];
      if (s === undefined) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of nodes) {
    if (state.has(n)) continue;
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

/** Order nodes so that each comes after its prerequisites (assumes no cycle). Stable on the input order. */
function topoOrder(nodes: readonly string[], prereqs: (n: string) => readonly string[]): string[] {
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (n: string): void => {
    if (done.has(n)) return;
    done.add(n);
    for (const p of prereqs(n)) visit(p);
    out.push(n);
  };
  nodes.forEach(visit);
  return out;
}

function checkMappings(
  doc: RulebookDocument,
  indicatorIds: ReadonlySet<string>,
  derived: ReadonlySet<string>,
  out: RulebookProblem[],
): void {
  doc.mappings.forEach((m, i) => {
    const at = `mappings[${i}]`;
    const applicable = new Set<string>(WHEN_FIELDS[m.record]);
    for (const [field, value] of Object.entries(m.when) as [keyof MappingWhen, unknown][]) {
      if (value === undefined) continue;
      if (!applicable.has(field)) {
        out.push({
          code: "not-applicable",
          path: `${at}.when.${field}`,
          message: `"${field}" does not apply to ${m.record === "series" ? "series mappings" : `${m.record} records`}`,
        });
        continue;
      }
      const vocabulary = WHEN_VOCABULARY[field];
      if (vocabulary && Array.isArray(value))
        unknown(value as string[], vocabulary.values, `${at}.when.${field}`, vocabulary.name, out);
    }
    if (m.record === "series") checkSeriesMapping(m.when, at, out);
    if (m.when.speakers !== undefined && !(SPEAKER_CLASSES as readonly string[]).includes(m.when.speakers))
      out.push({
        code: "unknown-reference",
        path: `${at}.when.speakers`,
        message: `unknown speaker class "${m.when.speakers}" (use ${SPEAKER_CLASSES.join(", ")})`,
      });
    if (m.civilianVictims && m.record !== "incident")
      out.push({
        code: "not-applicable",
        path: `${at}.civilianVictims`,
        message: "only incidents have victims",
      });
    if (m.indicators.length === 0 && doc.criteria === undefined)
      out.push({
        code: "missing",
        path: `${at}.indicators`,
        message: "a mapping feeds at least one indicator (or, in a rulebook with criteria, is read by them)",
      });
    if (m.scaleByFatalities && m.record !== "incident" && m.record !== "series") {
      out.push({
        code: "not-applicable",
        path: `${at}.scaleByFatalities`,
        message: "only incidents (and series of them) have fatalities",
      });
    }
    m.indicators.forEach((link, j) => {
      const path = `${at}.indicators[${j}].indicator`;
      if (!indicatorIds.has(link.indicator)) {
        out.push({ code: "unknown-reference", path, message: `unknown indicator "${link.indicator}"` });
      } else if (derived.has(link.indicator)) {
        out.push({
          code: "invalid-value",
          path,
          message: `indicator "${link.indicator}" is derived; records cannot feed it directly`,
        });
      }
    });
  });
}

function checkIndicators(
  doc: RulebookDocument,
  factorIds: ReadonlySet<string>,
  indicatorIds: ReadonlySet<string>,
  out: RulebookProblem[],
): string[] {
  doc.indicators.forEach((ind, i) => {
    const at = `indicators[${i}]`;
    if (!factorIds.has(ind.factor))
      out.push({
        code: "unknown-reference",
        path: `${at}.factor`,
        message: `unknown risk factor "${ind.factor}"`,
      });
    unknown(ind.signals, SIGNALS, `${at}.signals`, "signal", out);
    if (ind.derivedFrom) {
      unknown(ind.derivedFrom.indicators, indicatorIds, `${at}.derivedFrom.indicators`, "indicator", out);
      if (ind.derivedFrom.minPresent > ind.derivedFrom.indicators.length) {
        out.push({
          code: "invalid-value",
          path: `${at}.derivedFrom.minPresent`,
          message: `minPresent ${ind.derivedFrom.minPresent} exceeds the ${ind.derivedFrom.indicators.length} indicators it derives from`,
        });
      }
    }
  });
  const ids = doc.indicators.map((x) => x.id);
  const from = new Map(
    doc.indicators.map((x) => [x.id, (x.derivedFrom?.indicators ?? []).filter((d) => indicatorIds.has(d))]),
  );
  const cycle = findCycle(ids, (n) => from.get(n) ?? []);
  if (cycle) {
    const index = doc.indicators.findIndex((x) => x.id === cycle[0]);
    out.push({
      code: "cycle",
      path: `indicators[${index}].derivedFrom`,
      message: `derived indicators form a cycle: ${cycle.join(" → ")}`,
    });
    return ids;
  }
  return topoOrder(ids, (n) => from.get(n) ?? []);
}

function checkStages(
  doc: RulebookDocument,
  indicatorIds: ReadonlySet<string>,
  out: RulebookProblem[],
): string[] {
  const stages = doc.escalation.stages;
  const ids = duplicates(stages, "escalation.stages", "stage", out);
  const successors = new Map<string, string[]>();
  stages.forEach((s, i) => {
    const at = `escalation.stages[${i}]`;
    unknown(s.indicators, indicatorIds, `${at}.indicators`, "indicator", out);
    if (s.reachedAtLevel !== undefined && !(RULED_LEVELS as readonly string[]).includes(s.reachedAtLevel)) {
      out.push({
        code: "unknown-reference",
        path: `${at}.reachedAtLevel`,
        message: `unknown level "${s.reachedAtLevel}"`,
      });
    }
    if (s.follows === null) return;
    if (!ids.has(s.follows)) {
      out.push({ code: "unknown-reference", path: `${at}.follows`, message: `unknown stage "${s.follows}"` });
      return;
    }
    successors.set(s.follows, [...(successors.get(s.follows) ?? []), s.id]);
  });
  const cycle = findCycle([...ids], (n) => successors.get(n) ?? []);
  if (cycle) {
    const index = stages.findIndex((s) => s.id === cycle[0]);
    out.push({
      code: "cycle",
      path: `escalation.stages[${index}].follows`,
      message: `stage ordering forms a cycle: ${cycle.join(" → ")}`,
    });
    return [];
  }
  const roots = stages.filter((s) => s.follows === null);
  if (stages.length > 0 && roots.length !== 1) {
    out.push({
      code: "invalid-value",
      path: "escalation.stages",
      message: `stages must form one chain with exactly one first stage (found ${roots.length})`,
    });
  }
  for (const [from, next] of successors) {
    if (next.length > 1)
      out.push({
        code: "invalid-value",
        path: "escalation.stages",
        message: `stages ${next.join(", ")} all follow "${from}"; the stages must form one chain`,
      });
  }
  const order: string[] = [];
  let current = roots[0]?.id;
  while (current !== undefined && !order.includes(current)) {
    order.push(current);
    current = successors.get(current)?.[0];
  }
  return order;
}

function checkLevels(doc: RulebookDocument, out: RulebookProblem[]): (LevelRule & { level: RuledLevel })[] {
  const levels = doc.levels ?? [];
  duplicates(levels, "levels", "level rule", out);
  levels.forEach((l, i) => {
    const at = `levels[${i}]`;
    if (!(RULED_LEVELS as readonly string[]).includes(l.level)) {
      out.push({
        code: "unknown-reference",
        path: `${at}.level`,
        message: `unknown level "${l.level}" (use ${RULED_LEVELS.join(", ")})`,
      });
    }
    l.requires.forEach((r, j) => unknown(r.signals, SIGNALS, `${at}.requires[${j}].signals`, "signal", out));
    if (l.current) unknown(l.current.signals, SIGNALS, `${at}.current.signals`, "signal", out);
  });
  const ordered: (LevelRule & { level: RuledLevel })[] = [];
  for (const level of RULED_LEVELS) {
    const rules = levels.filter((l) => l.level === level);
    if (rules.length === 0)
      out.push({ code: "missing", path: "levels", message: `no rule for level "${level}"` });
    for (const rule of rules) ordered.push({ ...rule, level });
  }
  return ordered;
}

function checkPlaybook(doc: RulebookDocument, out: RulebookProblem[]): void {
  duplicates(
    doc.playbook.map((p) => p.level),
    "playbook",
    "playbook level",
    out,
  );
  doc.playbook.forEach((p, i) => {
    const at = `playbook[${i}]`;
    if (!(RULED_LEVELS as readonly string[]).includes(p.level))
      out.push({ code: "unknown-reference", path: `${at}.level`, message: `unknown level "${p.level}"` });
    p.actions.forEach((a, j) => {
      if (!(ACTION_KINDS as readonly string[]).includes(a.kind)) {
        out.push({
          code: "unknown-reference",
          path: `${at}.actions[${j}].kind`,
          message: `unknown action kind "${a.kind}"`,
        });
      }
    });
    unknown(p.notifyRoles, ACTOR_ROLES, `${at}.notifyRoles`, "actor role", out);
  });
  for (const level of RULED_LEVELS) {
    if (!doc.playbook.some((p) => p.level === level))
      out.push({ code: "missing", path: "playbook", message: `no playbook entry for level "${level}"` });
  }
}

function checkGrading(doc: RulebookDocument, out: RulebookProblem[]): void {
  const expect = (
    table: Readonly<Record<string, number>>,
    keys: readonly string[],
    at: string,
    what: string,
  ): void => {
    for (const k of Object.keys(table))
      if (!keys.includes(k))
        out.push({ code: "unknown-reference", path: `${at}.${k}`, message: `unknown ${what} "${k}"` });
    for (const k of keys)
      if (!(k in table)) out.push({ code: "missing", path: at, message: `no weight for ${what} "${k}"` });
  };
  expect(doc.grading.reliability, RELIABILITY, "grading.reliability", "reliability");
  expect(doc.grading.credibility, CREDIBILITY.map(String), "grading.credibility", "credibility");
}

/**
 * Check a rulebook that already passed its schema. Lists every problem; on success returns the
 * {@link ValidRulebook} the engine accepts, with its evaluation plan.
 * @example const r = checkRulebook(doc); if (r.ok) assess(bundle, r.rulebook, "1994-01-12");
 */
export function checkRulebook(doc: RulebookDocument): RulebookCheck {
  const out: RulebookProblem[] = [];
  const factorIds = duplicates(doc.riskFactors, "riskFactors", "risk factor", out);
  const indicatorIds = duplicates(doc.indicators, "indicators", "indicator", out);
  duplicates(doc.mappings, "mappings", "mapping", out);
  const derived = new Set(doc.indicators.filter((x) => x.derivedFrom).map((x) => x.id));
  const indicatorOrder = checkIndicators(doc, factorIds, indicatorIds, out);
  checkMappings(doc, indicatorIds, derived, out);
  checkGrading(doc, out);
  let levelRules: (LevelRule & { level: RuledLevel })[] = [];
  let criteria: RulebookPlan["criteria"];
  if (doc.criteria !== undefined && doc.levels !== undefined)
    out.push({
      code: "invalid-value",
      path: "levels",
      message:
        "a rulebook has either score-based levels (rulebooks 1 and 2) or level criteria (3 on), not both",
    });
  else if (doc.criteria !== undefined) criteria = checkCriteria(doc, out);
  else levelRules = checkLevels(doc, out);
  const stageOrder = checkStages(doc, indicatorIds, out);
  checkPlaybook(doc, out);
  if (out.length > 0) return { ok: false, problems: out };
  const plan: RulebookPlan = { indicatorOrder, stageOrder, levelRules, ...(criteria ? { criteria } : {}) };
  return { ok: true, rulebook: { ...doc, plan } as ValidRulebook };
}
