/**
 * The warning → response ledger: every warning (human or engine) with its recipients and requests, the status
 * of each request as of a day, the lags, the figures per duty-bearer and the escalations that lapses call for.
 * @module
 */
import { asOf as asOfGate, daysBetween, type CaseBundle, type Warning } from "../../domain/index.js";
import { dayOf } from "../evidence.js";
import { dutyBearers, type DutyBearerRecord } from "./duty-bearers.js";
import { escalate, type Escalation } from "./escalation.js";
import {
  DEFAULT_RESPONSE_WINDOW_DAYS,
  answersTo,
  isActing,
  requestState,
  type RequestState,
} from "./request-status.js";

export interface LedgerOptions {
  readonly asOf: string;
  /** Days to answer a request that names no due date (default {@link DEFAULT_RESPONSE_WINDOW_DAYS}). */
  readonly responseWindowDays?: number;
  /** Engine alerts turned into warnings (`origin: "engine"`), added to the case's own warnings. */
  readonly alerts?: readonly Warning[];
}

export interface WarningEntry {
  readonly warning: string;
  readonly origin: Warning["origin"];
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly channel: Warning["channel"];
  readonly summary: string;
  readonly sentAt: string;
  readonly evidence: readonly string[];
  readonly requests: readonly RequestState[];
  /** Ids of every response to the warning known by the as-of day, oldest first. */
  readonly responses: readonly string[];
  readonly firstResponseAt?: string;
  readonly daysToFirstResponse?: number;
  readonly firstActionAt?: string;
  readonly daysToAction?: number;
}

export interface Ledger {
  readonly asOf: string;
  readonly responseWindowDays: number;
  readonly warnings: readonly WarningEntry[];
  readonly dutyBearers: readonly DutyBearerRecord[];
  readonly escalations: readonly Escalation[];
  /** Records the ledger set aside, with why (a typed "none" response, a response to an unknown warning). */
  readonly problems: readonly { readonly record: string; readonly message: string }[];
}

/**
 * Build the ledger of a case as of a day, from the records known on that day.
 * @example buildLedger(bundle, { asOf: "1994-04-06" }).warnings[0].requests[0].status // "refused"
 */
export function buildLedger(bundle: CaseBundle, options: LedgerOptions): Ledger {
  const asOf = options.asOf;
  const windowDays = options.responseWindowDays ?? DEFAULT_RESPONSE_WINDOW_DAYS;
  const known = asOfGate(bundle, asOf).records;
  const warnings = [...known.warning, ...(options.alerts ?? []).filter((w) => w.knownAt <= asOf)]
    .filter((w) => dayOf(w) <= asOf)
    .sort((a, b) => dayOf(a).localeCompare(dayOf(b)) || a.id.localeCompare(b.id));
  const responses = known.response.filter((r) => dayOf(r) <= asOf);
  const problems: { record: string; message: string }[] = [];
  const warningIds = new Set(warnings.map((w) => w.id));
  for (const r of responses) {
    if (r.kind === "none") {
      problems.push({
        record: r.id,
        message:
          'a response of kind "none" is ignored: no response is computed from the absence of responses',
      });
    } else if (r.warning !== undefined && !warningIds.has(r.warning)) {
      problems.push({ record: r.id, message: `answers warning "${r.warning}", which is not in the ledger` });
    }
  }
  const escalations: Escalation[] = [];
  const entries = warnings.map((w): WarningEntry => {
    const requests = w.requestedActions.map((a) => requestState(w, a, responses, asOf, windowDays));
    for (const q of requests) {
      if (q.status === "lapsed" && q.lapsedAt !== undefined) {
        escalations.push(
          escalate(bundle.manifest.escalationChain, known.actor, q.addressees, w.id, q.action, q.lapsedAt),
        );
      }
    }
    const answers = answersTo(w, responses);
    const first = answers[0];
    const firstAct = answers.find(isActing);
    const sentAt = dayOf(w);
    return {
      warning: w.id,
      origin: w.origin,
      sender: w.sender,
      recipients: w.recipients,
      channel: w.channel,
      summary: w.summary,
      sentAt,
      evidence: w.evidence,
      requests,
      responses: answers.map((r) => r.id),
      ...(first
        ? { firstResponseAt: dayOf(first), daysToFirstResponse: daysBetween(sentAt, dayOf(first)) }
        : {}),
      ...(firstAct
        ? { firstActionAt: dayOf(firstAct), daysToAction: daysBetween(sentAt, dayOf(firstAct)) }
        : {}),
    };
  });
  return {
    asOf,
    responseWindowDays: windowDays,
    warnings: entries,
    dutyBearers: dutyBearers(warnings, responses, known.actor, asOf),
    escalations: escalations.sort((a, b) => a.at.localeCompare(b.at)),
    problems,
  };
}
