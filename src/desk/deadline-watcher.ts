/**
 * The deadline watcher: for every requested action of every warning issued through the desk, a reminder to its
 * addressees `reminderHours` before the due date ends, and when it ends unanswered, ONE escalation warning to the
 * next role of the case's escalation chain, carrying the lapsed request, the days overdue and the original
 * evidence. An escalation is itself a desk warning, so it is delivered, reminded and escalated the same way;
 * everything stops once the original request is answered. Each follow-up is claimed in `desk_followups` in the
 * transaction that queues it, so two watchers never send one twice.
 * @module
 */
import { escalate } from "../analysis/index.js";
import { ENGINE_SENDER } from "../engine/index.js";
import type { CaseBundle, Response, Warning } from "../domain/index.js";
import { readCase } from "../storage/index.js";
import {
  claimFollowup,
  contactPointsOf,
  deskWarnings,
  enqueueDeliveries,
  followupsOf,
  type FollowupRow,
} from "../storage/desk/index.js";
import { toStoreError } from "../storage/store-registry.js";
import { dayOf, endOfDay } from "./clock.js";
import { buildDeskMessage, type DeskAction, type DeskLapse } from "./desk-message.js";
import { deliveryKey, issueWarning, type IssueDeps } from "./issue-warning.js";

export interface WatcherDeps extends IssueDeps {
  /** Hours before the end of the due date when the reminder goes (default 24). */
  readonly reminderHours?: number;
  /** Days an escalation gives its new addressees (default 3). */
  readonly escalationDueDays?: number;
}

export interface WatchReport {
  readonly reminders: number;
  readonly escalations: readonly string[];
  /** Lapsed requests with nobody further up the chain to warn. */
  readonly exhausted: number;
}

const DAY_MS = 86_400_000;

/** The root warning and action a request escalates from (itself when it is not an escalation). */
function rootOf(
  followups: readonly FollowupRow[],
  warning: string,
  action: string,
): { warning: string; action: string } {
  let at = { warning, action };
  for (let i = 0; i < 50; i++) {
    const up = followups.find((f) => f.kind === "escalation" && f.followup_warning_id === at.warning);
    if (!up) return at;
    at = { warning: up.warning_id, action: up.action_id };
  }
  return at;
}

/** Is (warning, action) answered by one of `addressees`, or is its root request answered by anyone asked? */
function answered(
  responses: readonly Response[],
  warnings: ReadonlyMap<string, Warning>,
  followups: readonly FollowupRow[],
  warning: Warning,
  action: DeskAction,
  addressees: readonly string[],
): boolean {
  const answers = (w: string, a: string, who: readonly string[]) =>
    responses.some(
      (r) =>
        r.warning === w &&
        (r.requestedAction === undefined || r.requestedAction === a) &&
        who.includes(r.actor) &&
        r.kind !== "none",
    );
  if (answers(warning.id, action.id, addressees)) return true;
  const root = rootOf(followups, warning.id, action.id);
  if (root.warning === warning.id) return false;
  const original = warnings.get(root.warning);
  return original !== undefined && answers(root.warning, root.action, original.recipients);
}

function addresseesOf(w: Warning, a: Warning["requestedActions"][number]): readonly string[] {
  return a.addressees ?? w.recipients;
}

async function remind(
  deps: WatcherDeps,
  bundle: CaseBundle,
  w: Warning,
  action: DeskAction,
  to: readonly string[],
) {
  const caseId = bundle.manifest.id;
  const now = deps.clock();
  return deps.store.db.transaction().execute(async (trx) => {
    const first = await claimFollowup(trx, {
      caseId,
      warningId: w.id,
      actionId: action.id,
      kind: "reminder",
      at: now.toISOString(),
    });
    if (!first) return false;
    const tokens = await trx
      .selectFrom("desk_answer_tokens")
      .select(["recipient_id", "expires_at"])
      .where("case_id", "=", caseId)
      .where("warning_id", "=", w.id)
      .execute();
    const points = await contactPointsOf(trx, caseId, to);
    await enqueueDeliveries(
      trx,
      points.flatMap((cp) => {
        const expires = tokens.find((t) => t.recipient_id === cp.actorId)?.expires_at;
        if (expires === undefined) return [];
        const message = buildDeskMessage(bundle, w, cp.actorId, cp.language, "reminder", expires);
        return [
          {
            id: deliveryKey([caseId, w.id, cp.actorId, cp.channel, cp.address, `reminder:${action.id}`]),
            caseId,
            warningId: w.id,
            recipientId: cp.actorId,
            contactPointId: cp.id,
            channel: cp.channel,
            address: cp.address,
            language: cp.language,
            purpose: "reminder" as const,
            message: { ...message, actions: message.actions.filter((a) => a.id === action.id) },
          },
        ];
      }),
      now.toISOString(),
    );
    return true;
  });
}

