/**
 * The analyses of one case as of a day, computed from the stored case with the pure core: an engine replay
 * (alerts and the risk-level timeline), then the ledger, gaps, naming, accountability and scorecard.
 * Results are memoised per case version and day, the replay once per case version (the memo, keyed by the
 * store's version, is in http/cache/read-cache.ts).
 * @module
 */
import { buildAccountability } from "../analysis/accountability/accountability.js";
import { buildGaps } from "../analysis/gaps/gaps.js";
import { buildLedger } from "../analysis/ledger/ledger.js";
import { levelSpansFromChanges, type LevelSpan } from "../analysis/level-span.js";
import { buildNaming } from "../analysis/naming/naming-monitor.js";
import { buildScorecard } from "../analysis/scorecard/scorecard.js";
import { RECORD_KINDS, toTimeline, type CaseBundle, type Lexicon, type Warning } from "../domain/index.js";
import {
  alertToWarning,
  assess,
  replay,
  type Alert,
  type Assessment,
  type ReplayResult,
  type ValidRulebook,
} from "../engine/index.js";
import { laneItems, type TimelineItem } from "./timeline-view.js";

/** What the analyses need besides the case: the rulebook (for the engine) and the naming lexicon. */
export interface AnalysisInputs {
  readonly rulebook?: ValidRulebook;
  readonly lexicon?: Lexicon;
}

/**
 * One version of a stored case (as loaded at `loadedAt`) and the one engine replay every day's analyses share:
 * the replay walks the whole record day by day once; an alert dated d uses only what was known on d, so the
 * alerts "as of" any day are this replay's alerts up to that day.
 */
export class CaseVersion {
  #replay?: ReplayResult | null;
  #replaying?: Promise<void>;
  #confidential?: ReadonlySet<string>;

  constructor(
    readonly bundle: CaseBundle,
    readonly inputs: AnalysisInputs,
  ) {}

  /** Ids of the case's confidential sources: a citation to one loses its locator for a viewer not entitled. */
  get confidentialSources(): ReadonlySet<string> {
    this.#confidential ??= new Set(this.bundle.records.source.filter((s) => s.confidential).map((s) => s.id));
    return this.#confidential;
  }

  /** The last day the record knows of (at least the end of the case's period). */
  get lastDay(): string {
    let day = this.bundle.manifest.period.to;
    for (const kind of RECORD_KINDS)
      for (const r of this.bundle.records[kind]) if (r.knownAt > day) day = r.knownAt;
    return day;
  }

  /**
   * Compute the replay with `offload` (e.g. on a worker thread: http/cache/replay-thread.ts) so the caller's
   * thread stays free; concurrent callers share one run. If `offload` fails, {@link replay} computes it inline.
   * @example await version.prepareReplay((b, inputs, to) => replayOffThread(b, inputs, to)); version.replay
   */
  prepareReplay(
    offload: (bundle: CaseBundle, inputs: AnalysisInputs, to: string) => Promise<ReplayResult>,
  ): Promise<void> {
    if (this.#replay !== undefined || this.inputs.rulebook === undefined) return Promise.resolve();
    this.#replaying ??= offload(this.bundle, this.inputs, this.lastDay).then(
      (r) => {
        this.#replay ??= r;
      },
      () => undefined,
    );
    return this.#replaying;
  }

  /** The daily replay from the period's start to the last day; null without a rulebook. Costs O(days). */
  get replay(): ReplayResult | null {
    if (this.#replay === undefined) {
      const rb = this.inputs.rulebook;
      const lexicon = this.inputs.lexicon;
      this.#replay = rb
        ? replay(this.bundle, rb, { step: "day", to: this.lastDay, ...(lexicon ? { lexicon } : {}) })
        : null;
    }
    return this.#replay;
  }
}

/** Every analysis of one case as of one day; each is computed on first use and kept. */
export class CaseAnalysis {
  constructor(
    readonly version: CaseVersion,
    readonly asOf: string,
  ) {}

  get bundle(): CaseBundle {
    return this.version.bundle;
  }

  private get inputs(): AnalysisInputs {
    return this.version.inputs;
  }

  /** True when the engine can run (a rulebook was given). */
  get hasEngine(): boolean {
    return this.inputs.rulebook !== undefined;
  }

  /** The alerts raised on or before `asOf`. */
  get alerts(): readonly Alert[] {
    return this.#memo("alerts", () => (this.version.replay?.alerts ?? []).filter((a) => a.date <= this.asOf));
  }

  /** Every situation's assessment on `asOf` (empty without a rulebook). */
  get assessments(): readonly Assessment[] {
    const rb = this.inputs.rulebook;
    const lexicon = this.inputs.lexicon;
    return this.#memo("assessments", () =>
      rb ? assess(this.bundle, rb, this.asOf, [], lexicon ? { lexicon } : {}) : [],
    );
  }

  get alertWarnings(): readonly Warning[] {
    return this.#memo("alertWarnings", () => this.alerts.map(alertToWarning));
  }

  /** The whole case's timeline in lanes (filtered per request by window). */
  get timeline(): readonly TimelineItem[] {
    return this.#memo("timeline", () => laneItems(toTimeline(this.bundle)));
  }

  /** The risk-level timeline from the alerts' level changes. */
  get levels(): readonly LevelSpan[] {
    return this.#memo("levels", () =>
      levelSpansFromChanges(
        this.alerts.map((a) => ({
          date: a.date,
          situation: a.situation.id,
          level: a.level,
          country: a.situation.country,
        })),
      ),
    );
  }

  ledger() {
    return this.#memo("ledger", () =>
      buildLedger(this.bundle, { asOf: this.asOf, alerts: this.alertWarnings }),
    );
  }

  gaps() {
    return this.#memo("gaps", () => buildGaps(this.bundle, { asOf: this.asOf, levels: this.levels }));
  }

  naming() {
    const lexicon = this.inputs.lexicon;
    return lexicon
      ? this.#memo("naming", () => buildNaming(this.bundle, { asOf: this.asOf, lexicon }))
      : undefined;
  }

  accountability() {
    return this.#memo("accountability", () => buildAccountability(this.bundle, { asOf: this.asOf }));
  }

  scorecard() {
    return this.#memo("scorecard", () =>
      buildScorecard(this.bundle, {
        asOf: this.asOf,
        levels: this.levels,
        alerts: this.alertWarnings,
        ...(this.inputs.lexicon ? { lexicon: this.inputs.lexicon } : {}),
      }),
    );
  }

  // The results are immutable values, so each is computed once per case version and day.
  readonly #results = new Map<string, unknown>();
  #memo<T>(key: string, make: () => T): T {
    if (!this.#results.has(key)) this.#results.set(key, make());
    return this.#results.get(key) as T;
  }
}
