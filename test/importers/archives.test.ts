// .gz and .zip inputs import like the plain file; decompression bombs and hostile archives are refused.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, exitCodeOf, importFile } from "../../src/importers/index.js";
import { listRecords } from "../../src/storage/index.js";
import { clock, makeZip, SAMPLES, tempStore } from "./helpers.js";

describe("archives", () => {
  it("imports gzip and zip inputs with the same counts as the plain file", async () => {
    const { store, dir } = await tempStore();
    try {
      const data = readFileSync(SAMPLES.ucdp);
      const gz = join(dir, "ged.csv.gz");
      writeFileSync(gz, gzipSync(data));
      const r1 = await importFile(store, { format: "auto", file: gz, clock });
      expect([r1.packaging, r1.format, r1.read, r1.imported]).toEqual(["gzip", "ucdp-ged", 450, 450]);
      const zip = join(dir, "ged.zip");
      writeFileSync(zip, makeZip([{ name: "ged.csv", data }]));
      const r2 = await importFile(store, { format: "ucdp-ged", file: zip, clock });
      expect([r2.packaging, r2.read, r2.imported, r2.unchanged]).toEqual(["zip", 450, 0, 450]);
      const gdelt = join(dir, "20170701234500.export.CSV.zip");
      writeFileSync(
        gdelt,
        makeZip([{ name: "20170701234500.export.CSV", data: readFileSync(SAMPLES.gdelt) }]),
      );
      const r3 = await importFile(store, { format: "auto", file: gdelt, clock });
      expect([r3.format, r3.read, r3.imported]).toEqual(["gdelt", 50, 8]);
    } finally {
      await store.close();
    }
  });

  it("refuses a zip bomb by its declared ratio, and by its actual output when the header lies", async () => {
    const { store, dir } = await tempStore();
    try {
      const zeros = Buffer.alloc(8 * 1024 * 1024, 0x30);
      const bomb = join(dir, "bomb.zip");
      writeFileSync(bomb, makeZip([{ name: "events.csv", data: zeros }]));
      const r = await importFile(store, { format: "acled", file: bomb, clock });
      expect(r.fileError?.code).toBe("IMPORT_ARCHIVE_LIMIT");
      expect(r.fileError?.message).toContain("decompression bomb");
      expect(exitCodeOf(r)).toBe(2);

      const liar = join(dir, "liar.zip");
      writeFileSync(liar, makeZip([{ name: "events.csv", data: zeros, declaredSize: 1000 }]));
      const l = await importFile(store, { format: "acled", file: liar, clock });
      expect(l.fileError?.code).toBe("IMPORT_ARCHIVE_LIMIT");

      const gz = join(dir, "bomb.csv.gz");
      writeFileSync(gz, gzipSync(zeros));
      const g = await importFile(store, { format: "acled", file: gz, clock });
      expect(g.fileError?.code).toBe("IMPORT_ARCHIVE_LIMIT");
      expect((await listRecords(store, { kind: "incident", limit: 1, offset: 0 })).total).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("refuses archives with several data files, too many entries, or garbage", async () => {
    const { store, dir } = await tempStore();
    try {
      const two = join(dir, "two.zip");
      const data = Buffer.from("a,b\n1,2\n");
      writeFileSync(
        two,
        makeZip([
          { name: "a.csv", data },
          { name: "b.csv", data },
        ]),
      );
      expect((await importFile(store, { format: "acled", file: two, clock })).fileError?.message).toContain(
        "2 data files",
      );
      const many = join(dir, "many.zip");
      writeFileSync(
        many,
        makeZip(Array.from({ length: 5 }, (_, i) => ({ name: `d${i}/`, data: Buffer.alloc(0) }))),
      );
      const m = await importFile(store, {
        format: "acled",
        file: many,
        clock,
        limits: { ...DEFAULT_LIMITS, maxZipEntries: 4 },
      });
      expect(m.fileError?.code).toBe("IMPORT_ARCHIVE_LIMIT");
      const broken = join(dir, "broken.zip");
      writeFileSync(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]));
      expect((await importFile(store, { format: "acled", file: broken, clock })).fileError?.code).toBe(
        "IMPORT_ARCHIVE_INVALID",
      );
      const badGz = join(dir, "bad.gz");
      writeFileSync(badGz, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(100, 7)]));
      expect((await importFile(store, { format: "acled", file: badGz, clock })).fileError?.code).toBe(
        "IMPORT_UNREADABLE",
      );
    } finally {
      await store.close();
    }
  });
});
