/**
 * A replay fed record by record: the caller pushes every record of a case in the feed order (known day, kind,
 * id) — from a bundle in memory, or page by page from a store — and the run assesses each day in its range on
 * which a record became known, plus every step day, using only what was pushed by then. It keeps the engine's
 * aggregates, the alerts and one assessment per situation, never the records: memory does not grow with them.
 * Given `onAlert`, it hands each alert over as it is raised and keeps none (only their number), so memory does not
 * grow with the alerts either.
 * @module
 */
import { addDays, type Actor, type CaseManifest, type RecordKind } from "../domain/index.js";
import { alertFor, type Alert } from "./alert.js";
import type { SituationDay } from "./assess-situation.js";
import type { Assessment } from "./assessment.js";
import { EngineState } from "./engine-state.js";
import { EvidenceExtractor, type EvidenceSink } from "./evidence-extractor.js";
import type { MappedRecordValue } from "./record-match.js";
import { stepDates, type LevelDates, type ReplayStep } from "./replay-steps.js";
import { RULED_LEVELS, levelRank, type RiskLevel, type RuledLevel, type ValidRulebook } from "./rulebook.js";
import type { Lexicon, ProtectedGroup, Source } from "../domain/index.js";

export interface ReplayRunOptions {
  readonly step: ReplayStep;
  readonly from: string;
  readonly to: string;
  /** Keep every assessed day's assessments (memory grows with days × situations). */
  readonly trace?: boolean;
  /** The naming lexicon, to read statements. */
  readonly lexicon?: Lexicon;
  /** Incidents some report covers (their scopes are remembered for those reports). */
  readonly coveredIncidents?: ReadonlySet<string>;
  /**
   * Where each alert goes as it is raised, in order; the run then keeps none (the result's `alerts` is empty and
   * `alertCount` says how many there were). Without it, the run collects them in `alerts`.
   */
  readonly onAlert?: (alert: Alert) => void;
}

/** What a run gives when it finishes; see `ReplayResult` for the full replay's answer. */
export interface ReplayRunResult {
  readonly steps: number;
  /** The alerts, in order (empty when they were handed to `onAlert`). */
  readonly alerts: readonly Alert[];
  /** How many alerts the run raised, collected or handed over. */
  readonly alertCount: number;
  readonly firstDateByLevel: LevelDates;
  readonly firstBySituation: ReadonlyMap<string, LevelDates>;
  readonly final: readonly Assessment[];
  readonly trace?: readonly { readonly date: string; readonly assessments: readonly Assessment[] }[];
  readonly notices: readonly string[];
}

function emptyDates(): Record<RuledLevel, string | null> {
  return { elevated: null, high: null, imminent: null, ongoing: null };
}

function record(dates: Record<RuledLevel, string | null>, level: RiskLevel, day: string): void {
  for (const l of RULED_LEVELS) if (levelRank(level) >= levelRank(l) && dates[l] === null) dates[l] = day;
}

export class ReplayRun {
  private readonly extractor: EvidenceExtractor;
  private readonly state: EngineState;
  private readonly sink: EvidenceSink;
  /** The actors that may be notified (see {@link mayBeNotified}). */
  private readonly actors: Actor[] = [];
  private readonly notifyRoles: ReadonlySet<string>;
  private readonly steps: string[];
  private stepAt = 0;
  private day: string | undefined;
  private assessed = 0;
  private items = 0;
  private facts = 0;
  private readonly levels = new Map<string, RiskLevel>();
  private readonly firstBySituation = new Map<string, Record<RuledLevel, string | null>>();
  private readonly first = emptyDates();
  private readonly alerts: Alert[] = [];
  private alertCount = 0;
  /** The situations of the last assessed day, in order. */
  private situationIds: string[] = [];
  private readonly trace: { date: string; assessments: Assessment[] }[] = [];
  private finished = false;
  private final: Assessment[] = [];

  constructor(
    readonly manifest: CaseManifest,
    private readonly rulebook: ValidRulebook,
    private readonly options: ReplayRunOptions,
  ) {
    if (manifest.evaluation !== undefined)
      throw new Error("ReplayRun: the manifest's evaluation block must be removed before the run sees it");
    this.extractor = new EvidenceExtractor(rulebook, {
      ...(options.lexicon ? { lexicon: options.lexicon } : {}),
      ...(options.coveredIncidents ? { coveredIncidents: options.coveredIncidents } : {}),
    });
    this.state = new EngineState(rulebook);
    this.sink = {
      item: (x) => {
        x.seq = this.items++;
        this.state.addEvidence(x);
      },
      fact: (x) => {
        x.seq = this.facts++;
        this.state.addFact(x);
      },
    };
    this.steps = stepDates(options.from, options.to, options.step);
    this.notifyRoles = new Set(rulebook.playbook.flatMap((p) => p.notifyRoles));
  }

