// Synthetic ACLED exports in the current 31-column layout (as acledR's data objects write them): invented
// events, places, actors and sources; real countries and ACLED's own vocabularies (event types, sub-event types,
// inter codes). Two files: a mixed file (6 event types × 80 rows, many countries) and a one-country month.
import { COUNTRIES, country, type FixtureCountry } from "./countries.js";
import { rCsv, type Cell } from "./csv-text.js";
import { longDate, placeNames, plusDays, Random, unixSeconds } from "./random.js";

export const ACLED_COLUMNS = [
  "event_id_cnty",
  "event_date",
  "year",
  "time_precision",
  "disorder_type",
  "event_type",
  "sub_event_type",
  "actor1",
  "assoc_actor_1",
  "inter1",
  "actor2",
  "assoc_actor_2",
  "inter2",
  "interaction",
  "civilian_targeting",
  "iso",
  "region",
  "country",
  "admin1",
  "admin2",
  "admin3",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "source",
  "source_scale",
  "notes",
  "fatalities",
  "tags",
  "timestamp",
] as const;

interface Actor {
  readonly name: string;
  readonly inter: number;
}

/** One country's invented geography and cast. */
interface Cast {
  readonly c: FixtureCountry;
  readonly places: readonly { admin1: string; admin2: string; location: string }[];
  readonly military: Actor;
  readonly police: Actor;
  readonly rebels: Actor;
  readonly militia: Actor;
  readonly unidentified: Actor;
  readonly identity: Actor;
  readonly external: Actor;
  readonly protesters: Actor;
  readonly rioters: Actor;
  readonly civilians: Actor;
  readonly outlets: readonly string[];
}

function cast(rng: Random, c: FixtureCountry): Cast {
  const [a1, a2, a3, ...names] = placeNames(rng, 20);
  const places = Array.from({ length: 6 }, (_, i) => ({
    admin1: [a1, a2, a3][i % 3] as string,
    admin2: names[i] as string,
    location: names[i + 6] as string,
  }));
  const [g1, g2, g3, o1, o2] = names.slice(12);
  return {
    c,
    places,
    military: { name: `Military Forces of ${c.name} (2019-)`, inter: 1 },
    police: { name: `Police Forces of ${c.name} (2019-)`, inter: 1 },
    rebels: { name: `${g1} Liberation Front`, inter: 2 },
    militia: { name: `${g2} Defence Militia`, inter: 3 },
    unidentified: { name: `Unidentified Armed Group (${c.name})`, inter: 3 },
    identity: { name: `${g3} Communal Militia (${c.name})`, inter: 4 },
    external: { name: `Private Security Forces (${c.name})`, inter: 8 },
    protesters: { name: `Protesters (${c.name})`, inter: 6 },
    rioters: { name: `Rioters (${c.name})`, inter: 5 },
    civilians: { name: `Civilians (${c.name})`, inter: 7 },
    outlets: [`${o1} Daily`, `Radio ${o2}`, `${c.name} Monitor`],
  };
}

interface Shape {
  readonly sub: string;
  readonly actor1: (k: Cast) => Actor;
  readonly actor2: (k: Cast) => Actor | undefined;
  readonly fatalities: (rng: Random) => number;
  readonly what: string;
}

