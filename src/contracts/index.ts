/** Zod schemas at the edges: case files, importers and the API parse with these. @module */
export * from "./actor.schema.js";
export * from "./case.schema.js";
export * from "./case-format.js";
export * from "./common.schema.js";
export * from "./incident.schema.js";
export * from "./lexicon.schema.js";
export * from "./mandate.schema.js";
export * from "./report.schema.js";
export * from "./source.schema.js";
export * from "./statement.schema.js";
export * from "./tribunal.schema.js";
export * from "./warning.schema.js";
export * from "./backfill.schema.js";