  /**
   * Push the next record (in the feed order). Returns false once records are known after the replay's last
   * day: the caller may stop feeding then.
   */
  push(kind: RecordKind, r: MappedRecordValue | Actor | ProtectedGroup | Source): boolean {
    if (this.finished) throw new Error("ReplayRun.push: the run is finished");
    if (r.knownAt > this.options.to) return false;
    if (this.day !== undefined && r.knownAt < this.day)
      throw new Error(`ReplayRun.push: ${kind} ${r.id} is known on ${r.knownAt}, before ${this.day}`);
    if (this.day === undefined) this.assessStepsBefore(r.knownAt);
    else if (r.knownAt !== this.day) this.closeDay(r.knownAt);
    this.day = r.knownAt;
    if (kind === "group") this.state.addGroup(r as ProtectedGroup);
    // Only an actor holding a role the playbook notifies can be a duty-bearer (dutyBearersFor): an import's
    // thousands of armed actors need not be searched at every alert.
    if (kind === "actor" && this.mayBeNotified(r as Actor)) this.actors.push(r as Actor);
    this.extractor.push(kind, r, this.sink);
    return true;
  }

  private mayBeNotified(actor: Actor): boolean {
    return (
      actor.roles.some((role) => this.notifyRoles.has(role)) ||
      (actor.periodRoles ?? []).some((p) => this.notifyRoles.has(p.role))
    );
  }

  /**
   * Close the current day: emit its series surges, assess it when in range, then assess the step days before
   * `next` — all before any record of `next` is fed, so no day sees a record known after it.
   */
  private closeDay(next: string): void {
    const day = this.day as string;
    this.extractor.flush(this.sink);
    if (day >= this.options.from) this.assess(day);
    while (this.stepAt < this.steps.length && (this.steps[this.stepAt] as string) <= day) this.stepAt += 1;
    this.assessStepsBefore(next);
  }

  /** Assess, in order, the step days and the days evidence lapses before `next`. */
  private assessStepsBefore(next: string): void {
    for (;;) {
      const step = this.stepAt < this.steps.length ? (this.steps[this.stepAt] as string) : undefined;
      const lapse = this.lapseDay();
      const day = step !== undefined && (lapse === undefined || step <= lapse) ? step : lapse;
      if (day === undefined || day >= next) return;
      if (day === step) this.stepAt += 1;
      this.assess(day);
    }
  }

  /** The next day evidence stops counting, within the replay's range (after its first day). */
  private lapseDay(): string | undefined {
    const lapse = this.state.nextLapse();
    return lapse !== undefined && lapse >= this.options.from && lapse <= this.options.to ? lapse : undefined;
  }

  private assess(day: string): void {
    // Each situation's level; its full assessment only where the level changed (or every one, to trace).
    const levels = this.state.levelsAt(day);
    this.assessed += 1;
    for (const { situation, level } of levels) {
      const id = situation.id;
      const before = this.levels.get(id) ?? "none";
      if (level !== before) this.raise(alertFor(this.rulebook, this.full(id), before, this.actors));
      this.levels.set(id, level);
      record(this.first, level, day);
      const own = this.firstBySituation.get(id) ?? emptyDates();
      record(own, level, day);
      this.firstBySituation.set(id, own);
    }
    if (this.options.trace)
      this.trace.push({ date: day, assessments: levels.map(({ situation }) => this.full(situation.id)) });
    this.situationIds = levels.map(({ situation }) => situation.id);
  }

  /** The full assessment of a situation on the last assessed day. */
  private full(id: string): Assessment {
    return this.state.complete(this.state.dayOf(id) as SituationDay, this.state.previousOf(id));
  }

  private raise(alert: Alert): void {
    this.alertCount += 1;
    if (this.options.onAlert) this.options.onAlert(alert);
    else this.alerts.push(alert);
  }

  /** Assess the last day fed and the remaining step days; the run cannot be fed afterwards. */
  finish(): ReplayRunResult {
    if (!this.finished) {
      const after = addDays(this.options.to, 1);
      if (this.day !== undefined) this.closeDay(after);
      else this.assessStepsBefore(after);
      this.finished = true;
      // Nothing is added after the last assessed day: its full assessments can still be read.
      this.final = this.situationIds.map((id) => this.full(id));
    }
    return {
      steps: this.assessed,
      alerts: this.alerts,
      alertCount: this.alertCount,
      firstDateByLevel: this.first,
      firstBySituation: this.firstBySituation,
      final: this.final,
      ...(this.options.trace ? { trace: this.trace } : {}),
      notices: this.extractor.notices(),
    };
  }
}
