// The dashboard's only way to the server: JSON to and from /api and /auth, problem documents turned into errors.
// A 401 on any call opens the sign-in prompt and retries the call once the user has signed in again.
import { useEffect, useRef, useState } from "preact/hooks";
import { sessionExpired } from "./auth/session.js";

/** One field problem of a problem+json answer (`path` as the server writes it, e.g. "citations[0].locator"). */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** A failed API call: the problem document's code and status, its field problems and its whole body. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A successful answer: its status, body and ETag. */
export interface Answer<T> {
  readonly status: number;
  readonly body: T;
  readonly etag: string | undefined;
}

type ProblemBody = {
  code?: string;
  detail?: string;
  title?: string;
  problems?: unknown;
  invalidParams?: unknown;
};

function fieldProblems(b: ProblemBody): FieldProblem[] {
  const list = Array.isArray(b.problems) ? b.problems : Array.isArray(b.invalidParams) ? b.invalidParams : [];
  return list.flatMap((p: unknown) => {
    if (p === null || typeof p !== "object") return [];
    const o = p as { path?: unknown; name?: unknown; message?: unknown; reason?: unknown };
    const path = typeof o.path === "string" ? o.path : typeof o.name === "string" ? o.name : "";
    const message = typeof o.message === "string" ? o.message : typeof o.reason === "string" ? o.reason : "";
    return message ? [{ path, message }] : [];
  });
}

/** Turn a failed response into an {@link ApiFailure}. */
async function failure(res: Response): Promise<ApiFailure> {
  const body = (await res.json().catch(() => ({}))) as ProblemBody & Record<string, unknown>;
  return new ApiFailure(
    res.status,
    body.code ?? "unknown",
    body.detail ?? body.title ?? res.statusText,
    fieldProblems(body),
    body,
  );
}

/** Paths whose 401 means "wrong credentials", not "session over": they never open the prompt. */
const NO_PROMPT = ["/auth/login", "/auth/me", "/auth/logout"];

/**
 * Send a request. On 401 (outside login) the sign-in prompt opens and the same request is sent again after
 * the user signs in; cancelling the prompt fails the call with the 401.
 */
export async function send<T>(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Answer<T>> {
  for (;;) {
    const res = await fetch(path, {
      method,
      headers: {
        Accept: "application/json",
        ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      credentials: "same-origin",
      signal: options.signal,
    });
    if (res.ok) {
      const text = res.status === 204 ? "" : await res.text();
      return {
        status: res.status,
        body: (text ? JSON.parse(text) : undefined) as T,
        etag: res.headers.get("ETag") ?? undefined,
      };
    }
    const err = await failure(res);
    if (res.status !== 401 || NO_PROMPT.includes(path.split("?")[0] ?? "")) throw err;
    try {
      await sessionExpired();
    } catch {
      throw err;
    }
  }
}

/** GET a JSON document from the API. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await send<T>("GET", path, signal ? { signal } : {})).body;
}

export type Loaded<T> =
  | { readonly state: "loading" }
  | { readonly state: "error"; readonly error: ApiFailure | Error }
  | { readonly state: "ok"; readonly data: T };

/** Load `path` (null: nothing to load) and re-load when it or `reload` changes. */
export function useApi<T>(path: string | null, reload: unknown = 0): Loaded<T> {
  const [s, setS] = useState<Loaded<T>>({ state: "loading" });
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    // A reload of the same path keeps what is shown until the new answer arrives (no flicker on live updates).
    if (shown.current !== path) setS({ state: "loading" });
    shown.current = path;
    getJson<T>(path, ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setS({ state: "ok", data });
      },
      (error: Error) => {
        if (!ctl.signal.aborted) setS({ state: "error", error });
      },
    );
    return () => ctl.abort();
  }, [path, reload]);
  return s;
}

/** `?a=b&c=d` from defined values. */
export function qs(q: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}
