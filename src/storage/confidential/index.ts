/**
 * Confidential sources at rest: their identifying fields sealed with the field key, the dual-control reveal,
 * and the ids of every confidential source (so adapters withhold the locators of citations to them).
 * @module
 */
export {
  decryptIdentityRows,
  encryptIdentityRows,
  encryptStoredIdentities,
} from "./source-identity.cipher.js";
export {
  approveReveal,
  requestReveal,
  revealIdentity,
  RevealError,
  REVEAL_APPROVAL_SECONDS,
  type RevealOptions,
} from "./source-reveal.js";
export { confidentialSourceIds } from "./confidential-sources.repository.js";
