// The reveal requests this browser made, so their author can come back after a colleague approved and reveal.
// Only ids are kept (never an identity), in localStorage.

export interface MyRevealRequest {
  readonly id: string;
  readonly caseId: string;
  readonly sourceId: string;
  readonly at: string;
}

const KEY = "tocsin.revealRequests";

/** The requests made from this browser, newest first. */
export function myRevealRequests(): MyRevealRequest[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? "[]") as unknown;
    return Array.isArray(v) ? (v as MyRevealRequest[]) : [];
  } catch {
    return [];
  }
}

/** Remember a request just made. */
export function rememberRevealRequest(r: MyRevealRequest): void {
  const rest = myRevealRequests().filter((x) => x.id !== r.id);
  localStorage.setItem(KEY, JSON.stringify([r, ...rest].slice(0, 50)));
}

/** Forget a request (revealed or no longer wanted). */
export function forgetRevealRequest(id: string): void {
  localStorage.setItem(KEY, JSON.stringify(myRevealRequests().filter((x) => x.id !== id)));
}
