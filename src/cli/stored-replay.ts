/**
 * A replay of a case held in a store, its records streamed from the store in the feed order (page by page,
 * see `caseFeed`) into a {@link ReplayRun}: memory grows with the engine's aggregates (situations, windows,
 * cited records), never with the number of records, and no step builds a value proportional to the case. With
 * `onAlert`, the alerts leave the run as they are raised instead of being collected.
 * @module
 */
import { createHash } from "node:crypto";
import type { CaseManifest, Lexicon, Report } from "../domain/index.js";
import {
  ReplayRun,
  type Alert,
  replayResult,
  type ReplayResult,
  type ReplayStep,
  type ValidRulebook,
} from "../engine/index.js";
import { caseFeed, caseFeedBatches, readCaseManifest, type Store } from "../storage/index.js";
import { canonicalJson, sha256Hex } from "../storage/records/canonical-json.js";
import type { MemoryGuard } from "./memory-guard.js";

/** What {@link replayStoredCase} gives. */
export interface StoredReplay {
  readonly manifest: CaseManifest;
  readonly result: ReplayResult;
  /** SHA-256 of the manifest and of every record fed (kind, id, stored content hash), in the feed order. */
  readonly digest: string;
  /** Records fed to the run. */
  readonly records: number;
  /** Alerts raised (those in `result.alerts`, or handed to `onAlert`). */
  readonly alertCount: number;
}

export interface StoredReplayOptions {
  readonly step: ReplayStep;
  readonly lexicon?: Lexicon;
  /** First day (default: the case period's start). */
  readonly from?: string;
  /** Last day (default: the case period's end). */
  readonly to?: string;
  /** Checked every page of records: stops the replay (exit 2) before the process runs out of memory. */
  readonly memory?: MemoryGuard;
  /** Records read per query and kind (default: the feed's). */
  readonly pageSize?: number;
  /**
   * Where each alert goes as it is raised (see `ReplayRunOptions.onAlert`): the result's `alerts` is then empty,
   * so memory does not grow with the alerts.
   */
  readonly onAlert?: (alert: Alert) => void;
}

/** Records between two checks of the memory guard. */
const CHECK_EVERY = 2048;

/**
 * Replay the stored case `caseId`, reading its records from the store as the run needs them. The result is the
 * one {@link replay} gives for the same case read into memory.
 * @example (await replayStoredCase(store, "import-ucdp-ged", rulebook, { step: "month" }))?.result.alerts
 * @returns undefined when the store holds no such case.
 */
export async function replayStoredCase(
  store: Store,
  caseId: string,
  rulebook: ValidRulebook,
  options: StoredReplayOptions,
): Promise<StoredReplay | undefined> {
  const manifest = await readCaseManifest(store, caseId);
  if (manifest === undefined) return undefined;
  const from = options.from ?? manifest.period.from;
  const to = options.to ?? manifest.period.to;
  const page = options.pageSize === undefined ? {} : { pageSize: options.pageSize };
  // The incidents some report covers (the extractor remembers their scopes): reports only, a page at a time.
  const covered = new Set<string>();
  for await (const { record } of caseFeed(store, caseId, { kinds: ["report"], ...page }))
    for (const id of (record as Report).coversIncidents ?? []) covered.add(id);
  // The run never sees the evaluation block; the result is scored against it afterwards.
  const { evaluation: _hidden, ...blind } = manifest;
  const run = new ReplayRun(blind, rulebook, {
    step: options.step,
    from,
    to,
    coveredIncidents: covered,
    ...(options.lexicon ? { lexicon: options.lexicon } : {}),
    ...(options.onAlert ? { onAlert: options.onAlert } : {}),
  });
  const hash = createHash("sha256").update(canonicalJson(manifest));
  let records = 0;
  feed: for await (const batch of caseFeedBatches(store, caseId, { knownTo: to, ...page }))
    for (const f of batch) {
      hash.update(`${f.kind}\u0000${f.record.id}\u0000${f.contentHash}\n`);
      records += 1;
      if (records % CHECK_EVERY === 0) options.memory?.check(`${records} records read`);
      if (!run.push(f.kind, f.record as never)) break feed;
    }
  const finished = run.finish();
  options.memory?.check(`${records} records read`);
  return {
    manifest,
    result: replayResult(manifest, from, to, finished),
    digest: hash.digest("hex"),
    records,
    alertCount: finished.alertCount,
  };
}

/**
 * The run id of a stored replay: from the digest of what was replayed, the rulebook's id and version, the step
 * and the period, so replaying the same stored case again replaces (and logs) nothing.
 */
export function storedReplayRunId(replayed: StoredReplay, rulebook: ValidRulebook, step: ReplayStep): string {
  const digest = sha256Hex(
    canonicalJson({
      case: replayed.digest,
      rulebook: [rulebook.id, rulebook.version],
      step,
      from: replayed.result.from,
      to: replayed.result.to,
    }),
  );
  return `replay-${step}-${digest.slice(0, 16)}`;
}
