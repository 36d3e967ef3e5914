/**
 * The storage side of trust: the tamper-evident log (append hook, checkpoints, verification, proofs) and the
 * encryption of source identities at rest.
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
export {
  decryptIdentityRows,
  encryptIdentityRows,
  encryptStoredIdentities,
} from "./source-identity.cipher.js";
export {
  AccountError,
  addUser,
  apiTokenPrincipal,
  countAdmins,
  createApiToken,
  createSession,
  deleteSession,
  disableUser,
  findUser,
  listUsers,
  markTotpStep,
  normaliseUsername,
  recordAudit,
  sessionPrincipal,
  setRole,
  setTotpSecret,
  type Principal,
} from "./account.repository.js";
export { authPortFor, decryptTotpSecret, encryptTotpSecret, loginDepsFor } from "./auth-wiring.js";
export {
  approveReveal,
  requestReveal,
  revealIdentity,
  RevealError,
  REVEAL_APPROVAL_SECONDS,
  type RevealOptions,
} from "./source-reveal.js";
export {
  DEFAULT_LOG_NAME,
  encryptingCodec,
  fieldKeyFileOf,
  installFieldKey,
  initLogKey,
  installLogKey,
  isServerLocation,
  keyDirOf,
  keySettingsFromEnv,
  logKeyFileOf,
  serverStoreId,
  type KeySettings,
} from "./install-keys.js";
