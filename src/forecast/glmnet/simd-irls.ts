/**
 * WebAssembly SIMD code for the IRLS refresh of the binomial solver: the exponential of two lanes at once and the
 * loop q = 1/(1 + exp(−eta)), v = w·q(1 − q), r = w(y − q) with their sums. The exponential is fdlibm's
 * `__ieee754_exp` (FreeBSD msun e_exp.c, Sun Microsystems 1993), which is also what V8 runs for `Math.exp`: same
 * argument reduction, same polynomial, same operation order, so every result is bit-identical to `Math.exp` (the
 * kernel tests check this). Only |x| ≤ 708 is handled (the solver clamps its arguments to ±20.7).
 * @module
 */
import { F64, I32, V128, type WasmFunction, op } from "./wasm-encoder.js";

type Code = readonly (readonly number[])[];

/** The f64 whose bit pattern is `high` << 32 (fdlibm compares high words of |x| with such constants). */
function fromHighWord(high: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, high);
  return view.getFloat64(0);
}

// fdlibm e_exp.c constants.
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const P = [
  1.66666666666666019037e-1, -2.77777777770155933842e-3, 6.61375632143793436117e-5, -1.6533902205465251539e-6,
  4.13813679705723846039e-8,
] as const;
/** |x| below this (high word ≤ 0x3fd62e42, |x| ≤ ln2/2): no reduction, k = 0. */
const NO_REDUCTION = fromHighWord(0x3fd62e43);
/** |x| below this (high word < 0x3ff0a2b2, |x| < 1.5·ln2): k = ±1. */
const ONE_STEP = fromHighWord(0x3ff0a2b2);
/** |x| below 2^-28: exp(x) = 1 + x. */
const TINY = fromHighWord(0x3e300000);
const SIGN = -0;

const c = op.f64x2Const;
const get = op.get;

/** Scratch locals the exponential needs (all v128), from `first` on. */
export const EXP_SCRATCH = 6;

/**
 * exp of the two lanes of local `x`, left on the stack. `s` is the first of {@link EXP_SCRATCH} v128 scratch
 * locals. Branch-free: every lane takes fdlibm's path for its own |x| through lane selects.
 */
export function expLanes(x: number, s: number): Code {
  const [ax, k, hi, lo, xr, cc] = [s, s + 1, s + 2, s + 3, s + 4, s + 5];
  const copySign = (value: number): Code => [get(x), c(value), c(SIGN), op.v128Bitselect()];
  // Horner: P1 + t(P2 + t(P3 + t(P4 + t·P5))) with t = xr²; t is recomputed from xr (one multiply) as needed.
  const t: Code = [get(xr), get(xr), op.f64x2Mul()];
  const poly: Code = [
    ...t,
    c(P[0]),
    ...t,
    c(P[1]),
    ...t,
    c(P[2]),
    ...t,
    c(P[3]),
    ...t,
    c(P[4]),
    op.f64x2Mul(),
    op.f64x2Add(),
    op.f64x2Mul(),
    op.f64x2Add(),
    op.f64x2Mul(),
    op.f64x2Add(),
    op.f64x2Mul(),
    op.f64x2Add(),
    op.f64x2Mul(),
  ];
  return [
    get(x),
    op.f64x2Abs(),
    op.set(ax),
    // k = 0 when |x| ≤ ln2/2; ±1 when |x| < 1.5·ln2; else trunc(x/ln2 ± 0.5) (C's (int) cast truncates).
    c(0),
    ...copySign(1),
    c(INV_LN2),
    get(x),
    op.f64x2Mul(),
    ...copySign(0.5),
    op.f64x2Add(),
    op.f64x2Trunc(),
    get(ax),
    c(ONE_STEP),
    op.f64x2Lt(),
    op.v128Bitselect(),
    get(ax),
    c(NO_REDUCTION),
    op.f64x2Lt(),
    op.v128Bitselect(),
    op.set(k),
    // hi = x − k·ln2hi, lo = k·ln2lo, xr = hi − lo (for k = 0: hi = x, lo = 0, xr = x, exactly).
    get(x),
    get(k),
    c(LN2_HI),
    op.f64x2Mul(),
    op.f64x2Sub(),
    op.set(hi),
    get(k),
    c(LN2_LO),
    op.f64x2Mul(),
    op.set(lo),
    get(hi),
    get(lo),
    op.f64x2Sub(),
    op.set(xr),
    // c = xr − t·poly(t)
    get(xr),
    ...poly,
    op.f64x2Sub(),
    op.set(cc),
    // Result lanes: bitselect(1 + x, y·2^k, |x| < 2^-28).
    c(1),
    get(x),
    op.f64x2Add(),
    // y = 1 − ((lo − xr·c/(2 − c)) − hi); for k = 0 this equals fdlibm's 1 − (xr·c/(c − 2) − xr) exactly.
    c(1),
    get(lo),
    get(xr),
    get(cc),
    op.f64x2Mul(),
    c(2),
    get(cc),
    op.f64x2Sub(),
    op.f64x2Div(),
    op.f64x2Sub(),
    get(hi),
    op.f64x2Sub(),
    op.f64x2Sub(),
    // × 2^k, built from the exponent bits: (k + 1023) << 52.
    get(k),
    op.i32x4TruncSatF64x2SZero(),
    op.i64x2ExtendLowI32x4S(),
    op.i64x2Const(1023n),
    op.i64x2Add(),
    op.i32Const(52),
    op.i64x2Shl(),
    op.f64x2Mul(),
    get(ax),
    c(TINY),
    op.f64x2Lt(),
    op.v128Bitselect(),
  ];
}

