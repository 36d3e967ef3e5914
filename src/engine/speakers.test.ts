import { describe, expect, it } from "vitest";
import type { Actor } from "../domain/index.js";
import { SpeakerJudge } from "./speakers.js";

const actor = (id: string, kind: Actor["kind"], extra: Partial<Actor> = {}): Actor => ({
  id,
  kind,
  name: id,
  occurredAt: { from: "2000-01-01", to: "2000-01-01", precision: "day" },
  knownAt: "2000-01-01",
  citations: [{ source: "s", locator: "p" }],
  dutyBearer: false,
  roles: [],
  ...extra,
});

const rule = {
  officialKinds: ["un-official", "government", "state", "inquiry"],
  officialRoles: ["security-council"],
  partyRoles: ["perpetrator", "territorial-state"],
  partyKindsInOwnCountry: ["government", "armed-force", "armed-group"],
};

const actors = new Map<string, Actor>(
  [
    actor("un-sg", "un-official"),
    actor("gov-x", "government", { country: "XAA" }),
    actor("minister-x", "person", { memberOf: "gov-x" }),
    actor("gov-y", "government", { country: "YAA" }),
    actor("rebels", "armed-group", { side: "rebels" }),
    actor("ngo", "ngo"),
    actor("council-seat", "state", {
      country: "ZAA",
      periodRoles: [{ role: "perpetrator", from: "2001-01-01" }],
    }),
    actor("late", "un-official", { knownAt: "2005-01-01" }),
    actor("envoy", "person", { memberOf: "late" }),
    actor("orphan", "person", { memberOf: "not-recorded" }),
  ].map((a) => [a.id, a]),
);
const judge = new SpeakerJudge(rule, actors);

describe("SpeakerJudge", () => {
  it("tells official speakers by kind or role", () => {
    expect(judge.isOfficial("un-sg", "2000-06-01")).toBe(true);
    expect(judge.isOfficial("ngo", "2000-06-01")).toBe(false);
    expect(judge.isOfficial("minister-x", "2000-06-01")).toBe(true); // through its government
  });

  it("never takes a party's words as independent: its own country's government, its members, a side", () => {
    expect(judge.matches("independent-official", ["gov-x"], ["XAA"], "2000-06-01")).toBe(false);
    expect(judge.matches("independent-official", ["minister-x"], ["XAA"], "2000-06-01")).toBe(false);
    expect(judge.matches("independent-official", ["gov-y"], ["XAA"], "2000-06-01")).toBe(true);
    expect(judge.matches("independent", ["rebels"], ["XAA"], "2000-06-01")).toBe(false);
    expect(judge.matches("independent", ["ngo"], ["XAA"], "2000-06-01")).toBe(true);
  });

  it("reads roles held for a period on the day, and never trusts an actor not yet known", () => {
    expect(judge.matches("independent", ["council-seat"], ["XAA"], "2000-06-01")).toBe(true);
    expect(judge.matches("independent", ["council-seat"], ["XAA"], "2001-06-01")).toBe(false);
    expect(judge.matches("independent-official", ["late"], ["XAA"], "2000-06-01")).toBe(false);
    expect(judge.matches("independent-official", ["nobody"], ["XAA"], "2000-06-01")).toBe(false);
  });

  it("never takes a speaker as independent while what it belongs to is not known", () => {
    expect(judge.matches("independent", ["envoy"], ["XAA"], "2000-06-01")).toBe(false);
    expect(judge.matches("independent", ["envoy"], ["XAA"], "2005-06-01")).toBe(true);
    expect(judge.matches("independent", ["orphan"], ["XAA"], "2005-06-01")).toBe(false);
  });
});
