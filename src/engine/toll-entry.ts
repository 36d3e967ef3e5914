/**
 * A piece of evidence that counts towards a "current" condition of a score-based rulebook (1 and 2): the recent
 * toll of mass killing. Rulebooks with criteria count tolls in their windowed aggregates instead.
 * @module
 */
export interface TollEntry {
  readonly record: string;
  readonly indicator: string;
  readonly day: number;
  readonly fatalities: number;
}
