/**
 * The status of one requested action as of a day, computed from the responses that answer it. "No response"
 * is never a record: it is the absence of one, and past the due date it becomes a lapse.
 * @module
 */
import {
  ACTING_RESPONSES,
  addDays,
  daysBetween,
  type RefusalReason,
  type RequestedAction,
  type Response,
  type Warning,
} from "../../domain/index.js";
import { dayOf } from "../evidence.js";

/** Where a request stands: not yet due, answered, done, turned down, or past due with no answer. */
export const REQUEST_STATUSES = ["open", "acknowledged", "acted", "refused", "lapsed"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The default number of days a duty-bearer has to answer a request that names no due date. */
export const DEFAULT_RESPONSE_WINDOW_DAYS = 30;

export interface RequestState {
  readonly warning: string;
  readonly action: string;
  readonly kind: RequestedAction["kind"];
  readonly description: string;
  readonly addressees: readonly string[];
  readonly askedAt: string;
  readonly dueAt: string;
  /** `declared` when the request names its due date, `default` when the response window was applied. */
  readonly dueSource: "declared" | "default";
  /** True when the due date is assumed: the default window, or a declared date marked editorial. */
  readonly dueAssumed: boolean;
  readonly status: RequestStatus;
  /** For `acted`: whether any acting response did all that was asked; `unstated` when none says. */
  readonly extent?: "full" | "partial" | "unstated";
  readonly refusalReason?: RefusalReason;
  /** Ids of the responses that answer this request, oldest first. */
  readonly responses: readonly string[];
  readonly firstResponseAt?: string;
  readonly daysToFirstResponse?: number;
  readonly actedAt?: string;
  readonly daysToAction?: number;
  /** First day past the due date, for a lapsed request. */
  readonly lapsedAt?: string;
}

/**
 * Responses that answer `warning`, oldest first; `none` kinds excluded. With `action`, only those that answer
 * it: a response naming the request, or one naming none from an actor the request is addressed to (a
 * response from someone addressed by no request of the warning answers every request).
 */
export function answersTo(
  warning: Warning,
  responses: readonly Response[],
  action?: RequestedAction,
): Response[] {
  const addressed = new Set(warning.recipients);
  for (const a of warning.requestedActions) for (const id of a.addressees ?? []) addressed.add(id);
  const answers = (r: Response, a: RequestedAction): boolean => {
    if (r.requestedAction !== undefined) return r.requestedAction === a.id;
    return (a.addressees ?? warning.recipients).includes(r.actor) || !addressed.has(r.actor);
  };
  return responses
    .filter((r) => r.warning === warning.id && r.kind !== "none")
    .filter((r) => action === undefined || answers(r, action))
    .sort((a, b) => dayOf(a).localeCompare(dayOf(b)) || a.id.localeCompare(b.id));
}

/** True when a response does something about a request rather than only answering it. */
export function isActing(r: Response): boolean {
  return ACTING_RESPONSES.includes(r.kind);
}

/**
 * The status of `action` of `warning` on `asOf`, given the responses known then.
 * Precedence: acted > refused > acknowledged > lapsed/open (a later action overrides an earlier refusal).
 * @example requestState(w, w.requestedActions[0], responses, "1994-01-20", 30).status // "refused"
 */
export function requestState(
  warning: Warning,
  action: RequestedAction,
  responses: readonly Response[],
  asOf: string,
  windowDays: number,
): RequestState {
  const askedAt = dayOf(warning);
  const dueAt = action.dueAt ?? addDays(askedAt, windowDays);
  const answers = answersTo(warning, responses, action).filter((r) => dayOf(r) <= asOf);
  const first = answers[0];
  const acting = answers.filter(isActing);
  const refusals = answers.filter((r) => r.kind === "refusal");
  const base = {
    warning: warning.id,
    action: action.id,
    kind: action.kind,
    description: action.description,
    addressees: action.addressees ?? warning.recipients,
    askedAt,
    dueAt,
    dueSource: action.dueAt === undefined ? ("default" as const) : ("declared" as const),
    dueAssumed: action.dueAt === undefined || action.dueAtAssumed === true,
    responses: answers.map((r) => r.id),
    ...(first
      ? { firstResponseAt: dayOf(first), daysToFirstResponse: daysBetween(askedAt, dayOf(first)) }
      : {}),
  };
  const firstAct = acting[0];
  if (firstAct) {
    const extent = acting.some((r) => r.extent === "full")
      ? "full"
      : acting.some((r) => r.extent === "partial")
        ? "partial"
        : "unstated";
    const actedAt = dayOf(firstAct);
    return { ...base, status: "acted", extent, actedAt, daysToAction: daysBetween(askedAt, actedAt) };
  }
  const lastRefusal = refusals[refusals.length - 1];
  if (lastRefusal) {
    return lastRefusal.refusalReason === undefined
      ? { ...base, status: "refused" }
      : { ...base, status: "refused", refusalReason: lastRefusal.refusalReason };
  }
  if (first) return { ...base, status: "acknowledged" };
  if (dueAt < asOf) return { ...base, status: "lapsed", lapsedAt: addDays(dueAt, 1) };
  return { ...base, status: "open" };
}
