/**
 * Everything the API reads, in one place: calls into storage and the pure analyses, with "not found" turned
 * into 404s. Routes stay thin; when a storage or analysis signature changes, only this file changes.
 * @module
 */
import { actorNames } from "../analysis/actor-names.js";
import type { CaseBundle, RecordKind } from "../domain/index.js";
import type { Alert } from "../engine/index.js";
import { RECORD_KINDS } from "../domain/index.js";
import type { ListRecordsQuery } from "../contracts/api/query.schema.js";
import {
  getForecastRunResult,
  getRecord,
  getRecordVersions,
  listAlerts,
  listCases,
  listForecastRuns,
  listLiveAlerts,
  LIVE_RUN,
  listRecords,
  readCase,
  type Store,
  type StoredCase,
} from "../storage/index.js";
import { TIMELINE_LANES } from "../contracts/api/view.schema.js";
import { ApiError, notFound } from "./api-error.js";
import { CaseAnalysis, CaseVersion } from "./case-analysis.js";
import { perVersion, readCacheOf } from "./cache/read-cache.js";
import { replayOffThread } from "./cache/replay-thread.js";
import type { HttpDeps } from "./deps.js";

/** The cases in the store (their manifests). */
export async function caseList(store: Store) {
  return (await listCases(store)).map((c) => ({ ...c.manifest, loadedAt: c.loadedAt }));
}

/** Read a case or answer 404. */
export async function bundleOf(store: Store, caseId: string, asOf?: string): Promise<CaseBundle> {
  const bundle = await readCase(store, caseId, asOf ? { asOf } : {});
  if (!bundle) throw notFound("case", caseId);
  return bundle;
}

/** A case's manifest and its record counts per kind. */
export async function caseDetail(store: Store, caseId: string) {
  const bundle = await bundleOf(store, caseId);
  const counts: Record<string, number> = {};
  for (const kind of RECORD_KINDS) counts[kind] = bundle.records[kind].length;
  return { case: bundle.manifest, counts };
}

/** The case's timeline in a date window, with the case's confidential sources (for redaction). */
export async function caseTimeline(deps: HttpDeps, caseId: string, q: { from?: string; to?: string }) {
  // The whole timeline is built once per case version (the same entries as storage's `timeline`, from the
  // same domain functions) and filtered by window here.
  const a = await analysisOf(deps, caseId);
  const items = a.timeline.filter(
    (i) => (q.from === undefined || i.to >= q.from) && (q.to === undefined || i.from <= q.to),
  );
  return {
    body: { caseId, from: q.from, to: q.to, lanes: [...TIMELINE_LANES], items },
    confidential: a.version.confidentialSources,
  };
}

/** One page of records of a kind. */
export async function recordPage(store: Store, kind: RecordKind, q: ListRecordsQuery) {
  const page = await listRecords(store, {
    kind,
    caseId: q.case,
    actor: q.actor,
    from: q.from,
    to: q.to,
    text: q.text,
    limit: q.limit,
    offset: q.offset,
  });
  return { kind, total: page.total, limit: q.limit, offset: q.offset, items: page.items };
}

/** One record, the sources its citations point at, and the earlier versions an import replaced. */
export async function recordDetail(store: Store, kind: RecordKind, id: string, caseId?: string) {
  const record = await getRecord(store, kind, id, caseId);
  if (!record) throw notFound(kind, id);
  const ids = [...new Set(record.citations.map((c) => c.source))];
  const sources = [];
  for (const sid of ids) {
    const s = await getRecord(store, "source", sid, caseId);
    if (s) sources.push(s);
  }
  const versions = await getRecordVersions(store, kind, id, caseId);
  return { kind, record, sources, versions };
}

/** Forecast and backtest runs, newest first, without payloads or params. */
export async function forecastRuns(store: Store) {
  return listForecastRuns(store);
}

/** One forecast run with its payload (not its params, which only reproduce the fit) or 404. */
export async function forecastRun(store: Store, runId: string) {
  const run = await getForecastRunResult(store, runId);
  if (!run) throw notFound("forecast run", runId);
  return run;
}

/** The analyses served per case, in the order the dashboard lists them. */
export const ANALYSES = [
  "assessments",
  "alerts",
  "ledger",
  "gaps",
  "naming",
  "accountability",
  "scorecard",
] as const;
export type AnalysisName = (typeof ANALYSES)[number];

/**
 * Which day an analysis covers when the request names none: the prevention analyses (engine, ledger, gaps)
 * the end of the case's period; naming, accountability and the scorecard the latest day the record knows of,
 * because trials and statements go on long after the events.
 */
export const DEFAULT_AS_OF: Readonly<Record<AnalysisName, "period" | "latest">> = {
  assessments: "period",
  alerts: "period",
  ledger: "period",
  gaps: "period",
  naming: "latest",
  accountability: "latest",
  scorecard: "latest",
};

/**
 * The analyses of a case as of a day (default: the end of the case's period), memoised per store version:
 * the version is known from the store's change mark, read again only after a commit (http/cache/version-reader.ts),
 * so a write committed by this process is seen by the next request, and one by another process once heard of.
 */
export async function analysisOf(
  deps: HttpDeps,
  caseId: string,
  asOf?: string,
  fallback: "period" | "latest" = "period",
): Promise<CaseAnalysis> {
  const cache = readCacheOf(deps);
  const storeVersion = await cache.versions.current();
  const stored = (await storedCases(deps, storeVersion)).find((c) => c.id === caseId);
  if (!stored) throw notFound("case", caseId);
  const version = await versionOf(deps, caseId, storeVersion);
  const day = asOf ?? (fallback === "latest" ? version.lastDay : stored.manifest.period.to);
  return cache.analyses.getOrSet(
    `${storeVersion}\u0000${caseId}\u0000${day}`,
    () => new CaseAnalysis(version, day),
  );
}

