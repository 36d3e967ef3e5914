/**
 * The early-warning engine: rulebook checks, assessments against the level criteria, alerts and replay. Pure: no
 * I/O, no clock.
 * @module
 */
export * from "./alert.js";
export * from "./assess.js";
export * from "./assessment.js";
export * from "./check-rulebook.js";
export * from "./confidence.js";
export * from "./criteria/criteria-plan.js";
export * from "./criteria/evaluate-criteria.js";
export * from "./evidence.js";
export * from "./evidence-extractor.js";
export * from "./extract-evidence.js";
export * from "./feed-order.js";
export * from "./replay.js";
export * from "./live-levels.js";
export * from "./replay-run.js";
export * from "./rulebook.js";
export * from "./event-series.js";
export * from "./series-evidence.js";
