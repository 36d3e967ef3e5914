/**
 * The evidence of one set of mappings in one scope, within one window, kept as running totals by confidence
 * tier. A fact counts from the day it becomes known until `max(event day + window, known day + hold)`: it is in
 * the window while its event is recent, and new evidence always counts for at least `hold` days (so a level never
 * reverses within that time without new evidence). Expiring facts are grouped by their last day, so memory grows
 * with the number of distinct days in the window, not with the number of facts. An upgrade (a better source
 * known later) takes out exactly what the record's previous fact added, where it was counted, and never shortens
 * how long the record counts.
 * @module
 */
import type { Citation } from "../../domain/index.js";
import type { Tier } from "../confidence.js";
import type { Fact } from "../evidence.js";
import type { MappedRecord } from "../rulebook.js";

/** Counts by tier (index 0 possible, 1 probable, 2 confirmed). */
type ByTier = [number, number, number];

const zero = (): ByTier => [0, 0, 0];

/** What a fact adds, by tier. */
interface Part {
  readonly records: ByTier;
  readonly deaths: ByTier;
  readonly civilianDeaths: ByTier;
  readonly displaced: ByTier;
  readonly events: ByTier;
  readonly kinds: Map<string, ByTier>;
  readonly sources: Map<string, ByTier>;
  /** Records by primary source (one per record): what convergence of independent sources counts. */
  readonly primaries: Map<string, ByTier>;
}

const emptyPart = (): Part => ({
  records: zero(),
  deaths: zero(),
  civilianDeaths: zero(),
  displaced: zero(),
  events: zero(),
  kinds: new Map(),
  sources: new Map(),
  primaries: new Map(),
});

/** A record an aggregate can cite, as it stood when added. */
export interface FactRef {
  readonly record: string;
  readonly kind: MappedRecord;
  readonly tier: Tier;
  readonly grade?: string;
  readonly knownAt: string;
  readonly eventDay: string;
  readonly deaths: number;
  readonly displaced: number;
  readonly mappings: readonly string[];
  readonly citations: readonly Citation[];
  readonly summary?: string;
  readonly expiry: number;
  readonly seq: number;
}

function addTo(map: Map<string, ByTier>, key: string, tier: Tier, n: number): void {
  let v = map.get(key);
  if (!v) map.set(key, (v = zero()));
  v[tier] += n;
  if (v[0] === 0 && v[1] === 0 && v[2] === 0) map.delete(key);
}

function merge(into: Part, from: Part, sign: 1 | -1): void {
  for (const k of ["records", "deaths", "civilianDeaths", "displaced", "events"] as const)
    for (let t = 0; t < 3; t += 1) into[k][t] = (into[k][t] as number) + sign * (from[k][t] as number);
  for (const [m, v] of from.kinds)
    for (let t = 0; t < 3; t += 1) addTo(into.kinds, m, t as Tier, sign * (v[t] as number));
  for (const [s, v] of from.sources)
    for (let t = 0; t < 3; t += 1) addTo(into.sources, s, t as Tier, sign * (v[t] as number));
  for (const [s, v] of from.primaries)
    for (let t = 0; t < 3; t += 1) addTo(into.primaries, s, t as Tier, sign * (v[t] as number));
}

/** How many refs each mapping keeps for citing (the latest-expiring). */
const REFS_PER_MAPPING = 6;

