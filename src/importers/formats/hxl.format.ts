/**
 * HXL-tagged CSV (any number of header rows, up to 25, then a row of hashtags, then data), mapped by hashtag,
 * never by header text.
 * The supported content is conflict-event aggregates in the HDX HAPI shape: per place, event type and period,
 * a number of events (`#indicator+event+num`) and fatalities (`#affected+killed`). Each non-zero row becomes one
 * incident standing for that many events; the count is kept in `notes` ("aggregate of N events") where the
 * indicator aggregation reads it. Rows with zero events are counted as skipped.
 * @module
 */
import type { ActType, Incident, When } from "../../domain/index.js";
import { isIsoAlpha3 } from "../geo/iso-numeric.js";
import { clip, FieldReader, opt } from "../mapping/fields.js";
import { providerRecordId } from "../mapping/ids.js";
import { reject, type MappedRow } from "../mapping/mapped-row.js";
import { HXL_MAX_HEADER_ROWS, type FormatContext, type ImportFormat, type Layout } from "./format.js";
import { findHxlColumn, isHashtagRow, parseHxlTag } from "./hxl-tags.js";

/** Hashtag patterns the importer needs; a file without one of them is refused naming it. */
export const HXL_REQUIRED = [
  "#country+code",
  "#event+type",
  "#indicator+event+num",
  "#affected+killed",
  "#date+start",
  "#date+end",
] as const;

/** The acts of an HDX HAPI event type. */
function hxlActs(eventType: string, fatalities: number): ActType[] {
  const t = eventType.toLowerCase();
  if (t.includes("civilian"))
    return fatalities > 0 ? ["attack-on-civilians", "killing"] : ["attack-on-civilians"];
  if (t.includes("demonstration") || t.includes("protest")) return ["protest"];
  return ["political-violence"];
}

/** A period as a When: a whole calendar month is `month`, anything else a range. */
function periodWhen(from: string, to: string): When {
  const lastOfMonth = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 0))
    .toISOString()
    .slice(0, 10);
  if (from === to) return { from, to, precision: "day" };
  if (from.endsWith("-01") && to === lastOfMonth) return { from, to, precision: "month" };
  return { from, to, precision: "range" };
}

