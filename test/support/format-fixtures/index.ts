// The synthetic import-format fixtures the repository carries (test/fixtures/formats), by path, each with the
// function that generates it. `write.main.ts` writes them; format-fixtures.test.ts checks the committed files
// are exactly what the generators make.
import { resolve } from "node:path";
import { acledMixedCsv, acledOneCountryCsv } from "./acled.js";
import { gdeltEventsTsv, gdeltMentionsTsv } from "./gdelt.js";
import { hxlCsv } from "./hxl.js";
import { ucdpGedCsv } from "./ucdp-ged.js";

/** Where the fixtures live, relative to the repository root. */
export const FORMAT_FIXTURES_DIR = resolve(import.meta.dirname, "../../fixtures/formats");

/** Fixture path (relative to {@link FORMAT_FIXTURES_DIR}) → its generator. */
export const FORMAT_FIXTURES: Readonly<Record<string, () => string>> = {
  "acled/acled_synthetic_mixed_2022H1.csv": acledMixedCsv,
  "acled/acled_synthetic_chile_2022-06.csv": acledOneCountryCsv,
  "ucdp_ged/ucdp_ged_synthetic_450_1989-2015.csv": ucdpGedCsv,
  "gdelt/gdelt2_synthetic_20150601120000.export.tsv": gdeltEventsTsv,
  "gdelt/gdelt2_synthetic_20150601120000.mentions.tsv": gdeltMentionsTsv,
  "hxl/hxl_synthetic_conflict_event_2015-06.csv": hxlCsv,
};
