/**
 * A fixed-window request counter per key, in memory (one process), for the answer pages.
 * @module
 */

/** At most `limit` requests per `windowMs` per key. */
export class RateWindow {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Count a request at `nowMs`; false when the key is over its limit. */
  allow(key: string, nowMs: number): boolean {
    if (this.windows.size > 10_000) this.prune(nowMs);
    const w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      this.windows.set(key, { start: nowMs, count: 1 });
      return true;
    }
    w.count += 1;
    return w.count <= this.limit;
  }

  private prune(nowMs: number): void {
    for (const [k, w] of this.windows) if (nowMs - w.start >= this.windowMs) this.windows.delete(k);
  }
}
