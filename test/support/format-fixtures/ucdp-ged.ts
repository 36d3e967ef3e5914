// A synthetic UCDP GED file in the 49-column layout of the 2023 release (as uncertainUCDP's data object
// writes it): invented conflicts, actors, places and sources in real countries, 1989–2015, with every
// where_prec (1–7) and date_prec (1–5) present.
import { COUNTRIES, type FixtureCountry } from "./countries.js";
import { rCsv, type Cell } from "./csv-text.js";
import { placeNames, plusDays, Random } from "./random.js";

export const UCDP_COLUMNS = [
  "id",
  "relid",
  "year",
  "active_year",
  "code_status",
  "type_of_violence",
  "conflict_dset_id",
  "conflict_new_id",
  "conflict_name",
  "dyad_dset_id",
  "dyad_new_id",
  "dyad_name",
  "side_a_dset_id",
  "side_a_new_id",
  "side_a",
  "side_b_dset_id",
  "side_b_new_id",
  "side_b",
  "number_of_sources",
  "source_article",
  "source_office",
  "source_date",
  "source_headline",
  "source_original",
  "where_prec",
  "where_coordinates",
  "where_description",
  "adm_1",
  "adm_2",
  "latitude",
  "longitude",
  "geom_wkt",
  "priogrid_gid",
  "country",
  "country_id",
  "region",
  "event_clarity",
  "date_prec",
  "date_start",
  "date_end",
  "deaths_a",
  "deaths_b",
  "deaths_civilians",
  "deaths_unknown",
  "best",
  "high",
  "low",
  "gwnoa",
  "gwnob",
] as const;

/** How many events of each type_of_violence the file holds. */
export const UCDP_TYPE_COUNTS = { 1: 343, 2: 36, 3: 71 } as const;

interface Side {
  readonly id: number;
  readonly name: string;
}

interface Theatre {
  readonly c: FixtureCountry;
  readonly gov: Side;
  readonly rebels: Side;
  readonly groupA: Side;
  readonly groupB: Side;
  readonly admins: readonly string[];
  readonly places: readonly string[];
  readonly conflictBase: number;
}

function theatre(rng: Random, c: FixtureCountry, n: number): Theatre {
  const names = placeNames(rng, 14);
  const side = (k: number, name: string): Side => ({ id: 1000 + n * 10 + k, name });
  return {
    c,
    gov: { id: 100 + n, name: `Government of ${c.name}` },
    rebels: side(1, `${names[0]} People's Army`),
    groupA: side(2, `${names[1]} Front`),
    groupB: side(3, `${names[2]} Brigades`),
    admins: names.slice(3, 6).map((a) => `${a} province`),
    places: names.slice(6),
    conflictBase: 300 + n * 5,
  };
}

const OUTLETS = ["Agence France Presse", "Associated Press", "BBC Monitoring", "Reuters", "Xinhua"];
const YEARS: readonly number[] = Array.from({ length: 27 }, (_, i) => 1989 + i);

function event(rng: Random, t: Theatre, type: 1 | 2 | 3, id: number, seq: number): Cell[] {
  const year = rng.pick(YEARS);
  const start = plusDays(`${year}-01-01`, rng.int(0, 350));
  const datePrec = rng.pick([1, 1, 1, 2, 3, 4, 5]);
  const end = datePrec === 1 ? start : plusDays(start, rng.int(1, 6) * datePrec);
  const [a, b] =
    type === 1
      ? [t.gov, t.rebels]
      : type === 2
        ? [t.groupA, t.groupB]
        : [rng.pick([t.gov, t.rebels]), undefined];
  const sideB = b?.name ?? "Civilians";
  const conflictId = t.conflictBase + type;
  const dyadId = 10000 + conflictId * 3 + (b ? 1 : 2);
  const conflictName = type === 1 ? `${t.c.name}: Government` : `${a.name} - ${sideB}`;
  const civ = type === 3 ? rng.int(0, 25) : rng.chance(0.2) ? rng.int(1, 3) : 0;
  const da = type === 3 ? 0 : rng.int(0, 8);
  const db = type === 3 ? 0 : rng.int(0, 12);
  const unknown = rng.chance(0.2) ? rng.int(1, 5) : 0;
  const best = da + db + civ + unknown;
  const high = best + (rng.chance(0.3) ? rng.int(1, 10) : 0);
  const low = Math.max(0, best - (rng.chance(0.3) ? rng.int(1, best || 1) : 0));
  const wherePrec = rng.pick([1, 1, 1, 2, 2, 3, 4, 5, 6, 7]);
  const place = rng.pick(t.places);
  const admin = rng.pick(t.admins);
  const lat = Number((t.c.lat + rng.float(-2, 2, 6)).toFixed(6));
  const lon = Number((t.c.lon + rng.float(-2, 2, 6)).toFixed(6));
  const outlet = rng.pick(OUTLETS);
  const headline = `${type === 3 ? "Villagers killed" : "Fighting reported"} near ${place}`;
  const gid = Math.floor((lat + 90) * 2) * 720 + Math.floor((lon + 180) * 2) + 1;
  return [
    id,
    `${t.c.iso3}-${year}-${type}-${dyadId}-${seq}`,
    year,
    rng.chance(0.85) ? 1 : 0,
    "Clear",
    type,
    conflictId,
    conflictId,
    conflictName,
    dyadId,
    dyadId,
    `${a.name} - ${sideB}`,
    a.id,
    a.id,
    a.name,
    b?.id ?? 1,
    b?.id ?? 1,
    sideB,
    rng.int(1, 4),
    `${outlet},${start},${headline}`,
    outlet,
    start,
    headline,
    rng.pick(["local residents", "army statement", "police source", "hospital source", null]),
    wherePrec,
    wherePrec <= 2 ? `${place} town` : wherePrec <= 4 ? admin : t.c.name,
    `in and around ${place}`,
    admin,
    wherePrec <= 3 ? `${place} district` : null,
    lat,
    lon,
    `POINT (${lon} ${lat})`,
    gid,
    t.c.name,
    t.c.gw,
    t.c.ucdpRegion,
    rng.pick([1, 1, 1, 2]),
    datePrec,
    `${start} 00:00:00`,
    `${end} 00:00:00`,
    da,
    db,
    civ,
    unknown,
    best,
    high,
    low,
    t.c.gw,
    type === 2 ? t.c.gw : null,
  ];
}

/** 450 events: 343 state-based, 36 non-state, 71 one-sided, in random order of countries and years. */
export function ucdpGedCsv(): string {
  const rng = new Random(19892015);
  const theatres = COUNTRIES.map((c, n) => theatre(rng, c, n));
  const types: (1 | 2 | 3)[] = [];
  for (const [type, n] of Object.entries(UCDP_TYPE_COUNTS))
    for (let i = 0; i < n; i++) types.push(Number(type) as 1 | 2 | 3);
  const ids = new Set<number>();
  const rows = types.map((type, i) => {
    let id: number;
    do id = rng.int(1000, 399999);
    while (ids.has(id));
    ids.add(id);
    return { order: rng.next(), row: event(rng, rng.pick(theatres), type, id, i + 1) };
  });
  rows.sort((a, b) => a.order - b.order);
  return rCsv(
    UCDP_COLUMNS,
    rows.map((r) => r.row),
  );
}
