// Server-sent events of GET /api/events for a signed-in user: `alert` (a level changed after a write) and `record`
// (a record was written). Pages subscribe to reload what they show; the connection closes itself when the
// server has no such route or the session ends (EventSource then stops, it does not retry a 404 or 401).
import { useEffect, useState } from "preact/hooks";

export interface AlertEvent {
  readonly caseId: string;
  readonly alert: Record<string, unknown>;
}

export interface RecordEvent {
  readonly caseId: string;
  readonly kind: string;
  readonly id: string;
  readonly version?: string;
  readonly op?: string;
}

type Listener = { alert?: (e: AlertEvent) => void; record?: (e: RecordEvent) => void };
const listeners = new Set<Listener>();
let source: EventSource | undefined;

function parse<T>(e: MessageEvent): T | undefined {
  try {
    return JSON.parse(String(e.data)) as T;
  } catch {
    return undefined;
  }
}

/**
 * Does the server stream events? Asked once with a request that is dropped as soon as its headers arrive, so a
 * server without the route (before issue 15's API) gets no EventSource and the console stays clean.
 */
let available: Promise<boolean> | undefined;
function eventsAvailable(): Promise<boolean> {
  available ??= (async () => {
    const ctl = new AbortController();
    try {
      const res = await fetch("/api/events", { credentials: "same-origin", signal: ctl.signal });
      const ok = res.ok && (res.headers.get("Content-Type") ?? "").startsWith("text/event-stream");
      ctl.abort();
      return ok;
    } catch {
      return false;
    }
  })();
  const p = available;
  // A refusal (signed out) may be asked again after signing in.
  void p.then((ok) => {
    if (!ok && available === p) available = undefined;
  });
  return p;
}

/** Open the stream (once), when the server has it. */
export function connectEvents(): void {
  if (source || typeof EventSource === "undefined") return;
  void eventsAvailable().then((ok) => {
    if (ok) open();
  });
}

function open(): void {
  if (source) return;
  const s = new EventSource("/api/events", { withCredentials: true });
  source = s;
  s.addEventListener("alert", (e) => {
    const d = parse<AlertEvent>(e as MessageEvent);
    if (d) for (const l of listeners) l.alert?.(d);
  });
  s.addEventListener("record", (e) => {
    const d = parse<RecordEvent>(e as MessageEvent);
    if (d) for (const l of listeners) l.record?.(d);
  });
  s.addEventListener("error", () => {
    if (s.readyState === EventSource.CLOSED && source === s) source = undefined;
  });
}

/** Close the stream (on sign-out). */
export function disconnectEvents(): void {
  source?.close();
  source = undefined;
}

/** Listen to events while mounted. */
export function useEvents(l: Listener): void {
  useEffect(() => {
    listeners.add(l);
    return () => void listeners.delete(l);
  }, [l]);
}

/** A counter that goes up on each event about `caseId` (a reload key for `useApi`). */
export function useCaseVersion(caseId: string): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const l: Listener = {
      alert: (e) => e.caseId === caseId && setN((x) => x + 1),
      record: (e) => e.caseId === caseId && setN((x) => x + 1),
    };
    listeners.add(l);
    return () => void listeners.delete(l);
  }, [caseId]);
  return n;
}
