import { describe, expect, it } from "vitest";
import type { TimelineEntry } from "../domain/index.js";
import { laneItems } from "./timeline-view.js";

const day = (d: string) => ({ from: d, to: d, precision: "day" as const });

describe("laneItems", () => {
  it("places each kind in its lane and leaves out actors, groups and sources", () => {
    const entries: TimelineEntry[] = [
      {
        kind: "actor",
        id: "a",
        occurredAt: day("1990-01-01"),
        knownAt: "1990-01-01",
        actors: [],
        summary: "A",
        citations: [],
      },
      {
        kind: "warning",
        id: "w",
        occurredAt: day("1994-01-11"),
        knownAt: "1994-01-11",
        actors: ["x"],
        summary: "cable",
        citations: [],
      },
      {
        kind: "capability",
        id: "c",
        occurredAt: { from: "1994-04-07", to: "1994-04-14", precision: "range" },
        knownAt: "1994-04-14",
        actors: [],
        summary: "troops",
        citations: [],
      },
      {
        kind: "tribunalCase",
        id: "t",
        occurredAt: day("1995-06-28"),
        knownAt: "1995-06-28",
        actors: [],
        summary: "case",
        citations: [],
      },
    ];
    expect(laneItems(entries)).toEqual([
      {
        id: "w",
        kind: "warning",
        lane: "warnings",
        from: "1994-01-11",
        to: "1994-01-11",
        precision: "day",
        knownAt: "1994-01-11",
        actors: ["x"],
        label: "cable",
      },
      {
        id: "c",
        kind: "capability",
        lane: "mandates",
        from: "1994-04-07",
        to: "1994-04-14",
        precision: "range",
        knownAt: "1994-04-14",
        actors: [],
        label: "troops",
      },
      {
        id: "t",
        kind: "tribunalCase",
        lane: "tribunal",
        from: "1995-06-28",
        to: "1995-06-28",
        precision: "day",
        knownAt: "1995-06-28",
        actors: [],
        label: "case",
      },
    ]);
  });

  it("gives nothing for no entries", () => {
    expect(laneItems([])).toEqual([]);
  });
});
