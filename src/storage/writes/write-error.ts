/** Why a record write was refused before anything was written; the HTTP layer maps each code to a status. @module */
import type { RecordKind, RecordOf } from "../../domain/index.js";

export type WriteErrorCode = "CASE_NOT_FOUND" | "NOT_FOUND" | "EXISTS" | "STALE";

/**
 * A refused write. `current` and `currentVersion` come with `STALE` (the record as stored now, without any
 * protected field).
 * @example throw new WriteError("EXISTS", "incident inc-1 exists in case c1")
 */
export class WriteError extends Error {
  constructor(
    readonly code: WriteErrorCode,
    message: string,
    readonly current?: { readonly record: RecordOf<RecordKind>; readonly version: string },
  ) {
    super(message);
    this.name = "WriteError";
  }
}
