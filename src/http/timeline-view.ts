/**
 * The case timeline as the dashboard draws it: the store's timeline entries placed in swimlanes. Actors,
 * groups and sources have no lane: they are what the others cite.
 * @module
 */
import type { RecordKind, TimelineEntry } from "../domain/index.js";
import type { TIMELINE_LANES } from "../contracts/api/view.schema.js";

export type Lane = (typeof TIMELINE_LANES)[number];

/** The lane of each kind that has one. */
export const LANE_OF: Partial<Readonly<Record<RecordKind, Lane>>> = {
  incident: "incidents",
  report: "reports",
  warning: "warnings",
  response: "responses",
  commitment: "responses",
  mandate: "mandates",
  capability: "mandates",
  statement: "statements",
  tribunal: "tribunal",
  tribunalCase: "tribunal",
};

export interface TimelineItem {
  readonly id: string;
  readonly kind: RecordKind;
  readonly lane: Lane;
  readonly from: string;
  readonly to: string;
  readonly precision: "day" | "month" | "year" | "range";
  readonly knownAt: string;
  readonly actors: readonly string[];
  readonly label: string;
}

/**
 * The entries that have a lane, as timeline items, in the order given (the store's time order).
 * Runs in O(n).
 * @example laneItems(await timeline(store, "c")).filter((i) => i.lane === "warnings")
 */
export function laneItems(entries: readonly TimelineEntry[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const e of entries) {
    const lane = LANE_OF[e.kind];
    if (lane === undefined) continue;
    items.push({
      id: e.id,
      kind: e.kind,
      lane,
      from: e.occurredAt.from,
      to: e.occurredAt.to,
      precision: e.occurredAt.precision,
      knownAt: e.knownAt,
      actors: e.actors,
      label: e.summary,
    });
  }
  return items;
}
