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
  /** Warnings this actor received: it is among the warning's recipients. */
  readonly received: number;
  /**
   * Warnings whose requests are addressed to this actor though it is not among the recipients: the request is
   * ultimately aimed at it, but nothing says it received the warning, so these are not counted as received.
   */
  readonly aimedAt: number;
  readonly aimedAtWarnings: readonly string[];
  readonly answered: number;
  readonly actedOn: number;
  /** Days from each answered warning to this actor's first answer to it. */
  readonly lags: readonly number[];
  readonly medianLagDays?: number;
  /** Warnings received and never answered by this actor. */
  readonly unanswered: readonly string[];
}

/**
 * Everyone a warning is addressed to: its recipients and the addressees of its requests. Only the recipients
 * received it (see {@link DutyBearerRecord.aimedAt}).
 */
export function addresseesOf(w: Warning): string[] {
  const all = new Set<string>(w.recipients);
  for (const a of w.requestedActions) for (const id of a.addressees ?? []) all.add(id);
  return [...all];
}

/**
 * Figures per actor that received at least one warning or was the addressee of a request in one, most warned
 * first. Answers and lags are counted over received warnings only.
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
    {
      received: number;
      aimedAt: string[];
      answered: number;
      actedOn: number;
      lags: number[];
      unanswered: string[];
    }
  >();
  const empty = () => ({
    received: 0,
    aimedAt: [] as string[],
    answered: 0,
    actedOn: 0,
    lags: [] as number[],
    unanswered: [] as string[],
  });
  for (const w of warnings) {
    const answers = answersTo(w, responses).filter((r) => dayOf(r) <= asOf);
    const recipients = new Set(w.recipients);
    for (const id of addresseesOf(w)) {
      const rec = acc.get(id) ?? empty();
      acc.set(id, rec);
      if (!recipients.has(id)) {
        rec.aimedAt.push(w.id);
        continue;
      }
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
        aimedAt: r.aimedAt.length,
        aimedAtWarnings: r.aimedAt,
        answered: r.answered,
        actedOn: r.actedOn,
        lags: r.lags,
        ...(m === undefined ? {} : { medianLagDays: m }),
        unanswered: r.unanswered,
      };
    })
    .sort((a, b) => b.received - a.received || b.aimedAt - a.aimedAt || a.actor.localeCompare(b.actor));
}