/**
 * One pass over every desk warning at the clock's time.
 * @example const r = await watchDeadlines(deps); r.escalations // ids of the escalation warnings issued
 */
export async function watchDeadlines(deps: WatcherDeps): Promise<WatchReport> {
  const now = deps.clock();
  const reminderMs = (deps.reminderHours ?? 24) * 3_600_000;
  let reminders = 0;
  let exhausted = 0;
  const escalations: string[] = [];
  let pairs: { caseId: string; warningId: string }[];
  try {
    pairs = await deskWarnings(deps.store.db);
  } catch (e) {
    throw toStoreError(deps.store, e, "list desk warnings");
  }
  const byCase = new Map<string, Set<string>>();
  for (const p of pairs) byCase.set(p.caseId, (byCase.get(p.caseId) ?? new Set()).add(p.warningId));
  for (const [caseId, ids] of byCase) {
    const bundle = await readCase(deps.store, caseId);
    if (!bundle) continue;
    const followups = await followupsOf(deps.store.db, caseId);
    const warnings = new Map(bundle.records.warning.map((w) => [w.id, w]));
    for (const id of ids) {
      const w = warnings.get(id);
      if (!w) continue;
      for (const a of w.requestedActions) {
        if (a.dueAt === undefined) continue;
        const to = addresseesOf(w, a);
        const action: DeskAction = { id: a.id, kind: a.kind, description: a.description, dueAt: a.dueAt };
        if (answered(bundle.records.response, warnings, followups, w, action, to)) continue;
        const lapseAt = endOfDay(a.dueAt);
        const sent = (kind: string) =>
          followups.some((f) => f.warning_id === w.id && f.action_id === a.id && f.kind === kind);
        if (now < lapseAt) {
          if (now.getTime() >= lapseAt.getTime() - reminderMs && !sent("reminder"))
            if (await remind(deps, bundle, w, action, to)) reminders += 1;
          continue;
        }
        if (sent("escalation")) continue;
        const up = escalate(
          bundle.manifest.escalationChain,
          bundle.records.actor,
          to,
          w.id,
          a.id,
          dayOf(lapseAt),
        );
        if (up.exhausted || up.toActors.length === 0) {
          exhausted += 1;
          continue;
        }
        const daysOverdue = Math.max(1, Math.floor((now.getTime() - lapseAt.getTime()) / DAY_MS) + 1);
        const lapse: DeskLapse = { warning: w.id, action, addressees: to, daysOverdue };
        const escalationId = await escalateOnce(deps, bundle, w, action, up.toActors, lapse);
        if (escalationId !== undefined) escalations.push(escalationId);
      }
    }
  }
  return { reminders, escalations, exhausted };
}

/** Issue the escalation warning unless another watcher claimed this lapse first. */
async function escalateOnce(
  deps: WatcherDeps,
  bundle: CaseBundle,
  w: Warning,
  action: DeskAction,
  toActors: readonly string[],
  lapse: DeskLapse,
): Promise<string | undefined> {
  const caseId = bundle.manifest.id;
  const now = deps.clock();
  const id = `esc-${w.id}-${action.id}`.slice(0, 120);
  const due = new Date(now.getTime() + (deps.escalationDueDays ?? 3) * DAY_MS);
  // The lapse is claimed in the escalation's own transaction: one escalation per lapse, even with many watchers.
  const issued = await issueWarning(
    {
      caseId,
      id,
      sender: ENGINE_SENDER,
      recipients: toActors,
      summary:
        `Escalation: "${action.description}" (warning ${w.id}) was due ${action.dueAt} and is ${lapse.daysOverdue} day(s) overdue with no answer from ${lapse.addressees.join(", ")}. ${w.summary}`.slice(
          0,
          2000,
        ),
      channel: "alert",
      requestedActions: [
        {
          id: `${id}-a1`,
          kind: action.kind as Warning["requestedActions"][number]["kind"],
          description: action.description,
          dueAt: dayOf(due),
        },
      ],
      evidence: w.evidence,
      ...(w.targetGroup === undefined ? {} : { targetGroup: w.targetGroup }),
      ...(w.country === undefined ? {} : { country: w.country }),
      origin: "engine",
    },
    deps,
    lapse,
    (trx) =>
      claimFollowup(trx, {
        caseId,
        warningId: w.id,
        actionId: action.id,
        kind: "escalation",
        at: now.toISOString(),
        followupWarningId: id,
      }),
  );
  return issued ? id : undefined;
}
