/**
 * Seeded pseudo-random numbers: mulberry32 (Tommy Ettinger's 32-bit generator), chosen because it is tiny,
 * fast and reproducible across platforms; not for cryptography.
 * @module
 */

/** A generator of floats in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32 seeded with a 32-bit integer.
 * @example const rng = mulberry32(42); rng() // same value on every run
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fold ids 1..k for n rows, as R's `sample(rep(seq(k), length = n))`: the balanced sequence 1,2,..,k,1,2,..
 * shuffled by Fisher–Yates with mulberry32(seed). O(n).
 * @example foldIds(5, 2, 1) // a permutation of [1, 2, 1, 2, 1]
 */
export function foldIds(n: number, k: number, seed: number): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = (i % k) + 1;
  const rng = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
  }
  return ids;
}
