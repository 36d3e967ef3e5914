// The format fixtures the repository carries are exactly what their generator makes (so every row is the
// project's own, and a change to a generator is a change to the committed files), and they are in the layouts
// the importers expect.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACLED_REQUIRED } from "../../src/importers/formats/acled.format.js";
import { GDELT_COLUMNS } from "../../src/importers/formats/gdelt.format.js";
import { UCDP_OPTIONAL, UCDP_REQUIRED } from "../../src/importers/formats/ucdp-ged.format.js";
import { FORMAT_FIXTURES, FORMAT_FIXTURES_DIR } from "../support/format-fixtures/index.js";
import { SAMPLES } from "./helpers.js";

const firstLine = (path: string): string => readFileSync(path, "utf8").split("\n")[0] as string;
/** The file's lines, without the empty one after the final newline (trailing tabs are empty fields). */
const lines = (path: string): string[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "");

describe("synthetic format fixtures", () => {
  for (const [path, make] of Object.entries(FORMAT_FIXTURES)) {
    it(`${path} is what its generator writes (regenerate: npx tsx test/support/format-fixtures/write.main.ts)`, () => {
      expect(readFileSync(join(FORMAT_FIXTURES_DIR, path), "utf8") === make()).toBe(true);
    });
  }

  it("have the providers' layouts: ACLED's 31 columns, GED's 49, GDELT's 61 and 16 tab-separated fields", () => {
    for (const file of [SAMPLES.acledMixed, SAMPLES.acledOneCountry]) {
      const header = firstLine(file).replace(/"/g, "").split(",");
      expect(header).toHaveLength(31);
      expect(header).toEqual(expect.arrayContaining([...ACLED_REQUIRED]));
    }
    const ged = firstLine(SAMPLES.ucdp).replace(/"/g, "").split(",");
    expect(ged).toHaveLength(49);
    expect(ged).toEqual(expect.arrayContaining([...UCDP_REQUIRED, ...UCDP_OPTIONAL]));
    for (const line of lines(SAMPLES.gdelt)) expect(line.split("\t")).toHaveLength(GDELT_COLUMNS.length);
    for (const line of lines(SAMPLES.gdeltMentions)) expect(line.split("\t")).toHaveLength(16);
    expect(readFileSync(SAMPLES.hxl, "utf8").split("\n")[1]).toMatch(/^#country\+code,/);
  });
});
