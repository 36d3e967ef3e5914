/**
 * Forecast and backtest runs with their parameters and results as JSON. The creation time is passed in by the
 * caller, so the repository reads no clock. Saving an existing id replaces that run.
 * @module
 */
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";
import { canonicalJson } from "../records/canonical-json.js";
import { appendToLog } from "../log/log-append.js";
import type { ForecastRunRow } from "./forecast-run.table.js";

export type ForecastRunKind = "forecast" | "backtest";

export interface ForecastRun {
  readonly id: string;
  readonly kind: ForecastRunKind;
  /** SHA-256 of the data the run was fitted or scored on. */
  readonly dataSha256: string;
  readonly model: string;
  readonly modelVersion: string;
  readonly params: unknown;
  readonly payload: unknown;
  readonly createdAt: string;
}

/** A run as listed: neither the payload nor the params (an ensemble's params are megabytes). */
export type ForecastRunSummary = Omit<ForecastRun, "payload" | "params">;

/** A run with its results but not its params: what the API serves. */
export type ForecastRunResult = Omit<ForecastRun, "params">;

const SUMMARY_COLUMNS = ["id", "kind", "data_sha256", "model", "model_version", "created_at"] as const;

function summaryOf(r: Omit<ForecastRunRow, "params" | "payload">): ForecastRunSummary {
  return {
    id: r.id,
    kind: r.kind as ForecastRunKind,
    dataSha256: r.data_sha256,
    model: r.model,
    modelVersion: r.model_version,
    createdAt: r.created_at,
  };
}

/** A run as its `forecast_runs` row. */
export function forecastRunToRow(run: ForecastRun): ForecastRunRow {
  return {
    id: run.id,
    kind: run.kind,
    data_sha256: run.dataSha256,
    model: run.model,
    model_version: run.modelVersion,
    params: JSON.stringify(run.params ?? null),
    payload: JSON.stringify(run.payload ?? null),
    created_at: run.createdAt,
  };
}

/** The run a `forecast_runs` row holds. */
export function forecastRunRowToForecastRun(row: ForecastRunRow): ForecastRun {
  return {
    id: row.id,
    kind: row.kind as ForecastRunKind,
    dataSha256: row.data_sha256,
    model: row.model,
    modelVersion: row.model_version,
    params: JSON.parse(row.params) as unknown,
    payload: JSON.parse(row.payload) as unknown,
    createdAt: row.created_at,
  };
}

/** Store a run (insert, or replace the run with the same id). */
export async function saveForecastRun(store: Store, run: ForecastRun): Promise<void> {
  const row = forecastRunToRow(run);
  const { id: _id, ...rest } = row;
  try {
    await store.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom("forecast_runs")
        .selectAll()
        .where("id", "=", row.id)
        .executeTakeFirst();
      // Saving the same run again writes (and logs) nothing.
      if (before !== undefined && canonicalJson(before) === canonicalJson(row)) return;
      await trx
        .insertInto("forecast_runs")
        .values(row)
        .onConflict((oc) => oc.column("id").doUpdateSet(rest))
        .execute();
      await appendToLog(trx, [
        { action: before === undefined ? "create" : "update", table: "forecast_runs", key: { id: row.id } },
      ]);
    });
  } catch (e) {
    throw toStoreError(store, e, `save forecast run ${run.id}`);
  }
}

/** Runs, newest first (then by id), optionally of one kind; without payloads or params. */
export async function listForecastRuns(
  store: Store,
  filter: { readonly kind?: ForecastRunKind } = {},
): Promise<ForecastRunSummary[]> {
  try {
    let q = store.db.selectFrom("forecast_runs").select(SUMMARY_COLUMNS);
    if (filter.kind !== undefined) q = q.where("kind", "=", filter.kind);
    const rows = await q.orderBy("created_at", "desc").orderBy("id").execute();
    return rows.map(summaryOf);
  } catch (e) {
    throw toStoreError(store, e, "list forecast runs");
  }
}

/** One run with its payload, or undefined. */
export async function getForecastRun(store: Store, id: string): Promise<ForecastRun | undefined> {
  try {
    const row = await store.db
      .selectFrom("forecast_runs")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row === undefined ? undefined : forecastRunRowToForecastRun(row);
  } catch (e) {
    throw toStoreError(store, e, `read forecast run ${id}`);
  }
}

/** One run with its payload but without reading its params, or undefined. */
export async function getForecastRunResult(store: Store, id: string): Promise<ForecastRunResult | undefined> {
  try {
    const row = await store.db
      .selectFrom("forecast_runs")
      .select([...SUMMARY_COLUMNS, "payload"])
      .where("id", "=", id)
      .executeTakeFirst();
    return row === undefined ? undefined : { ...summaryOf(row), payload: JSON.parse(row.payload) as unknown };
  } catch (e) {
    throw toStoreError(store, e, `read forecast run ${id}`);
  }
}
