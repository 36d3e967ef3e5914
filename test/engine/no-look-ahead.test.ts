// The no-look-ahead proof: what the engine says on day T is identical when every record known after T is deleted.
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseBundle } from "../../src/domain/index.js";
import { assess, replay, type ValidRulebook } from "../../src/engine/index.js";
import type { Lexicon } from "../../src/domain/index.js";
import { caseAt, packageLexicon, packageRulebook, truncate } from "./engine-cases.js";

const CASES: readonly { folder: string; days: readonly string[] }[] = [
  {
    folder: "cases/rwanda-1990-1994",
    days: [
      "1990-10-15",
      "1991-06-30",
      "1993-03-30",
      "1993-03-31",
      "1994-01-10",
      "1994-01-11",
      "1994-04-06",
      "1994-04-08",
      "1994-07-01",
    ],
  },
  {
    folder: "test/fixtures/cases/synthetic-xv",
    days: ["2021-03-31", "2021-10-02", "2022-01-14", "2022-01-15", "2022-06-30"],
  },
  {
    folder: "test/fixtures/cases/synthetic-engine-preparation",
    days: ["2018-10-01", "2019-01-14", "2019-06-09", "2019-06-10", "2019-06-20"],
  },
  // Development cases (case format 2): sieges, displacement, official findings, statements, late sources.
  {
    folder: "cases/development/kosovo-1998-1999",
    days: ["1998-07-06", "1999-01-15", "1999-01-16", "1999-04-01"],
  },
  { folder: "cases/development/south-sudan-2013-2014", days: ["2013-12-18", "2014-01-19", "2014-01-20"] },
  { folder: "cases/development/guinea-2010", days: ["2010-06-30", "2010-11-28", "2010-11-29"] },
];

describe.each(CASES)("no look-ahead on $folder", ({ folder, days }) => {
  let rulebook: ValidRulebook;
  let lexicon: Lexicon;
  let full: CaseBundle;
  beforeAll(async () => {
    rulebook = await packageRulebook();
    lexicon = await packageLexicon();
    full = await caseAt(folder);
  });

  it.each(days)("assesses %s identically without the records known later", (day) => {
    const cut = truncate(full, day);
    // The test only means something if there is later data to hide.
    expect(Object.values(cut.records).flat().length).toBeLessThan(Object.values(full.records).flat().length);
    expect(assess(cut, rulebook, day, [], { lexicon })).toEqual(assess(full, rulebook, day, [], { lexicon }));
  });

  it.each(days)("replays up to %s identically without the records known later", (day) => {
    const step = { step: "week" as const, to: day, trace: true, lexicon };
    const a = replay(full, rulebook, step);
    const b = replay(truncate(full, day), rulebook, step);
    expect(b.alerts).toEqual(a.alerts);
    expect(b.trace).toEqual(a.trace);
    expect(b.firstDateByLevel).toEqual(a.firstDateByLevel);
  });
});
