import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/importers/helpers.js";
import { buildZip } from "../../../test/importers/zip-entries.js";
import { DEFAULT_LIMITS } from "../input/limits.js";
import { openTextInput, sniffText } from "./text-input.js";

/** About 1.2 MB of CSV that does not compress to nothing (so a gzip is read in several chunks). */
const CSV = Buffer.from(
  [
    "id,day,note",
    ...Array.from(
      { length: 30_000 },
      (_, i) => `${i},2024-01-${String((i % 28) + 1).padStart(2, "0")},${(i * 7919).toString(36)}`,
    ),
  ].join("\n"),
);

function openFds(): number {
  return readdirSync("/proc/self/fd").length;
}

async function fdsBackTo(n: number): Promise<number> {
  for (let i = 0; i < 100 && openFds() !== n; i++) await new Promise((r) => setTimeout(r, 10));
  return openFds();
}

/** The same CSV as a plain file, a gzip, a stored zip and a deflated zip. */
function inputs(): Record<"plain" | "gzip" | "stored" | "deflated", string> {
  const dir = tempDir();
  const files = {
    plain: join(dir, "events.csv"),
    gzip: join(dir, "events.csv.gz"),
    stored: join(dir, "stored.zip"),
    deflated: join(dir, "deflated.zip"),
  };
  writeFileSync(files.plain, CSV);
  writeFileSync(files.gzip, gzipSync(CSV));
  writeFileSync(files.stored, buildZip([{ name: "events.csv", data: CSV, method: 0 }]));
  writeFileSync(files.deflated, buildZip([{ name: "events.csv", data: CSV, method: 8 }]));
  return files;
}

describe("openTextInput: progress in packed bytes", () => {
  it("knows the total for every packaging and reaches it at the end", async () => {
    const files = inputs();
    for (const [kind, path] of Object.entries(files)) {
      const input = await openTextInput(path, DEFAULT_LIMITS);
      const size = statSync(path).size;
      // Plain and gzip: the file; zip: the entry's compressed data (the file less its headers).
      if (kind === "plain" || kind === "gzip") expect(input.totalBytes, kind).toBe(size);
      else {
        expect(input.totalBytes, kind).toBeGreaterThan(0);
        expect(input.totalBytes, kind).toBeLessThan(size);
      }
      let text = "";
      let midway: number | undefined;
      for await (const chunk of input.text) {
        text += String(chunk);
        midway ??= input.bytesRead();
      }
      expect(text.length, kind).toBe(CSV.length);
      expect(input.bytesRead(), kind).toBe(input.totalBytes);
      expect(midway, kind).toBeGreaterThan(0);
    }
    // A compressed input counts compressed bytes: the gzip's total is far below the text it holds.
    const gz = await openTextInput(files.gzip, DEFAULT_LIMITS);
    expect(gz.totalBytes).toBeLessThan(CSV.length / 2);
    gz.text.destroy();
  });
});

describe("openTextInput closes the file when the reader stops early", () => {
  it("after sniffing the head of each packaging, and after destroying the text", async () => {
    const files = inputs();
    const before = openFds();
    for (const [kind, path] of Object.entries(files)) {
      const head = await sniffText(path, DEFAULT_LIMITS, 1024);
      expect(head.startsWith("id,day,note\n"), kind).toBe(true);
      expect(await fdsBackTo(before), `${kind}: sniffText`).toBe(before);

      const input = await openTextInput(path, DEFAULT_LIMITS);
      await new Promise<void>((resolve) => {
        input.text.once("data", () => {
          input.text.destroy();
          resolve();
        });
      });
      expect(await fdsBackTo(before), `${kind}: destroyed text`).toBe(before);
      // Keep the input reachable, so only an explicit close (not garbage collection) can pass the check.
      expect(input.packaging).toBeDefined();
    }
  });
});
