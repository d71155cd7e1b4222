/**
 * Shape arithmetic: sizes, strides, NumPy broadcasting and axis normalisation.
 *
 * @module
 */
import { formatShape, ShapeError } from "./errors.ts";

/** A tensor's shape: one length per axis; `[]` is a 0-d (scalar) tensor. */
export type Shape = readonly number[];

/**
 * The number of elements of a shape.
 *
 * @param shape The shape.
 * @returns The product of its lengths (1 for `[]`).
 *
 * @example
 * ```ts
 * import { sizeOf } from "./shape.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(sizeOf([2, 3]), 6);
 * ```
 */
export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const n of shape) size *= n;
  return size;
}

/**
 * Row-major strides of a shape.
 *
 * @param shape The shape.
 * @returns How many elements one step along each axis skips.
 *
 * @example
 * ```ts
 * import { stridesOf } from "./shape.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(stridesOf([2, 3, 4]), [12, 4, 1]);
 * ```
 */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

/**
 * The strides with which an operand of `shape` is read along each axis of
 * `outShape` when broadcast: its own stride, or 0 along an axis it lacks
 * (leading) or has length 1. The CPU and WebGPU backends both walk broadcast
 * operands with these.
 *
 * @param shape The operand's shape (it broadcasts to `outShape`).
 * @param outShape The broadcast shape.
 * @returns One stride per axis of `outShape`.
 *
 * @example
 * ```ts
 * import { broadcastStrides } from "./shape.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(broadcastStrides([3], [2, 3]), [0, 1]);
 * deepStrictEqual(broadcastStrides([2, 1], [2, 3]), [1, 0]);
 * ```
 */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const strides = stridesOf(shape);
  const out = new Array<number>(outShape.length).fill(0);
  const offset = outShape.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[offset + i] = shape[i] === 1 ? 0 : strides[i];
  return out;
}

/**
 * The shape two shapes broadcast to under NumPy's rule: align from the right;
 * lengths must be equal or one of them 1.
 *
 * @param a The first shape.
 * @param b The second shape.
 * @param action What was being done, for the error, e.g. "add tensors".
 * @returns The broadcast shape.
 * @throws {ShapeError} When the shapes do not broadcast.
 *
 * @example
 * ```ts
 * import { broadcastShapes } from "./shape.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(broadcastShapes([2, 1], [3], "add tensors"), [2, 3]);
 * ```
 */
export function broadcastShapes(a: Shape, b: Shape, action: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `Cannot ${action}: shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Turns a possibly negative axis into an index in `[0, rank)`.
 *
 * @param axis The axis; -1 is the last.
 * @param rank The number of axes.
 * @param action What was being done, for the error.
 * @returns The axis in `[0, rank)`.
 * @throws {ShapeError} When the axis is out of range or not an integer.
 *
 * @example
 * ```ts
 * import { normalizeAxis } from "./shape.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(normalizeAxis(-1, 3, "sum"), 2);
 * ```
 */
export function normalizeAxis(axis: number, rank: number, action: string): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new ShapeError(
      `Cannot ${action}: axis ${axis} is out of range for a tensor with ${rank} axes`,
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * Checks that a value is a valid shape: non-negative integer lengths.
 *
 * @param shape The candidate shape.
 * @param action What was being done, for the error.
 * @throws {ShapeError} When a length is negative or not an integer.
 *
 * @example
 * ```ts
 * import { checkShape } from "./shape.ts";
 * import { throws } from "node:assert";
 * throws(() => checkShape([2, -1], "create a tensor"), /Cannot create a tensor: shape \[2,-1\]/);
 * ```
 */
export function checkShape(shape: Shape, action: string): void {
  for (const n of shape) {
    if (!Number.isInteger(n) || n < 0) {
      throw new ShapeError(
        `Cannot ${action}: shape ${
          formatShape(shape)
        } has a length that is not a non-negative integer`,
      );
    }
  }
}
