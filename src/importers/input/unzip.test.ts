import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/importers/helpers.js";
import { buildZip, finderZip } from "../../../test/importers/zip-entries.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { isIgnoredEntry, listZip, openZipEntry, pickEntry, type ZipEntry } from "./unzip.js";

const CSV = Buffer.from("event_id_cnty,event_date\nARG1,2022-06-01\n");

function entry(name: string): ZipEntry {
  return { name, method: 8, compressedSize: 1, uncompressedSize: 1, localHeaderOffset: 0, flags: 0 };
}

/** Open file descriptors of this process. */
function openFds(): number {
  return readdirSync("/proc/self/fd").length;
}

/** Wait until the open descriptors are back to `n` (closing is asynchronous), or give up after a second. */
async function fdsBackTo(n: number): Promise<number> {
  for (let i = 0; i < 100 && openFds() !== n; i++) await new Promise((r) => setTimeout(r, 10));
  return openFds();
}

describe("pickEntry", () => {
  it("ignores what macOS Finder, folders and dot-files add, and readmes and licences", () => {
    for (const name of [
      "__MACOSX/",
      "__MACOSX/._acled.csv",
      "__MACOSX/data/._acled.csv",
      "._acled.csv",
      "data/._acled.csv",
      ".DS_Store",
      "data/.DS_Store",
      ".hidden/events.csv",
      "data/",
      "README.txt",
      "docs/LICENCE.md",
      "license",
    ])
      expect(isIgnoredEntry(name), name).toBe(true);
    for (const name of ["acled.csv", "data/acled.csv", "20170701234500.export.CSV", "readings.csv"])
      expect(isIgnoredEntry(name), name).toBe(false);
  });

  it("picks the one data file of a Finder zip, and still refuses two data files", () => {
    const finder = ["acled.csv", "__MACOSX/", "__MACOSX/._acled.csv", ".DS_Store", "README"].map(entry);
    expect(pickEntry("a.zip", finder).name).toBe("acled.csv");
    expect(() => pickEntry("b.zip", [entry("a.csv"), entry("__MACOSX/._a.csv"), entry("b.csv")])).toThrow(
      /2 data files \(a\.csv, b\.csv\)/,
    );
    expect(() => pickEntry("c.zip", [entry("__MACOSX/._a.csv"), entry(".DS_Store")])).toThrow(/no data file/);
  });

  it("opens the data entry of a zip built like Finder's (stored and deflated)", async () => {
    const dir = tempDir();
    for (const method of [0, 8] as const) {
      const path = join(dir, `finder-${method}.zip`);
      writeFileSync(path, finderZip("acled.csv", CSV, method));
      expect((await listZip(path, DEFAULT_LIMITS)).map((e) => e.name)).toEqual([
        "acled.csv",
        "__MACOSX/",
        "__MACOSX/._acled.csv",
      ]);
      const { stream, entry: picked } = await openZipEntry(path, DEFAULT_LIMITS);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      expect([picked.name, Buffer.concat(chunks).toString()]).toEqual(["acled.csv", CSV.toString()]);
    }
  });
});

describe("openZipEntry closes its file handle", () => {
  const big = Buffer.alloc(1024 * 1024, "a,b,c\n");

  it("when read to the end, when destroyed after the first chunk, and on a corrupt local header", async () => {
    const dir = tempDir();
    const stored = join(dir, "stored.zip");
    writeFileSync(stored, buildZip([{ name: "events.csv", data: big, method: 0 }]));
    const before = openFds();

    const whole = await openZipEntry(stored, DEFAULT_LIMITS);
    let n = 0;
    for await (const c of whole.stream) n += (c as Buffer).length;
    expect(n).toBe(big.length);
    expect(whole.compressedBytesRead()).toBe(whole.entry.compressedSize);
    expect(await fdsBackTo(before)).toBe(before);

    const early = await openZipEntry(stored, DEFAULT_LIMITS);
    await new Promise<void>((resolve) => {
      early.stream.once("data", () => {
        early.stream.destroy();
        resolve();
      });
    });
    expect(early.compressedBytesRead()).toBeLessThan(early.entry.compressedSize);
    expect(await fdsBackTo(before)).toBe(before);

    // The central directory points at a local header that is not one.
    const broken = buildZip([{ name: "events.csv", data: CSV, method: 0 }]);
    broken.writeUInt32LE(0, 0);
    const bad = join(dir, "bad.zip");
    writeFileSync(bad, broken);
    await expect(openZipEntry(bad, DEFAULT_LIMITS)).rejects.toThrow(/corrupt local header/);
    expect(await fdsBackTo(before)).toBe(before);
  });

  it("opens an empty stored entry as an empty stream (no read stream over an empty range)", async () => {
    const dir = tempDir();
    const path = join(dir, "empty.zip");
    writeFileSync(path, buildZip([{ name: "events.csv", method: 0 }]));
    const before = openFds();
    const { stream } = await openZipEntry(path, DEFAULT_LIMITS);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).length).toBe(0);
    expect(await fdsBackTo(before)).toBe(before);
  });
});