function bind(header: readonly (readonly string[])[], ctx: FormatContext): ReturnType<ImportFormat["bind"]> {
  const tagRow = header[header.length - 1] ?? [];
  const tags = tagRow.map(parseHxlTag);
  const missing = HXL_REQUIRED.filter((p) => findHxlColumn(tags, p) < 0);
  if (missing.length > 0) {
    const found = tagRow.filter((t) => t.trim() !== "");
    return {
      error: `not an HXL conflict-event file: missing hashtag${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (found: ${found.slice(0, 12).join(", ") || "no hashtags"})`,
    };
  }
  const col = (p: string, exclude: readonly string[] = []): number => findHxlColumn(tags, p, exclude);
  const c = {
    country: col("#country+code"),
    type: col("#event+type"),
    events: col("#indicator+event+num"),
    killed: col("#affected+killed"),
    start: col("#date+start"),
    end: col("#date+end"),
    adm1code: col("#adm1+code"),
    adm1name: col("#adm1+name", ["provider"]),
    adm2code: col("#adm2+code"),
    adm2name: col("#adm2+name", ["provider"]),
  };
  const source = ctx.sourceId;
  const at = (f: readonly string[], i: number): string | undefined => (i < 0 ? undefined : opt(f[i]));

  const map = (f: readonly string[], line: number): MappedRow => {
    const r = new FieldReader();
    const country = r.text("#country+code", f[c.country]).toUpperCase();
    if (country !== "" && !isIsoAlpha3(country))
      r.add("#country+code", `"${clip(country)}" is not an ISO 3166-1 alpha-3 code`);
    const eventType = r.text("#event+type", f[c.type]);
    const events = r.count("#indicator+event+num", f[c.events], true);
    const killed = r.count("#affected+killed", f[c.killed], false);
    const from = r.day("#date+start", f[c.start]);
    const to = r.day("#date+end", f[c.end]);
    if (from !== "" && to !== "" && to < from) r.add("#date+end", `${to} is before #date+start ${from}`);
    if (!r.ok) return reject(...r.problems);
    if (events === 0) return { kind: "skip", reason: "no events in the period" };

    const adm1 = at(f, c.adm1code);
    const adm2 = at(f, c.adm2code);
    const key = [country, adm1 ?? "-", adm2 ?? "-", eventType, from, to].join(".");
    const occurredAt = periodWhen(from, to);
    const fatalities = killed ?? 0;
    const admin1 = at(f, c.adm1name) ?? adm1;
    const admin2 = at(f, c.adm2name) ?? adm2;
    const where = [admin2, admin1, country].filter(Boolean).join(", ");
    const incident: Incident = {
      id: providerRecordId("hxl", key),
      occurredAt,
      // An aggregate cannot be known before its period ends.
      knownAt: to,
      citations: [{ source, locator: `row ${line}` }],
      summary: `HXL aggregate: ${events} ${eventType.replace(/_/g, " ")} event${events === 1 ? "" : "s"}, ${fatalities} killed, in ${where} (${from}…${to})`,
      acts: hxlActs(eventType, fatalities),
      place: {
        country,
        ...(admin1 !== undefined ? { admin1 } : {}),
        ...(admin2 !== undefined ? { admin2 } : {}),
        geoPrecision: adm2 !== undefined ? 2 : adm1 !== undefined ? 3 : 4,
      },
      perpetrators: [],
      ...(killed !== undefined ? { fatalities: { best: killed } } : {}),
      organised: "unknown",
      stateInvolvement: "unknown",
      // The number of events the row stands for, as data (the engine's event series counts it); the note is for people.
      ...(events !== undefined ? { eventCount: events } : {}),
      notes: `aggregate of ${events} events (${eventType})`,
    };
    return {
      kind: "record",
      providerId: key,
      version: "0",
      record: { kind: "incident", value: incident },
      actors: [],
    };
  };
  return { map, width: tagRow.length };
}

/** The HXL format. */
export const hxlFormat: ImportFormat = {
  name: "hxl",
  idPrefix: "hxl",
  dataset: {
    title: "HXL-tagged conflict-event aggregates (HDX HAPI)",
    url: "https://hapi.humdata.org",
    licence:
      "as published on HDX for the dataset (HDX HAPI conflict events are ACLED-derived: ACLED terms apply)",
    attribution:
      "Humanitarian Data Exchange (HDX HAPI), OCHA; underlying data: Armed Conflict Location & Event Data (ACLED)",
    reliability: "B",
    credibility: 3,
  },
  // One header row then the hashtag row, unless `sniff` found the hashtag row elsewhere.
  layout: () => hxlLayout(2),
  detect: (_line, rows) => hashtagRowIndex(rows) >= 0,
  sniff: (head) => {
    const i = hashtagRowIndex(head.rows);
    if (i < 0) {
      return {
        error: `not an HXL file: no hashtag row (a row of #tags such as #country+code) in the first ${Math.min(head.rows.length, HXL_MAX_HEADER_ROWS + 1)} rows`,
      };
    }
    return { ...hxlFormat, layout: () => hxlLayout(i + 1) };
  },
  bind: (header, ctx) => bind(header, ctx),
};

function hxlLayout(headerRows: number): Layout {
  return { delimiter: ",", quote: true, headerRows };
}

/**
 * The index of the HXL hashtag row: the first row whose cells are mostly hashtags, after up to
 * {@link HXL_MAX_HEADER_ROWS} header rows (HXL standard: "the first row whose cells are hashtags"); `-1` when
 * none. Rows are CSV records (a quoted newline does not start a row), as the scan counts them.
 * @example hashtagRowIndex([["Country", "Events"], ["#country+code", "#indicator+event+num"]]) // 1
 */
export function hashtagRowIndex(rows: readonly (readonly string[])[]): number {
  return rows.slice(0, HXL_MAX_HEADER_ROWS + 1).findIndex((r) => isHashtagRow(r));
}
