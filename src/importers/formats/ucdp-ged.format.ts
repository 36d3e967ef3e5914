/**
 * UCDP Georeferenced Event Dataset (GED) CSV in the layouts users have: the current releases (49 columns), the
 * older layout without `relid`, `code_status` and the `*_dset_id` columns, the monthly candidate releases, and
 * older names of the estimates (`best_est`, `low_est`, `high_est`). Only the columns that make an event are
 * required; the others are read when present. `type_of_violence` 3 is one-sided violence; `deaths_civilians` is
 * the civilians killed in any type of violence.
 * @module
 */
import type { Actor, ActType, Incident, When } from "../../domain/index.js";
import { gwToAlpha3 } from "../geo/gleditsch-ward.js";
import { FieldReader, implausibleDay, opt } from "../mapping/fields.js";
import { providerRecordId } from "../mapping/ids.js";
import { reject, type MappedRow } from "../mapping/mapped-row.js";
import {
  columnIndex,
  headerKey,
  headerKeys,
  missingColumnsMessage,
  type FormatContext,
  type ImportFormat,
} from "./format.js";

/** The columns without which a row is not an event: its id, kind, sides, country, dates and toll. */
export const UCDP_REQUIRED = [
  "id",
  "type_of_violence",
  "side_a",
  "side_b",
  "country_id",
  "date_start",
  "date_end",
  "best",
] as const;

/** Columns read when present (every layout since GED 5.0 has most of them). */
export const UCDP_OPTIONAL = [
  "conflict_name",
  "side_a_new_id",
  "side_b_new_id",
  "where_prec",
  "where_coordinates",
  "adm_1",
  "adm_2",
  "latitude",
  "longitude",
  "date_prec",
  "high",
  "low",
  "deaths_civilians",
] as const;

/** Older spellings of a column, as earlier releases wrote them. */
const ALIASES: Readonly<Record<string, string>> = { best_est: "best", high_est: "high", low_est: "low" };

/**
 * A release like `23.1` or `25.0.10` as a sortable version and the day it is taken to be known: GED releases
 * come out mid-year (23.1 in June 2023), so the release's 30 June is the conservative default.
 */
export function ucdpRelease(
  release: string,
): { readonly version: string; readonly knownAt: string } | undefined {
  const m = /^(\d{2})\.(\d+)(?:\.(\d+))?$/.exec(release.trim());
  if (!m) return undefined;
  const year = 2000 + Number(m[1]);
  const version = `${m[1]}.${(m[2] as string).padStart(3, "0")}.${(m[3] ?? "0").padStart(3, "0")}`;
  return { version, knownAt: `${year}-06-30` };
}

const GOVERNMENT = /^Government of /;

type Column = (typeof UCDP_REQUIRED)[number] | (typeof UCDP_OPTIONAL)[number];

