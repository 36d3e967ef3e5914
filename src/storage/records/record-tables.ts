/**
 * One entry per record kind: its table and its two mappers. Generic code (load, read, list, timeline) walks
 * this instead of switching on kinds.
 * @module
 */
import type { RecordKind, RecordOf } from "../../domain/index.js";
import type { RecordTableName } from "../database.js";
import { actorRowToActor, actorToRow } from "./actor.mapper.js";
import { capabilityRowToCapability, capabilityToRow } from "./capability.mapper.js";
import { commitmentRowToCommitment, commitmentToRow } from "./commitment.mapper.js";
import { groupRowToGroup, groupToRow } from "./group.mapper.js";
import { incidentRowToIncident, incidentToRow } from "./incident.mapper.js";
import { mandateRowToMandate, mandateToRow } from "./mandate.mapper.js";
import type { RecordColumns } from "./record-columns.js";
import { reportRowToReport, reportToRow } from "./report.mapper.js";
import { responseRowToResponse, responseToRow } from "./response.mapper.js";
import { sourceRowToSource, sourceToRow } from "./source.mapper.js";
import { statementRowToStatement, statementToRow } from "./statement.mapper.js";
import { tribunalCaseRowToTribunalCase, tribunalCaseToRow } from "./tribunal-case.mapper.js";
import { tribunalRowToTribunal, tribunalToRow } from "./tribunal.mapper.js";
import { warningRowToWarning, warningToRow } from "./warning.mapper.js";

/** How one kind is stored. Rows are typed per table in the mappers; here they are seen through their common columns. */
export interface RecordTableSpec<K extends RecordKind> {
  readonly table: RecordTableName;
  toRow(caseId: string, record: RecordOf<K>): RecordColumns;
  fromRow(row: RecordColumns): RecordOf<K>;
}

type Specs = { readonly [K in RecordKind]: RecordTableSpec<K> };

// The casts narrow a row seen as RecordColumns to its table's row type: the row was read from that table.
export const RECORD_TABLES: Specs = {
  actor: { table: "actors", toRow: actorToRow, fromRow: (r) => actorRowToActor(r as never) },
  group: { table: "protected_groups", toRow: groupToRow, fromRow: (r) => groupRowToGroup(r as never) },
  source: { table: "sources", toRow: sourceToRow, fromRow: (r) => sourceRowToSource(r as never) },
  incident: { table: "incidents", toRow: incidentToRow, fromRow: (r) => incidentRowToIncident(r as never) },
  report: { table: "reports", toRow: reportToRow, fromRow: (r) => reportRowToReport(r as never) },
  warning: { table: "warnings", toRow: warningToRow, fromRow: (r) => warningRowToWarning(r as never) },
  response: { table: "responses", toRow: responseToRow, fromRow: (r) => responseRowToResponse(r as never) },
  commitment: {
    table: "commitments",
    toRow: commitmentToRow,
    fromRow: (r) => commitmentRowToCommitment(r as never),
  },
  mandate: { table: "mandates", toRow: mandateToRow, fromRow: (r) => mandateRowToMandate(r as never) },
  capability: {
    table: "capabilities",
    toRow: capabilityToRow,
    fromRow: (r) => capabilityRowToCapability(r as never),
  },
  statement: {
    table: "statements",
    toRow: statementToRow,
    fromRow: (r) => statementRowToStatement(r as never),
  },
  tribunal: { table: "tribunals", toRow: tribunalToRow, fromRow: (r) => tribunalRowToTribunal(r as never) },
  tribunalCase: {
    table: "tribunal_cases",
    toRow: tribunalCaseToRow,
    fromRow: (r) => tribunalCaseRowToTribunalCase(r as never),
  },
};

/** The storage spec of a kind. */
export function tableOf<K extends RecordKind>(kind: K): RecordTableSpec<K> {
  return RECORD_TABLES[kind] as RecordTableSpec<K>;
}