const EVENT_TYPES: readonly (readonly [string, string, readonly Shape[]])[] = [
  [
    "Battles",
    "Political violence",
    [
      {
        sub: "Armed clash",
        actor1: (k) => k.military,
        actor2: (k) => k.rebels,
        fatalities: (r) => r.int(0, 9),
        what: "soldiers clashed with fighters of the group",
      },
      {
        sub: "Armed clash",
        actor1: (k) => k.militia,
        actor2: (k) => k.identity,
        fatalities: (r) => r.int(0, 6),
        what: "two armed groups exchanged fire",
      },
      {
        sub: "Government regains territory",
        actor1: (k) => k.military,
        actor2: (k) => k.rebels,
        fatalities: (r) => r.int(0, 4),
        what: "the army retook the village after fighting",
      },
      {
        sub: "Non-state actor overtakes territory",
        actor1: (k) => k.rebels,
        actor2: (k) => k.police,
        fatalities: (r) => r.int(0, 3),
        what: "fighters took over a police post",
      },
    ],
  ],
  [
    "Violence against civilians",
    "Political violence",
    [
      {
        sub: "Attack",
        actor1: (k) => k.unidentified,
        actor2: (k) => k.civilians,
        fatalities: (r) => r.int(0, 4),
        what: "armed men attacked residents",
      },
      {
        sub: "Attack",
        actor1: (k) => k.identity,
        actor2: (k) => k.civilians,
        fatalities: (r) => r.int(1, 7),
        what: "a communal militia attacked farmers",
      },
      {
        sub: "Abduction/forced disappearance",
        actor1: (k) => k.rebels,
        actor2: (k) => k.civilians,
        fatalities: () => 0,
        what: "fighters abducted several villagers",
      },
      {
        sub: "Sexual violence",
        actor1: (k) => k.militia,
        actor2: (k) => k.civilians,
        fatalities: () => 0,
        what: "militia members assaulted a woman",
      },
    ],
  ],
  [
    "Explosions/Remote violence",
    "Political violence",
    [
      {
        sub: "Shelling/artillery/missile attack",
        actor1: (k) => k.military,
        actor2: (k) => k.rebels,
        fatalities: (r) => r.int(0, 5),
        what: "the army shelled positions of the group",
      },
      {
        sub: "Air/drone strike",
        actor1: (k) => k.military,
        actor2: (k) => k.civilians,
        fatalities: (r) => r.int(0, 6),
        what: "an air strike hit a market area",
      },
      {
        sub: "Remote explosive/landmine/IED",
        actor1: (k) => k.rebels,
        actor2: (k) => k.military,
        fatalities: (r) => r.int(0, 4),
        what: "a roadside bomb struck a patrol",
      },
      {
        sub: "Grenade",
        actor1: (k) => k.unidentified,
        actor2: () => undefined,
        fatalities: (r) => r.int(0, 2),
        what: "a grenade was thrown at a shop",
      },
    ],
  ],
  [
    "Protests",
    "Demonstrations",
    [
      {
        sub: "Peaceful protest",
        actor1: (k) => k.protesters,
        actor2: () => undefined,
        fatalities: () => 0,
        what: "residents demonstrated against fuel prices",
      },
      {
        sub: "Peaceful protest",
        actor1: (k) => k.protesters,
        actor2: () => undefined,
        fatalities: () => 0,
        what: "teachers marched to demand unpaid wages",
      },
      {
        sub: "Protest with intervention",
        actor1: (k) => k.protesters,
        actor2: (k) => k.police,
        fatalities: () => 0,
        what: "police dispersed a sit-in outside the town hall",
      },
      {
        sub: "Excessive force against protesters",
        actor1: (k) => k.police,
        actor2: (k) => k.protesters,
        fatalities: (r) => (r.chance(0.3) ? 1 : 0),
        what: "police fired live rounds at demonstrators",
      },
    ],
  ],
  [
    "Riots",
    "Demonstrations",
    [
      {
        sub: "Violent demonstration",
        actor1: (k) => k.rioters,
        actor2: (k) => k.police,
        fatalities: () => 0,
        what: "rioters blocked roads and burned tyres",
      },
      {
        sub: "Mob violence",
        actor1: (k) => k.rioters,
        actor2: (k) => k.civilians,
        fatalities: (r) => (r.chance(0.4) ? 1 : 0),
        what: "a mob beat a man accused of theft",
      },
    ],
  ],
  [
    "Strategic developments",
    "Strategic developments",
    [
      {
        sub: "Looting/property destruction",
        actor1: (k) => k.rebels,
        actor2: (k) => k.civilians,
        fatalities: () => 0,
        what: "fighters looted shops and burned houses",
      },
      {
        sub: "Arrests",
        actor1: (k) => k.police,
        actor2: (k) => k.civilians,
        fatalities: () => 0,
        what: "police arrested a local journalist",
      },
      {
        sub: "Agreement",
        actor1: (k) => k.militia,
        actor2: (k) => k.identity,
        fatalities: () => 0,
        what: "two armed groups agreed a local truce",
      },
      {
        sub: "Headquarters or base established",
        actor1: (k) => k.external,
        actor2: () => undefined,
        fatalities: () => 0,
        what: "a private security company opened a base",
      },
    ],
  ],
];

function interaction(i1: number, i2: number): number {
  return i2 === 0 ? i1 * 10 : Math.min(i1, i2) * 10 + Math.max(i1, i2);
}

interface Event {
  readonly id: string;
  readonly day: string;
  readonly precision: 1 | 2 | 3;
  readonly type: string;
  readonly disorder: string;
  readonly shape: Shape;
  readonly k: Cast;
  readonly place: number;
  readonly fatalities: number;
  readonly delayDays: number;
}

function notes(e: Event, a1: Actor, a2: Actor | undefined, location: string, admin1: string): string {
  const when =
    e.precision === 3
      ? `Around ${longDate(e.day)} (month of)`
      : e.precision === 2
        ? `Around ${longDate(e.day)} (week of)`
        : `On ${longDate(e.day)}`;
  const who = a2 ? ` (${a1.name} vs ${a2.name})` : ` (${a1.name})`;
  const toll = e.fatalities > 0 ? ` ${e.fatalities} ${e.fatalities === 1 ? "fatality" : "fatalities"}.` : "";
  return `${when}, in ${location} (${admin1}), ${e.shape.what}${who}.${toll} [synthetic]`;
}

