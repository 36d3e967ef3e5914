/**
 * Reads of the store's version shared between concurrent requests, without ever answering a request with a
 * version read before it arrived: a request joins the read queued behind the running one, never the running
 * one itself (that read may have started before a write this request's client has just seen committed). So
 * at most one read runs and one waits, whatever the number of concurrent requests.
 * @module
 */

/**
 * Coalesces calls of `read` (e.g. `() => storeVersion(store)`).
 * @example const versions = new VersionReader(() => storeVersion(store)); const v = await versions.current();
 */
export class VersionReader<T> {
  #running?: Promise<T>;
  #queued?: Promise<T>;

  constructor(private readonly read: () => Promise<T>) {}

  /** The value of a read that started after this call. A failed read fails its callers only. */
  current(): Promise<T> {
    if (this.#queued) return this.#queued;
    const running = this.#running;
    if (!running) return this.#start();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    const queued = settled.then(() => {
      this.#queued = undefined;
      return this.#start();
    });
    this.#queued = queued;
    return queued;
  }

  #start(): Promise<T> {
    const p = this.read();
    this.#running = p;
    const clear = () => {
      if (this.#running === p) this.#running = undefined;
    };
    p.then(clear, clear);
    return p;
  }
}
