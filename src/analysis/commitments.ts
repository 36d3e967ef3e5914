/**
 * Commitments: threats and promises with a follow-up date, and whether they were delivered by it, as of a day.
 * @module
 */
import { addDays, asOf as asOfGate, daysBetween, type CaseBundle, type Commitment } from "../domain/index.js";
import { dayOf } from "./evidence.js";
import { DEFAULT_RESPONSE_WINDOW_DAYS } from "./ledger/request-status.js";

/**
 * Delivered (by the as-of day), overdue (due date passed, not delivered), pending (not yet due), or
 * undetermined (the record does not know whether it was delivered and gives no due date: the default window
 * alone is no ground to call it "not delivered").
 */
export type CommitmentStatus = "delivered" | "overdue" | "pending" | "undetermined";

export interface CommitmentState {
  readonly commitment: string;
  readonly actor: string;
  readonly kind: Commitment["kind"];
  readonly measure: string;
  readonly addressee?: string;
  readonly madeAt: string;
  readonly dueAt: string;
  readonly dueSource: "declared" | "default";
  /** True when the due date is assumed: the default window, or a declared date marked editorial. */
  readonly dueAssumed: boolean;
  readonly status: CommitmentStatus;
  readonly deliveredAt?: string;
  readonly daysToDeliver?: number;
  /** Days past the due date as of the as-of day, for an overdue commitment. */
  readonly daysOverdue?: number;
  /** What the record says of the final outcome (true, false or null for unknown), for reference. */
  readonly recordedDelivered: boolean | null;
}

export interface CommitmentOptions {
  readonly asOf: string;
  /** Follow-up window for commitments that name no due date (default 30 days). */
  readonly followUpDays?: number;
}

/**
 * Each commitment known by the as-of day with its status. A commitment counts as delivered only when the
 * delivery happened by the as-of day: a delivering response known then, or `delivered: true` with a
 * `deliveredAt` on or before it (or no date, when the record is known).
 * @example commitmentStates(bundle, { asOf: "1993-12-31" })[0].status // "overdue"
 */
export function commitmentStates(bundle: CaseBundle, options: CommitmentOptions): CommitmentState[] {
  const window = options.followUpDays ?? DEFAULT_RESPONSE_WINDOW_DAYS;
  const known = asOfGate(bundle, options.asOf).records;
  return known.commitment
    .filter((c) => dayOf(c) <= options.asOf)
    .map((c): CommitmentState => {
      const madeAt = dayOf(c);
      const dueAt = c.followUpDue ?? addDays(madeAt, window);
      const by = c.deliveredBy === undefined ? undefined : known.response.find((r) => r.id === c.deliveredBy);
      const deliveredAt = by ? dayOf(by) : c.delivered === true ? (c.deliveredAt ?? madeAt) : undefined;
      const base = {
        commitment: c.id,
        actor: c.actor,
        kind: c.kind,
        measure: c.measure,
        ...(c.addressee === undefined ? {} : { addressee: c.addressee }),
        madeAt,
        dueAt,
        dueSource: c.followUpDue === undefined ? ("default" as const) : ("declared" as const),
        dueAssumed: c.followUpDue === undefined || c.followUpDueAssumed === true,
        recordedDelivered: c.delivered,
      };
      if (deliveredAt !== undefined && deliveredAt <= options.asOf) {
        return { ...base, status: "delivered", deliveredAt, daysToDeliver: daysBetween(madeAt, deliveredAt) };
      }
      if (dueAt < options.asOf && c.delivered === null && c.followUpDue === undefined) {
        return { ...base, status: "undetermined" };
      }
      if (dueAt < options.asOf) {
        return { ...base, status: "overdue", daysOverdue: daysBetween(dueAt, options.asOf) };
      }
      return { ...base, status: "pending" };
    })
    .sort((a, b) => a.madeAt.localeCompare(b.madeAt) || a.commitment.localeCompare(b.commitment));
}
