/**
 * A bounded map that forgets its least recently used entry: the memo behind the API's analysis and answer
 * caches. A JavaScript Map keeps insertion order, so "use" is a delete and re-insert and the oldest entry is
 * the first key. get, set and eviction run in O(1).
 * @module
 */

/**
 * A least-recently-used map holding at most `capacity` entries.
 * @example const m = new LruMap<string, number>(2); m.set("a", 1); m.set("b", 2); m.get("a"); m.set("c", 3); m.has("b") // false
 */
export class LruMap<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`LruMap: capacity must be a positive integer (got ${capacity})`);
  }

  /** How many entries are held (never more than `capacity`). */
  get size(): number {
    return this.#entries.size;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** The value for `key`, which becomes the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Store `value` as the most recently used, evicting the least recently used entry when full. */
  set(key: K, value: V): this {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    return this;
  }

  /** The value for `key`, or `make()`'s, stored. */
  getOrSet(key: K, make: () => V): V {
    if (this.#entries.has(key)) return this.get(key) as V;
    const value = make();
    this.set(key, value);
    return value;
  }

  /** Remove `key`'s entry. @returns whether there was one. */
  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  /** Remove every entry whose key satisfies `drop`. Runs in O(size). */
  deleteWhere(drop: (key: K) => boolean): void {
    for (const k of [...this.#entries.keys()]) if (drop(k)) this.#entries.delete(k);
  }
}
