import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CsvTokenizer, type RawRow } from "../input/csv-tokenizer.js";
import { ucdpGedFormat, ucdpRelease } from "./ucdp-ged.format.js";

describe("UCDP GED mapping", () => {
  it("reads releases as sortable versions with a mid-year knownAt", () => {
    expect(ucdpRelease("23.1")).toEqual({ version: "23.001.000", knownAt: "2023-06-30" });
    expect(ucdpRelease("25.0.10")).toEqual({ version: "25.000.010", knownAt: "2025-06-30" });
    expect(ucdpRelease("v23")).toBeUndefined();
  });

  it("maps the first one-sided event of the sample", () => {
    const text = readFileSync(
      resolve(
        process.cwd(),
        "../shared/data/formats/ucdp_ged/ucdp_ged_sample_450_upto2015_uncertainUCDP.csv",
      ),
      "utf8",
    );
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
});
