// A synthetic GDELT 2.0 update: 50 events in the raw 61-column export layout and 50 rows of the 16-column
// mentions table, tab-separated without a header. The events are invented; the codes (CAMEO, FIPS, actor
// types) are GDELT's. Eight events are in Tocsin's CAMEO scope (173 ×2, 174 ×3, 190 ×3); 42 are not.
import { GDELT_COLUMNS } from "../../../src/importers/formats/gdelt.format.js";
import { COUNTRIES } from "./countries.js";
import { tsv, type Cell } from "./csv-text.js";
import { placeName, plusDays, Random } from "./random.js";

/** The update every event of the file was added in. */
export const GDELT_DATEADDED = "20150601120000";

const IN_SCOPE = ["173", "173", "174", "174", "174", "190", "190", "190"];
const OUT_OF_SCOPE = [
  "010",
  "036",
  "040",
  "042",
  "043",
  "046",
  "051",
  "057",
  "071",
  "081",
  "084",
  "100",
  "111",
  "112",
  "120",
  "172",
];
const QUAD: Readonly<Record<string, number>> = {
  "01": 1,
  "03": 1,
  "04": 1,
  "05": 1,
  "07": 2,
  "08": 2,
  "10": 3,
  "11": 3,
  "12": 3,
  "17": 4,
  "19": 4,
};
const GOLDSTEIN: Readonly<Record<string, number>> = {
  "01": 0,
  "03": 4,
  "04": 1,
  "05": 3.5,
  "07": 7,
  "08": 5,
  "10": -5,
  "11": -2,
  "12": -4,
  "17": -5,
  "19": -10,
};
const TYPES = ["GOV", "MIL", "COP", "REB", "CVL", "BUS", "MED", "EDU", ""];

type Row = Partial<Record<(typeof GDELT_COLUMNS)[number], Cell>>;

function event(rng: Random, id: number, code: string): Cell[] {
  const c = rng.pick(COUNTRIES);
  const day = plusDays("2015-06-01", -rng.pick([0, 0, 0, 0, 1, 2, 7, 30, 365, 2900]));
  const root = code.slice(0, 2);
  const t1 =
    code === "190"
      ? rng.pick(["MIL", "REB"])
      : code.startsWith("17")
        ? rng.pick(["COP", "GOV", "MIL"])
        : rng.pick(TYPES);
  const t2 = rng.pick(TYPES);
  const city = placeName(rng);
  const lat = Number((c.lat + rng.float(-2, 2, 4)).toFixed(4));
  const lon = Number((c.lon + rng.float(-2, 2, 4)).toFixed(4));
  const geoType = rng.pick([1, 3, 4, 4]);
  const fullName = geoType === 1 ? c.name : `${city}, ${c.name}`;
  const articles = rng.int(1, 10);
  const r: Row = {
    GLOBALEVENTID: id,
    SQLDATE: day.replace(/-/g, ""),
    MonthYear: day.slice(0, 7).replace("-", ""),
    Year: day.slice(0, 4),
    FractionDate: (
      Number(day.slice(0, 4)) +
      (Number(day.slice(5, 7)) * 30 + Number(day.slice(8, 10)) - 30) / 365
    ).toFixed(4),
    Actor1Code: t1 === "" ? "" : `${c.iso3}${t1}`,
    Actor1Name: t1 === "" ? "" : c.name.toUpperCase(),
    Actor1CountryCode: t1 === "" ? "" : c.iso3,
    Actor1Type1Code: t1,
    Actor2Code: t2 === "" ? "" : t2,
    Actor2Name: t2 === "" ? "" : rng.pick(["CITIZEN", "PROTESTER", "MILITANT", "STUDENT", "POLICE"]),
    Actor2Type1Code: t2,
    IsRootEvent: rng.pick([0, 1]),
    EventCode: code,
    EventBaseCode: code.slice(0, 3),
    EventRootCode: root,
    QuadClass: QUAD[root] ?? 1,
    GoldsteinScale: (GOLDSTEIN[root] ?? 0).toFixed(1),
    NumMentions: articles * rng.int(1, 3),
    NumSources: rng.int(1, articles),
    NumArticles: articles,
    AvgTone: rng.float(-9, 4, 12),
    Actor1Geo_Type: t1 === "" ? 0 : geoType,
    Actor1Geo_FullName: t1 === "" ? "" : fullName,
    Actor1Geo_CountryCode: t1 === "" ? "" : c.fips,
    Actor1Geo_Lat: t1 === "" ? "" : lat,
    Actor1Geo_Long: t1 === "" ? "" : lon,
    Actor2Geo_Type: 0,
    ActionGeo_Type: geoType,
    ActionGeo_FullName: fullName,
    ActionGeo_CountryCode: c.fips,
    ActionGeo_ADM1Code: geoType === 1 ? c.fips : `${c.fips}0${rng.int(1, 9)}`,
    ActionGeo_Lat: lat,
    ActionGeo_Long: lon,
    ActionGeo_FeatureID: geoType === 1 ? c.fips : String(-rng.int(100000, 9999999)),
    DATEADDED: GDELT_DATEADDED,
    SOURCEURL: `https://news.example.org/${day.slice(0, 4)}/${city.toLowerCase()}-${id}.html`,
  };
  return GDELT_COLUMNS.map((col) => r[col] ?? "");
}

function shuffled<T>(rng: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The events export: 50 consecutive GLOBALEVENTIDs, 8 of them in scope. */
export function gdeltEventsTsv(): string {
  const rng = new Random(20150601);
  const codes = shuffled(rng, [
    ...IN_SCOPE,
    ...Array.from({ length: 42 }, (_, i) => OUT_OF_SCOPE[i % OUT_OF_SCOPE.length] as string),
  ]);
  return tsv(codes.map((code, i) => event(rng, 450_000_100 + i, code)));
}

/** The mentions table of the same update: one mention of each event. */
export function gdeltMentionsTsv(): string {
  const rng = new Random(20150602);
  const rows: Cell[][] = [];
  for (let i = 0; i < 50; i++) {
    const site = `${placeName(rng).toLowerCase()}news.example.org`;
    rows.push([
      450_000_100 + i,
      rng.pick(["20150601120000", "20150531120000", "20150401000000"]),
      GDELT_DATEADDED,
      1,
      site,
      `https://${site}/story/${rng.int(1000, 99999)}`,
      rng.int(1, 12),
      rng.int(-1, 900),
      rng.int(-1, 900),
      rng.int(1, 900),
      1,
      rng.pick([10, 20, 50, 100]),
      rng.int(800, 9000),
      rng.float(-9, 4, 12),
      "",
      "",
    ]);
  }
  return tsv(rows);
}
