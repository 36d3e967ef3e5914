// The GED layouts users have, from rows written here (no outside data): the 49-column releases, the older layout
// without relid, code_status and the *_dset_id columns, the monthly candidate releases, and the old estimate names.
import { describe, expect, it } from "vitest";
import type { Incident } from "../../domain/index.js";
import { UCDP_COLUMNS } from "../../../test/support/format-fixtures/ucdp-ged.js";
import { ucdpGedFormat } from "./ucdp-ged.format.js";

/** The 49 columns of the current releases, in file order (GED 23.1 codebook; the fixture generator's list). */
const COLUMNS_49 = UCDP_COLUMNS;

/** One one-sided event of a fictional government against civilians (values by column name). */
const EVENT: Readonly<Record<string, string>> = {
  id: "900001",
  relid: "XXX-2019-3-1-1",
  year: "2019",
  active_year: "1",
  code_status: "Clear",
  type_of_violence: "3",
  conflict_dset_id: "1",
  conflict_new_id: "1",
  conflict_name: "Government of X - civilians",
  dyad_dset_id: "1",
  dyad_new_id: "1",
  dyad_name: "Government of X - civilians",
  side_a_dset_id: "1",
  side_a_new_id: "77",
  side_a: "Government of X",
  side_b_dset_id: "1",
  side_b_new_id: "1",
  side_b: "Civilians",
  number_of_sources: "2",
  source_article: "",
  source_office: "",
  source_date: "",
  source_headline: "",
  source_original: "",
  where_prec: "2",
  where_coordinates: "Town",
  where_description: "",
  adm_1: "North province",
  adm_2: "",
  latitude: "1.5",
  longitude: "30.2",
  geom_wkt: "POINT (30.2 1.5)",
  priogrid_gid: "1",
  country: "Uganda",
  country_id: "500",
  region: "Africa",
  event_clarity: "1",
  date_prec: "1",
  date_start: "2019-03-04 00:00:00.000",
  date_end: "2019-03-04 00:00:00.000",
  deaths_a: "0",
  deaths_b: "0",
  deaths_civilians: "41",
  deaths_unknown: "0",
  best: "41",
  high: "50",
  low: "35",
  gwnoa: "500",
  gwnob: "",
};

function mapWith(columns: readonly string[], rename: Readonly<Record<string, string>> = {}): Incident {
  const header = columns.map((c) => rename[c] ?? c);
  const bound = ucdpGedFormat.bind([header], { sourceId: "ucdp-ged.source.t", release: "20.1" });
  if ("error" in bound) throw new Error(bound.error);
  const m = bound.map(
    columns.map((c) => EVENT[c] ?? ""),
    2,
  );
  if (m.kind !== "record" || m.record.kind !== "incident") throw new Error(JSON.stringify(m));
  return m.record.value as Incident;
}

const OLDER = COLUMNS_49.filter(
  (c) =>
    ![
      "relid",
      "code_status",
      "conflict_dset_id",
      "dyad_dset_id",
      "side_a_dset_id",
      "side_b_dset_id",
      "gwnoa",
      "gwnob",
    ].includes(c),
);

describe("UCDP GED layouts", () => {
  it("reads the 49-column release with the civilians killed", () => {
    const i = mapWith(COLUMNS_49);
    expect(i.acts).toEqual(["attack-on-civilians", "killing"]);
    expect(i.fatalities).toEqual({ best: 41, low: 35, high: 50 });
    expect(i.civilianFatalities).toEqual({ best: 41 });
    expect(i.place).toMatchObject({ country: "UGA", admin1: "North province" });
    expect(i.perpetrators).toEqual(["ucdp.actor.77"]);
  });

  it(`reads the older ${OLDER.length}-column layout (no relid, code_status, *_dset_id or gwno columns) the same way`, () => {
    expect(OLDER.length).toBe(41);
    expect(mapWith(OLDER)).toEqual(mapWith(COLUMNS_49));
  });

  it("reads the old names of the estimates", () => {
    const i = mapWith(COLUMNS_49, { best: "best_est", high: "high_est", low: "low_est" });
    expect(i.fatalities).toEqual({ best: 41, low: 35, high: 50 });
  });

  it("reads a minimal candidate extract, naming actors by side when their ids are absent", () => {
    const minimal = [
      "id",
      "type_of_violence",
      "side_a",
      "side_b",
      "country_id",
      "date_start",
      "date_end",
      "best",
    ];
    const i = mapWith(minimal);
    expect(i.fatalities).toEqual({ best: 41 });
    expect(i.civilianFatalities).toBeUndefined();
    expect(i.perpetrators).toHaveLength(1);
  });

  it("refuses a file that lacks an event's columns, naming each", () => {
    const bound = ucdpGedFormat.bind([["id", "type_of_violence", "side_a", "date_start"]], {
      sourceId: "s",
    });
    expect("error" in bound && bound.error).toBe(
      "not a UCDP GED file: missing columns side_b, country_id, date_end, best (found: id, type_of_violence, side_a, date_start)",
    );
  });

  it("counts the civilians killed in a battle, not its combatants", () => {
    const battle: Readonly<Record<string, string>> = {
      ...EVENT,
      type_of_violence: "1",
      side_b: "Rebels of X",
      deaths_a: "20",
      deaths_b: "30",
      deaths_civilians: "12",
      best: "62",
    };
    const header = [...COLUMNS_49];
    const bound = ucdpGedFormat.bind([header], { sourceId: "s", release: "20.1" });
    if ("error" in bound) throw new Error(bound.error);
    const m = bound.map(
      header.map((c) => battle[c] ?? ""),
      2,
    );
    if (m.kind !== "record" || m.record.kind !== "incident") throw new Error("expected an incident");
    const i = m.record.value as Incident;
    expect(i.acts).toEqual(["armed-clash"]);
    expect(i.civilianFatalities).toEqual({ best: 12 });
  });
});
