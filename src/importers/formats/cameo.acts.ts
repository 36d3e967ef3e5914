/**
 * CAMEO event codes (GDELT) in Tocsin's scope and their act types. Codes are strings with leading zeros
 * (`0233`, `202`); the table lists the atrocity-relevant coercion codes (173–175, 1712) and every code of
 * roots 18 ASSAULT, 19 FIGHT and 20 UNCONVENTIONAL MASS VIOLENCE. Descriptions follow the CAMEO codebook.
 * @module
 */
import type { ActType } from "../../domain/index.js";

/** code → [description, acts]. Lookup tries the full code, then its 3-digit base, then its 2-digit root. */
const CAMEO: Readonly<Record<string, readonly [string, readonly ActType[]]>> = {
  "1712": ["Destroy property", ["destruction-of-property"]],
  "173": ["Arrest, detain, or charge with legal action", ["arbitrary-detention"]],
  "174": ["Expel or deport individuals", ["forced-displacement"]],
  "175": ["Use violent repression", ["protest-repression"]],
  "18": ["Assault", ["attack-on-civilians"]],
  "180": ["Use unconventional violence", ["attack-on-civilians"]],
  "181": ["Abduct, hijack, or take hostage", ["abduction"]],
  "182": ["Physically assault", ["attack-on-civilians"]],
  "1821": ["Sexually assault", ["sexual-violence"]],
  "1822": ["Torture", ["torture"]],
  "1823": ["Kill by physical assault", ["killing"]],
  "183": ["Conduct non-military bombing", ["remote-violence"]],
  "1831": ["Carry out suicide bombing", ["remote-violence"]],
  "1832": ["Carry out car bombing", ["remote-violence"]],
  "1833": ["Carry out roadside bombing", ["remote-violence"]],
  "184": ["Use as human shield", ["attack-on-civilians"]],
  "185": ["Attempt to assassinate", ["political-violence"]],
  "186": ["Assassinate", ["killing"]],
  "19": ["Fight", ["armed-clash"]],
  "190": ["Use conventional military force", ["armed-clash"]],
  "191": ["Impose blockade, restrict movement", ["restriction-of-movement"]],
  "192": ["Occupy territory", ["invasion"]],
  "193": ["Fight with small arms and light weapons", ["armed-clash"]],
  "194": ["Fight with artillery and tanks", ["armed-clash"]],
  "195": ["Employ aerial weapons", ["remote-violence"]],
  "196": ["Violate ceasefire", ["armed-clash"]],
  "20": ["Engage in unconventional mass violence", ["massacre"]],
  "200": ["Engage in unconventional mass violence", ["massacre"]],
  "201": ["Engage in mass expulsion", ["forced-displacement"]],
  "202": ["Engage in mass killings", ["massacre", "killing"]],
  "203": ["Engage in ethnic cleansing", ["ethnic-cleansing", "forced-displacement"]],
  "204": ["Use weapons of mass destruction", ["massacre"]],
  "2041": ["Use chemical, biological, or radiological weapons", ["massacre"]],
  "2042": ["Detonate nuclear weapons", ["massacre"]],
};

/** What lies outside {@link cameoActs}'s scope, for skip reasons: "CAMEO 172 is outside …". */
export const CAMEO_OUT_OF_SCOPE = "outside the atrocity scope (1712, 173–175, roots 18–20)";

/** The scope decision for one event: its description and acts, or `undefined` when outside scope. */
export function cameoActs(
  code: string,
): { readonly description: string; readonly acts: readonly ActType[] } | undefined {
  const hit = CAMEO[code] ?? (code.length > 3 ? CAMEO[code.slice(0, 3)] : undefined);
  const rootOnly = code.slice(0, 2);
  // Root-level fallback only for roots 18–20: other roots (17 COERCE) are in scope code by code.
  const entry =
    hit ?? (rootOnly === "18" || rootOnly === "19" || rootOnly === "20" ? CAMEO[rootOnly] : undefined);
  return entry ? { description: entry[0], acts: entry[1] } : undefined;
}
