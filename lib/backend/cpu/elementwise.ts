/**
 * CPU element-wise kernels: unary ops, binary ops with NumPy broadcasting, where.
 * Same-shape and scalar operands take tight loops; other shapes walk the output
 * with an odometer over broadcast strides.
 *
 * @module
 */
import type { BinaryOp, Operand, TensorInfo, UnaryOp } from "../backend.ts";
import type { DType, TypedArray } from "../../core/dtype.ts";
import { broadcastStrides, type Shape, sizeOf } from "../../core/shape.ts";
import { dataOf, outputArray } from "./storage.ts";

/** The scalar function of each unary op (shared with the fused path in `fusion.ts`). */
export const UNARY: Record<UnaryOp, (x: number) => number> = {
  identity: (x) => x,
  neg: (x) => -x,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x), // keeps NaN and ±0
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  square: (x) => x * x,
  isnan: (x) => (Number.isNaN(x) ? 1 : 0),
};

/** The scalar function of each binary op (shared with the fused path in `fusion.ts`). */
export const BINARY: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  maximum: (a, b) => (a > b || Number.isNaN(a) ? a : b),
  minimum: (a, b) => (a < b || Number.isNaN(a) ? a : b),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
};

/**
 * `out[i] = op(x[i])`.
 *
 * @param op The unary op.
 * @param x The input.
 * @param outDtype The output dtype.
 * @returns The output values.
 *
 * @example
 * ```ts
 * import { unaryKernel } from "./elementwise.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const x = { shape: [2], dtype: "float32" as const, size: 2, storage: new CpuStorage(new Float32Array([1, -2])) };
 * deepStrictEqual([...unaryKernel("abs", x, "float32")], [1, 2]);
 * ```
 */
export function unaryKernel(op: UnaryOp, x: TensorInfo, outDtype: DType): TypedArray {
  const input = dataOf(x);
  const out = outputArray(outDtype, x.size);
  const n = x.size;
  switch (op) {
    case "identity":
      for (let i = 0; i < n; i++) out[i] = input[i];
      return out;
    case "neg":
      for (let i = 0; i < n; i++) out[i] = -input[i];
      return out;
    case "sqrt":
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(input[i]);
      return out;
    case "square":
      for (let i = 0; i < n; i++) out[i] = input[i] * input[i];
      return out;
    default: {
      const f = UNARY[op];
      for (let i = 0; i < n; i++) out[i] = f(input[i]);
      return out;
    }
  }
}

/** Same-shape fast loops for the ops an optimizer step uses. */
function sameShape(op: BinaryOp, a: TypedArray, b: TypedArray, out: TypedArray): void {
  const n = out.length;
  switch (op) {
    case "add":
      for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
      return;
    case "sub":
      for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
      return;
    case "mul":
      for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
      return;
    case "div":
      for (let i = 0; i < n; i++) out[i] = a[i] / b[i];
      return;
    default: {
      const f = BINARY[op];
      for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
    }
  }
}

/** Tensor-with-scalar fast loops; `scalarFirst` puts the scalar on the left. */
function withScalar(
  op: BinaryOp,
  a: TypedArray,
  s: number,
  out: TypedArray,
  scalarFirst: boolean,
): void {
  const n = out.length;
  if (!scalarFirst) {
    switch (op) {
      case "add":
        for (let i = 0; i < n; i++) out[i] = a[i] + s;
        return;
      case "sub":
        for (let i = 0; i < n; i++) out[i] = a[i] - s;
        return;
      case "mul":
        for (let i = 0; i < n; i++) out[i] = a[i] * s;
        return;
      case "div":
        for (let i = 0; i < n; i++) out[i] = a[i] / s;
        return;
    }
  } else {
    switch (op) {
      case "sub":
        for (let i = 0; i < n; i++) out[i] = s - a[i];
        return;
      case "div":
        for (let i = 0; i < n; i++) out[i] = s / a[i];
        return;
    }
  }
  const f = BINARY[op];
  if (scalarFirst) { for (let i = 0; i < n; i++) out[i] = f(s, a[i]); }
  else for (let i = 0; i < n; i++) out[i] = f(a[i], s);
}

/** Calls `visit(outIndex, aIndex, bIndex)` over the output in row-major order. */
function walkBroadcast(
  outShape: Shape,
  aStrides: number[],
  bStrides: number[],
  visit: (o: number, ia: number, ib: number) => void,
): void {
  const rank = outShape.length;
  const counter = new Array<number>(rank).fill(0);
  const total = sizeOf(outShape);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < total; o++) {
    visit(o, ia, ib);
    for (let axis = rank - 1; axis >= 0; axis--) {
      counter[axis]++;
      ia += aStrides[axis];
      ib += bStrides[axis];
      if (counter[axis] < outShape[axis]) break;
      ia -= aStrides[axis] * counter[axis];
      ib -= bStrides[axis] * counter[axis];
      counter[axis] = 0;
    }
  }
}

/** Whether `shape`, without its leading 1s, is the trailing part of `outShape`. */
function isTrailing(shape: Shape, outShape: Shape): boolean {
  let start = 0;
  while (start < shape.length && shape[start] === 1) start++;
  const core = shape.length - start;
  if (core === 0 || core > outShape.length) return false;
  for (let i = 0; i < core; i++) {
    if (shape[start + i] !== outShape[outShape.length - core + i]) return false;
  }
  return true;
}

