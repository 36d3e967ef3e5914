// Hash routing: every view is a URL such as #/case/rwanda-1990-1994/timeline?from=1994-01-01 (deep-linkable,
// works from a static file server, no server-side fallback needed).
import { useEffect, useState } from "preact/hooks";

export interface Route {
  /** Path segments after "#/". */
  readonly parts: readonly string[];
  readonly query: URLSearchParams;
}

/** Parse a location hash. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, "");
  const [path = "", search = ""] = raw.split("?", 2);
  return {
    parts: path.split("/").filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(search),
  };
}

/** Build a hash link from path segments and query values (empty values are left out). */
export function href(parts: readonly string[], query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  return `#/${parts.map(encodeURIComponent).join("/")}${s ? `?${s}` : ""}`;
}

/** The current route, updated on hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  return route;
}

/** Go to a route (adds a history entry). */
export function navigate(to: string): void {
  location.hash = to.replace(/^#/, "");
}
