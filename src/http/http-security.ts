/**
 * What the HTTP app needs to run accounts and trust routes, injected by the composition root: the instance
 * mode, the field key (TOTP secrets, protected identities) and the log's verifier key.
 * @module
 */
import type { NoteSigner, NoteVerifier } from "../integrity/signed-note.js";
import type { LoginThrottle } from "../security/login-throttle.js";

/** `public`: read-only redacted pages and API, login available. `private`: every route but login and health needs a session. */
export type InstanceMode = "public" | "private";

/** The instance modes, for parsing a flag. */
export const INSTANCE_MODES: readonly InstanceMode[] = ["public", "private"];

export interface HttpSecurity {
  readonly mode: InstanceMode;
  /** Decrypts TOTP secrets and, through the dual-control reveal, a protected identity. */
  readonly fieldKey: Buffer;
  /** The log's verifier key, to serve signed checkpoints and receipts. */
  readonly verifier?: NoteVerifier;
  /** The log's signing key: a write through the API (a reveal step) is checkpointed at once when given. */
  readonly signer?: NoteSigner;
  /** The clock (default: the system clock). */
  readonly clock?: () => Date;
  /** Login throttle (default: a fresh in-memory one per app). */
  readonly throttle?: LoginThrottle;
}

/** The paths a private instance still answers without a session. */
// The answer pages need no account: the personal link is the credential (see docs/notify.md).
export const PRIVATE_PUBLIC_PATHS: readonly string[] = [
  "/api/health",
  "/auth/login",
  "/auth/logout",
  "/answer/*",
];
