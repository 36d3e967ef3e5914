/**
 * How far V8 lets the heap grow between full collections. By default it may grow to several times what is live
 * when the program allocates fast, which a streaming import does: its live data stays near 50 MB while the heap
 * it holds swings up to 190 MB, and the process past 300 MB. Bounding the growth keeps the heap near its live
 * size for a little more collection work (measured on a 100,000-row UCDP GED import: peak RSS 304 → 211 MB,
 * CPU within the noise of a shared machine). Set at run time: V8 reads the flag at every collection.
 * @module
 */
import { setFlagsFromString } from "node:v8";

/**
 * Let the heap grow by at most `percent` of its live size between full collections (V8's
 * `--heap-growing-percent`), for the rest of the process.
 * @example boundHeapGrowth(50)
 */
export function boundHeapGrowth(percent: number): void {
  setFlagsFromString(`--heap-growing-percent=${Math.max(1, Math.round(percent))}`);
}
