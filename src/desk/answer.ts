/**
 * Answering through a personal link: the token is checked (shape, known hash, bound warning, expiry, one use),
 * and the answer becomes a Response record — the recipient as actor, known today, cited to a source that is the
 * answer itself — written with the token's use in one transaction. Every refusal and every answer is audited.
 * @module
 */
import { randomBytes } from "node:crypto";
import type { RefusalReason, Response, ResponseKind, Source } from "../domain/index.js";
import { readCase, type Store } from "../storage/index.js";
import {
  contactPointsOf,
  findAnswerToken,
  spendAnswerToken,
  type AnswerTokenRow,
} from "../storage/desk/index.js";
import { toStoreError } from "../storage/store-registry.js";
import { prepareRefusal, writeRecordIn } from "../storage/writes/index.js";
import { recordAudit } from "../storage/accounts/index.js";
import { TOKEN_PATTERN, tokenHash } from "./answer-token.js";
import { dayOf, type Clock } from "./clock.js";
import { buildDeskMessage, type DeskMessage } from "./desk-message.js";

/** Why a token is refused. */
export type TokenRefusal = "malformed" | "unknown" | "expired" | "used" | "foreign" | "withdrawn";

/** The warning a link answers, or its recipient, is no longer in the case (deleted since it was issued). */
class Withdrawn {}

export type TokenCheck =
  { readonly ok: true; readonly row: AnswerTokenRow } | { readonly ok: false; readonly reason: TokenRefusal };

/** What a recipient may answer. */
export type AnswerChoice =
  | { readonly kind: "acknowledge" }
  | { readonly kind: "refuse"; readonly reason: RefusalReason }
  | { readonly kind: "action"; readonly response: ResponseKind };

export interface AnswerInput {
  readonly choice: AnswerChoice;
  /** The requested action answered, if one. */
  readonly action?: string;
  readonly text?: string;
  /** The warning the page was shown for (a form for another warning is refused as foreign). */
  readonly warning?: string;
}

export interface AnswerDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** The requester's address, for the audit trail. */
  readonly ip?: string;
}

async function audit(
  deps: AnswerDeps,
  action: string,
  outcome: "ok" | "denied",
  target: string,
  reason?: string,
) {
  await recordAudit(deps.store.db, {
    at: deps.clock().toISOString(),
    actor: "answer-link",
    action,
    target,
    outcome,
    ...(reason === undefined ? {} : { reason }),
    ...(deps.ip === undefined ? {} : { ip: deps.ip }),
  });
}

/**
 * Check a token (audited when refused). `warning`, when given, must be the token's warning.
 * @example const c = await checkAnswerToken(deps, token); if (c.ok) c.row.warning_id
 */
export async function checkAnswerToken(
  deps: AnswerDeps,
  token: string,
  warning?: string,
): Promise<TokenCheck> {
  const refuse = async (reason: TokenRefusal, target: string): Promise<TokenCheck> => {
    await audit(deps, "answer.token", "denied", target, reason);
    return { ok: false, reason };
  };
  // The audit names a token only by a short prefix of its hash: never the token.
  const hash = TOKEN_PATTERN.test(token) ? tokenHash(token) : undefined;
  if (hash === undefined) return refuse("malformed", "answer-link");
  let row: AnswerTokenRow | undefined;
  try {
    row = await findAnswerToken(deps.store.db, hash);
  } catch (e) {
    throw toStoreError(deps.store, e, "read an answer token");
  }
  if (!row) return refuse("unknown", `token:${hash.slice(0, 12)}`);
  const target = `${row.case_id}/${row.warning_id}/${row.recipient_id}`;
  if (warning !== undefined && warning !== row.warning_id) return refuse("foreign", target);
  if (row.used_at !== null) return refuse("used", target);
  if (row.expires_at <= deps.clock().toISOString()) return refuse("expired", target);
  return { ok: true, row };
}

const SUMMARY: Record<AnswerChoice["kind"], string> = {
  acknowledge: "Acknowledged the warning through its answer link.",
  refuse: "Refused the request through the warning's answer link.",
  action: "Reported action taken through the warning's answer link.",
};

