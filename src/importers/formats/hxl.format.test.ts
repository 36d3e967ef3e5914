import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLES } from "../../../test/importers/helpers.js";
import { openStore } from "../../storage/index.js";
import { importFile } from "../pipeline/import-file.js";
import { firstRows, resolveFormat } from "../pipeline/resolve-format.js";
import { hashtagRowIndex, hxlFormat } from "./hxl.format.js";
import { detectFormat } from "./index.js";

const SAMPLE = SAMPLES.hxl;
const LINES = readFileSync(SAMPLE, "utf8")
  .split(/\r?\n/)
  .filter((l) => l !== "");
const HEADER = LINES[0] as string;
const TAGS = LINES[1] as string;
const DATA = LINES.slice(2);
const dir = mkdtempSync(join(tmpdir(), "tocsin-hxl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clock = (): Date => new Date("2026-01-15T12:00:00Z");

/** Write the sample with `before` rows ahead of the hashtag row and the first data row's country set to ZZZ. */
function variant(name: string, before: readonly string[]): string {
  const [first, ...rest] = DATA;
  const bad = (first as string).replace(/^[A-Z]{3},/, "ZZZ,");
  const path = join(dir, name);
  writeFileSync(path, [...before, TAGS, bad, ...rest].join("\n") + "\n");
  return path;
}

describe("HXL hashtag row (#6)", () => {
  it("finds the hashtag row first, second or after several header rows, up to 25", () => {
    const tags = TAGS.split(",");
    const header = HEADER.split(",");
    expect(hashtagRowIndex([tags, ["ALB"]])).toBe(0);
    expect(hashtagRowIndex([header, tags])).toBe(1);
    expect(hashtagRowIndex([["Title"], ["Source: HDX"], header, tags])).toBe(3);
    expect(hashtagRowIndex([...Array.from({ length: 25 }, () => header), tags])).toBe(25);
    expect(hashtagRowIndex([...Array.from({ length: 26 }, () => header), tags])).toBe(-1);
    expect(hashtagRowIndex([header, header])).toBe(-1);
  });

  for (const [name, before] of [
    ["hashtag row first", []],
    ["one header row (the sample's shape)", [HEADER]],
    ["three header rows", ["Conflict events January 2025,,", "Source: HDX HAPI", HEADER]],
  ] as const) {
    it(`${name}: detected, bound, and every data row on its own line`, async () => {
      const path = variant(`${before.length}.csv`, before);
      const sniffed = readFileSync(path, "utf8");
      expect(detectFormat(firstRows(sniffed).firstLine, firstRows(sniffed).rows)?.name).toBe("hxl");
      const f = resolveFormat("auto", sniffed, path);
      expect(f.layout("").headerRows).toBe(before.length + 1);
      expect(resolveFormat("hxl", sniffed, path).layout("").headerRows).toBe(before.length + 1);

      const store = await openStore(join(dir, `${before.length}.db`));
      try {
        const r = await importFile(store, { format: "auto", file: path, clock });
        expect(r.fileError).toBeUndefined();
        // The sample's counts (420 read, 239 imported, 181 skipped), but the first data row (ABW, zero
        // events: a skip) is now a reject for its country code.
        expect([r.read, r.imported, r.skipped, r.rejected]).toEqual([420, 239, 180, 1]);
        // The hashtag row is on line before.length + 1; the first data row on the next line.
        expect(r.problems).toEqual([
          {
            line: before.length + 2,
            fields: ["#country+code"],
            reasons: ['#country+code: "ZZZ" is not an ISO 3166-1 alpha-3 code'],
          },
        ]);
      } finally {
        await store.close();
      }
    });
  }

  it("a named hxl file without a hashtag row in its first 26 rows is a file-level error", () => {
    const text = `${HEADER}\n${DATA.slice(0, 30).join("\n")}\n`;
    expect(() => resolveFormat("hxl", text, "x.csv")).toThrow(/no hashtag row .* in the first 26 rows/);
  });

  it("the bare format keeps the one-header-row layout", () => {
    expect(hxlFormat.layout("").headerRows).toBe(2);
  });
});
