// Reads a text/event-stream body (GET /api/events) in tests and benchmarks: each `event:`/`data:` block is handed
// over with its data parsed as JSON. The server writes one data line per event, so that is all this reads.

export interface SseEvent {
  readonly event: string;
  /** Null for an event without a data line. */
  readonly data: Record<string, unknown> | null;
}

/** Read `body` until it ends or `stop` is called; `onEvent` gets each event as it arrives. */
export function readSse(
  body: ReadableStream<Uint8Array>,
  onEvent: (e: SseEvent) => void,
): { stop: () => Promise<void> } {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/mu.exec(block)?.[1] ?? "message";
        const data = /^data: (.*)$/mu.exec(block)?.[1];
        onEvent({ event, data: data ? (JSON.parse(data) as Record<string, unknown>) : null });
      }
    }
  })();
  return {
    stop: async () => {
      await reader.cancel();
      await pump;
    },
  };
}
