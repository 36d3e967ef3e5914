/** Writes through the API: records (create, replace, soft delete) and cases, with versions and idempotency. @module */
export { createCase, type NewCase } from "./create-case.js";
export { currentRow, versionOf, type CurrentRow } from "./record-version.js";
export { WriteError, type WriteErrorCode } from "./write-error.js";
export {
  writeRecord,
  writeRecordIn,
  prepareRefusal,
  type PreparedWrite,
  type RecordWriteOp,
  type RecordWriteRequest,
  type RecordWriteResult,
} from "./write-record.js";
export {
  findIdempotentAnswer,
  requestHash,
  type IdempotencyClaim,
  type IdempotentAnswer,
} from "./idempotency.repository.js";
export {
  caseSettingsOf,
  DEFAULT_CASE_SETTINGS,
  putCaseSettings,
  setCaseSettings,
  storedCaseSettings,
  type CaseSettings,
} from "./case-settings.js";
export { listBackfills, replaceBackfills, type BackfillMark } from "./backfill.repository.js";
