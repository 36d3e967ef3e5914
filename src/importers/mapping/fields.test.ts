import { describe, expect, it } from "vitest";
import { FieldReader, MAX_COUNT, parseDay, unixDay } from "./fields.js";

describe("parseDay", () => {
  it("reads the providers' date forms", () => {
    expect(parseDay("2022-06-30")).toBe("2022-06-30");
    expect(parseDay("2013-01-03 00:00:00")).toBe("2013-01-03");
    expect(parseDay("20170701")).toBe("2017-07-01");
    expect(parseDay("16 May 2025")).toBe("2025-05-16");
    expect(parseDay("3 September 2021")).toBe("2021-09-03");
  });
  it("refuses impossible and empty dates", () => {
    expect(parseDay("2022-02-30")).toBeUndefined();
    expect(parseDay("")).toBeUndefined();
    expect(parseDay("30/06/2022")).toBeUndefined();
  });
});

describe("FieldReader", () => {
  it("collects one problem per bad field", () => {
    const r = new FieldReader();
    expect(r.int("fatalities", "12", true)).toBe(12);
    expect(r.int("fatalities", "12.0", true)).toBe(12);
    expect(r.int("fatalities", "many", true)).toBeUndefined();
    expect(r.float("latitude", "91", false, -90, 90)).toBeUndefined();
    expect(r.float("latitude", "", false, -90, 90)).toBeUndefined();
    expect(r.problems).toEqual([
      { field: "fatalities", reason: '"many" is not a whole number' },
      { field: "latitude", reason: "91 is outside -90…90" },
    ]);
  });
  it("turns Unix seconds into a UTC day", () => {
    expect(unixDay(1657041386)).toBe("2022-07-05");
  });
  it("refuses Unix times outside 1800–2100, naming the field (milliseconds, year 10000, beyond Date)", () => {
    expect(unixDay(1657041386000)).toBeUndefined();
    expect(unixDay(253402300800)).toBeUndefined();
    expect(unixDay(9e12)).toBeUndefined();
    expect(unixDay(Date.UTC(2100, 11, 31, 23, 59, 59) / 1000)).toBe("2100-12-31");
    expect(unixDay(Date.UTC(1800, 0, 1) / 1000)).toBe("1800-01-01");
    const r = new FieldReader();
    expect(r.unixDay("timestamp", 1657041386000)).toBe("");
    expect(r.unixDay("timestamp", 9e12)).toBe("");
    expect(r.unixDay("timestamp", 1657041386)).toBe("2022-07-05");
    expect(r.problems).toEqual([
      {
        field: "timestamp",
        reason:
          "1657041386000 is not a Unix time in seconds between 1800-01-01 and 2100-12-31 (milliseconds?)",
      },
      {
        field: "timestamp",
        reason: "9000000000000 is not a Unix time in seconds between 1800-01-01 and 2100-12-31",
      },
    ]);
  });
  it("refuses days outside the case loader's plausible window", () => {
    const r = new FieldReader();
    expect(r.day("SQLDATE", "99991231")).toBe("");
    expect(r.day("event_date", "1799-12-31")).toBe("");
    expect(r.day("event_date", "2100-12-31")).toBe("2100-12-31");
    expect(r.problems).toEqual([
      { field: "SQLDATE", reason: "9999-12-31 is outside the plausible window 1800-01-01..2100-12-31" },
      { field: "event_date", reason: "1799-12-31 is outside the plausible window 1800-01-01..2100-12-31" },
    ]);
  });
  it("refuses numbers that are not safe integers, and counts above MAX_COUNT", () => {
    const r = new FieldReader();
    expect(r.int("fatalities", "99999999999999999999999", true, 0)).toBeUndefined();
    expect(r.count("fatalities", String(MAX_COUNT + 1), true)).toBeUndefined();
    expect(r.count("fatalities", String(MAX_COUNT), true)).toBe(MAX_COUNT);
    expect(r.problems).toEqual([
      { field: "fatalities", reason: '"99999999999999999999999" is too large to be a count or code' },
      { field: "fatalities", reason: `${MAX_COUNT + 1} is outside 0…${MAX_COUNT}` },
    ]);
  });
  it("rejects a knownAt before the record starts, naming the field", () => {
    const r = new FieldReader();
    r.knownNotBefore("DATEADDED", "2017-07-01", "2017-07-02");
    r.knownNotBefore("DATEADDED", "2017-07-02", "2017-07-02");
    expect(r.problems).toEqual([
      {
        field: "DATEADDED",
        reason:
          "knownAt 2017-07-01 is before the record's occurredAt starts (2017-07-02): a record cannot be known before it happened",
      },
    ]);
  });
});
