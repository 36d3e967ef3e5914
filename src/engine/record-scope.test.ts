import { describe, expect, it } from "vitest";
import type { MappedRecordValue } from "./record-match.js";
import { countriesOfRecord, regionScope, regionSlug, scopeKey, type ScopeContext } from "./record-scope.js";

describe("regionSlug", () => {
  it("keeps Latin names readable, accents and case dropped", () => {
    expect(regionSlug("Jonglei State")).toBe("jonglei-state");
    expect(regionSlug("Ségou")).toBe("segou");
    expect(regionScope("XAA", "Upper Nile")).toBe("XAA/*/upper-nile");
  });

  it("never merges two regions whose names have no ASCII form", () => {
    const a = regionSlug("ትግራይ");
    const b = regionSlug("አማራ");
    expect(a).toMatch(/^region-[0-9a-z]+$/);
    expect(a).not.toBe(b);
    expect(regionSlug("ትግራይ")).toBe(a);
    expect(regionSlug("Zone ٣")).not.toBe(regionSlug("Zone ٤"));
  });
});

describe("scopeKey", () => {
  it("names a country's civilians with *, and the world with the global scope", () => {
    expect(scopeKey("XAA", undefined)).toBe("XAA/*");
    expect(scopeKey("XAA", "g")).toBe("XAA/g");
  });
});

describe("countriesOfRecord", () => {
  const ctx: ScopeContext = {
    groupCountries: (g) => (g === "g" ? ["XAA", "XBB"] : undefined),
    incidentScopes: (id) => (id === "inc-1" ? ["XAA/g"] : undefined),
    warningScopes: (id) => (id === "warn-1" ? ["XCC/*"] : undefined),
  };
  const rec = (x: object) => ({ id: "r", knownAt: "2000-01-01", ...x }) as unknown as MappedRecordValue;

  it("reads a report that names no country as about the incidents it covers", () => {
    expect(countriesOfRecord("report", rec({ coversIncidents: ["inc-1"] }), ctx)).toEqual(["XAA"]);
  });

  it("reads a response that names no country as about the warning it answers", () => {
    expect(countriesOfRecord("response", rec({ warning: "warn-1" }), ctx)).toEqual(["XCC"]);
  });

  it("reads a record about a group as about the group's countries, and a global one as about none", () => {
    expect(countriesOfRecord("statement", rec({ targetGroup: "g" }), ctx)).toEqual(["XAA", "XBB"]);
    expect(countriesOfRecord("statement", rec({}), ctx)).toEqual([]);
    expect(countriesOfRecord("incident", rec({ place: { country: "XDD" } }), ctx)).toEqual(["XDD"]);
  });
});
