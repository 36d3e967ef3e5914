import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, asOf, type Incident, type Source } from "../domain/index.js";
import { bundle, incident, source, tinyDocument } from "../../test/engine/tiny.js";
import { alertFor, alertToWarning } from "./alert.js";
import { assess } from "./assess.js";
import { checkRulebook } from "./check-rulebook.js";
import { aggregateIndicators, monthIndex } from "./event-series.js";
import type { EvidenceItem } from "./evidence.js";
import { extractEvidence } from "./extract-evidence.js";
import { replay } from "./replay.js";
import type { MappingRule, MappingWhen, RulebookDocument, ValidRulebook } from "./rulebook.js";

const SURGE_WHEN: MappingWhen = {
  series: "one-sided-violence",
  windowMonths: 12,
  minHistoryMonths: 6,
  minEvents: 2,
  minEventsRatio: 2,
  minEventsZ: 3,
};

/** The tiny rulebook plus a surge mapping feeding C1 (and its own options). */
function surgeDocument(when: MappingWhen = SURGE_WHEN, extra: Partial<MappingRule> = {}): RulebookDocument {
  const doc = tinyDocument();
  const surge: MappingRule = {
    id: "surge",
    record: "series",
    when,
    indicators: [{ indicator: "C1", strength: 1 }],
    ...extra,
  };
  return { ...doc, mappings: [...doc.mappings, surge] };
}

function surgeRulebook(when?: MappingWhen, extra?: Partial<MappingRule>): ValidRulebook {
  const r = checkRulebook(surgeDocument(when, extra));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.rulebook;
}

const rb = surgeRulebook();
const sources: Source[] = [
  source("s-a1", "A1", "1999-01-01"),
  source("s-b2", "B2", "1999-01-01"),
  source("s-f6", "F6", "1999-01-01"),
];

/** One killing a month, January to June 2000 (a quiet past of 1 event a month). */
const quiet = ["01", "02", "03", "04", "05", "06", "07"].map((m) =>
  incident(`q${m}`, ["killing"], `2000-${m}-10`, ["s-b2"]),
);

const series = (x: readonly EvidenceItem[] | { readonly items: readonly EvidenceItem[] }) =>
  ("items" in x ? x.items : x).filter((e) => e.kind === "series");

