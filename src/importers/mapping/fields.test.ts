import { describe, expect, it } from "vitest";
import { FieldReader, parseDay, unixDay } from "./fields.js";

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
});
