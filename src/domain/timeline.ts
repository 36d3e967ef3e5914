/**
 * The timeline of a case: every record in time order with its kind, dates, the actors it involves, a one-line
 * summary and its citations. Pure; the store builds the same entries with the same functions.
 * @module
 */
import type { CaseBundle, RecordOf } from "./case.js";
import type { Citation } from "./citation.js";
import type { When } from "./dates.js";
import { RECORD_KINDS, type RecordKind } from "./record.js";
import { PROTECTED_SOURCE_LABEL } from "./source.js";

/** One line of a timeline. */
export interface TimelineEntry {
  readonly kind: RecordKind;
  readonly id: string;
  readonly occurredAt: When;
  readonly knownAt: string;
  /** Ids of the actors the record involves, in the order its fields name them, without repeats. */
  readonly actors: readonly string[];
  readonly summary: string;
  readonly citations: readonly Citation[];
}

/** A reference from a record to an actor, with the field it sits in. */
export interface ActorReference {
  readonly field: string;
  readonly actor: string;
}

/** An optional day window; a record is in it when its `occurredAt` span overlaps it. */
export interface DayRange {
  readonly from?: string;
  readonly to?: string;
}

type AnyRecord = RecordOf<RecordKind>;

function refs(field: string, ids: readonly string[] | string | undefined): ActorReference[] {
  if (ids === undefined) return [];
  return (typeof ids === "string" ? [ids] : ids).map((actor) => ({ field, actor }));
}

/**
 * Every actor reference of a record, by field. The store indexes these for "records involving actor X".
 * @example actorReferences("response", r) // [{ field: "actor", actor: "dpko" }]
 */
export function actorReferences<K extends RecordKind>(
  kind: K,
  record: RecordOf<K>,
): readonly ActorReference[] {
  const r = record as AnyRecord;
  switch (kind) {
    case "actor": {
      const a = r as RecordOf<"actor">;
      return [...refs("id", a.id), ...refs("memberOf", a.memberOf)];
    }
    case "incident": {
      const i = r as RecordOf<"incident">;
      return [...refs("perpetrators", i.perpetrators), ...refs("targets", i.targets)];
    }
    case "report":
      return refs("authors", (r as RecordOf<"report">).authors);
    case "warning": {
      const w = r as RecordOf<"warning">;
      return [
        ...refs("sender", w.sender),
        ...refs("recipients", w.recipients),
        ...w.requestedActions.flatMap((a) => refs("requestedActions.addressees", a.addressees)),
      ];
    }
    case "response":
      return refs("actor", (r as RecordOf<"response">).actor);
    case "commitment": {
      const c = r as RecordOf<"commitment">;
      return [...refs("actor", c.actor), ...refs("addressee", c.addressee)];
    }
    case "mandate": {
      const m = r as RecordOf<"mandate">;
      return [...refs("body", m.body), ...refs("mission", m.mission)];
    }
    case "capability": {
      const c = r as RecordOf<"capability">;
      return [...refs("force", c.force), ...refs("owner", c.owner)];
    }
    case "statement":
      return refs("actor", (r as RecordOf<"statement">).actor);
    case "tribunal": {
      const t = r as RecordOf<"tribunal">;
      return [...refs("actor", t.actor), ...refs("establishedBy", t.establishedBy)];
    }
    case "tribunalCase":
      return refs("accused", (r as RecordOf<"tribunalCase">).accused);
    default:
      return [];
  }
}

/** The distinct actor ids of a record, in field order. */
export function actorsOf<K extends RecordKind>(kind: K, record: RecordOf<K>): readonly string[] {
  return [...new Set(actorReferences(kind, record).map((x) => x.actor))];
}

/**
 * A one-line summary of a record: its summary, title or name. A confidential source shows only the neutral
 * label, so a timeline never names one.
 */
export function recordSummary<K extends RecordKind>(kind: K, record: RecordOf<K>): string {
  const r = record as AnyRecord;
  switch (kind) {
    case "actor":
      return (r as RecordOf<"actor">).name;
    case "group":
      return (r as RecordOf<"group">).name;
    case "source": {
      const s = r as RecordOf<"source">;
      return s.confidential ? PROTECTED_SOURCE_LABEL : s.title;
    }
    case "report":
      return (r as RecordOf<"report">).title;
    case "commitment":
      return (r as RecordOf<"commitment">).measure;
    case "mandate": {
      const m = r as RecordOf<"mandate">;
      return m.resolution !== undefined
        ? `${m.resolution}: mandate of ${m.mission}`
        : `Mandate of ${m.mission}`;
    }
    case "tribunal":
      return (r as RecordOf<"tribunal">).name;
    case "tribunalCase": {
      const t = r as RecordOf<"tribunalCase">;
      return `${t.accused} before ${t.tribunal}: ${t.outcome}`;
    }
    default:
      return (r as { summary: string }).summary;
  }
}

/** The timeline entry of one record. */
export function timelineEntryOf<K extends RecordKind>(kind: K, record: RecordOf<K>): TimelineEntry {
  const r = record as AnyRecord;
  return {
    kind,
    id: r.id,
    occurredAt: r.occurredAt,
    knownAt: r.knownAt,
    actors: actorsOf(kind, record),
    summary: recordSummary(kind, record),
    citations: r.citations,
  };
}

/** Whether a span overlaps a day window (an open end is unbounded). */
export function overlapsRange(when: When, range: DayRange): boolean {
  return (
    (range.from === undefined || when.to >= range.from) && (range.to === undefined || when.from <= range.to)
  );
}

/** Time order: start day, then end day, then kind in RECORD_KINDS order, then id. */
export function compareTimelineEntries(a: TimelineEntry, b: TimelineEntry): number {
  if (a.occurredAt.from !== b.occurredAt.from) return a.occurredAt.from < b.occurredAt.from ? -1 : 1;
  if (a.occurredAt.to !== b.occurredAt.to) return a.occurredAt.to < b.occurredAt.to ? -1 : 1;
  const ka = RECORD_KINDS.indexOf(a.kind);
  const kb = RECORD_KINDS.indexOf(b.kind);
  if (ka !== kb) return ka - kb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Every record of a case in time order, optionally only those overlapping `range`. Runs in O(n log n).
 * @example toTimeline(bundle, { from: "1994-01-01", to: "1994-01-31" }).map((e) => e.id)
 */
export function toTimeline(bundle: CaseBundle, range: DayRange = {}): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const kind of RECORD_KINDS) {
    for (const record of bundle.records[kind] as readonly AnyRecord[]) {
      if (overlapsRange(record.occurredAt, range))
        out.push(timelineEntryOf(kind, record as RecordOf<typeof kind>));
    }
  }
  return out.sort(compareTimelineEntries);
}
