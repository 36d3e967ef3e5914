/**
 * Commitments: threats and promises with a follow-up date, and whether they were delivered.
 * @module
 */
import type { RecordBase } from "./record.js";

export interface Commitment extends RecordBase {
  readonly actor: string;
  readonly kind: "threat" | "promise" | "conditional";
  readonly measure: string;
  readonly addressee?: string;
  readonly followUpDue?: string;
  /** True when `followUpDue` is an editorial choice, not a date the source gives (findings then say "assumed"). */
  readonly followUpDueAssumed?: boolean;
  /** true delivered, false not delivered, null not yet known. */
  readonly delivered: boolean | null;
  readonly deliveredAt?: string;
  /** The response record that delivered it, if any. */
  readonly deliveredBy?: string;
}
