/** A small plan of level criteria and facts for the criteria tests (elevated, high, imminent, ongoing). @module */
import type { Fact } from "../../src/engine/evidence.js";
import type { CriterionRule } from "../../src/engine/rulebook.js";
import { conditionKey, type CriteriaPlan } from "../../src/engine/criteria/criteria-plan.js";

export const criteria: CriterionRule[] = [
  {
    id: "e",
    level: "elevated",
    text: "any violation",
    conditions: [{ id: "c", text: "one", mappings: ["v"], confidence: "possible" }],
  },
  {
    id: "h",
    level: "high",
    text: "organised violence in 365 days",
    conditions: [{ id: "c", text: "one probable", mappings: ["o"], withinDays: 365 }],
  },
  {
    id: "i",
    level: "imminent",
    text: "two kinds of preparation",
    requires: "high",
    conditions: [
      {
        id: "p",
        text: "kinds",
        mappings: ["arms", "militia"],
        scope: "country",
        withinDays: 180,
        measure: "kinds",
        min: 2,
      },
    ],
  },
  {
    id: "o",
    level: "ongoing",
    text: "1000 deaths, confirmed",
    conditions: [
      {
        id: "t",
        text: "toll",
        mappings: ["k"],
        withinDays: 365,
        measure: "deaths",
        min: 1000,
        confidence: "confirmed",
      },
    ],
  },
];

export function plan(): CriteriaPlan {
  const aggregates = new Map<string, { mappings: string[]; withinDays: number | null }>();
  for (const c of criteria)
    for (const d of c.conditions) {
      const w = d.withinDays ?? null;
      aggregates.set(conditionKey(d.mappings, w), { mappings: [...d.mappings].sort(), withinDays: w });
    }
  const aggregatesOfMapping = new Map<string, string[]>();
  for (const [k, a] of aggregates)
    for (const m of a.mappings) aggregatesOfMapping.set(m, [...(aggregatesOfMapping.get(m) ?? []), k]);
  return {
    aggregates,
    aggregatesOfMapping,
    levelsTopDown: (["ongoing", "imminent", "high", "elevated"] as const).map((level) => ({
      level,
      criteria: criteria.filter((c) => c.level === level),
    })),
  };
}

let seq = 0;
export const fact = (mappings: string[], extra: Partial<Fact> = {}): Fact => ({
  primarySource: (extra.sources ?? ["s1"])[0],
  seq: seq++,
  record: `r${seq}`,
  kind: "incident",
  scope: "XAA/g",
  mappings,
  knownAt: "2000-01-10",
  knownDay: 10,
  eventDay: "2000-01-10",
  day: 10,
  tier: 1,
  sources: ["s1"],
  deaths: 0,
  civilianDeaths: 0,
  displaced: 0,
  events: 1,
  citations: [{ source: "s1", locator: "p. 1" }],
  ...extra,
});

export const group = { id: "XAA/g", country: "XAA", group: "g" };