describe("series surges as evidence", () => {
  it("appears on the first day the month crosses the threshold, at the country's scope, and never changes", () => {
    // August: mean of the 7 past months is 1 (sd 0), so the ratio (x + 1) / 2 reaches 2 at x = 3 events.
    const aug = [
      incident("a1", ["killing"], "2000-08-02", ["s-b2"], { fatalities: { best: 4 } }),
      incident("a2", ["attack-on-civilians"], "2000-08-05", ["s-a1"], { targetGroup: "g-x" }),
      incident("a3", ["massacre"], "2000-08-09", ["s-f6"], { knownAt: "2000-08-12" }),
      incident("a4", ["killing"], "2000-08-20", ["s-b2"]),
    ];
    const b = bundle({ source: sources, incident: [...quiet, ...aug] });
    const items = series(extractEvidence(b, rb).items);
    expect(items).toHaveLength(1);
    const [s] = items;
    expect(s).toMatchObject({
      record: "series:surge:ZZA:2000-08",
      kind: "series",
      mapping: "surge",
      indicator: "C1",
      // Country scope even though one incident targets a group.
      scope: "ZZA/*",
      knownAt: "2000-08-12",
      // The end of the month, but never after the day the surge became known.
      eventDay: "2000-08-12",
      upgrade: false,
      fatalities: 4,
      // Grades of the three incidents known on 2000-08-12: F6 0.225, B2 0.81, A1 1 → lower median B2.
      grade: "B2",
      weight: 0.81,
    });
    expect(s?.citations.map((c) => c.source)).toEqual(["s-b2", "s-a1", "s-f6"]);
    expect(s?.summary).toBe(
      "one-sided violence in ZZA, 2000-08: 3 events (4 deaths), 2× the trailing 7-month mean of 1 (add-one smoothed); known by 2000-08-12 from 3 incidents citing 3 sources",
    );
    // Assessments before that day do not see it; from that day on they do, unchanged by the fourth event.
    const c1 = (day: string) =>
      assess(b, rb, day)[0]
        ?.indicators.find((f) => f.indicator === "C1")
        ?.evidence.map((e) => e.record);
    expect(c1("2000-08-11")).toBeUndefined();
    expect(c1("2000-08-12")).toEqual(["series:surge:ZZA:2000-08"]);
    expect(c1("2000-08-20")).toEqual(["series:surge:ZZA:2000-08"]);
    // The same series, read from aggregateIndicators as of each day.
    const point = (day: string) =>
      aggregateIndicators(b.records.incident, { asOf: day, admin1: false })[0]?.points.find(
        (p) => p.month === "2000-08",
      );
    expect(point("2000-08-11")?.eventsRatio).toBe(1.5);
    expect(point("2000-08-12")?.eventsRatio).toBe(2);
  });

  it("does not surge on one event after a quiet year, nor before the history is long enough", () => {
    const lone = incident("l", ["killing"], "2001-09-10", ["s-b2"]);
    expect(
      series(extractEvidence(bundle({ source: sources, incident: [...quiet, lone] }), rb).items),
    ).toEqual([]);
    // Five months of history only: a jump in June is not compared yet.
    const short = quiet.slice(0, 5);
    const june = ["a", "b", "c", "d"].map((k) => incident(`j${k}`, ["killing"], "2000-06-15", ["s-b2"]));
    expect(
      series(extractEvidence(bundle({ source: sources, incident: [...short, ...june] }), rb).items),
    ).toEqual([]);
  });

  it("counts a record's eventCount, never a number in its notes", () => {
    const noted = incident("n", ["killing"], "2000-08-10", ["s-b2"], {
      notes: "aggregate of 500 events reported",
    });
    expect(
      series(extractEvidence(bundle({ source: sources, incident: [...quiet, noted] }), rb).items),
    ).toEqual([]);
    const counted = incident("c", ["killing"], "2000-08-31", ["s-b2"], { eventCount: 5 });
    const [s] = series(extractEvidence(bundle({ source: sources, incident: [...quiet, counted] }), rb).items);
    expect(s?.summary).toMatch(/^one-sided violence in ZZA, 2000-08: 5 events/);
    expect(s?.eventDay).toBe("2000-08-31");
  });

  it("counts an event in the month of the midpoint of its occurredAt", () => {
    // Dated 2000-08-02 ± 3 days: it starts in July but belongs to August, where it makes a surge.
    const pm3 = (id: string) =>
      incident(id, ["killing"], "2000-07-30", ["s-b2"], {
        occurredAt: { from: "2000-07-30", to: "2000-08-05", precision: "range" },
        knownAt: "2000-08-06",
      });
    const [s, ...rest] = series(
      extractEvidence(bundle({ source: sources, incident: [...quiet, pm3("m1"), pm3("m2"), pm3("m3")] }), rb),
    );
    expect(rest).toEqual([]);
    expect(s?.record).toBe("series:surge:ZZA:2000-08");
  });

  it("uses the z-score when the ratio is not reached, and caps the citations at 10 sources", () => {
    // A varied past (mean 9.5, sd ≈ 0.53): 12 events is a ratio of 1.24 but a z of 4.7.
    const past = [9, 10, 9, 10, 9, 10, 9, 10]
      .map((n, m) =>
        Array.from({ length: n }, (_, k) =>
          incident(`p${m}-${k}`, ["killing"], `2000-0${m + 1}-15`, [`s${k}`]),
        ),
      )
      .flat();
    const many = Array.from({ length: 12 }, (_, k) => source(`s${k}`, "C3", "1999-01-01"));
    const sep = Array.from({ length: 12 }, (_, k) => incident(`x${k}`, ["killing"], "2000-09-15", [`s${k}`]));
    const items = series(extractEvidence(bundle({ source: many, incident: [...past, ...sep] }), rb).items);
    expect(items.map((s) => s.record)).toEqual(["series:surge:ZZA:2000-09"]);
    expect(items[0]?.citations).toHaveLength(10);
    expect(items[0]?.summary).toMatch(/12 events .* z 4\.7; .* from 12 incidents citing 12 sources$/);
    const ratioOnly = surgeRulebook({ ...SURGE_WHEN, minEventsZ: undefined });
    expect(series(extractEvidence(bundle({ source: many, incident: [...past, ...sep] }), ratioOnly))).toEqual(
      [],
    );
  });

  it("explains the surge in the alert and keeps it out of the warning's record evidence", () => {
    const aug = ["a", "b", "c"].map((k) => incident(`a${k}`, ["killing"], "2000-08-20", ["s-a1"]));
    const b = bundle({ source: sources, incident: [...quiet, ...aug] });
    const r = replay(b, rb, { step: "month" });
    const alert = r.alerts.find((a) => a.evidence.some((e) => e.kind === "series"));
    expect(alert?.date).toBe("2000-08-20");
    expect(alert?.situation.id).toBe("ZZA/*");
    expect(alert?.reasons).toContain(
      "event surge: one-sided violence in ZZA, 2000-08: 3 events (0 deaths), 2× the trailing 7-month mean of 1 (add-one smoothed); known by 2000-08-20 from 3 incidents citing 1 source",
    );
    const e = alert?.evidence.find((x) => x.kind === "series");
    expect(e?.summary).toMatch(/^one-sided violence in ZZA, 2000-08/);
    expect(e?.citations).toEqual([{ source: "s-a1", locator: "p. aa" }]);
    const w = alertToWarning(alert!);
    expect(w.evidence).not.toContain("series:surge:ZZA:2000-08");
    expect(w.citations).toContainEqual({ source: "s-a1", locator: "p. aa" });
    // alertFor on the same assessment gives the same explanation.
    const a = assess(b, rb, "2000-08-20")[0]!;
    expect(alertFor(rb, a, "none", []).reasons).toEqual(alert?.reasons);
  });

  it("re-examines later months when a late record changes their trailing window", () => {
    // z only. Jan–Jun counts 1,3,3,3,3,4 (mean 2.83, sd 0.98); July's 5 events are z 2.2: no surge on 07-20.
    const zOnly = surgeRulebook({ ...SURGE_WHEN, minEventsRatio: undefined });
    const months = [1, 3, 3, 3, 3, 4, 5];
    const rows = months.flatMap((n, m) =>
      Array.from({ length: n }, (_, k) => incident(`m${m}-${k}`, ["killing"], `2000-0${m + 1}-20`, ["s-b2"])),
    );
    expect(series(extractEvidence(bundle({ source: sources, incident: rows }), zOnly))).toEqual([]);
    // A January killing reported on 08-10 makes January 2: mean 3, sd 0.63, July's z 3.2 — a surge that day.
    const late = incident("late", ["killing"], "2000-01-05", ["s-b2"], { knownAt: "2000-08-10" });
    const items = series(extractEvidence(bundle({ source: sources, incident: [...rows, late] }), zOnly));
    expect(items.map((e) => [e.record, e.knownAt, e.eventDay])).toEqual([
      ["series:surge:ZZA:2000-07", "2000-08-10", "2000-07-31"],
    ]);
  });

  it("re-examines months up to a window after the old first month when a late record starts the series earlier", () => {
    // Jan–Jun 2001 one event a month, July 2 events: ratio 3 / 2 = 1.5, no surge.
    const rows = [1, 1, 1, 1, 1, 1, 2].flatMap((n, m) =>
      Array.from({ length: n }, (_, k) => incident(`m${m}-${k}`, ["killing"], `2001-0${m + 1}-20`, ["s-b2"])),
    );
    expect(series(extractEvidence(bundle({ source: sources, incident: rows }), rb).items)).toEqual([]);
    // A January 2000 killing reported in September 2001 puts six quiet months in July's window: mean 0.5,
    // ratio 3 / 1.5 = 2 — a surge that day.
    const late = incident("late", ["killing"], "2000-01-05", ["s-b2"], { knownAt: "2001-09-03" });
    const items = series(extractEvidence(bundle({ source: sources, incident: [...rows, late] }), rb).items);
    expect(items.map((e) => [e.record, e.knownAt])).toEqual([["series:surge:ZZA:2001-07", "2001-09-03"]]);
  });

  it("scales by the month's deaths when the mapping says so", () => {
    const doc = surgeDocument(SURGE_WHEN, { scaleByFatalities: true });
    const r = checkRulebook({ ...doc, magnitude: { perTenfoldFatalities: 0.25, max: 2.5 } });
    if (!r.ok) throw new Error("invalid");
    const aug = ["a", "b", "c"].map((k) =>
      incident(`a${k}`, ["killing"], "2000-08-20", ["s-a1"], { fatalities: { best: 333 } }),
    );
    const [s] = series(
      extractEvidence(bundle({ source: sources, incident: [...quiet, ...aug] }), r.rulebook),
    );
    expect(s?.weight).toBeCloseTo(1 + 0.25 * Math.log10(1000), 12);
  });
});

