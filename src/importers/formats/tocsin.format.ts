/**
 * Tocsin's own interchange formats, validated with the case-file schemas of src/contracts:
 * - CSV of incidents: one incident per row (columns below; lists `;`-separated);
 * - JSON lines: one `{"kind": "incident" | "actor" | "source", "record": {…case-file form…}}` per line.
 * Records without a citation cite the imported file with the row as locator.
 * @module
 */
import type { z } from "zod";
import { ActorSchema, IncidentSchema, SourceSchema } from "../../contracts/index.js";
import { implausibleDay, opt } from "../mapping/fields.js";
import {
  reject,
  type ImportedRecord,
  type MappedRow,
  type RecordRef,
  type RowProblem,
} from "../mapping/mapped-row.js";
import {
  columnIndex,
  headerKeys,
  missingColumnsMessage,
  type FormatContext,
  type ImportFormat,
} from "./format.js";

export const TOCSIN_CSV_REQUIRED = ["id", "occurredAt", "knownAt", "summary", "acts", "country"] as const;
export const TOCSIN_CSV_OPTIONAL = [
  "admin1",
  "admin2",
  "place",
  "lat",
  "lon",
  "geoPrecision",
  "perpetrators",
  "targets",
  "targetGroup",
  "fatalitiesLow",
  "fatalitiesBest",
  "fatalitiesHigh",
  "organised",
  "stateInvolvement",
  "source",
  "locator",
  "notes",
] as const;

/**
 * What the case loader checks on a record's dates and the schemas do not (src/casefiles/case-date-checks.ts):
 * every date inside the plausible window, and `knownAt` not before `occurredAt` starts (none of the kinds
 * imported here may be known early). Counts need nothing more: the schemas refuse integers above 2^53 − 1.
 */
function recordProblems(out: ImportedRecord): RowProblem[] {
  const v = out.value;
  const problems: RowProblem[] = [];
  const plausible = (field: string, day: string | undefined): void => {
    const bad = day === undefined ? undefined : implausibleDay(day);
    if (bad !== undefined) problems.push({ field, reason: `date ${bad}` });
  };
  plausible("occurredAt", v.occurredAt.from);
  if (v.occurredAt.to !== v.occurredAt.from) plausible("occurredAt", v.occurredAt.to);
  plausible("knownAt", v.knownAt);
  if (out.kind === "source") plausible("publishedAt", out.value.publishedAt);
  if (v.knownAt < v.occurredAt.from) {
    problems.push({
      field: "knownAt",
      reason: `knownAt ${v.knownAt} is before the record's occurredAt starts (${v.occurredAt.from}): a record of kind ${out.kind} cannot be known before it happened`,
    });
  }
  return problems;
}

/**
 * The actor references of a record that are not to an actor earlier in the file (`seen`): the store must
 * have them (see {@link RecordRef}).
 */
function unresolvedRefs(out: ImportedRecord, seen: ReadonlySet<string>): RecordRef[] {
  const refs: RecordRef[] = [];
  const add = (field: string, ids: readonly string[] | undefined): void => {
    (ids ?? []).forEach((id, i) => {
      if (!seen.has(id)) refs.push({ field: `${field}.${i}`, kind: "actor", id });
    });
  };
  if (out.kind === "incident") {
    add("perpetrators", out.value.perpetrators);
    add("targets", out.value.targets);
  } else if (out.kind === "actor" && out.value.memberOf !== undefined) {
    if (!seen.has(out.value.memberOf))
      refs.push({ field: "memberOf", kind: "actor", id: out.value.memberOf });
  }
  return refs;
}

function issues(error: z.ZodError): RowProblem[] {
  return error.issues.map((i) => ({ field: i.path.join(".") || "(record)", reason: i.message }));
}

