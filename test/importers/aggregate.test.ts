// Imported samples feed the indicator aggregation: every one-sided incident is counted once per country and
// once per admin1, and fatalities add up to the incidents' best estimates.
import { describe, expect, it } from "vitest";
import { bestOf, type Incident } from "../../src/domain/index.js";
import { aggregateIndicators, importFile, isOneSided } from "../../src/importers/index.js";
import { readCase } from "../../src/storage/index.js";
import { clock, SAMPLES, tempStore } from "./helpers.js";

describe("aggregation of imported incidents", () => {
  it("counts the UCDP sample's one-sided events and deaths per country and month", async () => {
    const { store } = await tempStore();
    try {
      await importFile(store, { format: "ucdp-ged", file: SAMPLES.ucdp, clock, release: "23.1" });
      const incidents = (await readCase(store, "import-ucdp-ged"))?.records.incident as readonly Incident[];
      const oneSided = incidents.filter(isOneSided);
      // The sample holds 71 events of type_of_violence 3 (see its README).
      expect(oneSided).toHaveLength(71);
      const series = aggregateIndicators(incidents);
      const countries = series.filter((s) => s.situation.admin1 === undefined);
      const sum = (f: (p: { events: number; fatalities: number }) => number) =>
        countries.reduce((a, s) => a + s.points.reduce((b, p) => b + f(p), 0), 0);
      expect(sum((p) => p.events)).toBe(71);
      expect(sum((p) => p.fatalities)).toBe(oneSided.reduce((a, i) => a + (bestOf(i.fatalities) ?? 0), 0));
      // Known only from the 23.1 release on: nothing is visible as of the day before.
      expect(aggregateIndicators(incidents, { asOf: "2023-06-29" })).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
