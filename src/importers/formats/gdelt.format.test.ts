import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SAMPLES } from "../../../test/importers/helpers.js";
import { gdeltFormat, GDELT_COLUMNS, gdeltHeadError } from "./gdelt.format.js";

const EVENTS = SAMPLES.gdelt;
const MENTIONS = SAMPLES.gdeltMentions;

/** A 61-column row of an event in scope (CAMEO 202) with the given cells. */
function row(values: Partial<Record<(typeof GDELT_COLUMNS)[number], string>>): string[] {
  const base: Partial<Record<(typeof GDELT_COLUMNS)[number], string>> = {
    GLOBALEVENTID: "669666400",
    SQLDATE: "20170701",
    EventCode: "202",
    EventBaseCode: "202",
    EventRootCode: "20",
    ActionGeo_Type: "4",
    ActionGeo_CountryCode: "SU",
    DATEADDED: "20170701234500",
    ...values,
  };
  return GDELT_COLUMNS.map((c) => base[c] ?? "");
}

const bound = gdeltFormat.bind([], { sourceId: "gdelt.source.test" });
if ("error" in bound) throw new Error(bound.error);

describe("GDELT mapping", () => {
  it("maps an event in scope", () => {
    const m = bound.map(row({}), 1);
    if (m.kind !== "record") throw new Error("expected a record");
    expect([m.record.value.occurredAt.from, m.record.value.knownAt]).toEqual(["2017-07-01", "2017-07-01"]);
  });

  it("rejects an event added before it happened, naming DATEADDED (#6)", () => {
    expect(bound.map(row({ SQLDATE: "20170702", DATEADDED: "20170701234500" }), 3)).toEqual({
      kind: "reject",
      problems: [
        {
          field: "DATEADDED",
          reason:
            "20170701234500 (knownAt 2017-07-01) is before the record's occurredAt starts (2017-07-02): a record cannot be known before it happened",
        },
      ],
    });
  });

  it("rejects dates outside 1800–2100 and impossible times (#6)", () => {
    expect(bound.map(row({ SQLDATE: "99991231" }), 3)).toEqual({
      kind: "reject",
      problems: [
        { field: "SQLDATE", reason: "9999-12-31 is outside the plausible window 1800-01-01..2100-12-31" },
      ],
    });
    const late = bound.map(row({ DATEADDED: "99991231000000" }), 3);
    expect(late.kind === "reject" && late.problems.map((p) => p.field)).toEqual(["DATEADDED"]);
    const badTime = bound.map(row({ DATEADDED: "20170701996000" }), 3);
    expect(badTime).toEqual({
      kind: "reject",
      problems: [{ field: "DATEADDED", reason: '"20170701996000" is not YYYYMMDDHHMMSS' }],
    });
  });

  it("words the scope of skipped events as the CAMEO table has it (#6)", () => {
    expect(bound.map(row({ EventCode: "172" }), 2)).toEqual({
      kind: "skip",
      reason: "CAMEO 172 is outside the atrocity scope (1712, 173–175, roots 18–20)",
    });
  });
});

describe("GDELT file check (#6)", () => {
  const head = (path: string) => {
    const text = readFileSync(path, "utf8");
    const firstLine = text.slice(0, text.indexOf("\n"));
    return { firstLine, rows: [firstLine.split(",")] };
  };

  it("accepts the 61-column events export", () => {
    expect(gdeltHeadError(head(EVENTS))).toBeUndefined();
    expect(gdeltFormat.sniff?.(head(EVENTS))).toBe(gdeltFormat);
  });

  it("refuses the mentions file, naming expected and found widths and what it is", () => {
    expect(gdeltHeadError(head(MENTIONS))).toBe(
      "not a GDELT 2.0 events file: the first row has 16 tab-separated columns, expected 61 (it looks like a GDELT 2.0 mentions file)",
    );
    expect(gdeltFormat.sniff?.(head(MENTIONS))).toEqual({ error: expect.stringContaining("expected 61") });
  });

  it("refuses a CSV, saying so", () => {
    expect(gdeltHeadError({ firstLine: "a,b,c", rows: [["a", "b", "c"]] })).toBe(
      "not a GDELT 2.0 events file: the first row has 1 tab-separated column, expected 61 (it looks like a comma-separated file with 3 columns)",
    );
  });
});
