/**
 * The storage adapter's public API: open a store (SQLite file or PostgreSQL URL), load and read cases, query
 * records and timelines, and keep engine and forecast outputs.
 * @module
 */
export { migrateStore, openStore } from "./open-store.js";
export type { OpenStoreOptions, Store, StoreDialectName } from "./store.js";
export { NO_FIELD_KEY, type IdentityCodec } from "./identity-codec.js";
export {
  StoreError,
  STORE_ERROR_CODES,
  isStoreError,
  redactLocation,
  type StoreErrorCode,
} from "./store-error.js";
export type { Database, RecordTableName } from "./database.js";
export { MIGRATIONS, type StoreMigration } from "./migrations/index.js";
export { runMigrations, pendingMigrations, type MigrationReport } from "./migrations/migrate.js";
export type { MigrationContext, DialectColumnTypes } from "./dialects/dialect.js";
export { loadCase, type LoadCaseOptions, type LoadKindChanges } from "./load-case.js";
export type { LoadCounts, LoadReport } from "./load-report.js";
export {
  deleteCase,
  listCases,
  readCase,
  readCaseManifest,
  type ReadCaseOptions,
  type StoredCase,
} from "./case.repository.js";
export { readCaseSnapshot, type CaseSnapshot } from "./case-snapshot.repository.js";
export type { BackfillMark } from "./writes/backfill.repository.js";
export {
  EvidenceQueryError,
  MAX_EVIDENCE_PAGE,
  queryEvidence,
  type EvidencePage,
  type EvidenceQueryInput,
  type EvidenceRecord,
} from "./evidence-query.js";
export { caseFeed, caseFeedBatches, type CaseFeedOptions, type FeedRecord } from "./case-feed.repository.js";
export { getRecord, listRecords, type ListRecordsQuery, type RecordPage } from "./record.repository.js";
export { getRecordVersions, type RecordVersion } from "./record-versions.repository.js";
export type { ReadOptions } from "./read-options.js";
export { timeline } from "./timeline.repository.js";
export { confidentialSourceIds } from "./confidential/confidential-sources.repository.js";
export {
  listAlerts,
  saveAlerts,
  saveAlertStream,
  type AlertInput,
  type StoredAlert,
} from "./outputs/alert.repository.js";
export {
  appendLiveAlerts,
  listLiveAlerts,
  liveLevels,
  LIVE_RUN,
  type ListedLiveAlert,
} from "./outputs/live-alert.repository.js";
export { storeVersion, versionAtLeast } from "./store-version.js";
export type { StoreChanges } from "./store-changes.js";
export {
  getForecastRun,
  getForecastRunResult,
  listForecastRuns,
  saveForecastRun,
  type ForecastRun,
  type ForecastRunKind,
  type ForecastRunResult,
  type ForecastRunSummary,
} from "./outputs/forecast-run.repository.js";
