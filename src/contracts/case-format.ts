/**
 * What case format 2 added to format 1, so a reader can tell a format-1 case that uses a format-2 field (and say
 * which) from one written for format 2.
 * @module
 */
import type { RecordKind } from "../domain/index.js";

/** Record fields that exist only in case format 2, by kind. */
export const FORMAT_2_FIELDS: Readonly<Partial<Record<RecordKind, readonly string[]>>> = {
  actor: ["periodRoles"],
  group: ["population"],
  incident: ["targetGroups", "civilianFatalities", "displaced", "injured", "sexualViolence"],
  report: ["crimes"],
  statement: ["refersTo"],
  warning: ["risk"],
};

/** Act types added by case format 2. */
export const FORMAT_2_ACTS: readonly string[] = [
  "siege",
  "separation-of-men",
  "mass-grave",
  "concealment-of-crimes",
  "denial-of-citizenship",
  "discriminatory-measures",
  "hostage-taking",
  "attack-on-aid-workers",
  "ceasefire",
  "peace-agreement",
];

/** Report finding tags added by case format 2. */
export const FORMAT_2_TAGS: readonly string[] = [
  "forced-displacement",
  "siege",
  "denial-of-humanitarian-access",
  "discrimination",
  "sexual-violence",
  "mass-graves",
];

/** Manifest `evaluation` fields added by case format 2. */
export const FORMAT_2_EVALUATION_FIELDS: readonly string[] = [
  "control",
  "persecutionKnown",
  "massAtrocityKnown",
];
