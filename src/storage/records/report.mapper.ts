/** Mappers between the `reports` row and the domain's Report. */
import type { Report } from "../../domain/index.js";
import type { ReportRow } from "./report.table.js";
import { bit, orNull, recordColumns, recordFromColumns } from "./record-row.js";

/** A Report as its `reports` row. */
export function reportToRow(caseId: string, r: Report): ReportRow {
  return {
    ...recordColumns(caseId, "report", r),
    title: r.title,
    country: orNull(r.country),
    target_group_id: orNull(r.targetGroup),
    qualification: r.qualification,
    mentions_genocide_risk: bit(r.mentionsGenocideRisk),
  };
}

/** The Report a `reports` row holds. */
export function reportRowToReport(row: ReportRow): Report {
  return recordFromColumns<Report>(row);
}
