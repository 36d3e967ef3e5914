/**
 * A minimal WebAssembly binary encoder: just enough of the format (types, functions, one exported memory, code)
 * and of the instruction set (locals, loops, f64 and i32 arithmetic, f64x2 SIMD) to write the solver's kernels in
 * {@link ./simd-kernels.ts} as readable instruction lists instead of an opaque byte string.
 * Reference: WebAssembly Core Specification 2.0, chapter 5 "Binary Format" (https://webassembly.github.io/spec/core/binary/).
 * @module
 */

/** Value types (spec 5.3.1). */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F64 | typeof V128;

/** Unsigned LEB128 (spec 5.2.2). */
export function uleb(value: number): number[] {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`uleb: ${value} is not a u32`);
  const out: number[] = [];
  let v = value;
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 for i32 constants. */
export function sleb(value: number): number[] {
  if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31)
    throw new RangeError(`sleb: ${value} is not an i32`);
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** Memory argument: log2 alignment and constant byte offset (spec 5.4.6). */
function memarg(align: number, offset: number): number[] {
  return [...uleb(align), ...uleb(offset)];
}

const simd = (code: number): number[] => [0xfd, ...uleb(code)];

/** Instructions (spec 5.4); each returns its bytes, so a body is a flat list of them. */
export const op = {
  block: (): number[] => [0x02, 0x40],
  loop: (): number[] => [0x03, 0x40],
  end: (): number[] => [0x0b],
  br: (depth: number): number[] => [0x0c, ...uleb(depth)],
  brIf: (depth: number): number[] => [0x0d, ...uleb(depth)],
  get: (local: number): number[] => [0x20, ...uleb(local)],
  set: (local: number): number[] => [0x21, ...uleb(local)],
  tee: (local: number): number[] => [0x22, ...uleb(local)],
  i32Load: (offset = 0): number[] => [0x28, ...memarg(2, offset)],
  f64Load: (offset = 0): number[] => [0x2b, ...memarg(3, offset)],
  f64Store: (offset = 0): number[] => [0x39, ...memarg(3, offset)],
  i32Const: (value: number): number[] => [0x41, ...sleb(value)],
  i32LtS: (): number[] => [0x48],
  i32GeS: (): number[] => [0x4e],
  i32Add: (): number[] => [0x6a],
  i32Sub: (): number[] => [0x6b],
  i32Shl: (): number[] => [0x74],
  f64Add: (): number[] => [0xa0],
  f64Sub: (): number[] => [0xa1],
  f64Mul: (): number[] => [0xa2],
  v128Load: (offset = 0): number[] => [...simd(0x00), ...memarg(4, offset)],
  v128Store: (offset = 0): number[] => [...simd(0x0b), ...memarg(4, offset)],
  /** Loads one f64 into lane 0 and zeroes lane 1. */
  v128Load64Zero: (offset = 0): number[] => [...simd(0x5d), ...memarg(3, offset)],
  /** Replaces lane `lane` of the v128 on the stack with the f64 at the address below it. */
  v128Load64Lane: (lane: number, offset = 0): number[] => [...simd(0x57), ...memarg(3, offset), lane],
  f64x2Splat: (): number[] => simd(0x14),
  f64x2ExtractLane: (lane: number): number[] => [...simd(0x21), lane],
  f64x2Add: (): number[] => simd(0xf0),
  f64x2Sub: (): number[] => simd(0xf1),
  f64x2Mul: (): number[] => simd(0xf2),
  /** v128.const of zero bits (both f64 lanes +0). */
  v128Zero: (): number[] => [...simd(0x0c), ...new Array<number>(16).fill(0)],
  /** v128.const with `value` in both f64 lanes. */
  f64x2Const: (value: number): number[] => {
    const bytes = new Uint8Array(new Float64Array([value, value]).buffer);
    return [...simd(0x0c), ...bytes];
  },
  /** v128.const with the i64 `value` in both lanes. */
  i64x2Const: (value: bigint): number[] => {
    const bytes = new Uint8Array(new BigInt64Array([value, value]).buffer);
    return [...simd(0x0c), ...bytes];
  },
  /** Stores lane `lane` (one f64) of the v128 on the stack at the address below it. */
  v128Store64Lane: (lane: number, offset = 0): number[] => [...simd(0x5b), ...memarg(3, offset), lane],
  /** (a & mask) | (b & ~mask) for operands a, b, mask. */
  v128Bitselect: (): number[] => simd(0x52),
  f64x2Lt: (): number[] => simd(0x49),
  f64x2Gt: (): number[] => simd(0x4a),
  f64x2Trunc: (): number[] => simd(0x7a),
  f64x2Abs: (): number[] => simd(0xec),
  f64x2Neg: (): number[] => simd(0xed),
  f64x2Div: (): number[] => simd(0xf3),
  f64x2Min: (): number[] => simd(0xf4),
  f64x2Max: (): number[] => simd(0xf5),
  /** Two f64 lanes to the two low i32 lanes, truncating, saturating; the high lanes are zero. */
  i32x4TruncSatF64x2SZero: (): number[] => simd(0xfc),
  /** The two low i32 lanes sign-extended to i64 lanes. */
  i64x2ExtendLowI32x4S: (): number[] => simd(0xc7),
  i64x2Shl: (): number[] => simd(0xcb),
  i64x2Add: (): number[] => simd(0xce),
};

/** One function: its signature, extra locals (after the parameters) and body. */
export interface WasmFunction {
  readonly name: string;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  readonly locals: readonly ValType[];
  readonly body: readonly (readonly number[])[];
}

function vec(items: readonly (readonly number[])[]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, content: readonly number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

/**
 * A module of `functions` (each exported under its name, each with its own type) and one memory of `pages`
 * initial 64 KiB pages, exported as "memory". O(size of the code).
 * @example new WebAssembly.Module(encodeModule([{ name: "one", params: [], results: [I32], locals: [], body: [op.i32Const(1)] }], 1))
 */
export function encodeModule(functions: readonly WasmFunction[], pages: number): Uint8Array<ArrayBuffer> {
  const types = section(
    1,
    vec(functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))])),
  );
  const funcs = section(3, vec(functions.map((_, k) => uleb(k))));
  const memory = section(5, vec([[0x00, ...uleb(pages)]]));
  const exports = section(
    7,
    vec([[...name("memory"), 0x02, 0x00], ...functions.map((f, k) => [...name(f.name), 0x00, ...uleb(k)])]),
  );
  const code = section(
    10,
    vec(
      functions.map((f) => {
        // Locals are declared as runs of one type (spec 5.5.13).
        const runs: number[][] = [];
        for (const t of f.locals) {
          const last = runs[runs.length - 1];
          if (last !== undefined && last[1] === t) last[0]! += 1;
          else runs.push([1, t]);
        }
        const body = [...vec(runs.map(([count, t]) => [...uleb(count!), t!])), ...f.body.flat(), 0x0b];
        return [...uleb(body.length), ...body];
      }),
    ),
  );
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...types,
    ...funcs,
    ...memory,
    ...exports,
    ...code,
  ]);
}
