/**
 * Everything the API reads, in one place: calls into storage and the pure analyses, with "not found" turned
 * into 404s. Routes stay thin; when a storage or analysis signature changes, only this file changes.
 * @module
 */
import { actorNames } from "../analysis/actor-names.js";
import type { CaseBundle, RecordKind } from "../domain/index.js";
import { RECORD_KINDS } from "../domain/index.js";
import type { ListRecordsQuery } from "../contracts/api/query.schema.js";
import {
  getForecastRunResult,
  getRecord,
  getRecordVersions,
  listAlerts,
  listCases,
  listForecastRuns,
  listRecords,
  readCase,
  type Store,
  type StoredCase,
} from "../storage/index.js";
import { TIMELINE_LANES } from "../contracts/api/view.schema.js";
import { ApiError, notFound } from "./api-error.js";
import { AnalysisCache, CaseAnalysis, CaseVersion } from "./case-analysis.js";
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

/** The case's timeline in a date window. */
export async function caseTimeline(deps: HttpDeps, caseId: string, q: { from?: string; to?: string }) {
  // The whole timeline is built once per case version (the same entries as storage's `timeline`, from the
  // same domain functions) and filtered by window here: a timeline request then costs one small query.
  const all = (await analysisOf(deps, caseId)).timeline;
  const items = all.filter(
    (i) => (q.from === undefined || i.to >= q.from) && (q.to === undefined || i.from <= q.to),
  );
  return { caseId, from: q.from, to: q.to, lanes: [...TIMELINE_LANES], items };
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

/** The analyses of a case as of a day (default: the end of the case's period), memoised per case version. */
export async function analysisOf(
  deps: HttpDeps,
  caseId: string,
  asOf?: string,
  fallback: "period" | "latest" = "period",
): Promise<CaseAnalysis> {
  const stored = (await storedCases(deps)).find((c) => c.id === caseId);
  if (!stored) throw notFound("case", caseId);
  const version = await versionOf(deps, caseId, stored.loadedAt);
  const day = asOf ?? (fallback === "latest" ? version.lastDay : stored.manifest.period.to);
  return cachesOf(deps).analyses.get(
    `${caseId}\u0000${stored.loadedAt}\u0000${day}`,
    () => new CaseAnalysis(version, day),
  );
}

interface Caches {
  readonly analyses: AnalysisCache;
  readonly versions: Map<string, CaseVersion>;
  cases?: { readonly at: number; readonly list: Promise<StoredCase[]> };
}

const caches = new WeakMap<HttpDeps, Caches>();

/**
 * The stored cases, re-read at most every `caseListTtlMs` (default 1 s). Which version of a case the analyses
 * use is decided by its `loadedAt` here, so a reloaded case is picked up within that time; the short memo
 * spares each request a round trip to the store's worker thread.
 */
async function storedCases(deps: HttpDeps): Promise<StoredCase[]> {
  const c = cachesOf(deps);
  const now = Date.now();
  const ttl = deps.caseListTtlMs ?? 1000;
  if (!c.cases || now - c.cases.at >= ttl) {
    const list = listCases(deps.store);
    c.cases = { at: now, list };
    // A failed read is not memoised: the next request tries again.
    list.catch(() => {
      if (c.cases?.list === list) c.cases = undefined;
    });
  }
  return c.cases.list;
}

function cachesOf(deps: HttpDeps): Caches {
  let c = caches.get(deps);
  if (!c) {
    c = { analyses: new AnalysisCache(), versions: new Map() };
    caches.set(deps, c);
  }
  return c;
}

/** The whole case (no "as of" gate: the analyses gate themselves), read once per case version. */
async function versionOf(deps: HttpDeps, caseId: string, loadedAt: string): Promise<CaseVersion> {
  const versions = cachesOf(deps).versions;
  const key = `${caseId}\u0000${loadedAt}`;
  const hit = versions.get(key);
  if (hit) return hit;
  const version = new CaseVersion(await bundleOf(deps.store, caseId), deps.analysis ?? {});
  for (const k of versions.keys()) if (k.startsWith(`${caseId}\u0000`)) versions.delete(k);
  versions.set(key, version);
  return version;
}

function requireEngine(a: CaseAnalysis, name: string): void {
  if (!a.hasEngine)
    throw new ApiError("unavailable", `the ${name} need the rulebook, which this server was started without`);
}

/** Run one analysis over a case as of a day. */
export async function runAnalysis(deps: HttpDeps, name: AnalysisName, caseId: string, asOf?: string) {
  const a = await analysisOf(deps, caseId, asOf, DEFAULT_AS_OF[name]);
  // Every view carries the actors' names so readers see names where the analysis keeps ids.
  const head = { caseId, asOf: a.asOf, actorNames: actorNames(a.bundle, a.asOf) };
  switch (name) {
    case "assessments":
      requireEngine(a, "assessments");
      return { ...head, assessments: a.assessments };
    case "alerts": {
      if (a.hasEngine) return { ...head, source: "replay", alerts: a.alerts };
      // Without a rulebook, serve the alerts an earlier engine run stored (e.g. by `tocsin demo`).
      const stored = (await listAlerts(deps.store, caseId)).filter((x) => x.date <= a.asOf);
      if (stored.length === 0) requireEngine(a, "alerts");
      return { ...head, source: "stored", alerts: stored.map((x) => x.payload) };
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
  for (const c of await storedCases(deps)) {
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