function bind(header: readonly string[], ctx: FormatContext): ReturnType<ImportFormat["bind"]> {
  const named = header.map((h) => ALIASES[headerKey(h)] ?? h);
  const { index, missing } = columnIndex(named, UCDP_REQUIRED, UCDP_OPTIONAL);
  if (missing.length > 0) return { error: missingColumnsMessage("UCDP GED", missing, header) };
  // An absent optional column reads as an empty cell.
  const c = Object.fromEntries(
    [...UCDP_REQUIRED, ...UCDP_OPTIONAL].map((n) => [n, index.get(n) ?? -1]),
  ) as Record<Column, number>;
  const release = ctx.release !== undefined ? ucdpRelease(ctx.release) : undefined;
  if (ctx.release !== undefined && release === undefined) {
    return {
      error: `--release "${ctx.release}" is not a UCDP GED release: use YY.N or YY.N.N (e.g. 23.1 or 25.0.10)`,
    };
  }
  const source = ctx.sourceId;

  const map = (f: readonly string[], line: number): MappedRow => {
    const r = new FieldReader();
    const providerId = r.text("id", f[c.id]);
    const type = r.int("type_of_violence", f[c.type_of_violence], true, 1, 3);
    const from = r.day("date_start", f[c.date_start]);
    const to = r.day("date_end", f[c.date_end]);
    r.int("date_prec", f[c.date_prec], false, 1, 5);
    const wherePrec = r.int("where_prec", f[c.where_prec], false, 1, 7);
    const lat = r.float("latitude", f[c.latitude], false, -90, 90);
    const lon = r.float("longitude", f[c.longitude], false, -180, 180);
    const gw = r.int("country_id", f[c.country_id], true, 0, 999);
    const best = r.count("best", f[c.best], true);
    const high = r.count("high", f[c.high], false);
    const low = r.count("low", f[c.low], false);
    const civilians = r.count("deaths_civilians", f[c.deaths_civilians], false);
    const sideA = r.text("side_a", f[c.side_a]);
    const country = gw === undefined ? undefined : gwToAlpha3(gw);
    if (gw !== undefined && country === undefined)
      r.add("country_id", `${gw} is not a known Gleditsch–Ward code`);
    if (from !== "" && to !== "" && to < from) r.add("date_end", `${to} is before date_start ${from}`);
    if (!r.ok) return reject(...r.problems);

    const occurredAt: When = from === to ? { from, to, precision: "day" } : { from, to, precision: "range" };
    // Without --release, assume the event became known with the first mid-year release after it.
    const knownAt = release?.knownAt ?? `${Number(to.slice(0, 4)) + 1}-06-30`;
    // A release's knownAt is 2000–2099; the mid-year default can leave the window for a date_end in 2100.
    const bad = implausibleDay(knownAt);
    if (bad !== undefined) r.add("knownAt", `taken as the mid-year after date_end, ${bad}`);
    if (release !== undefined)
      r.knownNotBefore("knownAt", knownAt, from, `--release ${ctx.release} gives knownAt ${knownAt}, which`);
    if (!r.ok) return reject(...r.problems);
    const citations = [{ source, locator: `row ${line}: GED id ${providerId}` }];
    const actors: Actor[] = [];
    const actor = (idCell: string | undefined, name: string): string | undefined => {
      const key = opt(idCell);
      if (key === undefined || name === "" || /^civilians$/i.test(name)) return undefined;
      const id = providerRecordId("ucdp.actor", key);
      const government = GOVERNMENT.test(name);
      actors.push({
        id,
        kind: government ? "government" : "armed-group",
        name,
        occurredAt,
        knownAt,
        citations,
        dutyBearer: false,
        roles: [],
      });
      return id;
    };
    // Without the actor ids (old layouts), the side's name is the key.
    const sideB = (f[c.side_b] ?? "").trim();
    const a = actor(f[c.side_a_new_id] ?? (sideA === "" ? undefined : `name.${sideA}`), sideA);
    const b = actor(f[c.side_b_new_id] ?? (sideB === "" ? undefined : `name.${sideB}`), sideB);
    const oneSided = type === 3;
    const acts: ActType[] = oneSided ? ["attack-on-civilians"] : ["armed-clash"];
    if (oneSided && (best as number) > 0) acts.push("killing");
    const place = opt(f[c.where_coordinates]);
    const incident: Incident = {
      id: providerRecordId("ucdp-ged", providerId),
      occurredAt,
      knownAt,
      citations,
      summary: `UCDP GED ${oneSided ? "one-sided violence" : type === 1 ? "state-based conflict" : "non-state conflict"}: ${(f[c.conflict_name] ?? "").trim() || sideA}, ${best} deaths${place ? ` at ${place}` : ""}`,
      acts,
      place: {
        country: country as string,
        ...(opt(f[c.adm_1]) !== undefined ? { admin1: opt(f[c.adm_1]) } : {}),
        ...(opt(f[c.adm_2]) !== undefined ? { admin2: opt(f[c.adm_2]) } : {}),
        ...(place !== undefined ? { name: place } : {}),
        ...(lat !== undefined ? { lat } : {}),
        ...(lon !== undefined ? { lon } : {}),
        ...(wherePrec !== undefined ? { geoPrecision: wherePrec } : {}),
      },
      perpetrators: oneSided ? (a ? [a] : []) : [a, b].filter((x): x is string => x !== undefined),
      fatalities: {
        best: best as number,
        ...(low !== undefined ? { low } : {}),
        ...(high !== undefined ? { high } : {}),
      },
      ...(civilians !== undefined ? { civilianFatalities: { best: civilians } } : {}),
      organised: "unknown",
      stateInvolvement: oneSided && GOVERNMENT.test(sideA) ? "alleged" : "unknown",
    };
    return {
      kind: "record",
      providerId,
      version: release?.version ?? "00.000.000",
      record: { kind: "incident", value: incident },
      actors,
    };
  };
  return { map, width: header.length };
}

/** The UCDP GED format. */
export const ucdpGedFormat: ImportFormat = {
  name: "ucdp-ged",
  idPrefix: "ucdp-ged",
  dataset: {
    title: "UCDP Georeferenced Event Dataset (GED)",
    url: "https://ucdp.uu.se/downloads/",
    licence: "CC BY 4.0 (UCDP data terms: cite the dataset)",
    attribution:
      "Uppsala Conflict Data Program (UCDP) GED — Sundberg & Melander 2013, Journal of Peace Research 50(4); Davies, Pettersson & Öberg, 'Organized violence' (annual)",
    reliability: "B",
    credibility: 2,
  },
  layout: () => ({ delimiter: ",", quote: true, headerRows: 1 }),
  detect: (_line, rows) => {
    const h = headerKeys(rows[0] ?? []);
    return h.has("type_of_violence") && h.has("side_a") && h.has("date_start");
  },
  bind: (header, ctx) => bind(header[0] ?? [], ctx),
};
