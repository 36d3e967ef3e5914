/**
 * The aggregation of imported incidents into monthly indicator series lives in the pure core
 * (`src/engine/event-series.ts`), where the engine's `series` mappings use it; re-exported here for importers.
 * @module
 */
export { eventsOf } from "../../domain/index.js";
export {
  aggregateIndicators,
  isOneSided,
  ONE_SIDED_ACTS,
  type AggregateOptions,
  type IndicatorPoint,
  type IndicatorSeries,
  type SeriesSituation as Situation,
} from "../../engine/event-series.js";
