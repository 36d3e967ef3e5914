/**
 * ACLED event exports (the current 31-column CSV) and ACLED deletion lists (`event_id_cnty`,
 * `deleted_timestamp`). ACLED is a living dataset: `timestamp` is the record's last edit and orders updates.
 * @module
 */
import type { Actor, Incident, When } from "../../domain/index.js";
import { addDays } from "../../domain/index.js";
import { isoNumericToAlpha3 } from "../geo/iso-numeric.js";
import { clip, FieldReader, implausibleDay, opt } from "../mapping/fields.js";
import { actorIdFromName, providerRecordId } from "../mapping/ids.js";
import { reject, type MappedRow } from "../mapping/mapped-row.js";
import { acledActs, interActorKind, interCode } from "./acled.acts.js";
import {
  columnIndex,
  headerKeys,
  missingColumnsMessage,
  type FormatContext,
  type ImportFormat,
} from "./format.js";

/** The columns the importer reads (a subset of the 31; the others may be present or not). */
export const ACLED_REQUIRED = [
  "event_id_cnty",
  "event_date",
  "time_precision",
  "event_type",
  "sub_event_type",
  "actor1",
  "inter1",
  "actor2",
  "inter2",
  "civilian_targeting",
  "iso",
  "country",
  "admin1",
  "admin2",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "notes",
  "fatalities",
  "timestamp",
] as const;

const DELETION_REQUIRED = ["event_id_cnty", "deleted_timestamp"] as const;

/** Versions sort as text: pad Unix seconds to 12 digits. */
function version(seconds: number): string {
  return String(seconds).padStart(12, "0");
}

/** ACLED `time_precision`: 1 the day, 2 the week around it, 3 the month. */
function acledWhen(day: string, precision: number): When {
  if (precision === 2) return { from: addDays(day, -3), to: addDays(day, 3), precision: "range" };
  if (precision === 3) {
    const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    return { from: `${day.slice(0, 7)}-01`, to: last, precision: "month" };
  }
  return { from: day, to: day, precision: "day" };
}

