// The WebAssembly kernels against the scalar loops they replace: every result must be bit-identical (Object.is),
// for every length around the unrolling boundaries, for dense and gathered access, and exp against Math.exp.
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../stats/random.js";
import { KERNEL_MODULE_BYTES, kernelMemory, kernels as K } from "./simd-kernels.js";
import { I32, encodeModule, op, sleb, uleb } from "./wasm-encoder.js";

// Scalar references: the loops the solver ran before the kernels (same partial sums, same operation order).
function dotRef(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let [s0, s1, s2, s3] = [0, 0, 0, 0];
  let t = 0;
  for (; t < n - 3; t += 4) {
    s0 += a[t]! * b[t]!;
    s1 += a[t + 1]! * b[t + 1]!;
    s2 += a[t + 2]! * b[t + 2]!;
    s3 += a[t + 3]! * b[t + 3]!;
  }
  for (; t < n; t++) s0 += a[t]! * b[t]!;
  return s0 + s1 + (s2 + s3);
}
function gatherDotRef(r: Float64Array, idx: Int32Array, val: Float64Array): number {
  return dotRef(
    Float64Array.from(idx, (i) => r[i]!),
    val,
  );
}
function momentsRef(vx: Float64Array, val: Float64Array, vv: Float64Array): [number, number] {
  const n = val.length;
  let [s0, s1, q0, q1] = [0, 0, 0, 0];
  let t = 0;
  for (; t + 1 < n; t += 2) {
    const u0 = vx[t]! * val[t]!;
    const u1 = vx[t + 1]! * val[t + 1]!;
    vv[t] = u0;
    vv[t + 1] = u1;
    s0 += u0;
    s1 += u1;
    q0 += u0 * val[t]!;
    q1 += u1 * val[t + 1]!;
  }
  if (t < n) {
    const u0 = vx[t]! * val[t]!;
    vv[t] = u0;
    s0 += u0;
    q0 += u0 * val[t]!;
  }
  return [s0 + s1, q0 + q1];
}
function irlsRef(eta: Float64Array, w: Float64Array, y: Float64Array, fmax: number) {
  const n = eta.length;
  const q = new Float64Array(n);
  const v = new Float64Array(n);
  const rt = new Float64Array(n);
  let xmz = 0;
  let rsum = 0;
  for (let i = 0; i < n; i++) {
    const fi = eta[i]!;
    const qi = fi < -fmax ? 0 : fi > fmax ? 1 : 1 / (1 + Math.exp(-fi));
    q[i] = qi;
    v[i] = w[i]! * qi * (1 - qi);
    xmz += v[i]!;
    rt[i] = w[i]! * (y[i]! - qi);
    rsum += rt[i]!;
  }
  return { q, v, rt, xmz, rsum };
}

const rng = mulberry32(20261128);
const randoms = (n: number, scale = 1): Float64Array =>
  Float64Array.from({ length: n }, () => (2 * rng() - 1) * scale);
/** Sorted distinct row indices below `rows`, about `share` of them. */
const indices = (rows: number, share: number): Int32Array =>
  Int32Array.from(Array.from({ length: rows }, (_, i) => i).filter(() => rng() < share));

/** Places arrays in the kernels' memory from byte 16 on; returns their byte offsets and a reader. */
function place(...arrays: (Float64Array | Int32Array)[]) {
  let top = 16;
  const at = arrays.map((a) => {
    const off = top;
    top += Math.ceil(a.byteLength / 16) * 16 + 16;
    return off;
  });
  const heap = kernelMemory(top);
  arrays.forEach((a, k) =>
    (a instanceof Float64Array ? heap.f64 : heap.i32).set(a, at[k]! / a.BYTES_PER_ELEMENT),
  );
  const f64 = (k: number, n: number): Float64Array => heap.f64.slice(at[k]! / 8, at[k]! / 8 + n);
  return { at, f64, out: (): [number, number] => [heap.f64[0]!, heap.f64[1]!] };
}

const bitsEqual = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

describe("wasm encoder", () => {
  it("encodes LEB128 as the specification's examples", () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(() => uleb(-1)).toThrow(RangeError);
  });
  it("encodes a module that runs", () => {
    const bytes = encodeModule(
      [
        {
          name: "add1",
          params: [I32],
          results: [I32],
          locals: [],
          body: [op.get(0), op.i32Const(1), op.i32Add()],
        },
      ],
      1,
    );
    const add1 = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.add1 as (
      x: number,
    ) => number;
    expect(add1(41)).toBe(42);
    expect(WebAssembly.validate(KERNEL_MODULE_BYTES)).toBe(true);
  });
});

