// The dashboard's only way to the server: GET JSON from /api, problem documents turned into errors.
import { useEffect, useState } from "preact/hooks";

/** A failed API call: the problem document's code and status. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** GET a JSON document from the API. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: { Accept: "application/json" }, signal });
  const body = (await res.json().catch(() => ({}))) as { code?: string; detail?: string; title?: string };
  if (!res.ok)
    throw new ApiFailure(res.status, body.code ?? "unknown", body.detail ?? body.title ?? res.statusText);
  return body as T;
}

export type Loaded<T> =
  | { readonly state: "loading" }
  | { readonly state: "error"; readonly error: ApiFailure | Error }
  | { readonly state: "ok"; readonly data: T };

/** Load `path` (null: nothing to load) and re-load when it changes. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [s, setS] = useState<Loaded<T>>({ state: "loading" });
  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    setS({ state: "loading" });
    getJson<T>(path, ctl.signal).then(
      (data) => setS({ state: "ok", data }),
      (error: Error) => {
        if (!ctl.signal.aborted) setS({ state: "error", error });
      },
    );
    return () => ctl.abort();
  }, [path]);
  return s;
}

/** `?a=b&c=d` from defined values. */
export function qs(q: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}
