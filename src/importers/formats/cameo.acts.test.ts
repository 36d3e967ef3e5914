import { describe, expect, it } from "vitest";
import { cameoActs } from "./cameo.acts.js";

describe("cameoActs", () => {
  it("keeps leading zeros and maps mass violence codes", () => {
    expect(cameoActs("202")).toEqual({
      description: "Engage in mass killings",
      acts: ["massacre", "killing"],
    });
    expect(cameoActs("203")?.acts).toEqual(["ethnic-cleansing", "forced-displacement"]);
    expect(cameoActs("1823")?.acts).toEqual(["killing"]);
    expect(cameoActs("1831")?.acts).toEqual(["remote-violence"]);
    expect(cameoActs("19")?.acts).toEqual(["armed-clash"]);
  });
  it("leaves codes outside 17x–20x out of scope", () => {
    expect(cameoActs("043")).toBeUndefined();
    expect(cameoActs("172")).toBeUndefined();
    expect(cameoActs("")).toBeUndefined();
  });
});
