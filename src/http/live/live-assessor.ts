/**
 * The live assessor: after each committed write it assesses the written case as of now (the clock read here,
 * passed to the pure engine as a day) with the app's rulebook; a situation whose level differs from its last
 * live level raises an alert, which is stored (and logged) under the `live` run, written to the server log,
 * published as an `alert` event, issued as a warning on a case whose `autoIssueWarnings` is on, and delivered
 * through the configured notifiers. Writes to one case are serialised and coalesced: while an assessment runs,
 * any number of writes to the case ask for one more, which reads every write committed by then — no change is
 * missed, none is alerted twice. A failed assessment is logged; the write has committed and stays.
 * @module
 */
import { dayOf, draftOfAlert, issueWarning, type Clock } from "../../desk/index.js";
import type { Lexicon } from "../../domain/index.js";
import {
  alertId,
  assess,
  levelChanges,
  type Alert,
  type RiskLevel,
  type ValidRulebook,
} from "../../engine/index.js";
import {
  buildAlertMessage,
  deliverAlerts,
  describeError,
  formatDeliveryReport,
  type AlertNotifier,
} from "../../notify/index.js";
import { appendLiveAlerts, liveLevels, readCase, type Store } from "../../storage/index.js";
import { caseSettingsOf } from "../../storage/writes/index.js";
import { EventHub, type CommittedWrite, type LiveEvent, type LiveUpdates } from "./live-updates.js";

/** Who the live assessor writes as, in the log and the audit. */
export const LIVE_ACTOR = "live-assessor";

export interface LiveAssessorDeps {
  readonly store: Store;
  /** Without a rulebook only record events are published (nothing is assessed). */
  readonly rulebook?: ValidRulebook;
  readonly lexicon?: Lexicon;
  readonly clock: Clock;
  /** Where alerts are delivered (file outbox, webhook); none by default. */
  readonly notifiers?: readonly AlertNotifier[];
  /** The desk key: with it, a case's `autoIssueWarnings` setting issues its alerts as warnings. */
  readonly deskKey?: Buffer;
  /** One line per alert and per failure (never record content). */
  readonly log: (line: string) => void;
}

/** What an `alert` event tells the dashboard: the level change, never evidence citations. */
export interface LiveAlertSummary {
  readonly id: string;
  readonly date: string;
  readonly situation: Alert["situation"];
  readonly level: RiskLevel;
  readonly previousLevel: RiskLevel;
  readonly score: number;
  readonly dutyBearers: readonly string[];
  /** The warning issued from it (`autoIssueWarnings`); absent: the alert is a proposal. */
  readonly warning?: string;
}

interface CaseRun {
  again: boolean;
  done: Promise<void>;
}

/**
 * The `LiveUpdates` of `tocsin serve`: record events as the plain hub publishes them, plus live assessment.
 * @example const live = new LiveAssessor({ store, rulebook, clock: systemClock, log: console.error })
 */
export class LiveAssessor implements LiveUpdates {
  readonly #hub = new EventHub();
  readonly #runs = new Map<string, CaseRun>();
  #deliveries: Promise<void> = Promise.resolve();

  constructor(private readonly deps: LiveAssessorDeps) {}

  afterWrite(w: CommittedWrite): void {
    this.#hub.afterWrite(w);
    if (this.deps.rulebook) this.#schedule(w.caseId);
  }

  subscribe(listener: (e: LiveEvent) => void): () => void {
    return this.#hub.subscribe(listener);
  }

