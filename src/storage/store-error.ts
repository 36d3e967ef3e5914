/**
 * Named storage errors with stable codes, and the one function that makes a store location safe to print.
 * @module
 */

/** Stable codes; callers (CLI, HTTP) map them to exit codes and answers. Never renumber or rename. */
export const STORE_ERROR_CODES = [
  "STORE_CORRUPT",
  "STORE_LOCKED",
  "STORE_UNREACHABLE",
  "STORE_READONLY",
  "STORE_MIGRATION_FAILED",
  "STORE_UNSAFE",
  "STORE_WRITE_FAILED",
  "STORE_UNSUPPORTED",
  "STORE_LEASE_LOST",
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/**
 * A storage failure a user can act on. The message names the location (with any password removed) and says
 * what to do; the driver error, if any, is kept as `cause` for logs, never shown alone.
 * @example new StoreError("STORE_LOCKED", "./tocsin.db is locked by another process")
 */
export class StoreError extends Error {
  override readonly name = "StoreError";
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `e` is a {@link StoreError}, optionally with the given code. */
export function isStoreError(e: unknown, code?: StoreErrorCode): e is StoreError {
  return e instanceof StoreError && (code === undefined || e.code === code);
}

/**
 * The location as it may be printed: a PostgreSQL URL loses its password (and any query string, which may
 * hold one too); a file path is returned unchanged.
 * @example redactLocation("postgres://u:secret@h/db") // "postgres://u:***@h/db"
 */
export function redactLocation(location: string): string {
  if (!/^postgres(ql)?:\/\//i.test(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = "***";
    const keep = url.searchParams.get("schema");
    url.search = keep ? `?schema=${encodeURIComponent(keep)}` : "";
    return url.toString();
  } catch {
    // An unparsable URL may still hold a password between ':' and '@': cut everything before the host.
    const at = location.lastIndexOf("@");
    return at >= 0 ? `postgres://***@${location.slice(at + 1).split("?")[0]}` : "postgres://(unparsable URL)";
  }
}

/** Remove every occurrence of `secret` from a driver message before it reaches a user. */
export function scrub(message: string, secret: string | undefined): string {
  if (!secret) return message;
  return message.split(secret).join("***");
}
