/**
 * What the write routes tell after each committed write, and what the event stream listens to: an interface
 * the live adapter (src/http/live/live-assessor.ts) implements, so the routes never know how levels are assessed.
 * @module
 */

/** A write that committed. Ids and versions only: never record content. */
export interface CommittedWrite {
  readonly caseId: string;
  readonly kind: string;
  readonly id: string;
  readonly version: string | null;
  readonly op: "create" | "update" | "delete";
  /** The user id who wrote. */
  readonly actor: string;
}

/** One server-sent event: `record` after a write, `alert` when a live assessment changed a level. */
export type LiveEvent =
  | { readonly event: "record"; readonly data: Omit<CommittedWrite, "actor"> }
  | { readonly event: "alert"; readonly data: { readonly caseId: string; readonly alert: object } };

export interface LiveUpdates {
  /** Called after each committed write (must not throw: the write has committed already). */
  afterWrite(w: CommittedWrite): void;
  /** Listen to events; returns the function that stops listening. */
  subscribe(listener: (e: LiveEvent) => void): () => void;
}

/**
 * A plain in-memory fan-out of events: the record events of writes, no assessment. The live assessor wraps it.
 * @example const hub = new EventHub(); const stop = hub.subscribe(console.log); hub.publish({ event: "record", data })
 */
export class EventHub implements LiveUpdates {
  private readonly listeners = new Set<(e: LiveEvent) => void>();

  afterWrite(w: CommittedWrite): void {
    const { actor: _who, ...data } = w;
    this.publish({ event: "record", data });
  }

  publish(e: LiveEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A listener that fails (a closed stream) must not stop the others.
      }
    }
  }

  subscribe(listener: (e: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
