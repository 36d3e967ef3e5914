/**
 * Per duty-bearer figures: how many warnings each received, answered and acted on, and how fast it answered.
 * @module
 */
import { daysBetween, type Actor, type Response, type Warning } from "../../domain/index.js";
import { dayOf } from "../evidence.js";
import { median } from "../median.js";
import { answersTo, isActing } from "./request-status.js";

export interface DutyBearerRecord {
  readonly actor: string;
  readonly name: string;
  readonly received: number;
  readonly answered: number;
  readonly actedOn: number;
  /** Days from each answered warning to this actor's first answer to it. */
  readonly lags: readonly number[];
  readonly medianLagDays?: number;
  /** Warnings received and never answered by this actor. */
  readonly unanswered: readonly string[];
}

/** Everyone a warning is addressed to: its recipients and the addressees of its requests. */
export function addresseesOf(w: Warning): string[] {
  const all = new Set<string>(w.recipients);
  for (const a of w.requestedActions) for (const id of a.addressees ?? []) all.add(id);
  return [...all];
}

/**
 * Figures per actor that received at least one warning, most warned first.
 * @example dutyBearers(warnings, responses, actors, "1994-12-31")[0].received
 */
export function dutyBearers(
  warnings: readonly Warning[],
  responses: readonly Response[],
  actors: readonly Actor[],
  asOf: string,
): DutyBearerRecord[] {
  const acc = new Map<
    string,
    { received: number; answered: number; actedOn: number; lags: number[]; unanswered: string[] }
  >();
  for (const w of warnings) {
    const answers = answersTo(w, responses).filter((r) => dayOf(r) <= asOf);
    for (const id of addresseesOf(w)) {
      const rec = acc.get(id) ?? { received: 0, answered: 0, actedOn: 0, lags: [], unanswered: [] };
      rec.received += 1;
      const own = answers.filter((r) => r.actor === id);
      const first = own[0];
      if (first) {
        rec.answered += 1;
        rec.lags.push(daysBetween(dayOf(w), dayOf(first)));
      } else {
        rec.unanswered.push(w.id);
      }
      if (own.some(isActing)) rec.actedOn += 1;
      acc.set(id, rec);
    }
  }
  return [...acc.entries()]
    .map(([actor, r]) => {
      const m = median(r.lags);
      return {
        actor,
        name: actors.find((a) => a.id === actor)?.name ?? actor,
        received: r.received,
        answered: r.answered,
        actedOn: r.actedOn,
        lags: r.lags,
        ...(m === undefined ? {} : { medianLagDays: m }),
        unanswered: r.unanswered,
      };
    })
    .sort((a, b) => b.received - a.received || a.actor.localeCompare(b.actor));
}