describe("SIMD kernels are bit-identical to the scalar loops", () => {
  const lengths = Array.from({ length: 42 }, (_, n) => n).concat([997, 1000]);

  it("dense: dot, axpy, axpyDot, moments", () => {
    for (const n of lengths) {
      const [a, b, x] = [randoms(n), randoms(n), randoms(n)];
      const d = 2 * rng() - 1;
      const m = place(a, b, x, new Float64Array(n));
      expect(K.dot(m.at[0]!, m.at[1]!, n)).toBe(dotRef(a, b));
      K.axpy(m.at[0]!, m.at[1]!, d, n);
      const r = a.map((ai, i) => ai - d * b[i]!);
      expect(bitsEqual(m.f64(0, n), r)).toBe(true);
      const s = K.axpyDot(m.at[0]!, m.at[1]!, d, m.at[2]!, n);
      const r2 = r.map((ri, i) => ri - d * b[i]!);
      expect(bitsEqual(m.f64(0, n), r2)).toBe(true);
      expect(Object.is(s, dotRef(r2, x))).toBe(true);
      K.denseMoments(m.at[1]!, m.at[2]!, m.at[3]!, n, 0);
      const vv = new Float64Array(n);
      expect(bitsEqual(m.out(), momentsRef(b, x, vv))).toBe(true);
      expect(bitsEqual(m.f64(3, n), vv)).toBe(true);
    }
  });

  it("gathered: gatherDot, scatterAxpy, moments", () => {
    for (const rows of lengths) {
      const r = randoms(rows, 3);
      const idx = indices(rows, 0.4);
      const k = idx.length;
      const val = randoms(k);
      const d = 2 * rng() - 1;
      const m = place(r, idx, val, new Float64Array(k));
      expect(Object.is(K.gatherDot(m.at[0]!, m.at[1]!, m.at[2]!, k), gatherDotRef(r, idx, val))).toBe(true);
      K.sparseMoments(m.at[0]!, m.at[1]!, m.at[2]!, m.at[3]!, k, 0);
      const vv = new Float64Array(k);
      expect(
        bitsEqual(
          m.out(),
          momentsRef(
            Float64Array.from(idx, (i) => r[i]!),
            val,
            vv,
          ),
        ),
      ).toBe(true);
      expect(bitsEqual(m.f64(3, k), vv)).toBe(true);
      K.scatterAxpy(m.at[0]!, m.at[1]!, m.at[2]!, d, k);
      const expected = r.slice();
      idx.forEach((i, t) => (expected[i]! -= d * val[t]!));
      expect(bitsEqual(m.f64(0, rows), expected)).toBe(true);
    }
  });

  it("exp equals Math.exp, including fdlibm's branch boundaries", () => {
    const high = (h: number): number => new DataView(Uint32Array.of(0, h).buffer).getFloat64(0, true);
    const edges = [
      0,
      -0,
      1e-300,
      2 ** -28,
      high(0x3e300000),
      high(0x3fd62e42),
      high(0x3fd62e43),
      high(0x3ff0a2b1),
    ];
    edges.push(high(0x3ff0a2b2), Math.LN2 / 2, 1.5 * Math.LN2, 20.72, 700, 708);
    const xs = Float64Array.from([...edges, ...edges.map((e) => -e)]);
    const scales = [1e-9, 2 ** -27, 0.4, 1.2, 25, 700];
    const random = Float64Array.from(
      { length: 60000 },
      (_, i) => (2 * rng() - 1) * scales[i % scales.length]!,
    );
    for (const x of [xs, random]) {
      const m = place(x, new Float64Array(x.length));
      K.exp(m.at[0]!, m.at[1]!, x.length);
      expect(bitsEqual(m.f64(1, x.length), x.map(Math.exp))).toBe(true);
    }
  });

  it("irls: probabilities, weights, residuals and their sums", () => {
    const fmax = Math.log(1 / 1e-9 - 1);
    for (const n of lengths) {
      const eta = randoms(n, n % 2 === 0 ? 30 : 5);
      if (n > 2) [eta[0], eta[1]] = [fmax, -fmax];
      const w = randoms(n).map(Math.abs);
      const y = Float64Array.from({ length: n }, () => (rng() < 0.2 ? 1 : 0));
      const m = place(eta, w, y, new Float64Array(n), new Float64Array(n), new Float64Array(n));
      K.irls(m.at[0]!, m.at[1]!, m.at[2]!, m.at[3]!, m.at[4]!, m.at[5]!, n, fmax, 0);
      const ref = irlsRef(eta, w, y, fmax);
      expect(bitsEqual(m.f64(3, n), ref.q)).toBe(true);
      expect(bitsEqual(m.f64(4, n), ref.v)).toBe(true);
      expect(bitsEqual(m.f64(5, n), ref.rt)).toBe(true);
      expect(bitsEqual(m.out(), [ref.xmz, ref.rsum])).toBe(true);
    }
  });
});

describe("kernelMemory", () => {
  it("grows on demand and refuses sizes the kernels cannot address", () => {
    const { f64 } = kernelMemory(3 * 65536 + 8);
    expect(f64.byteLength).toBeGreaterThanOrEqual(3 * 65536 + 8);
    expect(() => kernelMemory(2 ** 31)).toThrow(RangeError);
    expect(() => kernelMemory(Number.NaN)).toThrow(RangeError);
  });
});
