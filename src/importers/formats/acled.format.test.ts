import { describe, expect, it } from "vitest";
import { acledFormat, ACLED_REQUIRED } from "./acled.format.js";

const header = [...ACLED_REQUIRED];
const ctx = { sourceId: "acled.source.test" };

function row(values: Partial<Record<(typeof ACLED_REQUIRED)[number], string>>): string[] {
  const base: Record<string, string> = {
    event_id_cnty: "AFG1",
    event_date: "2022-01-01",
    time_precision: "1",
    event_type: "Violence against civilians",
    sub_event_type: "Attack",
    actor1: "Military Forces of Afghanistan (2021-)",
    inter1: "1",
    actor2: "Civilians (Afghanistan)",
    inter2: "7",
    civilian_targeting: "Civilian targeting",
    iso: "4",
    country: "Afghanistan",
    admin1: "Ghazni",
    admin2: "Giro",
    location: "Pana",
    latitude: "33.1003",
    longitude: "68.3116",
    geo_precision: "2",
    notes: "=note",
    fatalities: "2",
    timestamp: "1652192378",
    ...values,
  };
  return header.map((h) => base[h] ?? "");
}

describe("ACLED mapping", () => {
  const bound = acledFormat.bind([header], ctx);
  if ("error" in bound) throw new Error(bound.error);

  it("maps violence against civilians to acts, actors, place, toll and dates", () => {
    const m = bound.map(row({}), 2);
    if (m.kind !== "record" || m.record.kind !== "incident") throw new Error("expected an incident");
    const i = m.record.value;
    expect(i.id).toBe("acled.afg1");
    expect(i.acts).toEqual(["attack-on-civilians", "killing"]);
    expect(i.place).toEqual({
      country: "AFG",
      admin1: "Ghazni",
      admin2: "Giro",
      name: "Pana",
      lat: 33.1003,
      lon: 68.3116,
      geoPrecision: 2,
    });
    expect(i.fatalities).toEqual({ best: 2 });
    expect([i.occurredAt, i.knownAt]).toEqual([
      { from: "2022-01-01", to: "2022-01-01", precision: "day" },
      "2022-05-10",
    ]);
    expect(i.perpetrators).toHaveLength(1);
    expect(i.targets).toBeUndefined();
    expect(i.stateInvolvement).toBe("alleged");
    expect(i.notes).toBe("=note");
    expect(i.citations).toEqual([{ source: "acled.source.test", locator: "row 2: AFG1" }]);
    expect(m.actors.map((a) => [a.kind, a.name, a.country])).toEqual([
      ["armed-force", "Military Forces of Afghanistan (2021-)", "AFG"],
    ]);
    expect(m.version).toBe("001652192378");
  });

  it("maps time precision 2 to a week and 3 to a month", () => {
    const week = bound.map(row({ time_precision: "2" }), 2);
    const month = bound.map(row({ time_precision: "3", event_date: "2022-02-14" }), 2);
    if (week.kind !== "record" || month.kind !== "record") throw new Error("expected records");
    expect(week.record.value.occurredAt).toEqual({
      from: "2021-12-29",
      to: "2022-01-04",
      precision: "range",
    });
    expect(month.record.value.occurredAt).toEqual({
      from: "2022-02-01",
      to: "2022-02-28",
      precision: "month",
    });
  });

  it("rejects bad cells naming each field", () => {
    expect(bound.map(row({ fatalities: "x", iso: "999", inter1: "Aliens" }), 5)).toEqual({
      kind: "reject",
      problems: [
        { field: "fatalities", reason: '"x" is not a whole number' },
        { field: "inter1", reason: '"Aliens" is not an ACLED actor type' },
        { field: "iso", reason: "999 is not an ISO 3166-1 numeric code" },
      ],
    });
  });

  it("names the missing columns", () => {
    expect(acledFormat.bind([["event_id_cnty", "event_date"]], ctx)).toEqual({
      error: expect.stringContaining("missing columns time_precision, event_type"),
    });
  });

  it("rejects out-of-range timestamps naming the field, never storing a +YYYYYY knownAt (#6)", () => {
    for (const timestamp of ["1657041386000", "253402300800", "9000000000000"]) {
      const m = bound.map(row({ timestamp }), 7);
      expect(m.kind).toBe("reject");
      if (m.kind !== "reject") continue;
      expect(m.problems).toHaveLength(1);
      expect(m.problems[0]?.field).toBe("timestamp");
      expect(m.problems[0]?.reason).toBe(
        `${timestamp} is not a Unix time in seconds between 1800-01-01 and 2100-12-31${timestamp === "1657041386000" ? " (milliseconds?)" : ""}`,
      );
    }
  });

  it("rejects an event known before it happened (#6)", () => {
    // 1652192378 is 2022-05-10; the event on 2022-06-01 cannot have been recorded then.
    expect(bound.map(row({ event_date: "2022-06-01" }), 3)).toEqual({
      kind: "reject",
      problems: [
        {
          field: "timestamp",
          reason:
            "1652192378 (knownAt 2022-05-10) is before the record's occurredAt starts (2022-06-01): a record cannot be known before it happened",
        },
      ],
    });
    // A week-precision event may be recorded within the week it stands for.
    expect(bound.map(row({ event_date: "2022-05-12", time_precision: "2" }), 3).kind).toBe("record");
  });

  it("rejects fatalities too large to be true, naming the field (#6)", () => {
    expect(bound.map(row({ fatalities: "99999999999999999999999" }), 4)).toEqual({
      kind: "reject",
      problems: [
        { field: "fatalities", reason: '"99999999999999999999999" is too large to be a count or code' },
      ],
    });
  });

  it("says 'an ACLED file' (#6)", () => {
    const b = acledFormat.bind([["event_id_cnty", "event_date"]], ctx);
    expect("error" in b && b.error.startsWith("not an ACLED file: missing columns")).toBe(true);
  });

  it("detects and binds headers with spaces, a BOM or upper case alike (#6)", () => {
    const messy = header.map((h, i) => (i === 0 ? `\uFEFF ${h.toUpperCase()} ` : ` ${h} `));
    expect(acledFormat.detect(messy.join(","), [messy])).toBe(true);
    const b = acledFormat.bind([messy], ctx);
    if ("error" in b) throw new Error(b.error);
    expect(b.map(row({}), 2).kind).toBe("record");
  });
});