const list = (v: string | undefined): string[] | undefined => {
  const items = (v ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return items.length > 0 ? items : undefined;
};

/** A number cell for zod to check: empty → undefined, else Number (NaN fails the schema with a message). */
const num = (v: string | undefined): number | undefined =>
  opt(v) === undefined ? undefined : Number(opt(v));

function bindCsv(header: readonly string[], ctx: FormatContext): ReturnType<ImportFormat["bind"]> {
  const { index, missing } = columnIndex(header, TOCSIN_CSV_REQUIRED, TOCSIN_CSV_OPTIONAL);
  if (missing.length > 0) return { error: missingColumnsMessage("Tocsin incident CSV", missing, header) };
  const get = (f: readonly string[], name: string): string | undefined => {
    const i = index.get(name);
    return i === undefined ? undefined : opt(f[i]);
  };
  const map = (f: readonly string[], line: number): MappedRow => {
    const fat = {
      low: num(get(f, "fatalitiesLow")),
      best: num(get(f, "fatalitiesBest")),
      high: num(get(f, "fatalitiesHigh")),
    };
    const hasFat = fat.low !== undefined || fat.best !== undefined || fat.high !== undefined;
    const source = get(f, "source");
    const candidate = {
      id: get(f, "id"),
      occurredAt: get(f, "occurredAt"),
      knownAt: get(f, "knownAt"),
      citations: [
        source
          ? { source, locator: get(f, "locator") ?? `row ${line}` }
          : { source: ctx.sourceId, locator: `row ${line}` },
      ],
      summary: get(f, "summary"),
      acts: list(get(f, "acts")) ?? [],
      place: {
        country: get(f, "country"),
        admin1: get(f, "admin1"),
        admin2: get(f, "admin2"),
        name: get(f, "place"),
        lat: num(get(f, "lat")),
        lon: num(get(f, "lon")),
        geoPrecision: num(get(f, "geoPrecision")),
      },
      perpetrators: list(get(f, "perpetrators")) ?? [],
      targets: list(get(f, "targets")),
      targetGroup: get(f, "targetGroup"),
      fatalities: hasFat ? fat : undefined,
      organised: get(f, "organised"),
      stateInvolvement: get(f, "stateInvolvement"),
      notes: get(f, "notes"),
    };
    const parsed = IncidentSchema.safeParse(stripUndefined(candidate));
    if (!parsed.success) return reject(...issues(parsed.error));
    const value = parsed.data;
    const record = { kind: "incident", value } as const;
    const problems = recordProblems(record);
    if (problems.length > 0) return reject(...problems);
    // A CSV holds incidents only: every actor it names must already be in the case.
    const refs = unresolvedRefs(record, NO_IDS);
    return {
      kind: "record",
      providerId: value.id,
      version: value.knownAt,
      record,
      actors: [],
      ...(refs.length > 0 ? { refs } : {}),
    };
  };
  return { map, width: header.length };
}

/** Drop `undefined` members so strict schemas see absent fields, not present-but-undefined ones. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const NO_IDS: ReadonlySet<string> = new Set();

function bindJsonLines(ctx: FormatContext): ReturnType<ImportFormat["bind"]> {
  // Ids of the actor records mapped so far (earlier in the file): references to them need no store lookup.
  const actorsSeen = new Set<string>();
  const map = (f: readonly string[], line: number): MappedRow => {
    const text = f.join("\u001f").trim();
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      return reject({ field: "(line)", reason: `not JSON: ${(e as Error).message}` });
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      return reject({ field: "(line)", reason: 'expected an object {"kind": …, "record": {…}}' });
    }
    const { kind, record } = doc as { kind?: unknown; record?: unknown };
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      return reject({ field: "record", reason: "is missing or not an object" });
    }
    const withCitation =
      (record as { citations?: unknown }).citations === undefined
        ? { ...record, citations: [{ source: ctx.sourceId, locator: `line ${line}` }] }
        : record;
    let out: ImportedRecord;
    if (kind === "incident") {
      const p = IncidentSchema.safeParse(withCitation);
      if (!p.success) return reject(...issues(p.error));
      out = { kind, value: p.data };
    } else if (kind === "actor") {
      const p = ActorSchema.safeParse(withCitation);
      if (!p.success) return reject(...issues(p.error));
      out = { kind, value: p.data };
    } else if (kind === "source") {
      const p = SourceSchema.safeParse(withCitation);
      if (!p.success) return reject(...issues(p.error));
      out = { kind, value: p.data };
    } else {
      return reject({
        field: "kind",
        reason: `${JSON.stringify(kind)} is not importable here (incident, actor or source; load other kinds with \`tocsin case load\`)`,
      });
    }
    const problems = recordProblems(out);
    if (problems.length > 0) return reject(...problems);
    const refs = unresolvedRefs(out, actorsSeen);
    if (out.kind === "actor") actorsSeen.add(out.value.id);
    return {
      kind: "record",
      providerId: `${out.kind}:${out.value.id}`,
      version: out.value.knownAt,
      record: out,
      actors: [],
      ...(refs.length > 0 ? { refs } : {}),
    };
  };
  return { map, width: -1, variant: "JSON lines" };
}

const isJsonLines = (firstLine: string): boolean => firstLine.trimStart().startsWith("{");

/** The Tocsin format. */
export const tocsinFormat: ImportFormat = {
  name: "tocsin",
  idPrefix: "tocsin",
  importsSources: true,
  dataset: {
    title: "Tocsin record file",
    url: "https://github.com/tocsin",
    licence: "as stated by the file's publisher",
    attribution: "as stated by the file's publisher",
    reliability: "F",
    credibility: 6,
  },
  layout: (firstLine) =>
    isJsonLines(firstLine)
      ? { delimiter: "\u001f", quote: false, headerRows: 0 }
      : { delimiter: ",", quote: true, headerRows: 1 },
  detect: (firstLine, rows) => {
    if (isJsonLines(firstLine)) return /"kind"\s*:/.test(firstLine);
    const h = headerKeys(rows[0] ?? []);
    return TOCSIN_CSV_REQUIRED.every((c) => h.has(c.toLowerCase()));
  },
  bind: (header, ctx) => (header.length === 0 ? bindJsonLines(ctx) : bindCsv(header[0] ?? [], ctx)),
};
