/**
 * Reads of the store's version shared between concurrent requests, without ever answering a request with a
 * version read before it arrived: a request joins the read queued behind the running one, never the running
 * one itself (that read may have started before a write this request's client has just seen committed). So
 * at most one read runs and one waits, whatever the number of concurrent requests.
 * With a change mark (storage/store-changes.ts) most requests read nothing: the last version read is kept with
 * the mark taken when its read started, and served while the mark has not moved — a commit since then, here
 * or (once heard) in another process, moves the mark, and the next request reads again.
 * @module
 */

/**
 * Coalesces calls of `read` (e.g. `() => storeVersion(store)`), and skips them while `mark` stays the same.
 * @example const versions = new VersionReader(() => storeVersion(store), () => store.changes?.mark()); const v = await versions.current();
 */
export class VersionReader<T> {
  #running?: Promise<T>;
  #queued?: Promise<T>;
  #known?: { readonly mark: string; readonly value: T };

  /**
   * @param read reads the version from the store.
   * @param mark the store's change mark (undefined: unknown, read every time).
   * @param readNow reads the version synchronously when it can (undefined: it cannot now, use `read`).
   */
  constructor(
    private readonly read: () => Promise<T>,
    private readonly mark: () => string | undefined = () => undefined,
    private readonly readNow: () => T | undefined = () => undefined,
  ) {}

  /** The value of a read that started after this call, or after the last commit. A failed read fails its callers only. */
  current(): Promise<T> {
    const known = this.#known;
    const mark = this.mark();
    if (mark !== undefined) {
      if (known !== undefined && known.mark === mark) return Promise.resolve(known.value);
      // The mark and a synchronous read taken in the same instant: nothing can commit in between.
      const now = this.readNow();
      if (now !== undefined) {
        this.#known = { mark, value: now };
        return Promise.resolve(now);
      }
    }
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
    // The mark before the read: a commit during the read moves the mark, so its value is not trusted for long.
    const mark = this.mark();
    const p = this.read();
    this.#running = p;
    const clear = () => {
      if (this.#running === p) this.#running = undefined;
    };
    p.then((value) => {
      this.#known = mark === undefined ? undefined : { mark, value };
      clear();
    }, clear);
    return p;
  }
}
