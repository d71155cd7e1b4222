/**
 * Reductions over one axis, several axes, or all: sum, mean, max, min, argmax,
 * argmin, norm, each with `keepDims`.
 *
 * @module
 */
import type { ReduceOp } from "../../backend/backend.ts";
import { type DType, requireFloat } from "../../core/dtype.ts";
import { DtypeError, formatShape, ValueError } from "../../core/errors.ts";
import { normalizeAxis, sizeOf } from "../../core/shape.ts";
import { Tensor } from "../tensor.ts";
import { add, div, eq, sqrt, square, where } from "./elementwise.ts";
import { active, type Backward, record } from "../tape.ts";

type Axes = number | number[] | undefined;

function checkTensor(x: Tensor, action: string): void {
  if (!(x instanceof Tensor)) {
    throw new DtypeError(`Cannot ${action}: the argument is ${typeof x}, not a tensor`);
  }
}

function normalizeAxes(x: Tensor, axis: Axes, action: string): number[] {
  if (axis === undefined) return x.shape.map((_, i) => i);
  const list = (Array.isArray(axis) ? axis : [axis]).map((a) => normalizeAxis(a, x.rank, action));
  return [...new Set(list)].sort((a, b) => a - b);
}

/** Reduces one axis, keeping it with length 1. */
function reduceOne(op: ReduceOp, x: Tensor, axis: number, outDtype: DType): Tensor {
  const outer = sizeOf(x.shape.slice(0, axis));
  const length = x.shape[axis];
  const inner = sizeOf(x.shape.slice(axis + 1));
  const storage = x.backend.reduce(op, x, outer, length, inner, outDtype);
  const shape = x.shape.map((n, i) => (i === axis ? 1 : n));
  const out = new Tensor(storage, shape, outDtype, x.backend);
  if (active.length !== 0) record(op, [x], out, REDUCE_GRAD[op](axis));
  return out;
}

// ---- Backward rules (reverse-mode autodiff; see lib/tensor/tape.ts) -------
// One axis is reduced with its length kept as 1, so `g` broadcasts back over it.

/** `g` stretched to `x`'s shape. */
function spread(g: Tensor, x: Tensor): Tensor {
  return add(g, new Tensor(x.backend.fill(x.size, 0, g.dtype), x.shape, g.dtype, x.backend));
}

/** max/min: the gradient is shared equally among the entries that tie for the extreme. */
const extremeGrad = (axis: number): Backward => (g, [x], out) => {
  const hit = eq(x, out);
  const count = reduceOne("sum", where(hit, 1, 0), axis, "int32");
  return [where(hit, div(spread(g, x), count), 0)];
};

const REDUCE_GRAD: Record<ReduceOp, (axis: number) => Backward | string> = {
  sum: () => (g, [x]) => [spread(g, x)],
  max: extremeGrad,
  min: extremeGrad,
  argmax: () => "an index (piecewise constant)",
  argmin: () => "an index (piecewise constant)",
};

/** Reduces several axes; the result keeps them with length 1 unless `keepDims` is false. */
function reduce(
  op: ReduceOp,
  x: Tensor,
  axis: Axes,
  keepDims: boolean,
  outDtype: DType,
  action: string,
): Tensor {
  checkTensor(x, action);
  const axes = normalizeAxes(x, axis, action);
  const needsElements = op !== "sum";
  if (needsElements && axes.some((a) => x.shape[a] === 0)) {
    throw new ValueError(
      `Cannot ${action}: tensor of shape ${formatShape(x.shape)} is empty along the reduced axes`,
    );
  }
  let out = x;
  if (x.rank === 0) out = reduceOne(op, x.reshape([1]), 0, outDtype).reshape([]);
  for (const a of axes) {
    const next = reduceOne(op, out, a, outDtype);
    if (out !== x) out.dispose();
    out = next;
  }
  if (out === x) return x.clone();
  if (keepDims) return out;
  const shape = x.shape.filter((_, i) => !axes.includes(i));
  const result = out.reshape(shape);
  out.dispose();
  return result;
}

/**
 * The sum over `axis` (all axes when omitted). int32 and bool sum to int32.
 *
 * @param x A tensor.
 * @param axis One axis, several, or undefined for all.
 * @param keepDims Keep reduced axes with length 1.
 * @returns The sum (0 for an empty tensor).
 *
 * @example
 * ```ts
 * import { sum, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await sum(tensor([[1, 2], [3, 4]]), 0).array(), [4, 6]);
 * ```
 */
export function sum(x: Tensor, axis?: number | number[], keepDims = false): Tensor {
  const dtype = x instanceof Tensor && x.dtype === "bool" ? "int32" : x?.dtype;
  return reduce("sum", x, axis, keepDims, dtype, "sum a tensor");
}

