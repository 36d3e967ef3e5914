/**
 * `tocsin replay --case ID --db STORE` for a case held in the store (an import): the records are streamed from
 * the store into the engine (bounded memory); each alert is set aside on disk as it is raised (see alert-spool.ts),
 * so memory does not grow with the alerts either. Once the whole replay is done the document is printed alert by
 * alert from there and the alerts are stored in one transaction, a batch at a time — a replay stopped part-way
 * (out of memory, Ctrl-C) has printed no alert and written nothing.
 * @module
 */
import type { Alert, ReplayStep, ValidRulebook } from "../engine/index.js";
import type { Lexicon } from "../domain/index.js";
import type { MessageContext } from "../notify/index.js";
import {
  confidentialSourceIds,
  getRecord,
  redactLocation,
  saveAlertStream,
  type AlertInput,
  type Store,
} from "../storage/index.js";
import { AlertSpool } from "./alert-spool.js";
import { usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { memoryGuardFor } from "./memory-guard.js";
import { withEvidenceQueries } from "./replay-json.js";
import { printReplayStream } from "./replay-print.js";
import { replayStoredCase, storedReplayRunId } from "./stored-replay.js";
import { withStore } from "./with-store.js";

/** What the command needs of its options here. */
interface StoredReplayOptions {
  readonly case: string;
  readonly db: string;
  readonly json?: boolean;
  /** The alerts are to be delivered: read them back into memory for the notifiers once stored. */
  readonly notify?: boolean;
}

/**
 * Replay the stored case, print it, store its alerts; returns them (when `notify`) with what notifiers need to
 * word them.
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
      // Any source confidential in any case of the store is treated as confidential (over-redacting is safe).
      const confidential = await confidentialSourceIds(store);
      const isConfidential = (id: string) => confidential.has(id);
      const spool = new AlertSpool();
      try {
        const cited = { actors: new Set<string>(), sources: new Set<string>() };
        const replayed = await replayStoredCase(store, caseId, rulebook, {
          step,
          ...(rules.lexicon ? { lexicon: rules.lexicon } : {}),
          memory: memoryGuardFor(ctx.env, `the replay of case ${caseId}`),
          onAlert: (a) => {
            spool.add(a);
            for (const id of a.dutyBearers) cited.actors.add(id);
            for (const e of a.evidence) for (const c of e.citations) cited.sources.add(c.source);
          },
        });
        if (replayed === undefined)
          throw usageError(
            `--case "${caseId}" is neither a built-in case nor a case in ${redactLocation(location)}: import or load it first`,
          );
        const { result } = replayed;
        await printReplayStream(
          ctx,
          opts.json === true,
          result,
          spool.alerts(),
          spool.count,
          isConfidential,
          rulebook,
        );
        const runId = storedReplayRunId(replayed, rulebook, step);
        const stored = await saveAlertStream(store, caseId, runId, spool.count, () =>
          asInputs(caseId, spool.alerts()),
        );
        ctx.io.err(`stored ${stored} alert(s) as run ${runId} in ${redactLocation(location)}\n`);
        const alerts: Alert[] = [];
        if (opts.notify === true) for await (const a of spool.alerts()) alerts.push(a);
        return { alerts, context: await messageContext(store, caseId, cited) };
      } finally {
        spool.remove();
      }
    },
    { signPending: true },
  );
}

/** The alerts as a stored run holds them: each with the queries for the records it does not cite. */
async function* asInputs(caseId: string, alerts: AsyncIterable<Alert>): AsyncGenerator<AlertInput> {
  for await (const a of alerts)
    yield {
      date: a.date,
      situation: a.situation.id,
      level: a.level,
      previousLevel: a.previousLevel,
      payload: withEvidenceQueries(caseId, a),
    };
}

/** The actors the alerts notify and the sources they cite, read one by one (never the whole case). */
async function messageContext(
  store: Store,
  caseId: string,
  cited: { readonly actors: ReadonlySet<string>; readonly sources: ReadonlySet<string> },
): Promise<MessageContext> {
  const actors = [];
  for (const id of cited.actors) {
    const a = await getRecord(store, "actor", id, caseId);
    if (a) actors.push(a);
  }
  const sources = [];
  for (const id of cited.sources) {
    const s = await getRecord(store, "source", id, caseId);
    if (s) sources.push(s);
  }
  return { caseId, actors, sources };
}