function row(rng: Random, e: Event): Cell[] {
  const a1 = e.shape.actor1(e.k);
  const a2 = e.shape.actor2(e.k);
  const p = e.k.places[e.place] as { admin1: string; admin2: string; location: string };
  const gp = rng.pick([1, 1, 1, 2, 3]);
  const lat = Number((e.k.c.lat + rng.float(-2, 2, 4)).toFixed(4));
  const lon = Number((e.k.c.lon + rng.float(-2, 2, 4)).toFixed(4));
  const ts = unixSeconds(plusDays(e.day, e.delayDays)) + rng.int(0, 86_399);
  return [
    e.id,
    e.day,
    Number(e.day.slice(0, 4)),
    e.precision,
    e.disorder,
    e.type,
    e.shape.sub,
    a1.name,
    null,
    a1.inter,
    a2?.name ?? null,
    null,
    a2?.inter ?? 0,
    interaction(a1.inter, a2?.inter ?? 0),
    "",
    e.k.c.isoNumeric,
    e.k.c.acledRegion,
    e.k.c.name,
    p.admin1,
    p.admin2,
    null,
    p.location,
    lat,
    lon,
    gp,
    rng.pick(e.k.outlets),
    rng.pick(["National", "Subnational", "Local partner-Other", "International"]),
    notes(e, a1, a2, p.location, p.admin1),
    e.fatalities,
    "",
    ts,
  ];
}

/**
 * The mixed file: 480 events in 2022H1, 80 of each event type, in 36 countries, ordered by date then id. Its first
 * two rows come first and are fixed because tests (and the repository's deletion-list fixture) name them: AFGSYNTH1, a
 * month-precision abduction without deaths, and BRASYNTH2, an attack on civilians with 1 fatality.
 */
export function acledMixedCsv(): string {
  const rng = new Random(20220101);
  const casts = new Map(COUNTRIES.map((c) => [c.iso3, cast(rng, c)]));
  const used = new Set<string>(["AFGSYNTH1", "BRASYNTH2"]);
  const fixed: Event[] = [];
  const events: Event[] = [];
  const vac = EVENT_TYPES[1] as (typeof EVENT_TYPES)[number];
  fixed.push({
    id: "AFGSYNTH1",
    day: "2022-01-01",
    precision: 3,
    type: vac[0],
    disorder: vac[1],
    shape: vac[2][2] as Shape,
    k: casts.get("AFG") as Cast,
    place: 0,
    fatalities: 0,
    delayDays: 120,
  });
  fixed.push({
    id: "BRASYNTH2",
    day: "2022-01-01",
    precision: 1,
    type: vac[0],
    disorder: vac[1],
    shape: vac[2][0] as Shape,
    k: casts.get("BRA") as Cast,
    place: 1,
    fatalities: 1,
    delayDays: 10,
  });
  for (const [type, disorder, shapes] of EVENT_TYPES) {
    const want = type === vac[0] ? 78 : 80;
    for (let n = 0; n < want; n++) {
      const k = casts.get(rng.pick(COUNTRIES).iso3) as Cast;
      let id: string;
      do id = `${k.c.iso3}${rng.int(10000, 99999)}`;
      while (used.has(id));
      used.add(id);
      const shape = rng.pick(shapes);
      const day = plusDays("2022-01-02", rng.int(0, 179));
      const precision = rng.pick([1, 1, 1, 1, 1, 1, 2, 3] as const);
      events.push({
        id,
        day: precision === 3 ? `${day.slice(0, 7)}-01` : day,
        precision,
        type,
        disorder,
        shape,
        k,
        place: rng.int(0, 5),
        fatalities: shape.fatalities(rng),
        delayDays: rng.int(3, 60),
      });
    }
  }
  events.sort((a, b) => (a.day === b.day ? a.id.localeCompare(b.id) : a.day.localeCompare(b.day)));
  return rCsv(
    ACLED_COLUMNS,
    [...fixed, ...events].map((e) => row(rng, e)),
  );
}

/**
 * The one-country file: 120 events in Chile in June 2022 (mostly protests, some riots, two strategic
 * developments), in the same layout.
 */
export function acledOneCountryCsv(): string {
  const rng = new Random(20220601);
  const k = cast(rng, country("CHL"));
  type EventType = (typeof EVENT_TYPES)[number];
  const plan: (readonly [EventType, number])[] = [
    [EVENT_TYPES[3] as EventType, 100],
    [EVENT_TYPES[4] as EventType, 18],
    [EVENT_TYPES[5] as EventType, 2],
  ];
  const events: Event[] = [];
  let next = 4100;
  for (const [[type, disorder, shapes], count] of plan) {
    for (let n = 0; n < count; n++) {
      const shape = type === "Strategic developments" ? (shapes[1] as Shape) : rng.pick(shapes);
      events.push({
        id: `CHL${(next += rng.int(1, 9))}`,
        day: plusDays("2022-06-01", rng.int(0, 29)),
        precision: 1,
        type,
        disorder,
        shape,
        k,
        place: rng.int(0, 5),
        fatalities: shape.fatalities(rng),
        delayDays: rng.int(2, 30),
      });
    }
  }
  events.sort((a, b) => (a.day === b.day ? b.id.localeCompare(a.id) : b.day.localeCompare(a.day)));
  return rCsv(
    ACLED_COLUMNS,
    events.map((e) => row(rng, e)),
  );
}
