/**
 * WebAssembly SIMD (f64x2) code for the solver's linear-algebra loops: dense and gathered dot products, residual
 * updates (r −= d·v∘x, dense or scattered) and weighted moments. Each performs the same floating-point operations
 * in the same order as the scalar loop it replaces (the same interleaved partial sums: lane pairs (s0, s1) and
 * (s2, s3); a multiply then an add or subtract, never fused), so results are bit-identical. Pointers are byte
 * offsets into the module's memory; lengths count elements.
 * @module
 */
import { F64, I32, V128, type ValType, type WasmFunction, op } from "./wasm-encoder.js";

type Code = readonly (readonly number[])[];

/** `while (ptr < end) body`, tested at the bottom; skipped when ptr >= end on entry (signed i32 compare). */
function whileLess(ptr: number, end: number, body: Code): Code {
  const test = [op.get(ptr), op.get(end)];
  return [
    op.block(),
    ...test,
    op.i32GeS(),
    op.brIf(0),
    op.loop(),
    ...body,
    ...test,
    op.i32LtS(),
    op.brIf(0),
    op.end(),
    op.end(),
  ];
}

const bump = (local: number, bytes: number): Code => [
  op.get(local),
  op.i32Const(bytes),
  op.i32Add(),
  op.set(local),
];

/** end = base + (count << shift); endUnrolled = end − slack. */
const ends = (
  base: number,
  count: number,
  shift: number,
  end: number,
  endUnrolled: number,
  slack: number,
): Code => [
  op.get(base),
  op.get(count),
  op.i32Const(shift),
  op.i32Shl(),
  op.i32Add(),
  op.tee(end),
  op.i32Const(slack),
  op.i32Sub(),
  op.set(endUnrolled),
];

/** acc += load(a + off) * load(b + off), two lanes. */
const accMul = (acc: number, a: number, b: number, off: number): Code => [
  op.get(acc),
  op.get(a),
  op.v128Load(off),
  op.get(b),
  op.v128Load(off),
  op.f64x2Mul(),
  op.f64x2Add(),
  op.set(acc),
];

/** Address of the f64 at index i32[idx + off] of the array at `base`, on the stack. */
const gathered = (base: number, idx: number, off: number): Code => [
  op.get(base),
  op.get(idx),
  op.i32Load(off),
  op.i32Const(3),
  op.i32Shl(),
  op.i32Add(),
];

/** Lanes (base[idx[off/4]], base[idx[off/4 + 1]]) as a v128 on the stack. */
const gatherPair = (base: number, idx: number, off: number): Code => [
  ...gathered(base, idx, off + 4),
  ...gathered(base, idx, off),
  op.v128Load64Zero(),
  op.v128Load64Lane(1),
];

/** s0 + s1 + (s2 + s3) from two accumulators (s0, s1) and (s2, s3), with s0 given as a scalar local. */
const reduce4 = (s0: number, acc01: number, acc23: number): Code => [
  op.get(s0),
  op.get(acc01),
  op.f64x2ExtractLane(1),
  op.f64Add(),
  op.get(acc23),
  op.f64x2ExtractLane(0),
  op.get(acc23),
  op.f64x2ExtractLane(1),
  op.f64Add(),
  op.f64Add(),
];

function fn(
  name: string,
  params: readonly ValType[],
  results: readonly ValType[],
  locals: readonly ValType[],
  body: Code,
): WasmFunction {
  return { name, params, results, locals, body };
}

// dot(a, b, n) → Σ a[t]·b[t], partial sums s_{t mod 4} (as the scalar denseDot).
const dot = (() => {
  const [a, b, n, end4, end, acc01, acc23, s0] = [0, 1, 2, 3, 4, 5, 6, 7];
  return fn(
    "dot",
    [I32, I32, I32],
    [F64],
    [I32, I32, V128, V128, F64],
    [
      ...ends(a, n, 3, end, end4, 24),
      ...whileLess(a, end4, [
        ...accMul(acc01, a, b, 0),
        ...accMul(acc23, a, b, 16),
        ...bump(a, 32),
        ...bump(b, 32),
      ]),
      op.get(acc01),
      op.f64x2ExtractLane(0),
      op.set(s0),
      ...whileLess(a, end, [
        op.get(s0),
        op.get(a),
        op.f64Load(),
        op.get(b),
        op.f64Load(),
        op.f64Mul(),
        op.f64Add(),
        op.set(s0),
        ...bump(a, 8),
        ...bump(b, 8),
      ]),
      ...reduce4(s0, acc01, acc23),
    ],
  );
})();

