/**
 * The warning desk's live board: for the warnings issued through the desk, where each stands today — per
 * recipient its delivery and its answer (answered, refused, silent past the due date, or still awaited), the
 * overdue requests and the escalations they caused, the dead letters, and a live per-duty-bearer scorecard
 * (answered in time, late, refused, silent). Pure: the deliveries and follow-ups come in as plain data, and
 * the request statuses come from the ledger's own {@link requestState}.
 * @module
 */
import { addDays, daysBetween, type CaseBundle, type Warning } from "../../domain/index.js";
import { dayOf } from "../evidence.js";
import { answersTo, DEFAULT_RESPONSE_WINDOW_DAYS, requestState } from "./request-status.js";

/** One queued delivery as the outbox holds it, without its address. */
export interface BoardDelivery {
  readonly id: string;
  readonly warning: string;
  readonly recipient: string;
  readonly channel: string;
  /** warning | reminder | escalation */
  readonly purpose: string;
  /** queued | sending | delivered | failed | dead */
  readonly state: string;
  readonly attempts: number;
}

/** One follow-up the deadline watcher sent. */
export interface BoardFollowup {
  readonly warning: string;
  readonly action: string;
  /** reminder | escalation */
  readonly kind: string;
  readonly followupWarning: string | null;
}

/** A recipient's answer to a warning: answered (or acted), refused, silent past the due date, or awaited. */
export type AnswerState = "answered" | "refused" | "silent" | "awaiting";
/** The best delivery of a warning to a recipient so far; `none` when no contact point could be reached. */
export type DeliveryState = "delivered" | "sending" | "queued" | "failed" | "dead" | "none";

export interface BoardRecipient {
  readonly actor: string;
  readonly name: string;
  readonly delivery: DeliveryState;
  readonly answer: AnswerState;
  readonly answeredAt?: string;
}

export interface BoardRequest {
  readonly action: string;
  readonly description: string;
  readonly dueAt: string;
  readonly status: string;
  readonly overdue: boolean;
  /** The escalation warning issued when this request lapsed. */
  readonly escalatedTo?: string;
}

export interface BoardWarning {
  readonly warning: string;
  readonly summary: string;
  readonly sender: string;
  readonly sentAt: string;
  readonly origin: Warning["origin"];
  /** The earliest due date of its requests. */
  readonly dueAt?: string;
  /** True while any request is neither answered nor refused. */
  readonly open: boolean;
  /** The warning and request this one escalates, when it is an escalation. */
  readonly escalates?: { readonly warning: string; readonly action: string };
  readonly requests: readonly BoardRequest[];
  readonly recipients: readonly BoardRecipient[];
}

export interface OverdueRequest {
  readonly warning: string;
  readonly action: string;
  readonly description: string;
  readonly dueAt: string;
  readonly daysOverdue: number;
  readonly addressees: readonly string[];
  readonly escalatedTo?: string;
}

export interface DeadLetter {
  readonly id: string;
  readonly warning: string;
  readonly recipient: string;
  readonly name: string;
  readonly channel: string;
  readonly purpose: string;
  readonly attempts: number;
}

export interface LiveScore {
  readonly actor: string;
  readonly name: string;
  readonly warned: number;
  readonly answeredInTime: number;
  readonly answeredLate: number;
  readonly refused: number;
  readonly silent: number;
  readonly awaiting: number;
}

export interface DeskBoard {
  readonly caseId: string;
  readonly asOf: string;
  /** Every desk warning, earliest due date first (those with none last). */
  readonly warnings: readonly BoardWarning[];
  readonly overdue: readonly OverdueRequest[];
  readonly deadLetters: readonly DeadLetter[];
  readonly scorecard: readonly LiveScore[];
}

const DELIVERY_RANK: readonly DeliveryState[] = ["delivered", "sending", "queued", "failed", "dead", "none"];

function bestDelivery(deliveries: readonly BoardDelivery[]): DeliveryState {
  let best: DeliveryState = "none";
  for (const d of deliveries) {
    const s = (DELIVERY_RANK as readonly string[]).includes(d.state) ? (d.state as DeliveryState) : "none";
    if (DELIVERY_RANK.indexOf(s) < DELIVERY_RANK.indexOf(best)) best = s;
  }
  return best;
}

/** The latest due date of the requests a recipient is asked to answer (the response window when none names one). */
function dueFor(w: Warning, actor: string): string {
  const asked = w.requestedActions.filter((a) => (a.addressees ?? w.recipients).includes(actor));
  const fallback = addDays(dayOf(w), DEFAULT_RESPONSE_WINDOW_DAYS);
  const days = (asked.length > 0 ? asked : w.requestedActions).map((a) => a.dueAt ?? fallback);
  return days.sort().at(-1) ?? fallback;
}

interface Answered {
  readonly answer: AnswerState;
  readonly answeredAt?: string;
  readonly inTime: boolean;
}

function answerOf(bundle: CaseBundle, w: Warning, actor: string, asOf: string): Answered {
  const own = answersTo(w, bundle.records.response)
    .filter((r) => r.actor === actor)
    .filter((r) => dayOf(r) <= asOf);
  const due = dueFor(w, actor);
  const first = own[0];
  if (first === undefined) return { answer: due < asOf ? "silent" : "awaiting", inTime: false };
  const at = dayOf(first);
  const refused = own.some((r) => r.kind === "refusal");
  return { answer: refused ? "refused" : "answered", answeredAt: at, inTime: at <= due };
}

