/**
 * Issuing a warning: the Warning ledger record (like a historical one, cited to a source that is the warning
 * itself), one answer token per recipient and one queued delivery per recipient's contact point commit in ONE
 * transaction (a transactional outbox): either the warning is in the ledger and will be delivered, or nothing
 * happened.
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "../storage/database.js";
import { WarningSchema } from "../contracts/index.js";
import { ENGINE_SENDER } from "../engine/index.js";
import type { CaseBundle, Source, Warning } from "../domain/index.js";
import { readCase, type Store } from "../storage/index.js";
import {
  contactPointsOf,
  enqueueDeliveries,
  insertAnswerToken,
  type NewDelivery,
} from "../storage/desk/index.js";
import { prepareRefusal, writeRecordIn } from "../storage/writes/index.js";
import { toStoreError } from "../storage/store-registry.js";
import { newNonce, tokenHash, tokenOf } from "./answer-token.js";
import { dayOf, isoAfter, type Clock } from "./clock.js";
import { DeskError, type DeskProblem } from "./desk-error.js";
import { buildDeskMessage, type DeskLapse, type DeskMessage } from "./desk-message.js";

/** What an analyst (or the watcher) issues. Dates default to the clock's day. */
export interface IssueWarningInput {
  readonly caseId: string;
  /** Default: `w-<day>-<random>`. */
  readonly id?: string;
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly summary: string;
  readonly channel?: Warning["channel"];
  readonly requestedActions?: Warning["requestedActions"];
  readonly evidence?: readonly string[];
  readonly targetGroup?: string;
  readonly country?: string;
  readonly risk?: Warning["risk"];
  readonly origin?: Warning["origin"];
  readonly notes?: string;
}

/** What the desk needs to issue. */
export interface IssueDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** The desk key (see answer-token.ts). */
  readonly deskKey: Buffer;
  /** How long an answer link stays valid after the last due date (or after issue), in days (default 30). */
  readonly answerTtlDays?: number;
  /** Who issues, for the log (a user id, `cli`, `desk-watcher`). */
  readonly actor: string;
}

export interface IssueResult {
  readonly warning: Warning;
  /** Deliveries queued, by recipient. */
  readonly deliveries: readonly {
    readonly recipient: string;
    readonly channel: string;
    readonly key: string;
  }[];
  /** Recipients with no contact point: in the ledger, but nobody will be told (the desk shows them). */
  readonly unreachable: readonly string[];
}

/** The idempotency key of one delivery: the same (warning, recipient, channel, address, purpose) → the same key. */
export function deliveryKey(parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

const DAY_MS = 86_400_000;

/** The answer link's expiry: `ttlDays` after the last due date, or after now when nothing is due later. */
function expiryOf(now: Date, warning: Warning, ttlDays: number): string {
  const dues = warning.requestedActions.flatMap((a) => (a.dueAt ? [Date.parse(`${a.dueAt}T00:00:00Z`)] : []));
  const from = Math.max(now.getTime(), ...dues);
  return new Date(from + ttlDays * DAY_MS).toISOString();
}

function problemsOf(bundle: CaseBundle, w: Warning): DeskProblem[] {
  // The schema reads dates as written in case files (a day), not as the stored span.
  const parsed = WarningSchema.safeParse({ ...w, occurredAt: w.occurredAt.from });
  const problems: DeskProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join(".") || "warning", message: i.message }));
  const actors = new Set(bundle.records.actor.map((a) => a.id));
  if (w.sender !== ENGINE_SENDER && !actors.has(w.sender))
    problems.push({ path: "sender", message: `no actor "${w.sender}" in case ${bundle.manifest.id}` });
  w.recipients.forEach((r, i) => {
    if (!actors.has(r))
      problems.push({ path: `recipients[${i}]`, message: `no actor "${r}" in case ${bundle.manifest.id}` });
  });
  if (new Set(w.recipients).size !== w.recipients.length)
    problems.push({ path: "recipients", message: "a recipient is listed twice" });
  const ids = new Set<string>();
  for (const list of Object.values(bundle.records)) for (const r of list as { id: string }[]) ids.add(r.id);
  (w.evidence ?? []).forEach((e, i) => {
    if (!ids.has(e))
      problems.push({ path: `evidence[${i}]`, message: `no record "${e}" in case ${bundle.manifest.id}` });
  });
  w.requestedActions.forEach((a, i) =>
    (a.addressees ?? []).forEach((x, j) => {
      if (!w.recipients.includes(x))
        problems.push({
          path: `requestedActions[${i}].addressees[${j}]`,
          message: `"${x}" is not a recipient`,
        });
    }),
  );
  return problems;
}

/** The public source an issued warning cites: the warning as sent through the desk. */
function selfSource(id: string, day: string, sender: string): Source {
  return {
    id: `src-desk-${id}`,
    occurredAt: { from: day, to: day, precision: "day" },
    knownAt: day,
    citations: [],
    kind: "letter",
    title: `Warning ${id} issued through the Tocsin desk by ${sender}`,
    reliability: "A",
    credibility: 1,
    confidential: false,
  };
}

