// The auth calls: POST /auth/login (password, then the TOTP code when the server asks for it), GET /auth/me
// (feature-detected: before it exists the user typed at login is kept in memory), POST /auth/logout.
import { ApiFailure, send } from "../api.js";
import { maySignedIn, signedIn, signedOut, type SignedIn } from "./session.js";

/** What a login attempt came to. */
export type LoginOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: "second-factor" | "not-enrolled" | "invalid" | "throttled" | "other";
      readonly message: string;
    };

interface MeAnswer {
  user: { id: string; name: string; role: string };
  expiresAt?: string;
}

/**
 * Ask the server who is signed in. `null`: nobody (401); `undefined`: the server has no GET /auth/me (404).
 * @example const me = await fetchMe(); if (me) show(me.name);
 */
export async function fetchMe(): Promise<SignedIn | null | undefined> {
  try {
    const { body } = await send<MeAnswer>("GET", "/auth/me");
    return {
      id: body.user.id,
      name: body.user.name,
      role: body.user.role,
      ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}),
    };
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 404) return undefined;
    if (e instanceof ApiFailure && e.status === 401) return null;
    throw e;
  }
}

/** On load: pick up a session the browser still has (only knowable through GET /auth/me). */
export async function restoreSession(): Promise<void> {
  // A browser that never signed in here has no session to pick up: nothing to ask.
  if (!maySignedIn()) {
    signedOut();
    return;
  }
  const me = await fetchMe().catch(() => null);
  if (me) signedIn(me, true);
  else signedOut(me === null);
}

function outcomeOf(e: ApiFailure): LoginOutcome {
  const title = typeof e.body.title === "string" ? e.body.title : e.message;
  if (e.status === 429) return { ok: false, reason: "throttled", message: title };
  if (e.status === 401 && /second factor required/iu.test(title))
    return { ok: false, reason: "second-factor", message: title };
  if (e.status === 401 && /not enrolled/iu.test(title))
    return { ok: false, reason: "not-enrolled", message: title };
  if (e.status === 401) return { ok: false, reason: "invalid", message: title };
  return { ok: false, reason: "other", message: title };
}

/** Log in; on success the signed-in user is known (from GET /auth/me, else by the name typed). */
export async function login(username: string, password: string, totp?: string): Promise<LoginOutcome> {
  try {
    const { body } = await send<{ ok: true; user?: MeAnswer["user"] }>("POST", "/auth/login", {
      body: { username, password, ...(totp ? { totp } : {}) },
    });
    const me = await fetchMe().catch(() => undefined);
    if (me) signedIn(me, true);
    else if (body.user) signedIn({ id: body.user.id, name: body.user.name, role: body.user.role }, false);
    else signedIn({ name: username }, false);
    return { ok: true };
  } catch (e) {
    if (e instanceof ApiFailure) return outcomeOf(e);
    return { ok: false, reason: "other", message: e instanceof Error ? e.message : String(e) };
  }
}

/** Log out (the cookie is cleared by the server) and forget the user. */
export async function logout(): Promise<void> {
  await send("POST", "/auth/logout").catch(() => undefined);
  signedOut();
}