/**
 * The mean over `axis` (all axes when omitted).
 *
 * @param x A float tensor.
 * @param axis One axis, several, or undefined for all.
 * @param keepDims Keep reduced axes with length 1.
 * @returns The mean.
 * @throws {ValueError} For an empty tensor.
 * @throws {DtypeError} For int32 or bool (cast first).
 *
 * @example
 * ```ts
 * import { mean, tensor } from "../mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(await mean(tensor([1, 2, 3, 4])).item(), 2.5);
 * ```
 */
export function mean(x: Tensor, axis?: number | number[], keepDims = false): Tensor {
  const action = "take the mean of a tensor";
  checkTensor(x, action);
  requireFloat(x.dtype, action);
  const axes = normalizeAxes(x, axis, action);
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  if (count === 0) {
    throw new ValueError(
      `Cannot ${action}: tensor of shape ${formatShape(x.shape)} has no elements to average`,
    );
  }
  const total = reduce("sum", x, axis, keepDims, x.dtype, action);
  const result = total.div(count);
  total.dispose();
  return result;
}

/**
 * The maximum over `axis` (all axes when omitted); NaN propagates.
 *
 * @param x A numeric tensor.
 * @param axis One axis, several, or undefined for all.
 * @param keepDims Keep reduced axes with length 1.
 * @returns The maximum.
 * @throws {ValueError} For an empty tensor.
 *
 * @example
 * ```ts
 * import { max, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await max(tensor([[1, 5], [3, 4]]), 1).array(), [5, 4]);
 * ```
 */
export function max(x: Tensor, axis?: number | number[], keepDims = false): Tensor {
  return reduce("max", x, axis, keepDims, x?.dtype, "take the max of a tensor");
}

/**
 * The minimum over `axis` (all axes when omitted); NaN propagates.
 *
 * @param x A numeric tensor.
 * @param axis One axis, several, or undefined for all.
 * @param keepDims Keep reduced axes with length 1.
 * @returns The minimum.
 * @throws {ValueError} For an empty tensor.
 *
 * @example
 * ```ts
 * import { min, tensor } from "../mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(await min(tensor([3, -1, 2])).item(), -1);
 * ```
 */
export function min(x: Tensor, axis?: number | number[], keepDims = false): Tensor {
  return reduce("min", x, axis, keepDims, x?.dtype, "take the min of a tensor");
}

function argReduce(
  op: "argmax" | "argmin",
  x: Tensor,
  axis: number | undefined,
  keepDims: boolean,
): Tensor {
  const action = `take the ${op} of a tensor`;
  checkTensor(x, action);
  if (axis === undefined) {
    const flat = x.reshape([x.size]);
    const result = reduce(op, flat, 0, false, "int32", action);
    flat.dispose();
    return keepDims ? result.reshape(x.shape.map(() => 1)) : result;
  }
  return reduce(op, x, axis, keepDims, "int32", action);
}

/**
 * The index of the maximum along `axis` (of the flattened tensor when omitted),
 * the first one on ties, as int32.
 *
 * @param x A numeric tensor.
 * @param axis The axis.
 * @param keepDims Keep the axis with length 1.
 * @returns int32 indices.
 * @throws {ValueError} For an empty tensor.
 *
 * @example
 * ```ts
 * import { argmax, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await argmax(tensor([[1, 5], [4, 3]]), 1).array(), [1, 0]);
 * ```
 */
export function argmax(x: Tensor, axis?: number, keepDims = false): Tensor {
  return argReduce("argmax", x, axis, keepDims);
}

/**
 * The index of the minimum along `axis` (of the flattened tensor when omitted).
 *
 * @param x A numeric tensor.
 * @param axis The axis.
 * @param keepDims Keep the axis with length 1.
 * @returns int32 indices.
 * @throws {ValueError} For an empty tensor.
 *
 * @example
 * ```ts
 * import { argmin, tensor } from "../mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(await argmin(tensor([3, -1, 2])).item(), 1);
 * ```
 */
export function argmin(x: Tensor, axis?: number, keepDims = false): Tensor {
  return argReduce("argmin", x, axis, keepDims);
}

/**
 * The Euclidean (L2) norm over `axis` (of all elements when omitted).
 *
 * @param x A float tensor.
 * @param axis One axis, several, or undefined for all.
 * @param keepDims Keep reduced axes with length 1.
 * @returns `sqrt(sum(x²))`.
 *
 * @example
 * ```ts
 * import { norm, tensor } from "../mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(await norm(tensor([3, 4])).item(), 5);
 * ```
 */
export function norm(x: Tensor, axis?: number | number[], keepDims = false): Tensor {
  const action = "take the norm of a tensor";
  checkTensor(x, action);
  requireFloat(x.dtype, action);
  const squares = square(x);
  const total = reduce("sum", squares, axis, keepDims, x.dtype, action);
  const result = sqrt(total);
  squares.dispose();
  total.dispose();
  return result;
}