/** `out[o + j] = op(a[o + j], b[j])` for each block of `b.length` entries. */
function repeatSecond(op: BinaryOp, a: TypedArray, b: TypedArray, out: TypedArray): void {
  const inner = b.length;
  const n = out.length;
  switch (op) {
    case "add":
      for (let o = 0; o < n; o += inner) {
        for (let j = 0; j < inner; j++) out[o + j] = a[o + j] + b[j];
      }
      return;
    case "sub":
      for (let o = 0; o < n; o += inner) {
        for (let j = 0; j < inner; j++) out[o + j] = a[o + j] - b[j];
      }
      return;
    case "mul":
      for (let o = 0; o < n; o += inner) {
        for (let j = 0; j < inner; j++) out[o + j] = a[o + j] * b[j];
      }
      return;
    default: {
      const f = BINARY[op];
      for (let o = 0; o < n; o += inner) {
        for (let j = 0; j < inner; j++) out[o + j] = f(a[o + j], b[j]);
      }
    }
  }
}

/**
 * `out = op(a, b)` with NumPy broadcasting.
 *
 * @param op The binary op.
 * @param a Left operand (tensor or scalar).
 * @param b Right operand (tensor or scalar).
 * @param outShape The broadcast shape.
 * @param outDtype The output dtype.
 * @returns The output values.
 *
 * @example
 * ```ts
 * import { binaryKernel } from "./elementwise.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const a = { shape: [2, 1], dtype: "float32" as const, size: 2, storage: new CpuStorage(new Float32Array([1, 2])) };
 * const b = { shape: [2], dtype: "float32" as const, size: 2, storage: new CpuStorage(new Float32Array([10, 20])) };
 * deepStrictEqual([...binaryKernel("add", a, b, [2, 2], "float32")], [11, 21, 12, 22]);
 * ```
 */
export function binaryKernel(
  op: BinaryOp,
  a: Operand,
  b: Operand,
  outShape: Shape,
  outDtype: DType,
): TypedArray {
  const out = outputArray(outDtype, sizeOf(outShape));
  if (typeof a === "number" && typeof b === "number") {
    out.fill(BINARY[op](a, b));
    return out;
  }
  if (typeof b === "number" || (typeof a !== "number" && b.size === 1 && a.size === out.length)) {
    const bValue = typeof b === "number" ? b : dataOf(b)[0];
    withScalar(op, dataOf(a as TensorInfo), bValue, out, false);
    return out;
  }
  if (typeof a === "number" || (a.size === 1 && b.size === out.length)) {
    const aValue = typeof a === "number" ? a : dataOf(a)[0];
    withScalar(op, dataOf(b), aValue, out, true);
    return out;
  }
  if (a.size === out.length && b.size === out.length) {
    sameShape(op, dataOf(a), dataOf(b), out);
    return out;
  }
  const da = dataOf(a);
  const db = dataOf(b);
  const f = BINARY[op];
  // One operand whole, the other repeating along the leading axes (a bias row): a tight loop.
  if (a.size === out.length && isTrailing(b.shape, outShape)) {
    repeatSecond(op, da, db, out);
    return out;
  }
  if (b.size === out.length && isTrailing(a.shape, outShape)) {
    for (let o = 0, inner = da.length; o < out.length; o += inner) {
      for (let j = 0; j < inner; j++) out[o + j] = f(da[j], db[o + j]);
    }
    return out;
  }
  walkBroadcast(
    outShape,
    broadcastStrides(a.shape, outShape),
    broadcastStrides(b.shape, outShape),
    (o, ia, ib) => {
      out[o] = f(da[ia], db[ib]);
    },
  );
  return out;
}

/**
 * `out = cond ? a : b` with broadcasting over all three.
 *
 * @param cond A bool tensor.
 * @param a Taken where cond is true.
 * @param b Taken where cond is false.
 * @param outShape The broadcast shape.
 * @param outDtype The output dtype.
 * @returns The output values.
 *
 * @example
 * ```ts
 * import { whereKernel } from "./elementwise.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const cond = { shape: [2], dtype: "bool" as const, size: 2, storage: new CpuStorage(new Uint8Array([1, 0])) };
 * deepStrictEqual([...whereKernel(cond, 5, 7, [2], "float32")], [5, 7]);
 * ```
 */
export function whereKernel(
  cond: TensorInfo,
  a: Operand,
  b: Operand,
  outShape: Shape,
  outDtype: DType,
): TypedArray {
  const out = outputArray(outDtype, sizeOf(outShape));
  const rank = outShape.length;
  const c = dataOf(cond);
  const cStrides = broadcastStrides(cond.shape, outShape);
  const aData = typeof a === "number" ? null : dataOf(a);
  const bData = typeof b === "number" ? null : dataOf(b);
  const aStrides = typeof a === "number"
    ? new Array(rank).fill(0)
    : broadcastStrides(a.shape, outShape);
  const bStrides = typeof b === "number"
    ? new Array(rank).fill(0)
    : broadcastStrides(b.shape, outShape);
  const n = out.length;
  if (
    cond.size === n && (aData === null || aData.length === n) &&
    (bData === null || bData.length === n)
  ) {
    // No broadcasting (relu's where(x > 0, x, 0)): one tight pass.
    const av = a as number;
    const bv = b as number;
    for (let i = 0; i < n; i++) {
      out[i] = c[i] ? (aData === null ? av : aData[i]) : (bData === null ? bv : bData[i]);
    }
    return out;
  }
  // Walk (cond, a) together, then (cond, b): two passes keep the odometer simple.
  walkBroadcast(outShape, cStrides, aStrides, (o, ic, ia) => {
    if (c[ic]) out[o] = aData === null ? (a as number) : aData[ia];
  });
  walkBroadcast(outShape, cStrides, bStrides, (o, ic, ib) => {
    if (!c[ic]) out[o] = bData === null ? (b as number) : bData[ib];
  });
  return out;
}