describe("no look-ahead in series evidence (property)", () => {
  const countries = ["ZZA", "ZZB"] as const;
  const arbIncident = fc.record({
    country: fc.constantFrom(...countries),
    start: fc.integer({ min: 0, max: 400 }),
    span: fc.constantFrom(0, 0, 0, 6, 30, 60),
    lag: fc.integer({ min: 0, max: 120 }),
    count: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    oneSided: fc.boolean(),
    source: fc.constantFrom("s-a1", "s-b2", "s-f6", "s-late"),
  });
  const late = source("s-late", "A1", "2001-03-01");
  type Row = typeof arbIncident extends fc.Arbitrary<infer T> ? T : never;
  const build = (rows: readonly Row[]) =>
    rows.map((r, k): Incident => {
      const from = addDays("2000-01-01", r.start);
      const to = addDays(from, r.span);
      return incident(
        `i${String(k).padStart(3, "0")}`,
        r.oneSided ? ["killing"] : ["armed-clash"],
        from,
        [r.source],
        {
          occurredAt: { from, to, precision: r.span === 0 ? "day" : "range" },
          knownAt: addDays(to, r.lag),
          place: { country: r.country },
          ...(r.count === undefined ? {} : { eventCount: r.count }),
        },
      );
    });
  const thresholds = fc.record({
    windowMonths: fc.integer({ min: 1, max: 12 }),
    minHistoryMonths: fc.integer({ min: 1, max: 6 }),
    minEvents: fc.integer({ min: 1, max: 4 }),
    minEventsRatio: fc.double({ min: 1.1, max: 3, noNaN: true }),
    minEventsZ: fc.double({ min: 0.5, max: 3, noNaN: true }),
  });

  it("gives, as of any day D, exactly the series evidence computed from the records known by D", () => {
    let surges = 0;
    let hidden = 0;
    fc.assert(
      fc.property(
        fc.array(arbIncident, { minLength: 5, maxLength: 80 }),
        thresholds,
        fc.integer({ min: 0, max: 600 }),
        (rows, t, cut) => {
          const rulebook = surgeRulebook({ series: "one-sided-violence", ...t });
          const b = bundle({ source: [...sources, late], incident: build(rows) });
          const day = addDays("2000-01-01", cut);
          const strip = (items: readonly EvidenceItem[]) =>
            series(items).map(({ seq: _s, ...rest }) => {
              const {
                knownDay: _k,
                ordinal: _o,
                sub: _u,
                ...kept
              } = rest as typeof rest & {
                knownDay?: number;
                ordinal?: number;
                sub?: number;
              };
              return kept;
            });
          const full = strip(extractEvidence(b, rulebook).items).filter((e) => e.knownAt <= day);
          const known = strip(extractEvidence(asOf(b, day), rulebook).items);
          expect(known).toEqual(full);
          surges += full.length;
          hidden += strip(extractEvidence(b, rulebook).items).length - full.length;
          // And each surge is dated to the first day its month crosses in aggregateIndicators' series.
          for (const e of full) {
            const [, , country, month] = e.record.split(":");
            const at = (d: string) =>
              aggregateIndicators(b.records.incident, {
                asOf: d,
                admin1: false,
                window: t.windowMonths,
                minHistory: t.minHistoryMonths,
              })
                .find((s) => s.situation.country === country)
                ?.points.find((p) => p.month === month);
            const crosses = (p: ReturnType<typeof at>) =>
              p !== undefined &&
              p.events >= t.minEvents &&
              ((p.eventsRatio ?? 0) >= t.minEventsRatio || (p.eventsZ ?? -Infinity) >= t.minEventsZ);
            expect(crosses(at(e.knownAt))).toBe(true);
            // No earlier day on which a record became known saw it cross.
            const earlier = [...new Set(b.records.incident.map((i) => i.knownAt))].filter(
              (d) => d < e.knownAt,
            );
            for (const d of earlier) expect(crosses(at(d))).toBe(false);
            expect(monthIndex(e.eventDay)).toBeLessThanOrEqual(monthIndex(month ?? ""));
            expect(e.eventDay <= e.knownAt).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
    // The property only means something if surges happen, and some lie after the cut.
    expect(surges).toBeGreaterThan(20);
    expect(hidden).toBeGreaterThan(20);
  });
});

describe("rulebook checks of series mappings", () => {
  const problems = (when: MappingWhen, extra: Partial<MappingRule> = {}) => {
    const r = checkRulebook(surgeDocument(when, extra));
    return r.ok ? [] : r.problems;
  };

  it("accepts the surge mapping", () => {
    expect(problems(SURGE_WHEN)).toEqual([]);
    expect(problems({ ...SURGE_WHEN, minEventsZ: undefined })).toEqual([]);
  });

  it("names an unknown series", () => {
    expect(problems({ ...SURGE_WHEN, series: "one-sided-violance" })).toEqual([
      {
        code: "unknown-reference",
        path: "mappings[4].when.series",
        message: 'unknown series "one-sided-violance" (known: one-sided-violence)',
      },
    ]);
  });

  it("refuses thresholds that are not a rise, and missing ones", () => {
    expect(problems({ ...SURGE_WHEN, minEventsRatio: 1, minEventsZ: -1 })).toEqual([
      {
        code: "invalid-value",
        path: "mappings[4].when.minEventsRatio",
        message: "minEventsRatio 1 is not a rise: it must exceed 1",
      },
      {
        code: "invalid-value",
        path: "mappings[4].when.minEventsZ",
        message: "minEventsZ -1 is not a rise: it must exceed 0",
      },
    ]);
    expect(problems({ series: "one-sided-violence" })).toEqual([
      { code: "missing", path: "mappings[4].when", message: 'a series mapping states "windowMonths"' },
      { code: "missing", path: "mappings[4].when", message: 'a series mapping states "minHistoryMonths"' },
      { code: "missing", path: "mappings[4].when", message: 'a series mapping states "minEvents"' },
      {
        code: "missing",
        path: "mappings[4].when",
        message: 'a series mapping states "minEventsRatio" or "minEventsZ" (either crossing is a surge)',
      },
    ]);
    expect(problems({ ...SURGE_WHEN, series: undefined })).toEqual([
      { code: "missing", path: "mappings[4].when", message: 'a series mapping names its "series"' },
    ]);
  });

  it("keeps record conditions off series mappings and series conditions off records", () => {
    expect(problems({ ...SURGE_WHEN, acts: ["killing"] })).toEqual([
      {
        code: "not-applicable",
        path: "mappings[4].when.acts",
        message: '"acts" does not apply to series mappings',
      },
    ]);
    const doc = tinyDocument();
    const withRatio = {
      ...doc,
      mappings: doc.mappings.map((m, i) => (i === 0 ? { ...m, when: { ...m.when, minEventsRatio: 2 } } : m)),
    };
    const r = checkRulebook(withRatio);
    expect(r.ok ? [] : r.problems).toEqual([
      {
        code: "not-applicable",
        path: "mappings[0].when.minEventsRatio",
        message: '"minEventsRatio" does not apply to incident records',
      },
    ]);
  });
});