/** The stored cases, read once per store version. */
function storedCases(deps: HttpDeps, storeVersion: string): Promise<StoredCase[]> {
  const c = readCacheOf(deps);
  return perVersion(
    () => c.caseList,
    (p) => (c.caseList = p),
    storeVersion,
    () => listCases(deps.store),
  );
}

/** The whole case (no "as of" gate: the analyses gate themselves), read once per store version. */
function versionOf(deps: HttpDeps, caseId: string, storeVersion: string): Promise<CaseVersion> {
  const cases = readCacheOf(deps).cases;
  return perVersion(
    () => cases.get(caseId),
    (p) => (p ? cases.set(caseId, p) : cases.delete(caseId)),
    storeVersion,
    async () => new CaseVersion(await bundleOf(deps.store, caseId), deps.analysis ?? {}),
  );
}

/**
 * The case as this process's read cache holds it, when the cache read it at exactly `storeVersion` (a version
 * read before the case was, so the bundle is the store at that version when no commit came since): what a
 * write checks against instead of reading the case again (writes/write-record.ts `baseAt`).
 */
export async function cachedBundleAt(
  deps: HttpDeps,
  caseId: string,
  storeVersion: string,
): Promise<CaseBundle | undefined> {
  const held = readCacheOf(deps).cases.get(caseId);
  if (held?.version !== storeVersion) return undefined;
  return held.value.then(
    (v) => v.bundle,
    () => undefined,
  );
}

/** The analyses that read the daily replay's alerts (the others assess one day, or read no engine output). */
const USES_REPLAY: ReadonlySet<AnalysisName> = new Set(["alerts", "ledger", "gaps", "scorecard"]);

function requireEngine(a: CaseAnalysis, name: string): void {
  if (!a.hasEngine)
    throw new ApiError("unavailable", `the ${name} need the rulebook, which this server was started without`);
}

/** Run one analysis over a case as of a day: its body and the case's confidential sources (for redaction). */
export async function runAnalysis(deps: HttpDeps, name: AnalysisName, caseId: string, asOf?: string) {
  const a = await analysisOf(deps, caseId, asOf, DEFAULT_AS_OF[name]);
  // The engine's daily replay (seconds on a large case) runs on a worker thread, not on the event loop.
  if (USES_REPLAY.has(name)) await a.version.prepareReplay(replayOffThread);
  return {
    body: await analysisBody(deps, a, name, caseId, asOf),
    confidential: a.version.confidentialSources,
  };
}

/**
 * The alerts the live assessor stored for a case (run `live`), each marked as such with its run, when it was
 * raised, and the criterion its new level meets. Live alerts are dated the day they were raised, often after the
 * end of a live case's period as first written, so only an `asOf` the request names filters them.
 */
async function liveAlertsOf(deps: HttpDeps, caseId: string, asOf: string | undefined) {
  const stored = await listLiveAlerts(deps.store, caseId);
  return stored
    .filter((x) => asOf === undefined || x.date <= asOf)
    .map((x) => {
      const lead = (x.payload as Alert).criteria?.[0];
      return {
        origin: "live" as const,
        run: x.runId,
        seq: x.seq,
        raisedAt: x.raisedAt,
        raisedBy: x.raisedBy,
        criterion: lead ? { id: lead.id, text: lead.text, confidence: lead.confidence } : null,
        alert: x.payload,
      };
    });
}

async function analysisBody(
  deps: HttpDeps,
  a: CaseAnalysis,
  name: AnalysisName,
  caseId: string,
  asOf: string | undefined,
) {
  // Every view carries the actors' names so readers see names where the analysis keeps ids.
  const head = { caseId, asOf: a.asOf, actorNames: actorNames(a.bundle, a.asOf) };
  switch (name) {
    case "assessments":
      requireEngine(a, "assessments");
      return { ...head, assessments: a.assessments };
    case "alerts": {
      const liveAlerts = await liveAlertsOf(deps, caseId, asOf);
      if (a.hasEngine) return { ...head, source: "replay", alerts: a.alerts, liveAlerts };
      // Without a rulebook, serve the alerts an earlier engine run stored (e.g. by `tocsin demo`).
      const stored = (await listAlerts(deps.store, caseId)).filter(
        (x) => x.runId !== LIVE_RUN && x.date <= a.asOf,
      );
      if (stored.length === 0 && liveAlerts.length === 0) requireEngine(a, "alerts");
      return { ...head, source: "stored", alerts: stored.map((x) => x.payload), liveAlerts };
    }
    case "ledger":
      return { ...head, ...a.ledger() };
    case "gaps":
      return { ...head, ...a.gaps() };
    case "naming": {
      const naming = a.naming();
      if (!naming)
        throw new ApiError(
          "unavailable",
          "the naming monitor needs the lexicon, which this server was started without",
        );
      return { ...head, ...naming };
    }
    case "accountability":
      return { ...head, ...a.accountability() };
    case "scorecard":
      return { ...head, ...a.scorecard() };
  }
}

/** Per case: its manifest and its situations at their latest level (none without the engine's rulebook). */
export async function overview(deps: HttpDeps) {
  const items = [];
  for (const c of await storedCases(deps, await readCacheOf(deps).versions.current())) {
    const a = await analysisOf(deps, c.id);
    const situations = a.assessments.map((s) => ({
      id: s.situation.id,
      label: [s.situation.groupName ?? s.situation.group, s.situation.country].filter(Boolean).join(" — "),
      country: s.situation.country,
      level: s.level,
      score: s.score,
    }));
    items.push({ case: c.manifest, asOf: a.asOf, situations });
  }
  return items;
}
