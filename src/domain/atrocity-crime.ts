/**
 * The atrocity crimes of the UN Framework of Analysis for Atrocity Crimes (2014), and how far a finding about them
 * goes — the vocabulary reports, warnings and the naming lexicon share.
 * @module
 */

/** Genocide, crimes against humanity, war crimes and ethnic cleansing (not a crime in itself, but named as one). */
export const ATROCITY_CRIMES = [
  "genocide",
  "crimes-against-humanity",
  "war-crimes",
  "ethnic-cleansing",
] as const;
export type AtrocityCrime = (typeof ATROCITY_CRIMES)[number];

/**
 * How far a finding goes, from a warning that the crimes may be committed to a finding that they were:
 * `risk` (they may be committed), `alleged` (allegations reported, not concluded), `likely` ("reasonable grounds
 * to believe", "may amount to"), `established` (found to have been committed).
 */
export const CRIME_FINDINGS = ["risk", "alleged", "likely", "established"] as const;
export type CrimeFinding = (typeof CRIME_FINDINGS)[number];

/** What a report says about one atrocity crime. */
export interface CrimeAssessment {
  readonly crime: AtrocityCrime;
  readonly finding: CrimeFinding;
  /** True when the report says the crimes are being committed at the time it is published. */
  readonly ongoing?: boolean;
}
