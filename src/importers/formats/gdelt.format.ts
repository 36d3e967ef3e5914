/**
 * GDELT 2.0 Events export: 61 tab-separated columns, no header, no quoting, empty string for null. CAMEO codes
 * stay strings (leading zeros matter: `043` is not `43`); country codes are FIPS 10-4, never ISO.
 * Only events in the CAMEO scope of {@link cameoActs} are stored; the rest are counted as skipped.
 * @module
 */
import type { Actor, ActorKind, Incident } from "../../domain/index.js";
import { fipsToAlpha3 } from "../geo/fips.js";
import { clip, FieldReader, opt } from "../mapping/fields.js";
import { providerRecordId } from "../mapping/ids.js";
import { reject, type MappedRow } from "../mapping/mapped-row.js";
import { CAMEO_OUT_OF_SCOPE, cameoActs } from "./cameo.acts.js";
import type { FormatContext, ImportFormat, SniffedHead } from "./format.js";

/** The 61 columns in file order (GDELT 2.0 Event Codebook). */
export const GDELT_COLUMNS = [
  "GLOBALEVENTID",
  "SQLDATE",
  "MonthYear",
  "Year",
  "FractionDate",
  "Actor1Code",
  "Actor1Name",
  "Actor1CountryCode",
  "Actor1KnownGroupCode",
  "Actor1EthnicCode",
  "Actor1Religion1Code",
  "Actor1Religion2Code",
  "Actor1Type1Code",
  "Actor1Type2Code",
  "Actor1Type3Code",
  "Actor2Code",
  "Actor2Name",
  "Actor2CountryCode",
  "Actor2KnownGroupCode",
  "Actor2EthnicCode",
  "Actor2Religion1Code",
  "Actor2Religion2Code",
  "Actor2Type1Code",
  "Actor2Type2Code",
  "Actor2Type3Code",
  "IsRootEvent",
  "EventCode",
  "EventBaseCode",
  "EventRootCode",
  "QuadClass",
  "GoldsteinScale",
  "NumMentions",
  "NumSources",
  "NumArticles",
  "AvgTone",
  "Actor1Geo_Type",
  "Actor1Geo_FullName",
  "Actor1Geo_CountryCode",
  "Actor1Geo_ADM1Code",
  "Actor1Geo_ADM2Code",
  "Actor1Geo_Lat",
  "Actor1Geo_Long",
  "Actor1Geo_FeatureID",
  "Actor2Geo_Type",
  "Actor2Geo_FullName",
  "Actor2Geo_CountryCode",
  "Actor2Geo_ADM1Code",
  "Actor2Geo_ADM2Code",
  "Actor2Geo_Lat",
  "Actor2Geo_Long",
  "Actor2Geo_FeatureID",
  "ActionGeo_Type",
  "ActionGeo_FullName",
  "ActionGeo_CountryCode",
  "ActionGeo_ADM1Code",
  "ActionGeo_ADM2Code",
  "ActionGeo_Lat",
  "ActionGeo_Long",
  "ActionGeo_FeatureID",
  "DATEADDED",
  "SOURCEURL",
] as const;

const C = Object.fromEntries(GDELT_COLUMNS.map((n, i) => [n, i])) as Record<
  (typeof GDELT_COLUMNS)[number],
  number
>;

/** CAMEO actor type → actor kind; other types (civilians, media, business…) are not stored as actors. */
const ACTOR_TYPES: Readonly<Record<string, ActorKind>> = {
  GOV: "government",
  MIL: "armed-force",
  COP: "armed-force",
  SPY: "armed-force",
  REB: "armed-group",
  INS: "armed-group",
  SEP: "armed-group",
  UAF: "armed-group",
};
const STATE_TYPES = new Set(["GOV", "MIL", "COP", "SPY"]);

/** GDELT geo type → precision on Tocsin's 1 (point) … scale: city 1, first-order division 3, country 4. */
function geoPrecision(type: string): number | undefined {
  switch (type) {
    case "3":
    case "4":
      return 1;
    case "2":
    case "5":
      return 3;
    case "1":
      return 4;
    default:
      return undefined;
  }
}

