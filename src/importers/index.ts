/**
 * Importers for event data (ACLED, UCDP GED, GDELT 2.0, HXL, Tocsin CSV/JSON lines): streaming, idempotent,
 * resumable; plus the pure aggregation into indicator series and the CSV formula neutraliser for exporters.
 * @module
 */
export {
  checkImportInput,
  importFile,
  type CheckedInput,
  type ImportOptions,
  type ImportProgress,
} from "./pipeline/import-file.js";
export {
  exitCodeOf,
  type ImportReport,
  type ReportProblem,
  type RowReject,
} from "./pipeline/import-report.js";
export {
  FORMAT_NAMES,
  FORMATS,
  detectFormat,
  formatByName,
  type FormatName,
  type ImportFormat,
} from "./formats/index.js";
export { ImportError, IMPORT_ERROR_CODES, isImportError, type ImportErrorCode } from "./import-error.js";
export { DEFAULT_LIMITS, type InputLimits } from "./input/limits.js";
export { neutraliseFormula, isFormulaLike } from "./neutralise-formula.js";
export * from "./aggregate/index.js";
