/**
 * Response shapes of the HTTP API. Records are described by the fields every kind shares and left open for
 * the rest (each kind's fields are documented by its case-file schema); a source is always the redacted view.
 * @module
 */
import { z } from "zod";
import { CREDIBILITY, RELIABILITY, SOURCE_KINDS } from "../../domain/index.js";
import { RecordKindSchema } from "./query.schema.js";

export const WhenViewSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    precision: z.enum(["day", "month", "year", "range"]),
  })
  .meta({ id: "When", description: "when something happened: earliest and latest day, and the precision" });

export const CitationViewSchema = z
  .object({ source: z.string(), locator: z.string() })
  .meta({ id: "Citation", description: "a pointer into a source" });

/** Any record: the shared fields, and the fields of its kind. */
export const RecordViewSchema = z
  .looseObject({
    id: z.string(),
    occurredAt: WhenViewSchema,
    knownAt: z.string(),
    citations: z.array(CitationViewSchema),
    notes: z.string().optional(),
  })
  .meta({
    id: "Record",
    description: "a record; fields beyond these depend on its kind (see docs/case-format.md)",
  });

/** A source as the API shows it to a viewer not entitled to protected identities. */
export const SourceViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(SOURCE_KINDS),
    title: z.string(),
    occurredAt: WhenViewSchema,
    knownAt: z.string(),
    citations: z.array(CitationViewSchema),
    reliability: z.enum(RELIABILITY),
    credibility: z.union(CREDIBILITY.map((n) => z.literal(n))),
    confidential: z.boolean(),
    redacted: z.boolean().optional(),
    publishedAt: z.string().optional(),
    url: z.string().optional(),
    author: z.string().optional(),
    licence: z.string().optional(),
    attribution: z.string().optional(),
  })
  .meta({ id: "Source", description: "a graded source; a confidential one shows only its grading" });

export const RecordPageSchema = z
  .object({
    kind: RecordKindSchema,
    total: z.number().int().nonnegative(),
    limit: z.number().int(),
    offset: z.number().int(),
    items: z.array(RecordViewSchema),
  })
  .meta({ id: "RecordPage", description: "one page of records and the total that match" });

export const RecordVersionViewSchema = z
  .object({
    version: z.string().describe("the provider's version of the replaced row (its timestamp or release)"),
    change: z.enum(["updated", "deleted"]).describe("replaced by a newer row, or removed by the provider"),
    replacedBy: z.string().describe("the import batch that replaced or removed it"),
    replacedAt: z.string().optional().describe("when that import started (UTC)"),
    record: RecordViewSchema,
  })
  .meta({ id: "RecordVersion", description: "an earlier version of an imported record, as it was stored" });

export const RecordDetailSchema = z
  .object({
    kind: RecordKindSchema,
    record: RecordViewSchema,
    sources: z.array(SourceViewSchema).describe("the sources the record cites, with their grading"),
    versions: z
      .array(RecordVersionViewSchema)
      .describe("earlier versions an import replaced or removed, oldest first (empty for most records)"),
  })
  .meta({ id: "RecordDetail" });

export const CaseSummarySchema = z
  .looseObject({
    id: z.string(),
    title: z.string(),
    region: z.string(),
    countries: z.array(z.string()),
    period: z.object({ from: z.string(), to: z.string() }),
    description: z.string().optional(),
  })
  .meta({ id: "CaseSummary", description: "a case manifest" });

export const CaseDetailSchema = z
  .object({
    case: CaseSummarySchema,
    counts: z.record(z.string(), z.number().int().nonnegative()).describe("records per kind"),
  })
  .meta({ id: "CaseDetail" });

export const HealthSchema = z.object({ status: z.literal("ok"), version: z.string() }).meta({ id: "Health" });

/** An analysis result: its shape is the pure core's, documented in docs/api.md; `caseId` and `asOf` say what it covers. */
export const AnalysisViewSchema = z
  .looseObject({ caseId: z.string(), asOf: z.string().optional() })
  .meta({ id: "Analysis", description: "the result of an analysis over one case" });

export const ItemsViewSchema = z
  .object({ items: z.array(z.looseObject({})) })
  .meta({ id: "Items", description: "a list of items" });

/** The swimlanes of a case timeline. */
export const TIMELINE_LANES = [
  "incidents",
  "reports",
  "warnings",
  "responses",
  "mandates",
  "statements",
  "tribunal",
] as const;

export const TimelineItemSchema = z
  .object({
    id: z.string(),
    kind: RecordKindSchema,
    lane: z.enum(TIMELINE_LANES),
    from: z.string().describe("first day it may have happened"),
    to: z.string().describe("last day it may have happened"),
    precision: z.enum(["day", "month", "year", "range"]),
    knownAt: z.string(),
    label: z.string().describe("summary, title or name"),
  })
  .meta({ id: "TimelineItem" });

export const TimelineSchema = z
  .object({
    caseId: z.string(),
    from: z.string().optional(),
    to: z.string().optional(),
    lanes: z.array(z.enum(TIMELINE_LANES)),
    items: z.array(TimelineItemSchema),
  })
  .meta({ id: "Timeline", description: "a case's records in time order, one lane per kind" });

/** The reference criterion an alert's new level meets, in words, with its confidence. */
export const AlertCriterionViewSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    confidence: z.string().nullable().describe("the confidence tier reached; null when none"),
  })
  .meta({ id: "AlertCriterion", description: "the leading criterion met at an alert's new level" });

/** An alert the live assessor stored after a write: the engine's alert, marked with where and when it came from. */
export const LiveAlertViewSchema = z
  .object({
    origin: z.literal("live").describe("raised by the live assessment after a write, not by this replay"),
    run: z.string().describe("the run it is stored under (`live`)"),
    seq: z.number().int().nonnegative().describe("its position in the case's live run"),
    raisedAt: z.string().nullable().describe("UTC time it was stored (its log entry); null if unlogged"),
    raisedBy: z.string().nullable().describe("who stored it (the live assessor)"),
    criterion: AlertCriterionViewSchema.nullable().describe(
      "the criterion its new level meets (null with a score-based rulebook)",
    ),
    alert: z
      .looseObject({
        date: z.string(),
        level: z.string(),
        previousLevel: z.string(),
        situation: z.looseObject({ id: z.string() }),
      })
      .describe("the alert as the engine raised it (evidence citations redacted as everywhere)"),
  })
  .meta({ id: "LiveAlert" });

/** GET /api/cases/{caseId}/alerts: the alerts of a replay (or of a stored run) and the live alerts stored. */
export const AlertsViewSchema = z
  .looseObject({
    caseId: z.string(),
    asOf: z.string(),
    source: z
      .enum(["replay", "stored"])
      .describe("`replay`: computed now with the server's rulebook; `stored`: saved by an engine run"),
    alerts: z.array(z.looseObject({})).describe("the level changes up to `asOf`"),
    liveAlerts: z
      .array(LiveAlertViewSchema)
      .describe("alerts the live assessor stored, in the order raised; filtered by `asOf` only when given"),
  })
  .meta({ id: "Alerts", description: "a case's alerts: replayed or stored, and live" });
