// A small seeded random source for the synthetic format fixtures: the same seed gives the same files on every
// machine, so the committed fixtures can be checked against their generator.

/** A deterministic random source (mulberry32) with the few draws the generators need. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A float in [min, max) rounded to `digits` decimals. */
  float(min: number, max: number, digits: number): number {
    return Number((min + this.next() * (max - min)).toFixed(digits));
  }
}

const ONSETS = ["b", "d", "g", "k", "l", "m", "n", "r", "s", "t", "z", "h", "f", "y"];
const VOWELS = ["a", "e", "i", "o", "u"];
const CODAS = ["", "", "n", "r", "l", "m", "s"];

/**
 * An invented place-like name of 2–3 syllables ("Kalomar", "Berit"): realistic-looking, but no real place.
 * @example placeName(new Random(1)) // "Tazoren"
 */
export function placeName(rng: Random): string {
  const n = rng.int(2, 3);
  let s = "";
  for (let i = 0; i < n; i++) s += rng.pick(ONSETS) + rng.pick(VOWELS) + (i === n - 1 ? rng.pick(CODAS) : "");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `n` distinct invented names. */
export function placeNames(rng: Random, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(placeName(rng));
  return [...out];
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "1 January 2022" for a `YYYY-MM-DD` day. */
export function longDate(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}

/** The `YYYY-MM-DD` day `n` days after `day`. */
export function plusDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Unix seconds of a `YYYY-MM-DD` day at midnight UTC. */
export function unixSeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}
