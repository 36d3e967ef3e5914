import { describe, expect, it } from "vitest";
import { findHxlColumn, isHashtagRow, parseHxlTag } from "./hxl-tags.js";

describe("HXL hashtags", () => {
  it("parses tags with attributes in any order and spacing", () => {
    expect(parseHxlTag("#Affected +Killed")).toEqual({ tag: "affected", attributes: new Set(["killed"]) });
    expect(parseHxlTag("adm1")).toBeUndefined();
  });
  it("finds the column with the fewest extra attributes", () => {
    const tags = ["#adm1+name+provider", "#adm1 +name", "#adm1+code"].map(parseHxlTag);
    expect(findHxlColumn(tags, "#adm1+name")).toBe(1);
    expect(findHxlColumn(tags, "#adm2+name")).toBe(-1);
    expect(findHxlColumn(tags, "#adm1+name", ["provider"])).toBe(1);
  });
  it("recognises a hashtag row", () => {
    expect(isHashtagRow(["#country+code", "", "#date+start"])).toBe(true);
    expect(isHashtagRow(["location_code", "#x"])).toBe(false);
  });
});