export class ConditionAggregate {
  private readonly totals = emptyPart();
  private readonly buckets = new Map<number, Part>();
  /** Expiry days with a bucket, as a binary min-heap. */
  private readonly heap: number[] = [];
  private readonly refs = new Map<string, FactRef[]>();
  /**
   * What each record that may still be upgraded added, and until when (only those). Entries are dropped when
   * their bucket expires, so this holds the window's upgradable records, not every one since the start.
   */
  private readonly upgradable = new Map<string, { readonly expiry: number; readonly part: Part }>();
  /** The records of {@link upgradable}, by expiry day (windowed aggregates only). */
  private readonly upgradableByExpiry = new Map<number, string[]>();
  private now = Number.NEGATIVE_INFINITY;
  /** The latest event day of any fact added, by tier (for conditions that evidence of an end can close). */
  readonly maxEventDay: ByTier = [
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  /** Facts added in all (each record once per version), for "N in all". */
  added = 0;
  /** Moves whenever what the aggregate holds may have changed (a fact added, a bucket expired). */
  version = 0;

  constructor(
    private readonly mappings: ReadonlySet<string>,
    private readonly window: number | null,
    private readonly hold: number,
  ) {}

  /** The last day a fact counts on (Infinity when the aggregate has no window). */
  private expiryOf(eventDay: number, knownDay: number): number {
    if (this.window === null) return Number.POSITIVE_INFINITY;
    const end = eventDay + this.window;
    // A late report of an event already out of the window is history, not news: it never counts here.
    return end < knownDay ? end : Math.max(end, knownDay + this.hold);
  }

  private partOf(f: Fact): Part {
    const p = emptyPart();
    const tier = f.tier;
    p.records[tier] = 1;
    p.deaths[tier] = f.deaths;
    p.civilianDeaths[tier] = f.civilianDeaths;
    p.displaced[tier] = f.displaced;
    p.events[tier] = f.events;
    for (const m of f.mappings) if (this.mappings.has(m)) addTo(p.kinds, m, tier, 1);
    for (const s of f.sources) addTo(p.sources, s, tier, 1);
    // A record with no known source is nobody's confirmation: it never counts towards convergence.
    if (f.primarySource !== undefined) addTo(p.primaries, f.primarySource, tier, 1);
    return p;
  }

  private bucket(expiry: number): Part {
    let b = this.buckets.get(expiry);
    if (!b) {
      b = emptyPart();
      this.buckets.set(expiry, b);
      this.push(expiry);
    }
    return b;
  }

  /** Add a fact (or an upgrade, which replaces the record's previous fact). */
  add(f: Fact): void {
    this.version += 1;
    let floor = Number.NEGATIVE_INFINITY;
    if (f.previous) {
      const counted = this.upgradable.get(f.record);
      this.upgradable.delete(f.record);
      // Counted and not yet expired: take out exactly what it added, where it was added.
      if (counted && counted.expiry >= this.now) {
        merge(this.totals, counted.part, -1);
        if (this.window !== null) {
          const b = this.buckets.get(counted.expiry);
          if (b) merge(b, counted.part, -1);
        }
        floor = counted.expiry;
      }
    }
    // An upgrade never shortens how long the record counts.
    const expiry = Math.max(this.expiryOf(f.day, f.knownDay), floor);
    // Out of the window already when it became known (or by now): it never counts here.
    if (expiry < f.knownDay || expiry < this.now) return;
    // What `partOf(f)` holds, added in place (no part is built unless the record may be upgraded).
    this.addFact(this.totals, f);
    if (this.window !== null) this.addFact(this.bucket(expiry), f);
    if (f.mayUpgrade) this.keepUpgradable(f.record, expiry, this.partOf(f));
    if (f.day > this.maxEventDay[f.tier]) this.maxEventDay[f.tier] = f.day;
    if (!f.previous) this.added += 1;
    this.keepRef(f, expiry);
  }

  /** `merge(into, this.partOf(f), 1)`, without building the part. */
  private addFact(into: Part, f: Fact): void {
    const t = f.tier;
    into.records[t] += 1;
    into.deaths[t] += f.deaths;
    into.civilianDeaths[t] += f.civilianDeaths;
    into.displaced[t] += f.displaced;
    into.events[t] += f.events;
    for (const m of f.mappings) if (this.mappings.has(m)) addTo(into.kinds, m, t, 1);
    for (const src of f.sources) addTo(into.sources, src, t, 1);
    if (f.primarySource !== undefined) addTo(into.primaries, f.primarySource, t, 1);
  }

  private keepUpgradable(record: string, expiry: number, part: Part): void {
    this.upgradable.set(record, { expiry, part });
    if (this.window === null) return;
    const list = this.upgradableByExpiry.get(expiry);
    if (list) list.push(record);
    else this.upgradableByExpiry.set(expiry, [record]);
  }

  /** Forget the upgradable records that stopped counting on `expiry`: an upgrade of them changes nothing here. */
  private forgetUpgradable(expiry: number): void {
    const list = this.upgradableByExpiry.get(expiry);
    if (!list) return;
    this.upgradableByExpiry.delete(expiry);
    for (const record of list)
      if (this.upgradable.get(record)?.expiry === expiry) this.upgradable.delete(record);
  }

  private keepRef(f: Fact, expiry: number): void {
    let ref: FactRef | undefined;
    for (const m of f.mappings) {
      if (!this.mappings.has(m)) continue;
      let list = this.refs.get(m);
      if (!list) this.refs.set(m, (list = []));
      const old = list.findIndex((r) => r.record === f.record);
      if (old >= 0) list.splice(old, 1);
      // Kept latest-expiring first (then latest added): whatever is in the window, these are (up to the cap).
      let at = 0;
      while (at < list.length) {
        const r = list[at] as FactRef;
        if (r.expiry < expiry || (r.expiry === expiry && r.seq < f.seq)) break;
        at += 1;
      }
      if (at >= REFS_PER_MAPPING) continue;
      ref ??= this.refOf(f, expiry);
      list.splice(at, 0, ref);
      if (list.length > REFS_PER_MAPPING) list.length = REFS_PER_MAPPING;
    }
  }

  private refOf(f: Fact, expiry: number): FactRef {
    return {
      record: f.record,
      kind: f.kind,
      tier: f.tier,
      knownAt: f.knownAt,
      eventDay: f.eventDay,
      deaths: f.deaths,
      displaced: f.displaced,
      mappings: f.mappings.filter((m) => this.mappings.has(m)),
      citations: f.citations,
      expiry,
      seq: f.seq,
      ...(f.grade !== undefined ? { grade: f.grade } : {}),
      ...(f.summary !== undefined ? { summary: f.summary } : {}),
    };
  }

  /** Drop what no longer counts on `day` (days never go backwards); true when something was dropped. */
  advance(day: number): boolean {
    if (day < this.now) throw new Error("ConditionAggregate.advance: days go backwards");
    this.now = day;
    if (this.heap.length === 0 || (this.heap[0] as number) >= day) return false;
    this.version += 1;
    while (this.heap.length > 0 && (this.heap[0] as number) < day) {
      const expiry = this.pop();
      const b = this.buckets.get(expiry);
      this.buckets.delete(expiry);
      if (b) merge(this.totals, b, -1);
      this.forgetUpgradable(expiry);
    }
    return true;
  }

  /** The first day on which something counted now stops counting (Infinity when nothing will). */
  nextChange(): number {
    return this.heap.length === 0 ? Number.POSITIVE_INFINITY : (this.heap[0] as number) + 1;
  }

  /** Running totals (read-only view). */
  get view(): Readonly<Part> {
    return this.totals;
  }

  /** The records it can cite on `day`, latest-expiring first, each once. */
  citable(day: number): FactRef[] {
    const seen = new Set<string>();
    const out: FactRef[] = [];
    for (const list of this.refs.values())
      for (const r of list)
        if (r.expiry >= day && !seen.has(r.record)) {
          seen.add(r.record);
          out.push(r);
        }
    return out;
  }

  private push(x: number): void {
    const h = this.heap;
    h.push(x);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((h[parent] as number) <= x) break;
      h[i] = h[parent] as number;
      i = parent;
    }
    h[i] = x;
  }

  private pop(): number {
    const h = this.heap;
    const top = h[0] as number;
    const last = h.pop() as number;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let v = last;
        if (l < h.length && (h[l] as number) < v) {
          m = l;
          v = h[l] as number;
        }
        if (r < h.length && (h[r] as number) < v) m = r;
        if (m === i) break;
        h[i] = h[m] as number;
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}

export type { Part as AggregateTotals, ByTier };
