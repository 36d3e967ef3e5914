/**
 * The rejects file: one CSV row per rejected input row — line, fields, reasons, raw text (a protected
 * identity redacted) — opened on the first reject only. Cells are neutralised against formula injection because this file is meant to be opened in a
 * spreadsheet.
 * @module
 */
import { stringify } from "csv-stringify/sync";
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { neutraliseFormula } from "../neutralise-formula.js";
import type { RowReject } from "./import-report.js";
import { redactRaw } from "./redact-raw.js";

/** Columns of the rejects file. */
export const REJECTS_HEADER = ["line", "field", "reason", "raw"] as const;

/** Appends rejects to a file; `close()` flushes it. A writer without a path only counts. */
export class RejectsWriter {
  private out: WriteStream | undefined;
  private failed: Error | undefined;

  constructor(private readonly path: string | undefined) {}

  /** Write one reject (waits when the file's buffer is full, so memory stays bounded). */
  async write(r: RowReject): Promise<void> {
    if (this.path === undefined) return;
    if (this.failed) throw this.failed;
    if (!this.out) {
      this.out = createWriteStream(this.path, { encoding: "utf8" });
      this.out.on("error", (e) => {
        this.failed = e;
      });
      this.out.write(stringify([[...REJECTS_HEADER]]));
    }
    const row = [String(r.line), r.fields.join("; "), r.reasons.join("; "), redactRaw(r.raw)].map(
      neutraliseFormula,
    );
    if (!this.out.write(stringify([row]))) await once(this.out, "drain");
  }

  /** Close the file (creating it with just the header when there was no reject, so a run always leaves one). */
  async close(): Promise<void> {
    if (this.path === undefined) return;
    if (!this.out) {
      this.out = createWriteStream(this.path, { encoding: "utf8" });
      this.out.write(stringify([[...REJECTS_HEADER]]));
    }
    this.out.end();
    await once(this.out, "finish");
    if (this.failed) throw this.failed;
  }
}