/**
 * Issue a warning: validate it against the stored case, then write the record and queue its deliveries in one
 * transaction.
 * @throws DeskError DESK_NOT_FOUND (no such case), DESK_INVALID (with every problem); StoreError on a write failure.
 * @example await issueWarning({ caseId: "c", sender: "ngo", recipients: ["un-hq"], summary: "…" }, deps)
 */
export async function issueWarning(
  input: IssueWarningInput,
  deps: IssueDeps,
  lapse?: DeskLapse,
  /** Runs first inside the transaction; returning false rolls everything back (the result is then undefined). */
  guard?: (trx: Transaction<Database>) => Promise<boolean>,
): Promise<IssueResult | undefined> {
  const bundle = await readCase(deps.store, input.caseId);
  if (!bundle) throw new DeskError("DESK_NOT_FOUND", `no case "${input.caseId}" in the store`);
  const now = deps.clock();
  const day = dayOf(now);
  const id = input.id ?? `w-${day}-${randomBytes(4).toString("hex")}`;
  const source = selfSource(id, day, input.sender);
  const warning: Warning = {
    id,
    occurredAt: { from: day, to: day, precision: "day" },
    knownAt: day,
    citations: [{ source: source.id, locator: "as issued" }],
    ...(input.notes === undefined ? {} : { notes: input.notes }),
    sender: input.sender,
    recipients: [...input.recipients],
    channel: input.channel ?? "alert",
    summary: input.summary,
    ...(input.targetGroup === undefined ? {} : { targetGroup: input.targetGroup }),
    ...(input.country === undefined ? {} : { country: input.country }),
    requestedActions: [...(input.requestedActions ?? [])],
    evidence: [...(input.evidence ?? [])],
    origin: input.origin ?? "human",
    ...(input.risk === undefined ? {} : { risk: input.risk }),
  };
  const problems = problemsOf(bundle, warning);
  if (problems.length > 0) throw invalidWarning(problems);
  const expiresAt = expiryOf(now, warning, deps.answerTtlDays ?? 30);
  const nowIso = now.toISOString();
  const purpose = lapse ? "escalation" : "warning";
  try {
    return await deps.store.db.transaction().execute(async (trx) => {
      if (guard && !(await guard(trx))) return undefined;
      // The same versioned writer as the API: version, write journal, log leaf, audit, a live case's period.
      const write = { caseId: input.caseId, op: "create" as const, actor: deps.actor, at: nowIso };
      await writeRecordIn(deps.store, trx, { ...write, kind: "source", id: source.id, record: source });
      // Checked again once the case is locked in this transaction: a recipient or an evidence record deleted
      // since the check above refuses the warning rather than leaving it pointing at nothing.
      await writeRecordIn(deps.store, trx, {
        ...write,
        kind: "warning",
        id,
        prepare: (base) => {
          const now = problemsOf(base, warning);
          if (now.length > 0) throw invalidWarning(now);
          return { record: warning };
        },
      });
      const points = await contactPointsOf(trx, input.caseId, warning.recipients);
      const queued: NewDelivery[] = [];
      for (const recipient of warning.recipients) {
        const nonce = newNonce();
        await insertAnswerToken(trx, {
          hash: tokenHash(tokenOf(deps.deskKey, nonce)),
          nonce,
          caseId: input.caseId,
          warningId: id,
          recipientId: recipient,
          createdAt: nowIso,
          expiresAt,
        });
        for (const cp of points.filter((p) => p.actorId === recipient)) {
          const message: DeskMessage = buildDeskMessage(
            bundle,
            warning,
            recipient,
            cp.language,
            purpose,
            expiresAt,
            lapse,
          );
          queued.push({
            id: deliveryKey([input.caseId, id, recipient, cp.channel, cp.address, purpose]),
            caseId: input.caseId,
            warningId: id,
            recipientId: recipient,
            contactPointId: cp.id,
            channel: cp.channel,
            address: cp.address,
            language: cp.language,
            purpose,
            message,
          });
        }
      }
      await enqueueDeliveries(trx, queued, nowIso);
      const reached = new Set(queued.map((q) => q.recipientId));
      return {
        warning,
        deliveries: queued.map((q) => ({ recipient: q.recipientId, channel: q.channel, key: q.id })),
        unreachable: warning.recipients.filter((r) => !reached.has(r)),
      };
    });
  } catch (e) {
    const refusal = prepareRefusal(e);
    if (refusal !== undefined) throw refusal;
    throw toStoreError(deps.store, e, `issue warning ${id}`);
  }
}

function invalidWarning(problems: DeskProblem[]): DeskError {
  return new DeskError(
    "DESK_INVALID",
    `the warning is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
    problems,
  );
}

/** A delivery's expiry horizon helper for reminders: now + ms. */
export const afterMs = isoAfter;
