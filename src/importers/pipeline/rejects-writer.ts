/**
 * The rejects file: one CSV row per rejected input row — line, fields, reasons, raw text (a protected
 * identity redacted). Cells are neutralised against formula injection because this file is meant to be opened
 * in a spreadsheet. The import opens it before anything is written ({@link RejectsWriter.open}): a path that
 * is the input file or the store, or that cannot be written, is refused first; a write error later is an error
 * of the run, never a hang.
 * @module
 */
import { stringify } from "csv-stringify/sync";
import { constants, createWriteStream, type WriteStream } from "node:fs";
import { access, open, stat, type FileHandle } from "node:fs/promises";
import { once } from "node:events";
import { dirname } from "node:path";
import { finished } from "node:stream/promises";
import { ImportError } from "../import-error.js";
import { neutraliseFormula } from "../neutralise-formula.js";
import type { RowReject } from "./import-report.js";
import { redactRaw } from "./redact-raw.js";

/** Columns of the rejects file. */
export const REJECTS_HEADER = ["line", "field", "reason", "raw"] as const;

/** The error for a rejects file that cannot be used, naming its path. */
function rejectsError(path: string, problem: string): ImportError {
  return new ImportError("IMPORT_UNREADABLE", `rejects file ${path}: ${problem}`);
}

/** An error's message (Node's file errors start with their code: `ENOSPC: no space left on device, write`). */
function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Check a rejects path without creating or changing anything: it must not be the input file or any of
 * `protectedPaths` (the store's files) — compared by device and inode, so a symbolic or hard link to them is
 * refused too — nor a directory, and it must be writable (or creatable in an existing, writable folder).
 * @example await checkRejectsPath("rejects.csv", "events.csv")
 * @throws ImportError naming the path.
 */
export async function checkRejectsPath(
  path: string,
  input: string,
  protectedPaths: readonly string[] = [],
): Promise<void> {
  const target = await stat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw rejectsError(path, `cannot be checked (${reasonOf(e)})`);
  });
  if (target === undefined) {
    await access(dirname(path), constants.W_OK).catch((e: unknown) => {
      throw rejectsError(path, `cannot be created (${reasonOf(e)})`);
    });
    return;
  }
  if (target.isDirectory()) throw rejectsError(path, "is a directory");
  const same = async (other: string): Promise<boolean> => {
    const s = await stat(other).catch(() => undefined);
    return s !== undefined && s.dev === target.dev && s.ino === target.ino;
  };
  if (await same(input))
    throw rejectsError(path, `is the input file ${input}: it would be overwritten (name another file)`);
  for (const p of protectedPaths)
    if (await same(p)) throw rejectsError(path, `is the store's file ${p} (name another file)`);
  await access(path, constants.W_OK).catch((e: unknown) => {
    throw rejectsError(path, `cannot be written (${reasonOf(e)})`);
  });
}

/**
 * The last character of a rejects file at `path` that starts with `header`, or undefined when there is no
 * such file (missing, unreadable, or something else).
 */
async function existingTail(path: string, header: string): Promise<string | undefined> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, "r");
    const size = (await fh.stat()).size;
    const want = Buffer.byteLength(header);
    if (size < want) return undefined;
    const head = Buffer.alloc(want);
    await fh.read(head, 0, want, 0);
    if (head.toString("utf8") !== header) return undefined;
    const last = Buffer.alloc(1);
    await fh.read(last, 0, 1, size - 1);
    return last.toString("latin1");
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
}

/**
 * Appends rejects to a file; `close()` flushes it. A writer without a path only counts. Every failure is an
 * {@link ImportError} naming the file.
 */
export class RejectsWriter {
  private out: WriteStream | undefined;
  private failed: Error | undefined;

  constructor(private readonly path: string | undefined) {}

  /**
   * Check the path (see {@link checkRejectsPath}), create the file and write its header, and wait until the
   * header is written: call it before anything is written to the store. With `append` (a resumed run), a file
   * that already starts with the header is kept and appended to (its rejects are those of the interrupted
   * run); any other file is replaced.
   * @returns whether an existing rejects file was appended to.
   * @throws ImportError naming the path when it is refused or cannot be written.
   */
  async open(input: string, protectedPaths: readonly string[] = [], append = false): Promise<boolean> {
    if (this.path === undefined || this.out) return false;
    await checkRejectsPath(this.path, input, protectedPaths);
    const header = stringify([[...REJECTS_HEADER]]);
    const tail = append ? await existingTail(this.path, header) : undefined;
    const out = this.create(this.path, tail !== undefined);
    try {
      await once(out, "ready");
      // An interrupted run may have left a last row without its line end: end it before appending.
      const first = tail === undefined ? header : tail === "\n" ? "" : "\n";
      if (first !== "")
        await new Promise<void>((resolve, reject) => out.write(first, (e) => (e ? reject(e) : resolve())));
    } catch (e) {
      this.failed ??= e as Error;
      out.destroy();
      throw rejectsError(this.path, `cannot be written (${reasonOf(this.failed)})`);
    }
    return tail !== undefined;
  }

  /** Write one reject (waits when the file's buffer is full, so memory stays bounded). */
  async write(r: RowReject): Promise<void> {
    if (this.path === undefined) return;
    const out = this.out ?? this.createWithHeader(this.path);
    this.throwIfFailed(out);
    const row = [String(r.line), r.fields.join("; "), r.reasons.join("; "), redactRaw(r.raw)].map(
      neutraliseFormula,
    );
    if (!out.write(stringify([row]))) {
      // `once` rejects on the stream's error, so a failed file never leaves this waiting.
      try {
        await once(out, "drain");
      } catch (e) {
        this.failed ??= e as Error;
      }
      this.throwIfFailed(out);
    }
  }

  /**
   * Close the file (creating it with just the header when it was never opened, so a run always leaves one).
   * @throws ImportError when the file could not be written (never waits on a failed file).
   */
  async close(): Promise<void> {
    if (this.path === undefined) return;
    const out = this.out ?? this.createWithHeader(this.path);
    if (!this.failed && !out.destroyed && !out.writableEnded) out.end();
    try {
      await finished(out);
    } catch (e) {
      this.failed ??= e as Error;
    }
    this.throwIfFailed(out);
  }

  private create(path: string, append = false): WriteStream {
    const out = createWriteStream(path, { encoding: "utf8", flags: append ? "a" : "w" });
    out.on("error", (e) => {
      this.failed ??= e;
    });
    this.out = out;
    return out;
  }

  private createWithHeader(path: string): WriteStream {
    const out = this.create(path);
    out.write(stringify([[...REJECTS_HEADER]]));
    return out;
  }

  private throwIfFailed(out: WriteStream): void {
    if (!this.failed) return;
    if (!out.destroyed) out.destroy();
    throw rejectsError(this.path ?? "", `cannot be written (${reasonOf(this.failed)})`);
  }
}
