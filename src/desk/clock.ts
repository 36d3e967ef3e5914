/**
 * The one clock of the desk: issuing, dispatching, answering and watching deadlines all read the time from the
 * same injected function, so tests move time instead of waiting.
 * @module
 */

/** Returns the current instant. */
export type Clock = () => Date;

/** The system clock (used by the composition root). */
export const systemClock: Clock = () => new Date();

/** The UTC day (`YYYY-MM-DD`) of an instant. */
export function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** An instant `ms` milliseconds after `d`, as ISO text. */
export function isoAfter(d: Date, ms: number): string {
  return new Date(d.getTime() + ms).toISOString();
}

/** Midnight UTC at the end of a day (the first instant past it): a due date lapses then. */
export function endOfDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000);
}
