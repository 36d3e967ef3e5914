import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SAMPLES } from "../../../test/importers/helpers.js";
import { ImportError } from "../import-error.js";
import { checkImportInput } from "./import-file.js";
import { resolveFormat } from "./resolve-format.js";

const MENTIONS = SAMPLES.gdeltMentions;
const ACLED = SAMPLES.acledOneCountry;
const UCDP = SAMPLES.ucdp;

function thrown(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("expected an ImportError");
}

describe("resolveFormat: a wrong file for a headerless format is refused at file level (#6)", () => {
  it("the GDELT mentions file given as gdelt", () => {
    const e = thrown(() => resolveFormat("gdelt", readFileSync(MENTIONS, "utf8"), "m.tsv"));
    expect(e.code).toBe("IMPORT_MISSING_COLUMNS");
    expect(e.message).toBe(
      "m.tsv: not a GDELT 2.0 events file: the first row has 16 tab-separated columns, expected 61 (it looks like a GDELT 2.0 mentions file)",
    );
  });

  it("an ACLED CSV given as gdelt, naming the format it matches", () => {
    const e = thrown(() => resolveFormat("gdelt", readFileSync(ACLED, "utf8"), "a.csv"));
    expect(e.code).toBe("IMPORT_MISSING_COLUMNS");
    expect(e.message).toMatch(
      /^a\.csv: not a GDELT 2\.0 events file: the first row has 1 tab-separated column, expected 61 \(it looks like a comma-separated file with \d+ columns\); its first rows match the acled format/,
    );
  });

  it("is checked before any store is opened (exit 2, nothing created)", async () => {
    await expect(checkImportInput({ format: "gdelt", file: MENTIONS })).rejects.toMatchObject({
      code: "IMPORT_MISSING_COLUMNS",
    });
  });
});

describe("resolveFormat: auto-detection normalises header names as binding does (#6)", () => {
  it("detects ACLED with padded or upper-case names", () => {
    const text = readFileSync(ACLED, "utf8");
    const nl = text.indexOf("\n");
    const header = text
      .slice(0, nl)
      .split(",")
      .map((h) => `" ${h.replace(/"/g, "").toUpperCase()} "`)
      .join(",");
    expect(resolveFormat("auto", `${header}${text.slice(nl)}`, "a.csv").name).toBe("acled");
  });

  it("detects UCDP GED with upper-case names", () => {
    const text = readFileSync(UCDP, "utf8");
    const nl = text.indexOf("\n");
    expect(resolveFormat("auto", text.slice(0, nl).toUpperCase() + text.slice(nl), "u.csv").name).toBe(
      "ucdp-ged",
    );
  });
});
