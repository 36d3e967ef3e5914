// End to end (issue #6 review): an ACLED file whose notes cell is 1.5 MB over 200 lines, with a whole fake
// ACLED row inside it, imports as one rejected row; the fake row is not imported, the counts are those of the
// file's real rows, and a later bad row is reported on its physical line.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { getRecord, openStore } from "../../storage/index.js";
import { SAMPLES } from "../../../test/importers/helpers.js";
import { importFile } from "../index.js";
import { DEFAULT_LIMITS } from "./limits.js";

const SAMPLE = SAMPLES.acledMixed;
const clock = (): Date => new Date("2026-01-15T12:00:00Z");
const NOTES = 27;
const FATALITIES = 28;
const NOTE_LINES = 200;

/** Header + the sample's first 11 data rows; data row 3 gets the huge note, data row 10 a bad fatality. */
function smuggled(): { text: string; row10: string } {
  const [header, ...rows] = parse(readFileSync(SAMPLE, "utf8")) as string[][];
  const data = rows.slice(0, 11);
  const fake = (data[1] as string[]).map((f) => f.replace(/[",]/g, ""));
  fake[0] = "FAKE00001";
  const lines = Array.from({ length: NOTE_LINES }, () =>
    "Witnesses said the shelling went on for hours. ".repeat(160),
  );
  lines.splice(190, 0, fake.join(","));
  (data[2] as string[])[NOTES] = lines.join("\n");
  (data[9] as string[])[FATALITIES] = "many";
  const text = stringify([header as string[], ...data], { quoted_string: true, record_delimiter: "\n" });
  return { text, row10: (data[9] as string[])[0] as string };
}

describe("importing a row over the record limit", () => {
  it("rejects a 1.5 MB multi-line notes cell as one row and does not import the fake row inside it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-huge-"));
    const store = await openStore(join(dir, "store.db"));
    try {
      const { text, row10 } = smuggled();
      expect(text.length).toBeGreaterThan(1.4 * DEFAULT_LIMITS.maxRecordChars);
      // Physical lines: header 1, data rows 1-3 on 2-4; row 3's note (201 lines, one a fake row) adds 200 line ends.
      const line10 = text.split("\n").findIndex((l) => l.startsWith(`"${row10}",`)) + 1;
      expect(line10).toBe(11 + NOTE_LINES);
      const file = join(dir, "huge.csv");
      writeFileSync(file, text);

      const r = await importFile(store, { format: "acled", file, clock });
      expect(r.read).toBe(11);
      expect(r.rejected).toBe(2);
      expect(r.problems.map((p) => p.line)).toEqual([4, line10]);
      expect(r.problems[0]?.reasons[0]).toContain(
        `huge field: the row exceeds the limit of ${DEFAULT_LIMITS.maxRecordChars} characters per record`,
      );
      expect(r.problems[1]?.reasons.join(" ")).toMatch(/fatalities/i);
      expect(await getRecord(store, "incident", "acled.fake00001", "import-acled")).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
