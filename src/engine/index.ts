/**
 * The early-warning engine: rulebook checks, assessments, alerts and replay. Pure: no I/O, no clock.
 * @module
 */
export * from "./alert.js";
export * from "./assess.js";
export * from "./assessment.js";
export * from "./check-rulebook.js";
export * from "./evidence.js";
export * from "./replay.js";
export * from "./rulebook.js";
export * from "./event-series.js";
export * from "./series-evidence.js";
