/**
 * Warnings: who told whom, when, through which channel, what they asked for and by when. An engine alert is
 * a warning too (`origin: "engine"`).
 * @module
 */
import type { AtrocityCrime } from "./atrocity-crime.js";
import type { RecordBase } from "./record.js";

/** The measures a warning may ask for; the rulebook's playbook uses the same names. */
export const ACTION_KINDS = [
  "protect-informant",
  "seize-arms",
  "strengthen-mandate",
  "reinforce",
  "deploy",
  "public-naming",
  "targeted-sanctions",
  "arms-embargo",
  "diplomatic-pressure",
  "inquiry",
  "referral-to-justice",
  "protect-civilians",
  "humanitarian-access",
  "evacuate-civilians",
  "monitor",
  "other",
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const CHANNELS = [
  "cable",
  "letter",
  "report",
  "meeting",
  "public-statement",
  "media",
  "briefing",
  "alert",
] as const;
export type Channel = (typeof CHANNELS)[number];

export interface RequestedAction {
  readonly id: string;
  readonly kind: ActionKind;
  readonly description: string;
  /** Who is asked to act; defaults to the warning's recipients. */
  readonly addressees?: readonly string[];
  readonly dueAt?: string;
  /** True when `dueAt` is an editorial choice, not a deadline the source gives (findings then say "assumed"). */
  readonly dueAtAssumed?: boolean;
}

export interface Warning extends RecordBase {
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly channel: Channel;
  readonly summary: string;
  readonly targetGroup?: string;
  readonly country?: string;
  readonly requestedActions: readonly RequestedAction[];
  /** Ids of records (incidents, reports, sources…) the warning rests on. */
  readonly evidence: readonly string[];
  readonly origin: "human" | "engine";
  /** Case format 2: what the sender warns of — which atrocity crimes, and whether it says they are imminent. */
  readonly risk?: { readonly crimes?: readonly AtrocityCrime[]; readonly imminent?: boolean };
}
