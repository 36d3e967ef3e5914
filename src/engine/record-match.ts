/**
 * Whether a record meets a mapping's conditions (`when`). Statements are read with the naming lexicon: each term
 * (and the quoted text) is matched, and a term that names an atrocity crime gives a finding about it. Whose words
 * count (`speakers`) is judged against the actors known when the record became known.
 * @module
 */
import {
  bestOf,
  containsPhrase,
  matchTerms,
  targetGroupsOf,
  type AtrocityCrime,
  type CompiledLexicon,
  type CrimeFinding,
  type Incident,
  type Mandate,
  type Report,
  type Response,
  type Statement,
  type Warning,
} from "../domain/index.js";
import { protectsCivilians } from "../domain/index.js";
import type { MappedRecord, MappingWhen, SpeakerClass } from "./rulebook.js";
import type { SpeakerJudge } from "./speakers.js";

/** The record kinds a mapping can read (all but the `series` pseudo-kind). */
export type RecordKindMapped = Exclude<MappedRecord, "series">;
export type MappedRecordValue = Incident | Report | Warning | Response | Mandate | Statement;

/** What a statement says about atrocity crimes, as read with the lexicon. */
export interface CrimeMention {
  readonly crime: AtrocityCrime;
  readonly finding: CrimeFinding;
}

/** What matching needs besides the record: the speaker judge and the countries of the record. */
export interface MatchContext {
  readonly judge: SpeakerJudge;
  /** The countries a record is about (for the independence of its speakers). */
  countriesOf(r: MappedRecordValue): readonly string[];
  /** The crimes a statement names, with how far it goes; empty when it names none. */
  mentionsOf(s: Statement): readonly CrimeMention[];
}

const anyOf = (wanted: readonly string[] | undefined, have: readonly string[]): boolean =>
  wanted === undefined || wanted.some((w) => have.includes(w));
const oneOf = (wanted: readonly string[] | undefined, have: string): boolean =>
  wanted === undefined || wanted.includes(have);
const is = (wanted: boolean | undefined, have: boolean): boolean => wanted === undefined || wanted === have;
const atLeast = (min: number | undefined, have: number | undefined): boolean =>
  min === undefined || (have ?? 0) >= min;

/** Whether a list of crime findings has one that meets `when`'s crime conditions (none stated: true). */
function crimesMatch(
  w: MappingWhen,
  found: readonly { crime: string; finding: string; ongoing: boolean }[],
): boolean {
  if (w.crimes === undefined && w.crimeFindings === undefined && w.ongoing === undefined) return true;
  return found.some(
    (f) => oneOf(w.crimes, f.crime) && oneOf(w.crimeFindings, f.finding) && is(w.ongoing, f.ongoing),
  );
}

function speakersMatch(
  w: MappingWhen,
  speakers: readonly string[],
  r: MappedRecordValue,
  ctx: MatchContext,
): boolean {
  if (w.speakers === undefined) return true;
  return ctx.judge.matches(w.speakers as SpeakerClass, speakers, ctx.countriesOf(r), r.knownAt);
}

/**
 * Whether record `r` of kind `kind` meets the conditions `w` (absent conditions do not constrain).
 * @example matchesWhen("incident", incident, { acts: ["massacre"], targetsGroup: true }, ctx)
 */
export function matchesWhen(
  kind: RecordKindMapped,
  r: MappedRecordValue,
  w: MappingWhen,
  ctx: MatchContext,
): boolean {
  switch (kind) {
    case "incident": {
      const i = r as Incident;
      return (
        anyOf(w.acts, i.acts) &&
        is(w.targetsGroup, targetGroupsOf(i).length > 0) &&
        oneOf(w.organised, i.organised) &&
        oneOf(w.stateInvolvement, i.stateInvolvement) &&
        atLeast(w.minFatalities, bestOf(i.fatalities)) &&
        atLeast(w.minDetained, bestOf(i.detained)) &&
        atLeast(w.minDisplaced, bestOf(i.displaced)) &&
        atLeast(w.minCivilianFatalities, bestOf(i.civilianFatalities))
      );
    }
    case "report": {
      const p = r as Report;
      const tags = p.findings.flatMap((f) => f.tags);
      const found = (p.crimes ?? []).map((c) => ({ ...c, ongoing: c.ongoing ?? false }));
      return (
        anyOf(w.tags, tags) &&
        oneOf(w.qualifications, p.qualification) &&
        is(w.mentionsGenocideRisk, p.mentionsGenocideRisk) &&
        is(w.targetsGroup, p.targetGroup !== undefined) &&
        crimesMatch(w, found) &&
        speakersMatch(w, p.authors, p, ctx)
      );
    }
    case "statement": {
      const s = r as Statement;
      const ongoing = s.refersTo !== "past";
      const found = ctx.mentionsOf(s).map((m) => ({ ...m, ongoing }));
      // A statement is read only for what it says about atrocity crimes.
      if (found.length === 0) return false;
      return (
        is(w.targetsGroup, s.targetGroup !== undefined) &&
        crimesMatch(w, found) &&
        speakersMatch(w, [s.actor], s, ctx)
      );
    }
    case "warning": {
      const x = r as Warning;
      // Engine alerts are warnings too; reading them back would let the engine confirm itself.
      if (x.origin !== "human") return false;
      return (
        anyOf(
          w.actions,
          x.requestedActions.map((a) => a.kind),
        ) &&
        is(w.targetsGroup, x.targetGroup !== undefined) &&
        anyOf(w.crimes, x.risk?.crimes ?? []) &&
        is(w.imminent, x.risk?.imminent ?? false) &&
        speakersMatch(w, [x.sender], x, ctx)
      );
    }
    case "response":
      return oneOf(w.responseKinds, (r as Response).kind);
    case "mandate":
      return is(w.protectsCivilians, protectsCivilians(r as Mandate));
  }
}

/**
 * The crimes a statement names, read with the lexicon from its terms and its quoted text: every match of a term
 * that names a crime, with its finding (hedged words go no further than `likely`). Each (crime, finding) once.
 * @example crimeMentions(lex, { terms: ["ethnic cleansing"], … }) // [{ crime: "ethnic-cleansing", finding: "established" }]
 */
export function crimeMentions(lex: CompiledLexicon, s: Statement): CrimeMention[] {
  const out = new Map<string, CrimeMention>();
  // A term that stands in the quoted text is read there, in its sentence, where a hedge can qualify it.
  const terms = s.text === undefined ? s.terms : s.terms.filter((t) => !containsPhrase(s.text as string, t));
  const texts = [...terms, ...(s.text === undefined ? [] : [s.text])];
  for (const text of texts)
    for (const m of matchTerms(lex, text))
      if (m.crime !== undefined && m.finding !== undefined)
        out.set(`${m.crime}\u0000${m.finding}`, { crime: m.crime, finding: m.finding });
  return [...out.values()];
}
