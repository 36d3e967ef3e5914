// A synthetic HXL-tagged conflict-event table in HDX HAPI's layout (a header row, a hashtag row, then data):
// country-level civilian-targeting rows for 220 countries (181 without events) and 200 admin-2 rows with
// events for four countries, for June 2015. All numbers and admin names are invented.
import { isoNumericToAlpha3 } from "../../../src/importers/geo/iso-numeric.js";
import { COUNTRIES } from "./countries.js";
import { plainCsv, type Cell } from "./csv-text.js";
import { placeNames, Random } from "./random.js";

const HEADER = [
  "location_code",
  "has_hrp",
  "in_gho",
  "provider_admin1_name",
  "provider_admin2_name",
  "admin1_code",
  "admin1_name",
  "admin2_code",
  "admin2_name",
  "admin_level",
  "event_type",
  "events",
  "fatalities",
  "reference_period_start",
  "reference_period_end",
  "dataset_hdx_id",
  "resource_hdx_id",
  "warning",
  "error",
];
const TAGS = [
  "#country+code",
  "#meta+has_hrp",
  "#meta+in_gho",
  "#adm1+name+provider",
  "#adm2+name+provider",
  "#adm1+code",
  "#adm1+name",
  "#adm2+code",
  "#adm2+name",
  "#adm+level",
  "#event+type",
  "#indicator+event+num",
  "#affected+killed",
  "#date+start",
  "#date+end",
  "#meta+dataset_id",
  "#meta+resource_id",
  "#meta+warning",
  "#meta+error",
];

const START = "2015-06-01";
const END = "2015-06-30";
/** Counts the tests rely on: rows read, imported (events > 0) and skipped (no events). */
export const HXL_COUNTS = { read: 420, imported: 239, skipped: 181 } as const;

const EVENT_TYPES = ["political_violence", "civilian_targeting", "demonstration"];

function uuid(rng: Random): string {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

export function hxlCsv(): string {
  const rng = new Random(20150630);
  const dataset = uuid(rng);
  const resource = uuid(rng);
  const crisis = new Set([
    "CAF",
    "COD",
    "MLI",
    "NGA",
    "SOM",
    "ETH",
    "TCD",
    "CMR",
    "BFA",
    "NER",
    "YEM",
    "AFG",
  ]);
  const flags = (iso3: string): [string, string] => (crisis.has(iso3) ? ["Y", "Y"] : ["N", "N"]);
  const all = [...new Set(Array.from({ length: 999 }, (_, i) => isoNumericToAlpha3(i + 1)))]
    .filter((c): c is string => c !== undefined)
    .sort();
  const withEvents = new Set([...COUNTRIES.map((c) => c.iso3), "HTI", "NIC", "ZWE"]);
  const quiet = all.filter((c) => !withEvents.has(c)).slice(0, HXL_COUNTS.skipped);
  const level0 = [...quiet, ...withEvents].sort();
  const rows: Cell[][] = [HEADER, TAGS];
  for (const iso3 of level0) {
    const events = withEvents.has(iso3) ? rng.int(1, 40) : 0;
    const killed = events === 0 ? 0 : rng.int(0, events * 3);
    rows.push([
      iso3,
      ...flags(iso3),
      null,
      null,
      null,
      null,
      null,
      null,
      0,
      "civilian_targeting",
      events,
      killed,
      START,
      END,
      dataset,
      resource,
      null,
      null,
    ]);
  }
  const admin2Countries = [
    ["CAF", "CF"],
    ["COD", "CD"],
    ["MLI", "ML"],
    ["NGA", "NG"],
  ] as const;
  for (const [iso3, prefix] of admin2Countries) {
    const a1 = placeNames(rng, 5);
    const a2 = placeNames(rng, 25);
    for (let n = 0; n < 50; n++) {
      const i1 = n % 5;
      const i2 = n % 25;
      // n and n + 25 share an admin-2 unit: give them different event types, so every row is its own aggregate.
      const type = EVENT_TYPES[n < 25 ? n % 3 : (n + 1) % 3] as string;
      const events = rng.int(1, 12);
      const killed = type === "demonstration" ? 0 : rng.int(0, events * 4);
      const code1 = `${prefix}${String(i1 + 1).padStart(2, "0")}`;
      rows.push([
        iso3,
        ...flags(iso3),
        a1[i1] as string,
        a2[i2] as string,
        code1,
        a1[i1] as string,
        `${code1}${String(i2 + 1).padStart(2, "0")}`,
        a2[i2] as string,
        2,
        type,
        events,
        killed,
        START,
        END,
        dataset,
        resource,
        null,
        null,
      ]);
    }
  }
  return plainCsv(rows);
}
