import { describe, expect, it } from "vitest";
import { regionScope, regionSlug, scopeKey } from "./record-scope.js";

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
