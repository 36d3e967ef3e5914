/**
 * The domain model of Tocsin: plain, immutable types and the pure rules that belong to them.
 * @module
 */
export * from "./actor.js";
export * from "./as-of.js";
export * from "./atrocity-crime.js";
export * from "./capability.js";
export * from "./case.js";
export * from "./citation.js";
export * from "./commitment.js";
export * from "./dates.js";
export * from "./group.js";
export * from "./incident.js";
export * from "./lexicon.js";
export * from "./mandate.js";
export * from "./record.js";
export * from "./report.js";
export * from "./response.js";
export * from "./source.js";
export * from "./statement.js";
export * from "./term-match.js";
export * from "./term-normalize.js";
export * from "./tribunal.js";
export * from "./tribunal-case.js";
export * from "./timeline.js";
export * from "./warning.js";
