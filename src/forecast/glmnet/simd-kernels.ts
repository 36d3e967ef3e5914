/**
 * The solver's inner loops as WebAssembly SIMD (f64x2) kernels over one linear memory: dense and gathered dot
 * products, residual updates and weighted moments ({@link ./simd-linalg.ts}) and the IRLS refresh with its
 * exponential ({@link ./simd-irls.ts}). Each kernel performs the same floating-point operations in the same order
 * as the scalar loop it replaces, so results are bit-identical; only the speed differs. The module (about 4 kB) is
 * encoded by code ({@link ./wasm-encoder.ts}) and compiled synchronously at import; no I/O. Requires WebAssembly
 * SIMD (Node ≥ 16.4).
 * All pointers are byte offsets into {@link kernelMemory}; lengths count elements.
 * @module
 */
import { expFunction, irlsFunction } from "./simd-irls.js";
import { linalgFunctions } from "./simd-linalg.js";
import { encodeModule } from "./wasm-encoder.js";

/** The encoded module (exported for its tests). */
export const KERNEL_MODULE_BYTES: Uint8Array<ArrayBuffer> = encodeModule(
  [...linalgFunctions, irlsFunction, expFunction],
  1,
);

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  /** Σ a[t]·b[t], t < n. */
  readonly dot: (a: number, b: number, n: number) => number;
  /** r[t] −= d·vv[t], t < n. */
  readonly axpy: (r: number, vv: number, d: number, n: number) => void;
  /** r[t] −= d·vv[t], then Σ r[t]·x[t], t < n. */
  readonly axpyDot: (r: number, vv: number, d: number, x: number, n: number) => number;
  /** Σ r[idx[t]]·val[t], t < m. */
  readonly gatherDot: (r: number, idx: number, val: number, m: number) => number;
  /** r[idx[t]] −= d·vv[t], t < m. */
  readonly scatterAxpy: (r: number, idx: number, vv: number, d: number, m: number) => void;
  /** vv[t] = v[t]·val[t]; out = [Σ vv, Σ vv·val], t < n. */
  readonly denseMoments: (v: number, val: number, vv: number, n: number, out: number) => void;
  /** vv[t] = v[idx[t]]·val[t]; out = [Σ vv, Σ vv·val], t < m. */
  readonly sparseMoments: (v: number, idx: number, val: number, vv: number, m: number, out: number) => void;
  /** The IRLS refresh (see {@link irlsFunction}). */
  readonly irls: (
    eta: number,
    w: number,
    y: number,
    q: number,
    v: number,
    rt: number,
    n: number,
    fmax: number,
    out: number,
  ) => void;
  /** out[t] = exp(x[t]), bit-identical to Math.exp. */
  readonly exp: (x: number, out: number, n: number) => void;
}

const instance = new WebAssembly.Instance(new WebAssembly.Module(KERNEL_MODULE_BYTES), {});

/** The kernels (pointers are byte offsets into `kernels.memory`). */
export const kernels = instance.exports as unknown as KernelExports;

/**
 * Make the kernels' memory at least `bytes` long and return fresh views of all of it (views taken earlier are
 * detached when the memory grows). The memory is shared by every caller in this thread: a solver lays out its
 * arrays, calls the kernels and copies its results out before the next solver runs. O(bytes) when it grows.
 * @example const { f64 } = kernelMemory(1024); f64[0] = 1
 */
export function kernelMemory(bytes: number): { f64: Float64Array; i32: Int32Array } {
  // The kernels compare byte offsets as signed i32.
  if (!(bytes >= 0 && bytes < 2 ** 31 - 65536))
    throw new RangeError(`kernelMemory: ${bytes} bytes is out of range`);
  const memory = kernels.memory;
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
  return { f64: new Float64Array(memory.buffer), i32: new Int32Array(memory.buffer) };
}
