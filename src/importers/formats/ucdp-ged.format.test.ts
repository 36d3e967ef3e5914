import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLES } from "../../../test/importers/helpers.js";
import { openStore } from "../../storage/index.js";
import { CsvTokenizer, type RawRow } from "../input/csv-tokenizer.js";
import { importFile } from "../pipeline/import-file.js";
import { exitCodeOf } from "../pipeline/import-report.js";
import { ucdpGedFormat, ucdpRelease } from "./ucdp-ged.format.js";

const SAMPLE = SAMPLES.ucdp;

/** The sample's header and data rows. */
function sampleRows(): { header: string[]; data: string[][] } {
  const rows: RawRow[] = [];
  new CsvTokenizer({ delimiter: ",", quote: true, maxRecordChars: 1 << 20 }).push(
    readFileSync(SAMPLE, "utf8"),
    rows,
  );
  const [header, ...data] = rows.map((r) => r.fields);
  return { header: header as string[], data };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("UCDP GED mapping", () => {
  it("reads releases as sortable versions with a mid-year knownAt", () => {
    expect(ucdpRelease("23.1")).toEqual({ version: "23.001.000", knownAt: "2023-06-30" });
    expect(ucdpRelease("25.0.10")).toEqual({ version: "25.000.010", knownAt: "2025-06-30" });
    expect(ucdpRelease("v23")).toBeUndefined();
  });

  it("maps the first one-sided event of the sample", () => {
    const text = readFileSync(SAMPLE, "utf8");
    const rows: RawRow[] = [];
    new CsvTokenizer({ delimiter: ",", quote: true, maxRecordChars: 1 << 20 }).push(text, rows);
    const [header, ...data] = rows.map((r) => r.fields);
    const bound = ucdpGedFormat.bind([header as string[]], {
      sourceId: "ucdp-ged.source.x",
      release: "23.1",
    });
    if ("error" in bound) throw new Error(bound.error);
    const typeCol = (header as string[]).indexOf("type_of_violence");
    const oneSided = data.find((f) => f[typeCol] === "3") as string[];
    const m = bound.map(oneSided, 9);
    if (m.kind !== "record" || m.record.kind !== "incident") throw new Error("expected an incident");
    const i = m.record.value;
    expect(i.acts[0]).toBe("attack-on-civilians");
    expect(i.perpetrators).toHaveLength(1);
    expect(i.knownAt).toBe("2023-06-30");
    expect(m.version).toBe("23.001.000");
    expect(i.fatalities?.best).toBe(Number(oneSided[(header as string[]).indexOf("best")]));
  });

  it("rejects events a --release could not have known, naming knownAt (#6)", () => {
    const { header, data } = sampleRows();
    const bound = ucdpGedFormat.bind([header], { sourceId: "ucdp-ged.source.x", release: "10.1" });
    if ("error" in bound) throw new Error(bound.error);
    const start = header.indexOf("date_start");
    const results = data.map((f, i) => ({ f, m: bound.map(f, i + 2) }));
    const rejects = results.filter((r) => r.m.kind === "reject");
    // Exactly the events starting after 2010-06-30 (the release's knownAt) are rejected.
    expect(rejects.length).toBe(data.filter((f) => (f[start] ?? "").slice(0, 10) > "2010-06-30").length);
    expect(rejects.length).toBeGreaterThan(0);
    for (const { m } of rejects) {
      if (m.kind !== "reject") continue;
      expect(m.problems).toHaveLength(1);
      expect(m.problems[0]?.field).toBe("knownAt");
      expect(m.problems[0]?.reason).toMatch(
        /^--release 10\.1 gives knownAt 2010-06-30, which is before the record's occurredAt starts \(\d{4}-\d{2}-\d{2}\): a record cannot be known before it happened$/,
      );
    }
    for (const { m } of results) {
      if (m.kind === "record") expect(m.record.value.knownAt >= m.record.value.occurredAt.from).toBe(true);
    }
  });

  it("refuses a malformed --release when binding, not silently (#6)", () => {
    const { header } = sampleRows();
    expect(ucdpGedFormat.bind([header], { sourceId: "s", release: "2023" })).toEqual({
      error: '--release "2023" is not a UCDP GED release: use YY.N or YY.N.N (e.g. 23.1 or 25.0.10)',
    });
  });

  it("a malformed --release is a file-level error: exit 2, nothing written (#6)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-ucdp-release-"));
    dirs.push(dir);
    const store = await openStore(join(dir, "store.db"));
    try {
      const clock = (): Date => new Date("2026-01-15T12:00:00Z");
      const r = await importFile(store, { format: "ucdp-ged", file: SAMPLE, release: "2023", clock });
      expect(r.fileError?.code).toBe("IMPORT_MISSING_COLUMNS");
      expect(r.fileError?.message).toContain('--release "2023" is not a UCDP GED release');
      expect(r.read).toBe(0);
      expect(exitCodeOf(r)).toBe(2);
    } finally {
      await store.close();
    }
  });

  it("detects and binds upper-case and padded headers as the explicit format does (#6)", () => {
    const { header, data } = sampleRows();
    const upper = header.map((h) => ` ${h.toUpperCase()} `);
    expect(ucdpGedFormat.detect(upper.join(","), [upper])).toBe(true);
    const bound = ucdpGedFormat.bind([upper], { sourceId: "s" });
    if ("error" in bound) throw new Error(bound.error);
    expect(bound.map(data[0] as string[], 2).kind).toBe("record");
  });

  it("rejects fatalities too large to be true (#6)", () => {
    const { header, data } = sampleRows();
    const bound = ucdpGedFormat.bind([header], { sourceId: "s" });
    if ("error" in bound) throw new Error(bound.error);
    const f = [...(data[0] as string[])];
    f[header.indexOf("high")] = "99999999999999999999999";
    const m = bound.map(f, 2);
    expect(m.kind === "reject" && m.problems.map((p) => p.field)).toEqual(["high"]);
  });
});