/**
 * out[t] = exp(x[t]) for t < n, one element at a time (pointers are byte offsets). For the kernel tests, which
 * compare it with Math.exp. Signature: (x, out, n).
 */
export const expFunction: WasmFunction = (() => {
  const [x, out, n, end, v] = [0, 1, 2, 3, 4];
  return {
    name: "exp",
    params: [I32, I32, I32],
    results: [],
    locals: [I32, V128, ...new Array<typeof V128>(EXP_SCRATCH).fill(V128)],
    body: [
      get(x),
      get(n),
      op.i32Const(3),
      op.i32Shl(),
      op.i32Add(),
      op.set(end),
      op.block(),
      get(x),
      get(end),
      op.i32GeS(),
      op.brIf(0),
      op.loop(),
      get(x),
      op.v128Load64Zero(),
      op.set(v),
      get(out),
      ...expLanes(v, 5),
      op.v128Store64Lane(0),
      get(x),
      op.i32Const(8),
      op.i32Add(),
      op.set(x),
      get(out),
      op.i32Const(8),
      op.i32Add(),
      op.set(out),
      get(x),
      get(end),
      op.i32LtS(),
      op.brIf(0),
      op.end(),
      op.end(),
    ],
  };
})();

/**
 * irls(eta, w, y, q, v, rt, n, fmax, out): for t < n, q = 0 if eta < −fmax, 1 if eta > fmax, else
 * 1/(1 + exp(−eta)); v = w·q·(1 − q); rt = w·(y − q); out = [Σ v, Σ rt], each summed in index order (as the scalar
 * loop it replaces). Two lanes per step, the odd last element in lane 0.
 */
export const irlsFunction: WasmFunction = (() => {
  const [eta, w, y, q, v, rt, n, fmax, out] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [end, end2, xmz, rsum, f, xl, qq, wv, tv, fmaxV] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
  const scratch = 19;
  const step = (full: boolean): Code => {
    const load = (ptr: number): Code => [get(ptr), full ? op.v128Load() : op.v128Load64Zero()];
    const store = (ptr: number, value: Code): Code => [
      get(ptr),
      ...value,
      full ? op.v128Store() : op.v128Store64Lane(0),
    ];
    const sum = (acc: number, lanes: number): Code => [
      get(acc),
      get(lanes),
      op.f64x2ExtractLane(0),
      op.f64Add(),
      ...(full ? [get(lanes), op.f64x2ExtractLane(1), op.f64Add()] : []),
      op.set(acc),
    ];
    const advance = (ptr: number): Code => [get(ptr), op.i32Const(full ? 16 : 8), op.i32Add(), op.set(ptr)];
    return [
      ...load(eta),
      op.set(f),
      // −eta clamped to ±fmax (exact for the lanes that use it; the others are replaced below).
      get(f),
      op.f64x2Neg(),
      get(fmaxV),
      op.f64x2Min(),
      get(fmaxV),
      op.f64x2Neg(),
      op.f64x2Max(),
      op.set(xl),
      c(0),
      c(1),
      c(1),
      c(1),
      ...expLanes(xl, scratch),
      op.f64x2Add(),
      op.f64x2Div(),
      get(f),
      get(fmaxV),
      op.f64x2Gt(),
      op.v128Bitselect(),
      get(f),
      get(fmaxV),
      op.f64x2Neg(),
      op.f64x2Lt(),
      op.v128Bitselect(),
      op.set(qq),
      ...store(q, [get(qq)]),
      ...load(w),
      op.set(wv),
      ...store(v, [get(wv), get(qq), op.f64x2Mul(), c(1), get(qq), op.f64x2Sub(), op.f64x2Mul(), op.tee(tv)]),
      ...sum(xmz, tv),
      ...store(rt, [get(wv), ...load(y), get(qq), op.f64x2Sub(), op.f64x2Mul(), op.tee(tv)]),
      ...sum(rsum, tv),
      ...[eta, w, y, q, v, rt].flatMap((ptr) => advance(ptr)),
    ];
  };
  return {
    name: "irls",
    params: [I32, I32, I32, I32, I32, I32, I32, F64, I32],
    results: [],
    locals: [
      I32,
      I32,
      F64,
      F64,
      V128,
      V128,
      V128,
      V128,
      V128,
      V128,
      ...new Array<typeof V128>(EXP_SCRATCH).fill(V128),
    ],
    body: [
      get(fmax),
      op.f64x2Splat(),
      op.set(fmaxV),
      get(eta),
      get(n),
      op.i32Const(3),
      op.i32Shl(),
      op.i32Add(),
      op.tee(end),
      op.i32Const(8),
      op.i32Sub(),
      op.set(end2),
      op.block(),
      get(eta),
      get(end2),
      op.i32GeS(),
      op.brIf(0),
      op.loop(),
      ...step(true),
      get(eta),
      get(end2),
      op.i32LtS(),
      op.brIf(0),
      op.end(),
      op.end(),
      op.block(),
      get(eta),
      get(end),
      op.i32GeS(),
      op.brIf(0),
      ...step(false),
      op.end(),
      get(out),
      get(xmz),
      op.f64Store(0),
      get(out),
      get(rsum),
      op.f64Store(8),
    ],
  };
})();
