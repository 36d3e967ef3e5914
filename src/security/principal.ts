/**
 * Who is acting on a request: the user a session cookie or an API token resolves to.
 * @module
 */
import type { Role } from "./roles.js";

export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  /** True when this session passed TOTP (API tokens: false, so they never read protected identities). */
  readonly secondFactor: boolean;
  readonly via: "session" | "token";
  /** When the session (or token) ends, ISO time; absent when it does not. */
  readonly expiresAt?: string;
}
