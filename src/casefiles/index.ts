/** Case folders on disk: reading and validating them, the built-in cases, and their JSON Schema. @module */
export * from "./built-in-cases.js";
export * from "./json-schema.js";
export * from "./read-case-folder.js";
export * from "./case-folder-files.js";
export * from "./write-case-folder.js";
export * from "./read-backfill-marks.js";