  /** Resolves once no assessment is running or asked for, and queued deliveries are done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#runs.size > 0) await Promise.all([...this.#runs.values()].map((r) => r.done));
    await this.#deliveries;
  }

  /** Run an assessment of the case now, or once more after the running one. */
  #schedule(caseId: string): void {
    const running = this.#runs.get(caseId);
    if (running) {
      running.again = true;
      return;
    }
    const run: CaseRun = { again: true, done: Promise.resolve() };
    this.#runs.set(caseId, run);
    run.done = (async () => {
      while (run.again) {
        run.again = false;
        try {
          await this.assessCase(caseId);
        } catch (e) {
          this.deps.log(`live assessment of case ${caseId} failed: ${describeError(e)}`);
        }
      }
      this.#runs.delete(caseId);
    })();
  }

  /**
   * Assess one case as of now and act on each level change.
   * @returns the alerts raised (empty when no level changed).
   */
  async assessCase(caseId: string): Promise<readonly Alert[]> {
    const { store, rulebook, lexicon, clock } = this.deps;
    if (!rulebook) return [];
    const bundle = await readCase(store, caseId);
    if (!bundle) return [];
    const now = clock();
    const assessments = assess(bundle, rulebook, dayOf(now), [], lexicon ? { lexicon } : {});
    const last = (await liveLevels(store.db, caseId)) as Map<string, RiskLevel>;
    const raised = levelChanges(assessments, last, rulebook, bundle.records.actor);
    const stored = await appendLiveAlerts(
      store,
      caseId,
      raised.map((a) => ({
        date: a.date,
        situation: a.situation.id,
        level: a.level,
        previousLevel: a.previousLevel,
        payload: a,
      })),
      LIVE_ACTOR,
      now.toISOString(),
    );
    const alerts = stored.map((s) => s.payload as Alert);
    const auto = alerts.length > 0 && (await caseSettingsOf(store.db, caseId)).autoIssueWarnings;
    for (const a of alerts) {
      this.deps.log(
        `live alert: case ${caseId}, ${a.situation.id}: ${a.previousLevel} → ${a.level} (${alertId(a)})`,
      );
      const warning = auto ? await this.#issue(caseId, a) : undefined;
      this.#hub.publish({ event: "alert", data: { caseId, alert: summaryOf(a, warning) } });
    }
    if (alerts.length > 0)
      this.#deliver(alerts, { caseId, actors: bundle.records.actor, sources: bundle.records.source });
    return alerts;
  }

  /** Issue the alert as a warning through the desk; a refusal leaves it a proposal (logged). */
  async #issue(caseId: string, a: Alert): Promise<string | undefined> {
    const { deskKey, store, clock } = this.deps;
    if (!deskKey) {
      this.deps.log(
        `live alert ${alertId(a)}: autoIssueWarnings is on but the desk has no key; left a proposal`,
      );
      return undefined;
    }
    try {
      const r = await issueWarning(draftOfAlert(caseId, a), { store, clock, deskKey, actor: LIVE_ACTOR });
      if (!r) return undefined;
      this.deps.log(`live alert ${alertId(a)} issued as warning ${r.warning.id}`);
      this.#hub.publish({
        event: "record",
        data: { caseId, kind: "warning", id: r.warning.id, version: null, op: "create" },
      });
      return r.warning.id;
    } catch (e) {
      this.deps.log(`live alert ${alertId(a)} not issued (left a proposal): ${describeError(e)}`);
      return undefined;
    }
  }

  /** Deliver through the notifiers, one batch after another, without holding up the next assessment. */
  #deliver(alerts: readonly Alert[], context: Parameters<typeof buildAlertMessage>[1]): void {
    const notifiers = this.deps.notifiers ?? [];
    if (notifiers.length === 0) return;
    this.#deliveries = this.#deliveries.then(async () => {
      try {
        const report = await deliverAlerts(
          notifiers,
          alerts.map((a) => buildAlertMessage(a, context)),
        );
        if (!report.ok) this.deps.log(formatDeliveryReport(report).trimEnd());
      } catch (e) {
        this.deps.log(`live alert delivery failed: ${describeError(e)}`);
      }
    });
  }
}

function summaryOf(a: Alert, warning: string | undefined): LiveAlertSummary {
  return {
    id: alertId(a),
    date: a.date,
    situation: a.situation,
    level: a.level,
    previousLevel: a.previousLevel,
    score: a.score,
    dutyBearers: a.dutyBearers,
    ...(warning === undefined ? {} : { warning }),
  };
}
