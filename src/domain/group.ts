/**
 * Protected groups as Article II of the Genocide Convention defines them: national, ethnical, racial or
 * religious groups, as such.
 * @module
 */
import type { Estimate } from "./incident.js";
import type { RecordBase } from "./record.js";

export const GROUP_KINDS = ["national", "ethnical", "racial", "religious"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export interface ProtectedGroup extends RecordBase {
  readonly name: string;
  readonly kind: GroupKind;
  /** ISO 3166-1 alpha-3 codes of the countries where the group lives, for situations. */
  readonly countries: readonly string[];
  /** Case format 2: the group's size in those countries, as a source estimates it. */
  readonly population?: Estimate;
}
