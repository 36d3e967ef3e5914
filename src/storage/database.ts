/**
 * The whole schema as Kysely sees it: table name → table type. Engineers adding a migration add their
 * table here too (additive edit), so every query stays typed.
 * @module
 */
import type {
  AnswerTokenTable,
  ContactPointTable,
  DeliveryTable,
  FollowupTable,
  WorkerLeaseTable,
} from "./desk/desk.table.js";
import type { ApiTokenTable, AuditEventTable, SessionTable, UserTable } from "./accounts/account.table.js";
import type { RevealRequestTable } from "./confidential/reveal-request.table.js";
import type { LogCheckpointTable, LogLeafTable } from "./log/log.table.js";
import type { AlertTable } from "./outputs/alert.table.js";
import type { ForecastRunTable } from "./outputs/forecast-run.table.js";
import type {
  ImportBatchTable,
  ImportLeaseTable,
  ImportRowTable,
  RecordVersionTable,
} from "./imports/import.table.js";
import type { ActorTable } from "./records/actor.table.js";
import type { CapabilityTable } from "./records/capability.table.js";
import type { CaseTable } from "./records/case.table.js";
import type { CitationTable } from "./records/citation.table.js";
import type { CommitmentTable } from "./records/commitment.table.js";
import type { GroupTable } from "./records/group.table.js";
import type { IncidentActTable, IncidentTable } from "./records/incident.table.js";
import type { MandateTable } from "./records/mandate.table.js";
import type { RecordRefTable } from "./records/record-ref.table.js";
import type { ReportTable } from "./records/report.table.js";
import type { ResponseTable } from "./records/response.table.js";
import type { SourceIdentityTable, SourceTable } from "./records/source.table.js";
import type { StatementTable } from "./records/statement.table.js";
import type { TribunalCaseTable } from "./records/tribunal-case.table.js";
import type { TribunalTable } from "./records/tribunal.table.js";
import type { WarningTable } from "./records/warning.table.js";
import type {
  CaseSettingsTable,
  IdempotencyKeyTable,
  LiveCaseTable,
  RecordBackfillTable,
  RecordWriteTable,
} from "./writes/write.table.js";

/** Every table of the store. */
export interface Database {
  cases: CaseTable;
  actors: ActorTable;
  protected_groups: GroupTable;
  sources: SourceTable;
  source_identities: SourceIdentityTable;
  incidents: IncidentTable;
  incident_acts: IncidentActTable;
  reports: ReportTable;
  warnings: WarningTable;
  responses: ResponseTable;
  commitments: CommitmentTable;
  mandates: MandateTable;
  capabilities: CapabilityTable;
  statements: StatementTable;
  tribunals: TribunalTable;
  tribunal_cases: TribunalCaseTable;
  citations: CitationTable;
  record_refs: RecordRefTable;
  alerts: AlertTable;
  forecast_runs: ForecastRunTable;
  import_batches: ImportBatchTable;
  import_leases: ImportLeaseTable;
  import_rows: ImportRowTable;
  record_versions: RecordVersionTable;
  idempotency_keys: IdempotencyKeyTable;
  record_writes: RecordWriteTable;
  record_backfills: RecordBackfillTable;
  live_cases: LiveCaseTable;
  case_settings: CaseSettingsTable;
  desk_contact_points: ContactPointTable;
  desk_deliveries: DeliveryTable;
  desk_answer_tokens: AnswerTokenTable;
  desk_followups: FollowupTable;
  desk_worker_leases: WorkerLeaseTable;
  log_leaves: LogLeafTable;
  log_checkpoints: LogCheckpointTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_events: AuditEventTable;
  reveal_requests: RevealRequestTable;
}

/** Names of the tables that hold one record kind each. */
export type RecordTableName =
  | "actors"
  | "protected_groups"
  | "sources"
  | "incidents"
  | "reports"
  | "warnings"
  | "responses"
  | "commitments"
  | "mandates"
  | "capabilities"
  | "statements"
  | "tribunals"
  | "tribunal_cases";