/** r(off) = r(off) − dd·vv(off), two lanes, leaving nothing on the stack; `keep` receives the new lanes. */
const axpyPair = (r: number, vv: number, dd: number, off: number, keep: number | null): Code => [
  op.get(r),
  op.get(r),
  op.v128Load(off),
  op.get(dd),
  op.get(vv),
  op.v128Load(off),
  op.f64x2Mul(),
  op.f64x2Sub(),
  ...(keep === null ? [] : [op.tee(keep)]),
  op.v128Store(off),
];

/** Scalar r = r − d·vv; `keep` receives the new value. */
const axpyOne = (r: number, vv: number, d: number, keep: number | null): Code => [
  op.get(r),
  op.get(r),
  op.f64Load(),
  op.get(d),
  op.get(vv),
  op.f64Load(),
  op.f64Mul(),
  op.f64Sub(),
  ...(keep === null ? [] : [op.tee(keep)]),
  op.f64Store(),
];

// axpy(r, vv, d, n): r[t] −= d·vv[t].
const axpy = (() => {
  const [r, vv, d, n, end4, end, dd] = [0, 1, 2, 3, 4, 5, 6];
  return fn(
    "axpy",
    [I32, I32, F64, I32],
    [],
    [I32, I32, V128],
    [
      op.get(d),
      op.f64x2Splat(),
      op.set(dd),
      ...ends(r, n, 3, end, end4, 24),
      ...whileLess(r, end4, [
        ...axpyPair(r, vv, dd, 0, null),
        ...axpyPair(r, vv, dd, 16, null),
        ...bump(r, 32),
        ...bump(vv, 32),
      ]),
      ...whileLess(r, end, [...axpyOne(r, vv, d, null), ...bump(r, 8), ...bump(vv, 8)]),
    ],
  );
})();

// axpyDot(r, vv, d, x, n): r[t] −= d·vv[t], then Σ r[t]·x[t] over the new r (as the scalar denseAxpyDot).
const axpyDot = (() => {
  const [r, vv, d, x, n, end4, end, dd, acc01, acc23, t, s0, t0] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const pair = (acc: number, off: number): Code => [
    ...axpyPair(r, vv, dd, off, t),
    op.get(acc),
    op.get(t),
    op.get(x),
    op.v128Load(off),
    op.f64x2Mul(),
    op.f64x2Add(),
    op.set(acc),
  ];
  return fn(
    "axpyDot",
    [I32, I32, F64, I32, I32],
    [F64],
    [I32, I32, V128, V128, V128, V128, F64, F64],
    [
      op.get(d),
      op.f64x2Splat(),
      op.set(dd),
      ...ends(r, n, 3, end, end4, 24),
      ...whileLess(r, end4, [
        ...pair(acc01, 0),
        ...pair(acc23, 16),
        ...bump(r, 32),
        ...bump(vv, 32),
        ...bump(x, 32),
      ]),
      op.get(acc01),
      op.f64x2ExtractLane(0),
      op.set(s0),
      ...whileLess(r, end, [
        ...axpyOne(r, vv, d, t0),
        op.get(s0),
        op.get(t0),
        op.get(x),
        op.f64Load(),
        op.f64Mul(),
        op.f64Add(),
        op.set(s0),
        ...bump(r, 8),
        ...bump(vv, 8),
        ...bump(x, 8),
      ]),
      ...reduce4(s0, acc01, acc23),
    ],
  );
})();

// gatherDot(r, idx, val, m) → Σ r[idx[t]]·val[t] over t < m, partial sums s_{t mod 4} (as the scalar gatherDot).
const gatherDot = (() => {
  const [r, idx, val, m, end4, end, acc01, acc23, s0] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const pair = (acc: number, off: number): Code => [
    op.get(acc),
    ...gatherPair(r, idx, off / 2),
    op.get(val),
    op.v128Load(off),
    op.f64x2Mul(),
    op.f64x2Add(),
    op.set(acc),
  ];
  return fn(
    "gatherDot",
    [I32, I32, I32, I32],
    [F64],
    [I32, I32, V128, V128, F64],
    [
      ...ends(idx, m, 2, end, end4, 12),
      ...whileLess(idx, end4, [...pair(acc01, 0), ...pair(acc23, 16), ...bump(idx, 16), ...bump(val, 32)]),
      op.get(acc01),
      op.f64x2ExtractLane(0),
      op.set(s0),
      ...whileLess(idx, end, [
        op.get(s0),
        ...gathered(r, idx, 0),
        op.f64Load(),
        op.get(val),
        op.f64Load(),
        op.f64Mul(),
        op.f64Add(),
        op.set(s0),
        ...bump(idx, 4),
        ...bump(val, 8),
      ]),
      ...reduce4(s0, acc01, acc23),
    ],
  );
})();

