/**
 * The warning desk's storage: contact points, the deliveries outbox, answer-token hashes, follow-ups and the
 * worker lease. Its ledger records (warnings, responses) go through the API's versioned writer (`../writes`).
 * @module
 */
export * from "./answer-token.repository.js";
export * from "./contact-point.repository.js";
export type * from "./desk.table.js";
export * from "./followup.repository.js";
export * from "./outbox.repository.js";
export * from "./worker-lease.repository.js";