/**
 * Record an answer: the token is spent and the Response (with its source) written in one transaction.
 * @returns the response, or the refusal (audited).
 */
export async function submitAnswer(
  deps: AnswerDeps,
  token: string,
  input: AnswerInput,
): Promise<{ ok: true; response: Response } | { ok: false; reason: TokenRefusal }> {
  const check = await checkAnswerToken(deps, token, input.warning);
  if (!check.ok) return check;
  const row = check.row;
  const now = deps.clock();
  const day = dayOf(now);
  const id = `resp-${row.warning_id}-${row.recipient_id}-${randomBytes(3).toString("hex")}`;
  const kind: ResponseKind =
    input.choice.kind === "acknowledge"
      ? "acknowledgement"
      : input.choice.kind === "refuse"
        ? "refusal"
        : input.choice.response;
  const source: Source = {
    id: `src-answer-${id}`,
    occurredAt: { from: day, to: day, precision: "day" },
    knownAt: day,
    citations: [],
    kind: "letter",
    title: `Answer of ${row.recipient_id} to warning ${row.warning_id} through its answer link`,
    reliability: "A",
    credibility: 1,
    confidential: false,
  };
  const text = input.text?.trim();
  const response: Response = {
    id,
    occurredAt: { from: day, to: day, precision: "day" },
    knownAt: day,
    citations: [{ source: source.id, locator: `answer link, ${now.toISOString()}` }],
    actor: row.recipient_id,
    kind,
    summary: text ? text : SUMMARY[input.choice.kind],
    warning: row.warning_id,
    ...(input.action === undefined ? {} : { requestedAction: input.action }),
    ...(input.choice.kind === "refuse" ? { refusalReason: input.choice.reason } : {}),
  };
  const hash = row.token_hash;
  let spent: boolean;
  try {
    spent = await deps.store.db.transaction().execute(async (trx) => {
      if (!(await spendAnswerToken(trx, hash, now.toISOString(), id))) return false;
      // The same versioned writer as the API (version, journal, log leaf, audit), in the token's transaction.
      const at = now.toISOString();
      const write = { caseId: row.case_id, op: "create" as const, actor: `answer:${row.recipient_id}`, at };
      await writeRecordIn(deps.store, trx, { ...write, kind: "source", id: source.id, record: source });
      await writeRecordIn(deps.store, trx, {
        ...write,
        kind: "response",
        id,
        logAction: "response",
        // Checked once the case is locked: a warning (or recipient) deleted since it was issued takes no answer,
        // and the token stays unspent (the whole transaction rolls back).
        prepare: (base) => {
          const present = (list: readonly { id: string }[], x: string) => list.some((r) => r.id === x);
          if (
            !present(base.records.warning, row.warning_id) ||
            !present(base.records.actor, row.recipient_id)
          )
            throw new Withdrawn();
          return { record: response };
        },
      });
      return true;
    });
  } catch (e) {
    if (prepareRefusal(e) instanceof Withdrawn) {
      await audit(
        deps,
        "answer.token",
        "denied",
        `${row.case_id}/${row.warning_id}/${row.recipient_id}`,
        "withdrawn",
      );
      return { ok: false, reason: "withdrawn" };
    }
    throw toStoreError(deps.store, e, "record an answer");
  }
  const target = `${row.case_id}/${row.warning_id}/${row.recipient_id}`;
  if (!spent) {
    await audit(deps, "answer.token", "denied", target, "used");
    return { ok: false, reason: "used" };
  }
  await audit(deps, "answer.submit", "ok", target);
  return { ok: true, response };
}

/**
 * The message an answer page shows its recipient: the warning as built for deliveries, in the recipient's
 * language (its first contact point's; English without one).
 */
export async function answerPageMessage(store: Store, row: AnswerTokenRow): Promise<DeskMessage | undefined> {
  const bundle = await readCase(store, row.case_id);
  const warning = bundle?.records.warning.find((w) => w.id === row.warning_id);
  if (!bundle || !warning) return undefined;
  const points = await contactPointsOf(store.db, row.case_id, [row.recipient_id]);
  return buildDeskMessage(
    bundle,
    warning,
    row.recipient_id,
    points[0]?.language ?? "en",
    "warning",
    row.expires_at,
  );
}