function bind(ctx: FormatContext): ReturnType<ImportFormat["bind"]> {
  const source = ctx.sourceId;
  const map = (f: readonly string[], line: number): MappedRow => {
    const code = (f[C.EventCode] ?? "").trim();
    const scope = cameoActs(code);
    if (!/^\d{2,4}$/.test(code))
      return reject({ field: "EventCode", reason: `"${code}" is not a CAMEO code` });
    if (scope === undefined) return { kind: "skip", reason: `CAMEO ${code} is ${CAMEO_OUT_OF_SCOPE}` };
    const r = new FieldReader();
    const providerId = r.text("GLOBALEVENTID", f[C.GLOBALEVENTID]);
    if (providerId !== "" && !/^\d+$/.test(providerId))
      r.add("GLOBALEVENTID", `"${providerId}" is not a number`);
    const day = r.day("SQLDATE", f[C.SQLDATE]);
    const added = (f[C.DATEADDED] ?? "").trim();
    const time = /^\d{8}(?:([01]\d|2[0-3])[0-5]\d[0-5]\d)?$/.test(added);
    if (!time) r.add("DATEADDED", `"${clip(added)}" is not YYYYMMDDHHMMSS`);
    const knownAt = time ? r.day("DATEADDED", added.slice(0, 8)) : "";
    r.knownNotBefore("DATEADDED", knownAt, day, `${added} (knownAt ${knownAt})`);
    const fips = (f[C.ActionGeo_CountryCode] ?? "").trim();
    const country = fips === "" ? undefined : fipsToAlpha3(fips);
    if (fips === "") r.add("ActionGeo_CountryCode", "is empty: the event has no place");
    else if (country === undefined)
      r.add("ActionGeo_CountryCode", `"${fips}" is not a FIPS 10-4 country code`);
    const lat = r.float("ActionGeo_Lat", f[C.ActionGeo_Lat], false, -90, 90);
    const lon = r.float("ActionGeo_Long", f[C.ActionGeo_Long], false, -180, 180);
    if (!r.ok) return reject(...r.problems);

    const occurredAt = { from: day, to: day, precision: "day" as const };
    const citations = [{ source, locator: `row ${line}: GLOBALEVENTID ${providerId}` }];
    const actors: Actor[] = [];
    const actor = (codeCol: number, nameCol: number, typeCol: number): string | undefined => {
      const actorCode = opt(f[codeCol]);
      const kind = ACTOR_TYPES[(f[typeCol] ?? "").trim()];
      if (actorCode === undefined || kind === undefined) return undefined;
      const id = providerRecordId("gdelt.actor", actorCode);
      actors.push({
        id,
        kind,
        name: opt(f[nameCol]) ?? actorCode,
        occurredAt,
        knownAt,
        citations,
        dutyBearer: false,
        roles: [],
      });
      return id;
    };
    const a1 = actor(C.Actor1Code, C.Actor1Name, C.Actor1Type1Code);
    const a2 = actor(C.Actor2Code, C.Actor2Name, C.Actor2Type1Code);
    const placeName = opt(f[C.ActionGeo_FullName]);
    const gp = geoPrecision((f[C.ActionGeo_Type] ?? "").trim());
    const url = opt(f[C.SOURCEURL]);
    const incident: Incident = {
      id: providerRecordId("gdelt", providerId),
      occurredAt,
      knownAt,
      citations,
      summary: `GDELT CAMEO ${code} ${scope.description}: ${opt(f[C.Actor1Name]) ?? "unnamed actor"} → ${opt(f[C.Actor2Name]) ?? "unnamed target"}${placeName ? ` in ${placeName}` : ""}`,
      acts: [...scope.acts],
      place: {
        country: country as string,
        ...(opt(f[C.ActionGeo_ADM1Code]) !== undefined ? { admin1: opt(f[C.ActionGeo_ADM1Code]) } : {}),
        ...(opt(f[C.ActionGeo_ADM2Code]) !== undefined ? { admin2: opt(f[C.ActionGeo_ADM2Code]) } : {}),
        ...(placeName !== undefined ? { name: placeName } : {}),
        ...(lat !== undefined ? { lat } : {}),
        ...(lon !== undefined ? { lon } : {}),
        ...(gp !== undefined ? { geoPrecision: gp } : {}),
      },
      perpetrators: a1 ? [a1] : [],
      ...(a2 ? { targets: [a2] } : {}),
      organised: "unknown",
      stateInvolvement: STATE_TYPES.has((f[C.Actor1Type1Code] ?? "").trim()) ? "alleged" : "unknown",
      notes: `Machine-coded from news (GDELT); ${f[C.NumSources] ?? "?"} source(s), ${f[C.NumArticles] ?? "?"} article(s), root event ${f[C.IsRootEvent] === "1" ? "yes" : "no"}${url ? `; first article: ${url}` : ""}`,
    };
    return {
      kind: "record",
      providerId,
      version: added.padEnd(14, "0"),
      record: { kind: "incident", value: incident },
      actors,
    };
  };
  return { map, width: GDELT_COLUMNS.length };
}

/** The GDELT 2.0 events format. */
export const gdeltFormat: ImportFormat = {
  name: "gdelt",
  idPrefix: "gdelt",
  dataset: {
    title: "The GDELT Project — GDELT 2.0 Event Database",
    url: "https://www.gdeltproject.org",
    licence: "GDELT terms: unrestricted use and redistribution with citation",
    attribution: "The GDELT Project (gdeltproject.org)",
    // Machine-coded from news: neither the coder's reliability nor the event's truth can be judged.
    reliability: "F",
    credibility: 6,
  },
  layout: () => ({ delimiter: "\t", quote: false, headerRows: 0 }),
  detect: (firstLine) => {
    const f = firstLine.split("\t");
    return f.length === GDELT_COLUMNS.length && /^\d+$/.test(f[0] ?? "") && /^\d{8}$/.test(f[1] ?? "");
  },
  sniff: (head) => {
    const error = gdeltHeadError(head);
    return error === undefined ? gdeltFormat : { error };
  },
  bind: (_header, ctx) => bind(ctx),
};

/** Tab-separated GDELT 2.0 files that are not the events export, by their column count. */
const OTHER_GDELT_TABLES: Readonly<Record<number, string>> = {
  16: "a GDELT 2.0 mentions file",
  27: "a GDELT 2.1 GKG (Global Knowledge Graph) file",
};

/**
 * Why the file's first row is not a GDELT 2.0 events row (wrong number of tab-separated columns), or
 * `undefined` when it has the 61 columns. A headerless format has no header to name missing columns, so the
 * first row's width is the file-level check; without it every row would be a reject.
 */
export function gdeltHeadError(head: SniffedHead): string | undefined {
  const found = head.firstLine.split("\t").length;
  if (found === GDELT_COLUMNS.length) return undefined;
  const looks =
    found > 1
      ? (OTHER_GDELT_TABLES[found] ?? undefined)
      : (head.rows[0]?.length ?? 0) > 1
        ? `a comma-separated file with ${head.rows[0]?.length} columns`
        : undefined;
  return `not a GDELT 2.0 events file: the first row has ${found} tab-separated column${found === 1 ? "" : "s"}, expected ${GDELT_COLUMNS.length}${looks ? ` (it looks like ${looks})` : ""}`;
}
