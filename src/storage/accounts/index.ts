/**
 * Accounts: users and roles, sessions, API tokens, TOTP secrets (sealed with the field key) and the audit trail,
 * and the wiring of the HTTP authentication ports to them.
 * @module
 */
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
export type { ApiTokenRow, AuditEventRow, SessionRow, UserRow } from "./account.table.js";
