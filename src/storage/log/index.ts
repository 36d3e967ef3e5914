/**
 * The tamper-evident log: the write hook that appends every stored row as a leaf of an RFC 9162 Merkle tree,
 * signed checkpoints, verification against the tables, inclusion and consistency proofs.
 * @module
 */
export { appendToLog, LOG_ACTIONS, type LeafData, type LogAction, type LogEntry } from "./log-append.js";
export { checkpointLog, latestCheckpoint } from "./log-checkpoint.js";
export {
  verifyLog,
  itemName,
  LOG_PROBLEM_CODES,
  type LogProblem,
  type LogProblemCode,
  type LogVerifyReport,
} from "./log-verify.js";
export { checkHeldCheckpoint, findLeaf, logConsistency, logReceipt, LogProofError } from "./log-proof.js";
export { keyText, rowContentHash, type RowKey } from "./logged-content.js";
export { logCaseLoad, type KindChanges } from "./log-case-load.js";
