/**
 * Whose words count as evidence: an official speaker (a UN organ or official, a mission, an inquiry, a court, a
 * regional organisation, a State or government — by kind or role), and a speaker independent of the situation
 * (not a perpetrator or the territorial state, not a side of the conflict, not the government or forces of the
 * country concerned, and not part of any actor that is). The rulebook's `speakers` rule holds the lists.
 * @module
 */
import { rolesOn, type Actor } from "../domain/index.js";
import type { SpeakerClass, SpeakerRule } from "./rulebook.js";

/** Follow `memberOf` at most this far (a minister of a government of a State…). */
const MAX_DEPTH = 8;

/** Judges speakers against the actors known so far (the map is the caller's and may grow). */
export class SpeakerJudge {
  constructor(
    private readonly rule: SpeakerRule | undefined,
    private readonly actors: ReadonlyMap<string, Actor>,
  ) {}

  /**
   * The actor and the actors it belongs to, known by `day`; `complete` is false when the chain names a parent
   * not known by then (what it belongs to cannot be judged).
   */
  private lineage(id: string, day: string): { readonly chain: Actor[]; readonly complete: boolean } {
    const chain: Actor[] = [];
    let current: string | undefined = id;
    for (let depth = 0; current !== undefined && depth < MAX_DEPTH; depth += 1) {
      const a = this.actors.get(current);
      if (!a || a.knownAt > day) return { chain, complete: false };
      if (chain.includes(a)) break;
      chain.push(a);
      current = a.memberOf;
    }
    return { chain, complete: true };
  }

  /** True when the actor (or what it belongs to) is an official one on `day`. */
  isOfficial(id: string, day: string): boolean {
    const rule = this.rule;
    if (!rule) return false;
    return this.lineage(id, day).chain.some(
      (a) =>
        rule.officialKinds.includes(a.kind) || rolesOn(a, day).some((r) => rule.officialRoles.includes(r)),
    );
  }

  /** True when the actor (or what it belongs to) is a party to situations in `countries` on `day`. */
  isParty(id: string, countries: readonly string[], day: string): boolean {
    const rule = this.rule;
    const { chain, complete } = this.lineage(id, day);
    // An unknown speaker, or one belonging to an actor not known yet, cannot be shown to be independent.
    if (!complete) return true;
    if (!rule) return false;
    return chain.some(
      (a) =>
        a.side !== undefined ||
        rolesOn(a, day).some((r) => rule.partyRoles.includes(r)) ||
        (a.country !== undefined &&
          countries.includes(a.country) &&
          rule.partyKindsInOwnCountry.includes(a.kind)),
    );
  }

  /**
   * True when one of `speakers` is of the class on `day`, for a record about `countries`.
   * @example judge.matches("independent-official", ["un-sg"], ["XAA"], "2020-01-01")
   */
  matches(
    cls: SpeakerClass,
    speakers: readonly string[],
    countries: readonly string[],
    day: string,
  ): boolean {
    return speakers.some((s) => {
      switch (cls) {
        case "official":
          return this.isOfficial(s, day);
        case "independent":
          return !this.isParty(s, countries, day);
        case "independent-official":
          return this.isOfficial(s, day) && !this.isParty(s, countries, day);
      }
    });
  }
}
