/**
 * Tocsin's own interchange formats, validated with the case-file schemas of src/contracts:
 * - CSV of incidents: one incident per row (columns below; lists `;`-separated);
 * - JSON lines: one `{"kind": "incident" | "actor" | "source", "record": {…case-file form…}}` per line.
 * Records without a citation cite the imported file with the row as locator.
 * @module
 */
import type { z } from "zod";
import { ActorSchema, IncidentSchema, SourceSchema } from "../../contracts/index.js";
import { opt } from "../mapping/fields.js";
import { reject, type ImportedRecord, type MappedRow, type RowProblem } from "../mapping/mapped-row.js";
import { columnIndex, missingColumnsMessage, type FormatContext, type ImportFormat } from "./format.js";

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
  const { index, missing } = columnIndex(header, TOCSIN_CSV_REQUIRED);
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
    return {
      kind: "record",
      providerId: value.id,
      version: value.knownAt,
      record: { kind: "incident", value },
      actors: [],
    };
  };
  return { map, width: header.length };
}

/** Drop `undefined` members so strict schemas see absent fields, not present-but-undefined ones. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function bindJsonLines(ctx: FormatContext): ReturnType<ImportFormat["bind"]> {
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
    return {
      kind: "record",
      providerId: `${out.kind}:${out.value.id}`,
      version: out.value.knownAt,
      record: out,
      actors: [],
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
    const h = rows[0] ?? [];
    return TOCSIN_CSV_REQUIRED.every((c) => h.includes(c));
  },
  bind: (header, ctx) => (header.length === 0 ? bindJsonLines(ctx) : bindCsv(header[0] ?? [], ctx)),
};
