/**
 * The answer of one route, query and viewer class across store versions: the latest computed answer, and at
 * most one computation running and one queued. A request reading at version v is served the latest answer
 * when it was computed at v; otherwise it joins the running computation when that one reads at v, or else the
 * queued one, which starts (and reads the store's version) only after the running one ends. So every request
 * gets an answer computed from data read after it arrived or at the version it read — a write its client saw
 * committed is always in it — while a burst of writes costs one computation at a time, not one per request.
 * With a staleness bound (maxStaleMs) a request may instead be given the latest answer at once, unless it says
 * it needs a newer one (`acceptStale`: a client reading its own write, http/cache/version-headers.ts).
 * @module
 */
/** A serialised answer and its entity tag (http/cache/cached-answer.ts). */
export interface CachedAnswer {
  /** The JSON, as text or as its UTF-8 bytes (encoded once, not on every response). */
  readonly body: string | Uint8Array;
  readonly etag: string;
}

/** An answer and the store version it was computed at. */
export interface VersionedAnswer {
  readonly version: string;
  readonly answer: CachedAnswer;
}

/**
 * One slot. `compute(version)` computes the answer at `version`, or at a version it reads itself when called
 * with undefined (a queued computation), and resolves with the version used.
 * @example const { answer } = await slot.at("17.1", (v) => computeAt(v));
 */
export class AnswerSlot {
  #latest?: VersionedAnswer;
  #latestAt = 0;

  /**
   * @param maxStaleMs how long after it was computed the latest answer may still be served to a request that
   *   read a newer version, while the new answer is computed in the background (default 0: never).
   * @param now a monotonic clock in ms (default `performance.now`).
   */
  constructor(
    private readonly maxStaleMs = 0,
    private readonly now: () => number = () => performance.now(),
  ) {}
  #running?: { readonly version: string | undefined; readonly done: Promise<VersionedAnswer> };
  #queued?: Promise<VersionedAnswer>;

  /**
   * The answer for a request that read the store at `version`. `acceptStale` says whether this request may be
   * given the latest answer although it is older than `version` (default: yes, within the staleness bound); a
   * client that must see its own write says no for answers older than that write.
   */
  at(
    version: string,
    compute: (version: string | undefined) => Promise<VersionedAnswer>,
    acceptStale: (latest: VersionedAnswer) => boolean = () => true,
  ): Promise<VersionedAnswer> {
    const latest = this.#latest;
    if (latest?.version === version) return Promise.resolve(latest);
    if (
      latest &&
      this.maxStaleMs > 0 &&
      this.now() - this.#latestAt <= this.maxStaleMs &&
      acceptStale(latest)
    ) {
      // Stale-while-revalidate, only when configured: start (or queue) the new computation, answer at once.
      this.#fresh(version, compute).catch(() => undefined);
      return Promise.resolve(latest);
    }
    return this.#fresh(version, compute);
  }

  #fresh(
    version: string,
    compute: (version: string | undefined) => Promise<VersionedAnswer>,
  ): Promise<VersionedAnswer> {
    const running = this.#running;
    if (running && running.version === version) return running.done;
    if (!running) return this.#start(version, compute);
    if (this.#queued) return this.#queued;
    const queued = running.done
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.#queued = undefined;
        return this.#start(undefined, compute);
      });
    this.#queued = queued;
    return queued;
  }

  #start(
    version: string | undefined,
    compute: (version: string | undefined) => Promise<VersionedAnswer>,
  ): Promise<VersionedAnswer> {
    const done = compute(version);
    const running = { version, done };
    this.#running = running;
    done.then(
      (a) => {
        this.#latest = a;
        this.#latestAt = this.now();
        if (this.#running === running) this.#running = undefined;
      },
      () => {
        if (this.#running === running) this.#running = undefined;
      },
    );
    return done;
  }
}
