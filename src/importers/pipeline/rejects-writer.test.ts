// The rejects file: refused when it is the input or the store, checked before anything is written, and a
// write error is an error of the run, never a hang.
import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "../import-error.js";
import { checkRejectsPath, RejectsWriter } from "./rejects-writer.js";

const reject = { line: 2, fields: ["x"], reasons: ["x: bad"], raw: "a,b" };

describe("rejects file", () => {
  it("refuses the input by path, symbolic link or hard link, the store's file, a folder; creates nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-rejects-"));
    const input = join(dir, "in.csv");
    writeFileSync(input, "keep me\n");
    const hard = join(dir, "hard.csv");
    linkSync(input, hard);
    const soft = join(dir, "soft.csv");
    symlinkSync(input, soft);
    const db = join(dir, "store.db");
    writeFileSync(db, "");
    mkdirSync(join(dir, "folder"));
    for (const p of [input, relative(process.cwd(), input), hard, soft]) {
      await expect(checkRejectsPath(p, input)).rejects.toThrow(/is the input file/);
      await expect(new RejectsWriter(p).open(input)).rejects.toBeInstanceOf(ImportError);
    }
    await expect(checkRejectsPath(db, input, [db])).rejects.toThrow(/is the store's file/);
    await expect(checkRejectsPath(join(dir, "folder"), input)).rejects.toThrow(/is a directory/);
    await expect(checkRejectsPath(join(dir, "none", "r.csv"), input)).rejects.toThrow(
      /rejects file .*r\.csv: cannot be created/,
    );
    await checkRejectsPath(join(dir, "ok.csv"), input);
    expect(existsSync(join(dir, "ok.csv"))).toBe(false);
    expect(readFileSync(input, "utf8")).toBe("keep me\n");
  });

  it("open() writes the header at once; a clean run leaves a header-only file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-rejects-"));
    const w = new RejectsWriter(join(dir, "r.csv"));
    await w.open(join(dir, "in.csv"));
    await w.write(reject);
    await w.close();
    expect(readFileSync(join(dir, "r.csv"), "utf8")).toBe('line,field,reason,raw\n2,x,x: bad,"a,b"\n');
  });

  it.skipIf(!existsSync("/dev/full"))(
    "a write error surfaces from open(), write() or close() as an ImportError naming the file",
    async () => {
      // /dev/full opens but every write fails (ENOSPC).
      await expect(new RejectsWriter("/dev/full").open("/nonexistent")).rejects.toThrow(
        /rejects file \/dev\/full: cannot be written \(ENOSPC/,
      );
      // Without open(): the first write opens the file lazily; close() must report the error, not wait forever.
      const lazy = new RejectsWriter("/dev/full");
      await lazy.write(reject);
      await expect(lazy.close()).rejects.toThrow(/ENOSPC/);
      // A full buffer waiting for "drain" gets the error too.
      const big = new RejectsWriter("/dev/full");
      const raw = "x".repeat(64 * 1024);
      await expect(
        (async () => {
          for (let i = 0; i < 100; i++) await big.write({ ...reject, raw });
        })(),
      ).rejects.toThrow(/ENOSPC/);
      await expect(big.close()).rejects.toThrow(/ENOSPC/);
    },
    10_000,
  );

  it("appends to an existing rejects file when asked (no second header), and replaces anything else", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-rejects-"));
    const input = join(dir, "in.csv");
    writeFileSync(input, "a\n");
    const path = join(dir, "r.csv");
    const first = new RejectsWriter(path);
    expect(await first.open(input)).toBe(false);
    await first.write(reject);
    await first.close();
    const again = new RejectsWriter(path);
    expect(await again.open(input, [], true)).toBe(true);
    await again.write({ ...reject, line: 9 });
    await again.close();
    expect(readFileSync(path, "utf8")).toBe('line,field,reason,raw\n2,x,x: bad,"a,b"\n9,x,x: bad,"a,b"\n');
    // A file cut off mid-row gets its line end before the next row.
    writeFileSync(path, "line,field,reason,raw\n2,x,x: ba");
    const cut = new RejectsWriter(path);
    expect(await cut.open(input, [], true)).toBe(true);
    await cut.write({ ...reject, line: 9 });
    await cut.close();
    expect(readFileSync(path, "utf8")).toBe('line,field,reason,raw\n2,x,x: ba\n9,x,x: bad,"a,b"\n');
    // Not a rejects file: replaced, with its header.
    writeFileSync(path, "something else\n");
    const other = new RejectsWriter(path);
    expect(await other.open(input, [], true)).toBe(false);
    await other.close();
    expect(readFileSync(path, "utf8")).toBe("line,field,reason,raw\n");
  });
});
