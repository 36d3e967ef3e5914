import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, daysBetween, formatWhen, isIsoDay, parseWhen } from "./dates.js";

describe("parseWhen", () => {
  it("parses a day, a month, a year and a range with their precision", () => {
    expect(parseWhen("1994-01-11")).toEqual({ from: "1994-01-11", to: "1994-01-11", precision: "day" });
    expect(parseWhen("1992-02")).toEqual({ from: "1992-02-01", to: "1992-02-29", precision: "month" });
    expect(parseWhen("1993")).toEqual({ from: "1993-01-01", to: "1993-12-31", precision: "year" });
    expect(parseWhen("1992-12/1993-01")).toEqual({
      from: "1992-12-01",
      to: "1993-01-31",
      precision: "range",
    });
  });

  it("rejects impossible days, bad months, reversed ranges and empty input with a message", () => {
    expect(parseWhen("1994-02-30")).toHaveProperty("error");
    expect(parseWhen("1994-13")).toHaveProperty("error");
    expect(parseWhen("1994-02/1993-01")).toEqual({ error: 'range "1994-02/1993-01" ends before it starts' });
    expect(parseWhen("")).toHaveProperty("error");
    expect(parseWhen("a/b/c")).toHaveProperty("error");
  });

  it("round-trips through formatWhen for every valid day", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }),
        (d) => {
          const day = d.toISOString().slice(0, 10);
          const w = parseWhen(day);
          expect("error" in w).toBe(false);
          if (!("error" in w)) expect(formatWhen(w)).toBe(day);
        },
      ),
    );
  });

  it("never throws on arbitrary strings", () => {
    fc.assert(fc.property(fc.string(), (s) => typeof parseWhen(s) === "object"));
  });
});

describe("day arithmetic", () => {
  it("counts days across months and leap years", () => {
    expect(daysBetween("1994-01-11", "1994-01-12")).toBe(1);
    expect(daysBetween("1994-05-17", "1994-06-08")).toBe(22);
    expect(daysBetween("1992-02-28", "1992-03-01")).toBe(2);
    expect(addDays("1994-04-07", 3)).toBe("1994-04-10");
    expect(isIsoDay("2000-02-29")).toBe(true);
    expect(isIsoDay("1900-02-29")).toBe(false);
  });
});
