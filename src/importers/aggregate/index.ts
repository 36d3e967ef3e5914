/** Pure aggregation of imported incidents into the indicator series the engine consumes. @module */
export { aggregateIndicators } from "./aggregate-indicators.js";
export type { AggregateOptions, IndicatorPoint, IndicatorSeries, Situation } from "./indicator-series.js";
export { eventsOf, isOneSided, ONE_SIDED_ACTS } from "./one-sided.js";
