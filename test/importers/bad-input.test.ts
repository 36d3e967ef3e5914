// Broken variants of the samples, generated into temporary folders: wrong columns, bad cells, ragged rows,
// strict mode, empty and binary files, huge fields, encodings, and the rejects file.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Incident } from "../../src/domain/index.js";
import { exitCodeOf, importFile } from "../../src/importers/index.js";
import { getRecord, listRecords, type Store } from "../../src/storage/index.js";
import { clock, FIXTURES_DIR, SAMPLES, tempDir, tempStore } from "./helpers.js";

const mixed = (): string[] => readFileSync(SAMPLES.acledMixed, "utf8").split("\n");

/** Row `n` (1-based data row) of the mixed sample with its last-but-two cell (fatalities) replaced. */
function withFatalities(lines: string[], n: number, value: string): void {
  const cells = (lines[n] as string).split(",");
  cells[cells.length - 3] = value;
  lines[n] = cells.join(",");
}

async function incidentCount(store: Store, caseId = "import-acled"): Promise<number> {
  return (await listRecords(store, { kind: "incident", caseId, limit: 1, offset: 0 })).total;
}

function write(dir: string, name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** A variant with a non-numeric fatality (row 3), an impossible date (row 5) and a ragged row (row 7). */
function brokenAcled(dir: string): string {
  const lines = mixed();
  withFatalities(lines, 3, "many");
  lines[5] = (lines[5] as string).replace(/^("[A-Z]+\d+"),"2022-\d\d-\d\d"/, '$1,"2022-02-30"');
  lines[7] = (lines[7] as string).replace(/,\d+$/, "");
  return write(dir, "broken.csv", lines.join("\n"));
}

describe("bad input", () => {
  it("names the missing columns and writes nothing (exit 2)", async () => {
    const { store, dir } = await tempStore();
    try {
      const lines = mixed();
      lines[0] = (lines[0] as string).replace('"fatalities"', '"deaths"').replace('"timestamp"', '"updated"');
      const r = await importFile(store, {
        format: "acled",
        file: write(dir, "cols.csv", lines.join("\n")),
        clock,
      });
      expect(r.fileError?.code).toBe("IMPORT_MISSING_COLUMNS");
      expect(r.fileError?.message).toContain("missing columns fatalities, timestamp");
      expect(exitCodeOf(r)).toBe(2);
      expect(await incidentCount(store)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("rejects bad rows with line, field and reason, imports the rest (exit 1)", async () => {
    const { store, dir } = await tempStore();
    try {
      const rejects = join(dir, "rejects.csv");
      const r = await importFile(store, {
        format: "acled",
        file: brokenAcled(dir),
        clock,
        rejectsFile: rejects,
      });
      expect([r.read, r.imported, r.rejected]).toEqual([480, 477, 3]);
      expect(exitCodeOf(r)).toBe(1);
      expect(r.problems.map((p) => [p.line, p.fields.join(",")])).toEqual([
        [4, "fatalities"],
        [6, "event_date"],
        [8, "(row)"],
      ]);
      expect(r.problems[0]?.reasons).toEqual(['fatalities: "many" is not a whole number']);
      expect(r.problems[1]?.reasons).toEqual(['event_date: "2022-02-30" is not a date']);
      expect(r.problems[2]?.reasons).toEqual(["(row): has 30 fields, expected 31"]);
      const rows = parse(readFileSync(rejects, "utf8")) as string[][];
      expect(rows[0]).toEqual(["line", "field", "reason", "raw"]);
      expect(rows.slice(1).map((x) => x.slice(0, 2))).toEqual([
        ["4", "fatalities"],
        ["6", "event_date"],
        ["8", "(row)"],
      ]);
      expect(rows[1]?.[3]).toContain("many");
      expect(await incidentCount(store)).toBe(477);
    } finally {
      await store.close();
    }
  });

  it("--strict writes nothing when any row is bad (exit 2) and still lists the rejects", async () => {
    const { store, dir } = await tempStore();
    try {
      const rejects = join(dir, "rejects.csv");
      const r = await importFile(store, {
        format: "acled",
        file: brokenAcled(dir),
        clock,
        strict: true,
        rejectsFile: rejects,
      });
      expect([r.read, r.rejected, r.written]).toEqual([480, 3, false]);
      expect(exitCodeOf(r)).toBe(2);
      expect(await incidentCount(store)).toBe(0);
      expect((parse(readFileSync(rejects, "utf8")) as string[][]).length).toBe(4);
      const clean = await importFile(store, {
        format: "acled",
        file: SAMPLES.acledMixed,
        clock,
        strict: true,
      });
      expect([clean.imported, exitCodeOf(clean)]).toEqual([480, 0]);
    } finally {
      await store.close();
    }
  });

  it("refuses empty and binary files, accepts a header-only file", async () => {
    const { store, dir } = await tempStore();
    try {
      const empty = await importFile(store, { format: "auto", file: write(dir, "empty.csv", ""), clock });
      expect(empty.fileError?.code).toBe("IMPORT_EMPTY_FILE");
      expect(exitCodeOf(empty)).toBe(2);
      const missing = await importFile(store, { format: "auto", file: join(dir, "nope.csv"), clock });
      expect(missing.fileError?.code).toBe("IMPORT_UNREADABLE");
      const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
      const bin = await importFile(store, { format: "acled", file: write(dir, "bin.csv", garbage), clock });
      expect(bin.fileError?.code).toBe("IMPORT_NOT_TEXT");
      const header = await importFile(store, {
        format: "acled",
        file: write(dir, "h.csv", `${mixed()[0]}\n`),
        clock,
      });
      expect([header.fileError, header.read, exitCodeOf(header)]).toEqual([undefined, 0, 0]);
      const unknown = await importFile(store, {
        format: "auto",
        file: write(dir, "x.csv", "a,b\n1,2\n"),
        clock,
      });
      expect(unknown.fileError?.code).toBe("IMPORT_FORMAT_NOT_DETECTED");
    } finally {
      await store.close();
    }
  });

  it("rejects a huge field and an unclosed quote without losing the other rows", async () => {
    const { store, dir } = await tempStore();
    try {
      const lines = mixed();
      lines[2] = (lines[2] as string).replace(/"On /, `"${"x".repeat(2 * 1024 * 1024)} On `);
      const last = lines.length - 1;
      const tail = lines[last] === "" ? last - 1 : last;
      lines[tail] = (lines[tail] as string).replace(/,"",(\d+)$/, ',"unclosed,$1');
      const r = await importFile(store, {
        format: "acled",
        file: write(dir, "huge.csv", lines.join("\n")),
        clock,
      });
      expect([r.read, r.imported, r.rejected]).toEqual([480, 478, 2]);
      expect(r.problems.map((p) => p.line)).toEqual([3, 481]);
      expect(r.problems[0]?.reasons[0]).toContain("huge field");
      expect(r.problems[1]?.reasons[0]).toContain("quoted field is not closed");
    } finally {
      await store.close();
    }
  });

  it("reads UTF-8 with a BOM and Latin-1, and stores formula-like cells as text", async () => {
    const { store, dir } = await tempStore();
    try {
      const lines = mixed();
      lines[1] = (lines[1] as string)
        .replace('"Kesumi"', '"Córdoba"')
        .replace(/"Around 1 January/, '"=HYPERLINK(1) Around 1 January');
      const text = lines.join("\n");
      const bom = await importFile(store, {
        format: "auto",
        file: write(
          dir,
          "bom.csv",
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]),
        ),
        clock,
      });
      expect([bom.format, bom.encoding, bom.imported]).toEqual(["acled", "utf-8-bom", 480]);
      const stored = (await getRecord(store, "incident", "acled.afgsynth1", "import-acled")) as Incident;
      expect(stored.place.name).toBe("Córdoba");
      expect(stored.notes?.startsWith("=HYPERLINK(1)")).toBe(true);

      const { store: s2 } = await tempStore();
      try {
        const latin = await importFile(s2, {
          format: "auto",
          file: write(dir, "latin1.csv", Buffer.from(text, "latin1")),
          clock,
        });
        expect([latin.encoding, latin.imported]).toEqual(["windows-1252", 480]);
        expect(
          ((await getRecord(s2, "incident", "acled.afgsynth1", "import-acled")) as Incident).place.name,
        ).toBe("Córdoba");
      } finally {
        await s2.close();
      }
    } finally {
      await store.close();
    }
  });

  it("neutralises formula cells in the rejects file", async () => {
    const { store, dir } = await tempStore();
    try {
      const lines = mixed();
      withFatalities(lines, 1, "many");
      lines[1] = (lines[1] as string).replace('"AFGSYNTH1"', '"=cmd|calc"');
      const rejects = join(dir, "rejects.csv");
      await importFile(store, {
        format: "acled",
        file: write(dir, "f.csv", lines.join("\n")),
        clock,
        rejectsFile: rejects,
      });
      const rows = parse(readFileSync(rejects, "utf8")) as string[][];
      expect(rows[1]?.[2]).toBe('fatalities: "many" is not a whole number');
      expect(rows[1]?.[3]?.startsWith("'=cmd|calc,2022-01-01,")).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("imports Tocsin CSV and JSON lines through the case-file schemas", async () => {
    const { store } = await tempStore();
    try {
      const csv = await importFile(store, {
        format: "auto",
        file: join(FIXTURES_DIR, "tocsin-incidents.csv"),
        clock,
      });
      expect([csv.format, csv.read, csv.imported, csv.rejected]).toEqual(["tocsin", 3, 2, 1]);
      expect(csv.problems[0]?.line).toBe(5);
      expect(csv.problems[0]?.fields).toEqual(["occurredAt"]);
      const a = (await getRecord(store, "incident", "inc-a", "import-tocsin")) as Incident;
      expect([a.fatalities, a.notes, a.occurredAt.precision]).toEqual([
        { low: 2, best: 3, high: 5 },
        "Two lines\nin one note",
        "day",
      ]);
      expect(((await getRecord(store, "incident", "inc-b", "import-tocsin")) as Incident).notes).toBe(
        "=SUM(A1:A2)",
      );

      const jsonl = await importFile(store, {
        format: "tocsin",
        file: join(FIXTURES_DIR, "tocsin-records.jsonl"),
        clock,
      });
      expect([jsonl.variant, jsonl.read, jsonl.imported, jsonl.rejected]).toEqual(["JSON lines", 7, 4, 3]);
      expect(jsonl.problems.map((p) => [p.line, p.fields[0]])).toEqual([
        [3, "kind"],
        [4, "(line)"],
        [5, "citations"],
      ]);
      expect(jsonl.problems[2]?.reasons).toEqual([
        'citations: cites source "no-such-source", which is not in case import-tocsin',
      ]);
      expect((await getRecord(store, "incident", "inc-j3", "import-tocsin"))?.citations).toEqual([
        { source: "src-report", locator: "p. 2" },
      ]);
      expect((await getRecord(store, "actor", "militia-x", "import-tocsin"))?.name).toBe("Militia X");
    } finally {
      await store.close();
    }
  });

  it("attaches to an existing case with --case and refuses a missing one", async () => {
    const { store } = await tempStore();
    try {
      const r = await importFile(store, {
        format: "ucdp-ged",
        file: SAMPLES.ucdp,
        clock,
        caseId: "no-such-case",
      });
      expect(r.fileError?.code).toBe("IMPORT_CASE_MISSING");
      expect(exitCodeOf(r)).toBe(2);
    } finally {
      await store.close();
    }
  });
});

describe("temporary folders", () => {
  it("never writes next to the samples", () => {
    expect(tempDir().startsWith(join(FIXTURES_DIR, ".."))).toBe(false);
  });
});