function boardWarning(
  bundle: CaseBundle,
  w: Warning,
  deliveries: readonly BoardDelivery[],
  followups: readonly BoardFollowup[],
  asOf: string,
): BoardWarning {
  const names = new Map(bundle.records.actor.map((a) => [a.id, a.name]));
  const requests = w.requestedActions.map((a) => {
    const s = requestState(w, a, bundle.records.response, asOf, DEFAULT_RESPONSE_WINDOW_DAYS);
    const esc = followups.find((f) => f.warning === w.id && f.action === a.id && f.kind === "escalation");
    return {
      action: a.id,
      description: a.description,
      dueAt: s.dueAt,
      status: s.status,
      overdue: s.status === "lapsed",
      ...(esc?.followupWarning ? { escalatedTo: esc.followupWarning } : {}),
    };
  });
  const up = followups.find((f) => f.kind === "escalation" && f.followupWarning === w.id);
  const dueAt = requests.map((r) => r.dueAt).sort()[0];
  return {
    warning: w.id,
    summary: w.summary,
    sender: w.sender,
    sentAt: dayOf(w),
    origin: w.origin,
    ...(dueAt === undefined ? {} : { dueAt }),
    open: requests.some((r) => r.status === "open" || r.status === "lapsed"),
    ...(up ? { escalates: { warning: up.warning, action: up.action } } : {}),
    requests,
    recipients: w.recipients.map((actor) => {
      const a = answerOf(bundle, w, actor, asOf);
      const own = deliveries.filter(
        (d) => d.warning === w.id && d.recipient === actor && d.purpose !== "reminder",
      );
      return {
        actor,
        name: names.get(actor) ?? actor,
        delivery: bestDelivery(own),
        answer: a.answer,
        ...(a.answeredAt === undefined ? {} : { answeredAt: a.answeredAt }),
      };
    }),
  };
}

function liveScorecard(bundle: CaseBundle, warnings: readonly Warning[], asOf: string): LiveScore[] {
  const names = new Map(bundle.records.actor.map((a) => [a.id, a.name]));
  const acc = new Map<
    string,
    { warned: number; inTime: number; late: number; refused: number; silent: number; awaiting: number }
  >();
  for (const w of warnings)
    for (const actor of w.recipients) {
      const s = acc.get(actor) ?? { warned: 0, inTime: 0, late: 0, refused: 0, silent: 0, awaiting: 0 };
      acc.set(actor, s);
      const a = answerOf(bundle, w, actor, asOf);
      s.warned += 1;
      if (a.answer === "silent") s.silent += 1;
      else if (a.answer === "awaiting") s.awaiting += 1;
      else {
        if (a.inTime) s.inTime += 1;
        else s.late += 1;
        if (a.answer === "refused") s.refused += 1;
      }
    }
  return [...acc.entries()]
    .map(([actor, s]) => ({
      actor,
      name: names.get(actor) ?? actor,
      warned: s.warned,
      answeredInTime: s.inTime,
      answeredLate: s.late,
      refused: s.refused,
      silent: s.silent,
      awaiting: s.awaiting,
    }))
    .sort((a, b) => b.silent - a.silent || b.warned - a.warned || a.actor.localeCompare(b.actor));
}

/**
 * The desk board of a case on `asOf` (a day), over the warnings issued through the desk.
 * @example deskBoard(bundle, ["w-1"], deliveries, followups, "2031-05-06").overdue[0].escalatedTo
 */
export function deskBoard(
  bundle: CaseBundle,
  deskWarningIds: readonly string[],
  deliveries: readonly BoardDelivery[],
  followups: readonly BoardFollowup[],
  asOf: string,
): DeskBoard {
  const ids = new Set(deskWarningIds);
  const warnings = bundle.records.warning.filter((w) => ids.has(w.id));
  const board = warnings
    .map((w) => boardWarning(bundle, w, deliveries, followups, asOf))
    .sort(
      (a, b) => (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999") || a.warning.localeCompare(b.warning),
    );
  const names = new Map(bundle.records.actor.map((a) => [a.id, a.name]));
  const overdue = warnings.flatMap((w) =>
    w.requestedActions.flatMap((a) => {
      const s = requestState(w, a, bundle.records.response, asOf, DEFAULT_RESPONSE_WINDOW_DAYS);
      if (s.status !== "lapsed") return [];
      const esc = followups.find((f) => f.warning === w.id && f.action === a.id && f.kind === "escalation");
      return [
        {
          warning: w.id,
          action: a.id,
          description: a.description,
          dueAt: s.dueAt,
          daysOverdue: daysBetween(s.dueAt, asOf),
          addressees: s.addressees,
          ...(esc?.followupWarning ? { escalatedTo: esc.followupWarning } : {}),
        },
      ];
    }),
  );
  const deadLetters = deliveries
    .filter((d) => d.state === "dead" && ids.has(d.warning))
    .map((d) => ({
      id: d.id,
      warning: d.warning,
      recipient: d.recipient,
      name: names.get(d.recipient) ?? d.recipient,
      channel: d.channel,
      purpose: d.purpose,
      attempts: d.attempts,
    }));
  return {
    caseId: bundle.manifest.id,
    asOf,
    warnings: board,
    overdue: overdue.sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
    deadLetters,
    scorecard: liveScorecard(bundle, warnings, asOf),
  };
}
