/**
 * Audit log lines: one JSON object per line (UTC time, actor, action, target, outcome, reason). JSON escaping
 * makes newline injection impossible (a hostile username or path cannot start a forged line), and a
 * redaction pass removes every secret-looking field, and every API token written anywhere, before anything
 * is written.
 * @module
 */

/** What an audit line records. */
export interface AuditEvent {
  /** UTC ISO-8601 time, taken from the caller's clock. */
  readonly at: string;
  /** Who: a user id, `anonymous`, or `system`. */
  readonly actor: string;
  /**
   * What: `login.ok`, `login.failed`, `source.reveal`, `user.role`, …; for a request the HTTP layer refused,
   * the method and route pattern (`POST /api/reveal-requests/:id/approve`).
   */
  readonly action: string;
  /** On what: a record id, a request path or a user id. */
  readonly target?: string;
  readonly outcome?: "ok" | "denied" | "failed";
  /** Why a denial or failure happened (a fixed text, never a credential). */
  readonly reason?: string;
  /** The HTTP status answered, for requests. */
  readonly status?: number;
  readonly ip?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Field names that never reach a log, at any depth (case-insensitive substring match). */
const SECRET_KEYS =
  /pass(word)?|secret|token|totp|otp|cookie|session|authori[sz]ation|api[-_]?key|private|credential|seed/iu;

/** The marker written instead of a redacted value. */
export const REDACTED = "[redacted]";

/** An API token (`tcn_` + base64url, see secret-token.ts) pasted into any value, e.g. a URL path. */
const API_TOKEN = /tcn_[A-Za-z0-9_-]{8,}/gu;

/**
 * A deep copy of `value` with every secret-named field, and every API token inside a string, replaced by
 * {@link REDACTED}.
 * @example redactSecrets({ user: "a", password: "x" }) // { user: "a", password: "[redacted]" }
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEYS.test(k) ? REDACTED : redactSecrets(v, depth + 1);
    return out;
  }
  return typeof value === "string" ? value.replace(API_TOKEN, REDACTED) : value;
}

/**
 * Encode one event as exactly one line ending in "\n". JSON escapes CR, LF and every other control character;
 * NEL (U+0085) and U+2028/U+2029 are escaped too, since some readers (e.g. Python's `splitlines`) treat them
 * as line breaks.
 */
export function encodeAuditLine(event: AuditEvent): string {
  const json = JSON.stringify(redactSecrets(event)).replace(
    /[\u0085\u2028\u2029]/gu,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `${json}\n`;
}

/** Parse a line back (for `tocsin audit` readers and tests); undefined when it is not one JSON object. */
export function decodeAuditLine(line: string): AuditEvent | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as AuditEvent) : undefined;
  } catch {
    return undefined;
  }
}
