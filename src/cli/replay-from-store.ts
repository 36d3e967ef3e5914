/**
 * `tocsin replay --case ID --db STORE` for a case held in the store (an import): the records are streamed from
 * the store into the engine (bounded memory), the document is printed alert by alert, and the alerts are
 * stored in one transaction once the whole replay is done — a replay stopped part-way (out of memory, Ctrl-C)
 * writes nothing.
 * @module
 */
import type { Alert, ReplayStep, ValidRulebook } from "../engine/index.js";
import type { Lexicon } from "../domain/index.js";
import type { MessageContext } from "../notify/index.js";
import {
  confidentialSourceIds,
  getRecord,
  redactLocation,
  saveAlerts,
  type Store,
} from "../storage/index.js";
import { usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { memoryGuardFor } from "./memory-guard.js";
import { withEvidenceQueries } from "./replay-json.js";
import { printReplay } from "./replay-print.js";
import { replayStoredCase, storedReplayRunId } from "./stored-replay.js";
import { withStore } from "./with-store.js";

/** What the command needs of its options here. */
interface StoredReplayOptions {
  readonly case: string;
  readonly db: string;
  readonly json?: boolean;
}

/**
 * Replay the stored case, print it, store its alerts; returns them with what notifiers need to word them.
 * @throws CliError (exit 2) when the store holds no such case, or the replay would run out of memory.
 */
export async function replayFromStore(
  ctx: CliContext,
  opts: StoredReplayOptions,
  step: ReplayStep,
  rules: { readonly rulebook: ValidRulebook; readonly lexicon?: Lexicon },
): Promise<{ alerts: readonly Alert[]; context: MessageContext }> {
  const { rulebook } = rules;
  const caseId = opts.case;
  const location = opts.db;
  return withStore(
    location,
    async (store) => {
      const replayed = await replayStoredCase(store, caseId, rulebook, {
        step,
        ...(rules.lexicon ? { lexicon: rules.lexicon } : {}),
        memory: memoryGuardFor(ctx.env, `the replay of case ${caseId}`),
      });
      if (replayed === undefined)
        throw usageError(
          `--case "${caseId}" is neither a built-in case nor a case in ${redactLocation(location)}: import or load it first`,
        );
      const { result } = replayed;
      // Any source confidential in any case of the store is treated as confidential (over-redacting is safe).
      const confidential = await confidentialSourceIds(store);
      printReplay(ctx, opts.json === true, result, (id) => confidential.has(id), rulebook);
      const runId = storedReplayRunId(replayed, rulebook, step);
      const stored = await saveAlerts(
        store,
        caseId,
        runId,
        result.alerts.map((a) => ({
          date: a.date,
          situation: a.situation.id,
          level: a.level,
          previousLevel: a.previousLevel,
          payload: withEvidenceQueries(caseId, a),
        })),
      );
      ctx.io.err(`stored ${stored} alert(s) as run ${runId} in ${redactLocation(location)}\n`);
      return { alerts: result.alerts, context: await messageContext(store, caseId, result.alerts) };
    },
    { signPending: true },
  );
}

/** The actors the alerts notify and the sources they cite, read one by one (never the whole case). */
async function messageContext(
  store: Store,
  caseId: string,
  alerts: readonly Alert[],
): Promise<MessageContext> {
  const actorIds = new Set(alerts.flatMap((a) => a.dutyBearers));
  const sourceIds = new Set(
    alerts.flatMap((a) => a.evidence.flatMap((e) => e.citations.map((c) => c.source))),
  );
  const actors = [];
  for (const id of actorIds) {
    const a = await getRecord(store, "actor", id, caseId);
    if (a) actors.push(a);
  }
  const sources = [];
  for (const id of sourceIds) {
    const s = await getRecord(store, "source", id, caseId);
    if (s) sources.push(s);
  }
  return { caseId, actors, sources };
}