// scatterAxpy(r, idx, vv, d, m): r[idx[t]] −= d·vv[t] (the indices of one column are distinct).
const scatterAxpy = (() => {
  const [r, idx, vv, d, m, end4, end, at] = [0, 1, 2, 3, 4, 5, 6, 7];
  const one = (k: number): Code => [
    ...gathered(r, idx, 4 * k),
    op.tee(at),
    op.get(at),
    op.f64Load(),
    op.get(d),
    op.get(vv),
    op.f64Load(8 * k),
    op.f64Mul(),
    op.f64Sub(),
    op.f64Store(),
  ];
  return fn(
    "scatterAxpy",
    [I32, I32, I32, F64, I32],
    [],
    [I32, I32, I32],
    [
      ...ends(idx, m, 2, end, end4, 12),
      ...whileLess(idx, end4, [
        ...one(0),
        ...one(1),
        ...one(2),
        ...one(3),
        ...bump(idx, 16),
        ...bump(vv, 32),
      ]),
      ...whileLess(idx, end, [...one(0), ...bump(idx, 4), ...bump(vv, 8)]),
    ],
  );
})();

/**
 * Moments over pairs of lanes: u = vpair·x (stored to vv), s += u, q += u·x; then the odd element in lane 0, and
 * out = [s0 + s1, q0 + q1] (as the scalar denseMoments / sparseMoments: two partial sums each).
 */
function moments(name: string, gatheredV: boolean): WasmFunction {
  // Parameters: dense (v, val, vv, n, out); sparse (v, idx, val, vv, m, out). `ptr` walks idx (sparse) or val.
  const [v, idx, val, vv, n, out] = gatheredV ? [0, 1, 2, 3, 4, 5] : [0, -1, 1, 2, 3, 4];
  const first = gatheredV ? 6 : 5;
  const [end2, end, x, u, s, q, x0, u0] = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => first + k) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ptr = gatheredV ? idx : val;
  const vPair: Code = gatheredV ? gatherPair(v, idx, 0) : [op.get(v), op.v128Load(0)];
  const vOne: Code = gatheredV ? [...gathered(v, idx, 0), op.f64Load()] : [op.get(v), op.f64Load()];
  const advance = (k: number): Code =>
    gatheredV
      ? [...bump(idx, 4 * k), ...bump(val, 8 * k), ...bump(vv, 8 * k)]
      : [...bump(v, 8 * k), ...bump(val, 8 * k), ...bump(vv, 8 * k)];
  const sumLanes = (acc: number): Code => [
    op.get(acc),
    op.f64x2ExtractLane(0),
    op.get(acc),
    op.f64x2ExtractLane(1),
    op.f64Add(),
  ];
  const params: ValType[] = gatheredV ? [I32, I32, I32, I32, I32, I32] : [I32, I32, I32, I32, I32];
  return fn(
    name,
    params,
    [],
    [I32, I32, V128, V128, V128, V128, F64, F64],
    [
      ...ends(ptr, n, gatheredV ? 2 : 3, end, end2, gatheredV ? 4 : 8),
      ...whileLess(ptr, end2, [
        op.get(val),
        op.v128Load(0),
        op.set(x),
        op.get(vv),
        ...vPair,
        op.get(x),
        op.f64x2Mul(),
        op.tee(u),
        op.v128Store(0),
        op.get(s),
        op.get(u),
        op.f64x2Add(),
        op.set(s),
        op.get(q),
        op.get(u),
        op.get(x),
        op.f64x2Mul(),
        op.f64x2Add(),
        op.set(q),
        ...advance(2),
      ]),
      // The odd element: u0 = v·x into lane 0 of s and q (the scalar code adds it to s0 and q0).
      op.get(out),
      ...sumLanes(s),
      op.f64Store(0),
      op.get(out),
      ...sumLanes(q),
      op.f64Store(8),
      op.block(),
      op.get(ptr),
      op.get(end),
      op.i32GeS(),
      op.brIf(0),
      op.get(val),
      op.f64Load(),
      op.set(x0),
      op.get(vv),
      ...vOne,
      op.get(x0),
      op.f64Mul(),
      op.tee(u0),
      op.f64Store(),
      op.get(out),
      op.get(s),
      op.f64x2ExtractLane(0),
      op.get(u0),
      op.f64Add(),
      op.get(s),
      op.f64x2ExtractLane(1),
      op.f64Add(),
      op.f64Store(0),
      op.get(out),
      op.get(q),
      op.f64x2ExtractLane(0),
      op.get(u0),
      op.get(x0),
      op.f64Mul(),
      op.f64Add(),
      op.get(q),
      op.f64x2ExtractLane(1),
      op.f64Add(),
      op.f64Store(8),
      op.end(),
    ],
  );
}

/** The kernels of this module, in export order. */
export const linalgFunctions: readonly WasmFunction[] = [
  dot,
  axpy,
  axpyDot,
  gatherDot,
  scatterAxpy,
  moments("denseMoments", false),
  moments("sparseMoments", true),
];
