// Who is signed in, kept in memory only (the session itself is the server's HttpOnly cookie), and the sign-in
// prompt any API call can open when the server answers 401: the caller waits for the user to sign in again, so
// pages and forms stay mounted and keep their unsaved input.
import { useEffect, useState } from "preact/hooks";
import { can, type Permission } from "../../../src/security/roles.js";

/** The signed-in user. `role` is undefined when the server cannot tell it (no GET /auth/me yet). */
export interface SignedIn {
  readonly name: string;
  readonly id?: string;
  readonly role?: string;
  readonly expiresAt?: string;
}

export interface SessionState {
  readonly user: SignedIn | null;
  /** Whether the sign-in prompt is open, and why ("expired": a call was refused with 401). */
  readonly prompt: "closed" | "asked" | "expired";
  /** Whether GET /auth/me answered (undefined: not tried yet). */
  readonly meAvailable: boolean | undefined;
}

let state: SessionState = { user: null, prompt: "closed", meAvailable: undefined };
const listeners = new Set<(s: SessionState) => void>();
let waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];

function set(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l(state);
}

/** The current session state (outside components). */
export function session(): SessionState {
  return state;
}

/** The session state, re-rendering on change. */
export function useSession(): SessionState {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.add(setS);
    setS(state);
    return () => void listeners.delete(setS);
  }, []);
  return s;
}

/**
 * A hint, kept in the browser, that this browser signed in: the session cookie itself cannot be read (HttpOnly),
 * and asking the server on every page load would log a refused request for every visitor of a public instance.
 */
const HINT = "tocsin.signed-in";

/** Whether this browser may hold a session worth asking the server about. */
export function maySignedIn(): boolean {
  try {
    return localStorage.getItem(HINT) === "1";
  } catch {
    return true;
  }
}

function hint(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT, "1");
    else localStorage.removeItem(HINT);
  } catch {
    // Storage refused (private mode): the server is asked on every load instead.
  }
}

/** Record a successful sign-in: close the prompt and let every waiting call retry. */
export function signedIn(user: SignedIn, meAvailable?: boolean): void {
  hint(true);
  set({ user, prompt: "closed", ...(meAvailable !== undefined ? { meAvailable } : {}) });
  const w = waiting;
  waiting = [];
  for (const x of w) x.resolve();
}

/** Forget the user (after sign-out, or when GET /auth/me says no session). */
export function signedOut(meAvailable?: boolean): void {
  hint(false);
  set({ user: null, ...(meAvailable !== undefined ? { meAvailable } : {}) });
}

/** Open the sign-in prompt on the user's request. */
export function askSignIn(): void {
  set({ prompt: "asked" });
}

/** Close the prompt without signing in: every call waiting for it fails with its 401. */
export function cancelSignIn(): void {
  set({ prompt: "closed" });
  const w = waiting;
  waiting = [];
  for (const x of w) x.reject(new Error("sign-in cancelled"));
}

/**
 * A call was refused with 401: the session is over (or there never was one). Opens the prompt and resolves
 * once the user has signed in again (rejects if they cancel).
 */
export function sessionExpired(): Promise<void> {
  // "expired" only when someone was signed in; a first visit to a private instance just asks.
  set({ user: null, prompt: state.user !== null || state.prompt === "expired" ? "expired" : "asked" });
  return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
}

/**
 * Should the dashboard offer this user a control that needs `permission`? Only to roles that hold it. When the
 * server cannot say the role (no GET /auth/me), a signed-in user is offered the control and the server, which
 * always checks, refuses it with 403 if the role lacks it.
 */
export function userMay(user: SignedIn | null, permission: Permission): boolean {
  if (user === null) return false;
  return user.role === undefined ? true : can(user.role, permission);
}
