// A replay decides each day's levels from remembered decisions (criteria judged again only where evidence arrived
// or lapsed) and writes out full assessments only where they are read. On real case folders, under the package
// rulebook, what it gives must be what judging everything afresh gives: the full assessment of any day, the
// alerts and the last day's assessments.
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseBundle, Lexicon } from "../../src/domain/index.js";
import { assess, replay, type Assessment, type ValidRulebook } from "../../src/engine/index.js";
import { caseAt, packageLexicon, packageRulebook } from "./engine-cases.js";

const CASES = ["cases/development/kosovo-1998-1999", "cases/development/sri-lanka-2008-2009"];

let rulebook: ValidRulebook;
let lexicon: Lexicon;
const bundles = new Map<string, CaseBundle>();

beforeAll(async () => {
  rulebook = await packageRulebook();
  lexicon = await packageLexicon();
  for (const c of CASES) bundles.set(c, await caseAt(c));
});

describe("a replay with remembered decisions", () => {
  for (const c of CASES) {
    it(`gives on ${c} the assessments of a fresh judgement on every day it alerts and every 30th day`, () => {
      const bundle = bundles.get(c)!;
      const traced = replay(bundle, rulebook, { step: "week", trace: true, lexicon });
      const trace = traced.trace ?? [];
      expect(traced.alerts.length).toBeGreaterThan(2);
      const alertDays = new Set(traced.alerts.map((a) => a.date));
      let checked = 0;
      for (let i = 1; i < trace.length; i += 1) {
        const step = trace[i]!;
        if (!alertDays.has(step.date) && i % 30 !== 0) continue;
        // The day before, judged afresh, is what this day's changes are measured from.
        const before: readonly Assessment[] = assess(bundle, rulebook, trace[i - 1]!.date, [], { lexicon });
        expect(step.assessments).toEqual(assess(bundle, rulebook, step.date, before, { lexicon }));
        checked += 1;
      }
      expect(checked).toBeGreaterThan(alertDays.size - 1);
    });

    it(`raises on ${c} the same alerts and ends on the same assessments without a trace`, () => {
      const bundle = bundles.get(c)!;
      const traced = replay(bundle, rulebook, { step: "month", trace: true, lexicon });
      const plain = replay(bundle, rulebook, { step: "month", lexicon });
      expect(plain.alerts).toEqual(traced.alerts);
      expect(plain.final).toEqual(traced.final);
      expect(plain.final).toEqual(traced.trace?.at(-1)?.assessments);
    });
  }
});
