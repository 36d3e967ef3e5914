/**
 * ACLED event and sub-event types → Tocsin act types, and ACLED actor-type codes (`inter1`/`inter2`).
 * The table is the documented mapping of docs/importers.md; an unknown sub-event type falls back to its
 * event type, an unknown event type to `political-violence`.
 * @module
 */
import type { ActorKind, ActType } from "../../domain/index.js";

const SUB_EVENT_ACTS: Readonly<Record<string, readonly ActType[]>> = {
  // Violence against civilians
  "Sexual violence": ["sexual-violence", "attack-on-civilians"],
  Attack: ["attack-on-civilians"],
  "Abduction/forced disappearance": ["abduction", "attack-on-civilians"],
  // Battles
  "Armed clash": ["armed-clash"],
  "Government regains territory": ["armed-clash"],
  "Non-state actor overtakes territory": ["armed-clash"],
  // Explosions/Remote violence
  "Chemical weapon": ["remote-violence"],
  "Air/drone strike": ["remote-violence"],
  "Suicide bomb": ["remote-violence"],
  "Shelling/artillery/missile attack": ["remote-violence"],
  "Remote explosive/landmine/IED": ["remote-violence"],
  Grenade: ["remote-violence"],
  // Protests
  "Peaceful protest": ["protest"],
  "Protest with intervention": ["protest"],
  "Excessive force against protesters": ["protest-repression"],
  // Riots
  "Violent demonstration": ["riot"],
  "Mob violence": ["riot"],
  // Strategic developments
  Arrests: ["arbitrary-detention"],
  "Looting/property destruction": ["destruction-of-property"],
  Agreement: ["strategic-development"],
  "Change to group/activity": ["strategic-development"],
  "Disrupted weapons use": ["strategic-development"],
  "Headquarters or base established": ["strategic-development"],
  "Non-violent transfer of territory": ["strategic-development"],
  Other: ["strategic-development"],
};

const EVENT_ACTS: Readonly<Record<string, ActType>> = {
  "Violence against civilians": "attack-on-civilians",
  Battles: "armed-clash",
  "Explosions/Remote violence": "remote-violence",
  Protests: "protest",
  Riots: "riot",
  "Strategic developments": "strategic-development",
};

/**
 * The acts of an ACLED event. Fatal violence against civilians also counts as `killing`; a civilian-targeting
 * flag adds `attack-on-civilians` to any event type (e.g. shelling a market).
 * @example acledActs("Violence against civilians", "Attack", 3, "") // ["attack-on-civilians", "killing"]
 */
export function acledActs(
  eventType: string,
  subEventType: string,
  fatalities: number,
  civilianTargeting: string,
): ActType[] {
  const acts = new Set<ActType>(
    SUB_EVENT_ACTS[subEventType] ?? [EVENT_ACTS[eventType] ?? "political-violence"],
  );
  const againstCivilians = eventType === "Violence against civilians" || civilianTargeting.trim() !== "";
  if (againstCivilians) acts.add("attack-on-civilians");
  if (againstCivilians && fatalities > 0) acts.add("killing");
  return [...acts];
}

/** True when the event is one-sided violence against civilians in ACLED's own terms. */
export function acledIsViolenceAgainstCivilians(eventType: string, civilianTargeting: string): boolean {
  return eventType === "Violence against civilians" || civilianTargeting.trim() !== "";
}

/** ACLED actor-type codes, numeric (`inter_num=1`) and text (API default). */
const INTER_LABELS: Readonly<Record<string, number>> = {
  "state forces": 1,
  "rebel group": 2,
  "rebel forces": 2,
  "political militia": 3,
  "identity militia": 4,
  rioters: 5,
  protesters: 6,
  civilians: 7,
  "external/other forces": 8,
  "foreign / others": 8,
};

/** The numeric inter code of `inter1`/`inter2` given as a number or a label; 0 = no actor, undefined = unknown. */
export function interCode(value: string): number | undefined {
  const v = value.trim();
  if (v === "" || v === "0") return 0;
  if (/^[1-8]$/.test(v)) return Number(v);
  return INTER_LABELS[v.toLowerCase()];
}

/** The actor kind for an inter code; `undefined` for crowds and civilians, who are not stored as actors. */
export function interActorKind(code: number): ActorKind | undefined {
  switch (code) {
    case 1:
      return "armed-force";
    case 2:
      return "armed-group";
    case 3:
    case 4:
      return "militia";
    case 8:
      return "armed-force";
    default:
      return undefined;
  }
}