function bindEvents(header: readonly string[], ctx: FormatContext): ReturnType<ImportFormat["bind"]> {
  const { index, missing } = columnIndex(header, ACLED_REQUIRED);
  if (missing.length > 0) return { error: missingColumnsMessage("ACLED", missing, header) };
  const at = (name: (typeof ACLED_REQUIRED)[number]): number => index.get(name) as number;
  const c = Object.fromEntries(ACLED_REQUIRED.map((n) => [n, at(n)])) as Record<
    (typeof ACLED_REQUIRED)[number],
    number
  >;
  const source = ctx.sourceId;

  const map = (f: readonly string[], line: number): MappedRow => {
    const r = new FieldReader();
    const providerId = r.text("event_id_cnty", f[c.event_id_cnty]);
    const day = r.day("event_date", f[c.event_date]);
    const tp = r.int("time_precision", f[c.time_precision], true, 1, 3);
    const eventType = r.text("event_type", f[c.event_type]);
    const subEventType = (f[c.sub_event_type] ?? "").trim();
    const isoCode = r.int("iso", f[c.iso], true, 0, 999);
    const lat = r.float("latitude", f[c.latitude], false, -90, 90);
    const lon = r.float("longitude", f[c.longitude], false, -180, 180);
    const gp = r.int("geo_precision", f[c.geo_precision], false, 1, 3);
    const fatalities = r.count("fatalities", f[c.fatalities], true);
    const ts = r.int("timestamp", f[c.timestamp], true, 0);
    const knownAt = r.unixDay("timestamp", ts);
    const inter1 = interCode(f[c.inter1] ?? "");
    const inter2 = interCode(f[c.inter2] ?? "");
    if (inter1 === undefined) r.add("inter1", `"${clip(f[c.inter1] ?? "")}" is not an ACLED actor type`);
    if (inter2 === undefined) r.add("inter2", `"${clip(f[c.inter2] ?? "")}" is not an ACLED actor type`);
    const country = isoCode === undefined ? undefined : isoNumericToAlpha3(isoCode);
    if (isoCode !== undefined && country === undefined)
      r.add("iso", `${isoCode} is not an ISO 3166-1 numeric code`);
    if (!r.ok) return reject(...r.problems);

    const occurredAt = acledWhen(day, tp as number);
    for (const d of new Set([occurredAt.from, occurredAt.to])) {
      const bad = implausibleDay(d);
      if (bad !== undefined) r.add("event_date", `with time_precision ${tp}, ${bad}`);
    }
    r.knownNotBefore("timestamp", knownAt, occurredAt.from, `${ts} (knownAt ${knownAt})`);
    if (!r.ok) return reject(...r.problems);
    const citations = [{ source, locator: `row ${line}: ${providerId}` }];
    const actors: Actor[] = [];
    const actorOf = (nameCell: string | undefined, inter: number): string | undefined => {
      const name = opt(nameCell);
      const kind = interActorKind(inter);
      if (name === undefined || kind === undefined) return undefined;
      const id = actorIdFromName("acled", name);
      actors.push({
        id,
        kind,
        name,
        occurredAt,
        knownAt,
        citations,
        dutyBearer: false,
        roles: [],
        ...(inter === 1 && country !== undefined ? { country } : {}),
      });
      return id;
    };
    const a1 = actorOf(f[c.actor1], inter1 as number);
    const a2 = actorOf(f[c.actor2], inter2 as number);
    const civilianTargeting = f[c.civilian_targeting] ?? "";
    const acts = acledActs(eventType, subEventType, fatalities as number, civilianTargeting);
    const oneSided = eventType === "Violence against civilians";
    // In violence against civilians actor1 is the perpetrator; elsewhere ACLED's actors carry no direction.
    const perpetrators = oneSided ? (a1 ? [a1] : []) : [a1, a2].filter((x): x is string => x !== undefined);
    const targets = oneSided && a2 ? [a2] : undefined;
    const location = opt(f[c.location]);
    const actorNames = [opt(f[c.actor1]), opt(f[c.actor2])].filter(Boolean).join(" vs ");
    const incident: Incident = {
      id: providerRecordId("acled", providerId),
      occurredAt,
      knownAt,
      citations,
      summary: `ACLED ${subEventType || eventType}${location ? ` in ${location}` : ""}, ${opt(f[c.country]) ?? country}${actorNames ? `: ${actorNames}` : ""}`,
      acts,
      place: {
        country: country as string,
        ...(opt(f[c.admin1]) !== undefined ? { admin1: opt(f[c.admin1]) } : {}),
        ...(opt(f[c.admin2]) !== undefined ? { admin2: opt(f[c.admin2]) } : {}),
        ...(location !== undefined ? { name: location } : {}),
        ...(lat !== undefined ? { lat } : {}),
        ...(lon !== undefined ? { lon } : {}),
        ...(gp !== undefined ? { geoPrecision: gp } : {}),
      },
      perpetrators,
      ...(targets ? { targets } : {}),
      fatalities: { best: fatalities as number },
      organised: "unknown",
      stateInvolvement: inter1 === 1 || (inter2 === 1 && !oneSided) ? "alleged" : "unknown",
      ...(opt(f[c.notes]) !== undefined ? { notes: opt(f[c.notes]) } : {}),
    };
    return {
      kind: "record",
      providerId,
      version: version(ts as number),
      record: { kind: "incident", value: incident },
      actors,
    };
  };
  return { map, width: header.length };
}

function bindDeletions(header: readonly string[]): ReturnType<ImportFormat["bind"]> {
  const { index } = columnIndex(header, DELETION_REQUIRED);
  const id = index.get("event_id_cnty") as number;
  const del = index.get("deleted_timestamp") as number;
  const map = (f: readonly string[]): MappedRow => {
    const r = new FieldReader();
    const providerId = r.text("event_id_cnty", f[id]);
    const ts = r.int("deleted_timestamp", f[del], true, 0);
    r.unixDay("deleted_timestamp", ts);
    if (!r.ok) return reject(...r.problems);
    return {
      kind: "delete",
      providerId,
      recordId: providerRecordId("acled", providerId),
      version: version(ts as number),
    };
  };
  return { map, width: header.length, variant: "deletion list" };
}

/** The ACLED format. */
export const acledFormat: ImportFormat = {
  name: "acled",
  idPrefix: "acled",
  dataset: {
    title: "ACLED — Armed Conflict Location & Event Data",
    url: "https://acleddata.com",
    licence: "ACLED Terms of Use (attribution required; no redistribution of raw data)",
    attribution:
      "Armed Conflict Location & Event Data (ACLED); www.acleddata.com — cite with the access date, the filters used and any manipulation",
    reliability: "B",
    credibility: 2,
  },
  layout: () => ({ delimiter: ",", quote: true, headerRows: 1 }),
  detect: (_line, rows) => {
    const h = headerKeys(rows[0] ?? []);
    return h.has("event_id_cnty") && (h.has("event_date") || h.has("deleted_timestamp"));
  },
  bind: (header, ctx) => {
    const h = header[0] ?? [];
    const keys = headerKeys(h);
    if (keys.has("deleted_timestamp") && !keys.has("event_date")) return bindDeletions(h);
    return bindEvents(h, ctx);
  },
};
