/**
 * Creating tensors: from values, constant fills, ranges, the identity, and
 * seeded random draws.
 *
 * @module
 */
import type { Backend, BackendName } from "../backend/backend.ts";
import { getBackend } from "../backend/registry.ts";
import { allocate, type DType, dtypeOf, type TypedArray } from "../core/dtype.ts";
import { DtypeError, formatShape, ShapeError, ValueError } from "../core/errors.ts";
import type { Rng } from "./rng.ts";
import { checkShape, type Shape, sizeOf } from "../core/shape.ts";
import { Tensor } from "./tensor.ts";
import "./methods.ts";

/** Where and how a new tensor is stored. */
export interface CreateOptions {
  /** The element type; float32 unless the values say otherwise. */
  dtype?: DType;
  /** The backend; the default backend when omitted. */
  backend?: BackendName;
}

/** Values `tensor()` accepts: a number, nested arrays, or a typed array. */
export type TensorValues = number | boolean | readonly TensorValues[] | TypedArray;

function resolve(options: CreateOptions): Backend {
  return getBackend(options.backend);
}

function inferShape(values: TensorValues): number[] {
  const shape: number[] = [];
  let level: TensorValues = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  return shape;
}

function flatten(values: TensorValues, shape: number[], out: number[], depth = 0): void {
  if (depth === shape.length) {
    if (typeof values !== "number" && typeof values !== "boolean") {
      throw new ShapeError(
        `Cannot create a tensor: nested arrays are ragged (expected shape ${formatShape(shape)})`,
      );
    }
    out.push(Number(values));
    return;
  }
  if (!Array.isArray(values) || values.length !== shape[depth]) {
    throw new ShapeError(
      `Cannot create a tensor: nested arrays are ragged (expected shape ${formatShape(shape)})`,
    );
  }
  for (const v of values) flatten(v, shape, out, depth + 1);
}

/**
 * A tensor from a number, nested arrays, or a typed array (whose type sets the dtype).
 *
 * @param values The values.
 * @param options `dtype`, `backend`, and `shape` for a flat typed array.
 * @returns The tensor.
 * @throws {ShapeError} For ragged arrays or a shape that does not match.
 *
 * @example
 * ```ts
 * import { tensor } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * const x = tensor([[1, 2], [3, 4]]);
 * deepStrictEqual([x.shape, x.dtype], [[2, 2], "float32"]);
 * ```
 */
export function tensor(
  values: TensorValues,
  options: CreateOptions & { shape?: Shape } = {},
): Tensor {
  const action = "create a tensor";
  let flat: ArrayLike<number>;
  let shape: number[];
  let dtype: DType;
  if (ArrayBuffer.isView(values)) {
    flat = values;
    shape = options.shape ? [...options.shape] : [values.length];
    dtype = options.dtype ?? dtypeOf(values);
  } else {
    shape = inferShape(values);
    const out: number[] = [];
    flatten(values, shape, out);
    flat = out;
    if (options.shape) {
      if (sizeOf(options.shape) !== out.length) {
        throw new ShapeError(
          `Cannot ${action}: ${out.length} values do not fill shape ${formatShape(options.shape)}`,
        );
      }
      shape = [...options.shape];
    }
    const isBool =
      typeof (shape.length ? (values as unknown[]).flat(Infinity)[0] : values) === "boolean";
    dtype = options.dtype ?? (isBool ? "bool" : "float32");
  }
  checkShape(shape, action);
  if (sizeOf(shape) !== flat.length) {
    throw new ShapeError(
      `Cannot ${action}: ${flat.length} values do not fill shape ${formatShape(shape)}`,
    );
  }
  if (dtype === "int32") {
    for (let i = 0; i < flat.length; i++) {
      if (!Number.isInteger(flat[i])) {
        throw new DtypeError(
          `Cannot ${action}: value ${flat[i]} at index ${i} is not an integer for dtype int32`,
        );
      }
    }
  }
  const data = allocate(dtype, flat.length);
  for (let i = 0; i < flat.length; i++) data[i] = flat[i];
  const backend = resolve(options);
  return new Tensor(backend.upload(data, dtype), shape, dtype, backend);
}

/**
 * A tensor of one value.
 *
 * @param shape The shape.
 * @param value The value.
 * @param options `dtype` and `backend`.
 * @returns The tensor.
 *
 * @example
 * ```ts
 * import { full } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await full([2], 7).array(), [7, 7]);
 * ```
 */
export function full(shape: Shape, value: number, options: CreateOptions = {}): Tensor {
  checkShape(shape, "create a tensor");
  const dtype = options.dtype ?? "float32";
  const backend = resolve(options);
  return new Tensor(backend.fill(sizeOf(shape), value, dtype), shape, dtype, backend);
}

/**
 * A tensor of zeros.
 *
 * @param shape The shape.
 * @param options `dtype` and `backend`.
 * @returns The tensor.
 *
 * @example
 * ```ts
 * import { zeros } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await zeros([2]).array(), [0, 0]);
 * ```
 */
export function zeros(shape: Shape, options: CreateOptions = {}): Tensor {
  return full(shape, 0, options);
}

/**
 * A tensor of ones.
 *
 * @param shape The shape.
 * @param options `dtype` and `backend`.
 * @returns The tensor.
 *
 * @example
 * ```ts
 * import { ones } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await ones([2]).array(), [1, 1]);
 * ```
 */
export function ones(shape: Shape, options: CreateOptions = {}): Tensor {
  return full(shape, 1, options);
}

/**
 * Zeros with the shape, dtype and backend of `x`.
 *
 * @param x The model tensor.
 * @returns The tensor.
 *
 * @example
 * ```ts
 * import { tensor, zerosLike } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await zerosLike(tensor([5, 6])).array(), [0, 0]);
 * ```
 */
export function zerosLike(x: Tensor): Tensor {
  return new Tensor(x.backend.fill(x.size, 0, x.dtype), x.shape, x.dtype, x.backend);
}

/**
 * The n×n identity matrix.
 *
 * @param n The size.
 * @param options `dtype` and `backend`.
 * @returns The tensor.
 *
 * @example
 * ```ts
 * import { eye } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await eye(2).array(), [[1, 0], [0, 1]]);
 * ```
 */
export function eye(n: number, options: CreateOptions = {}): Tensor {
  checkShape([n, n], "create an identity matrix");
  const dtype = options.dtype ?? "float32";
  const data = allocate(dtype, n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  const backend = resolve(options);
  return new Tensor(backend.upload(data, dtype), [n, n], dtype, backend);
}

/**
 * `start, start + step, …` below `stop`; `arange(n)` is `0…n−1`.
 *
 * @param start The first value (or the stop, when it is the only argument).
 * @param stop One past the end.
 * @param step The step (non-zero).
 * @param options `dtype` (int32 for integer arguments, else float32) and `backend`.
 * @returns A 1-D tensor.
 * @throws {ValueError} When step is 0.
 *
 * @example
 * ```ts
 * import { arange } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await arange(1, 7, 2).array(), [1, 3, 5]);
 * ```
 */
export function arange(
  start: number,
  stop?: number,
  step = 1,
  options: CreateOptions = {},
): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0 || !Number.isFinite(step)) {
    throw new ValueError(`Cannot create a range: step ${step} is not a non-zero number`);
  }
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const integral = [start, stop, step].every(Number.isInteger);
  const dtype = options.dtype ?? (integral ? "int32" : "float32");
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  const backend = resolve(options);
  return new Tensor(backend.upload(data, dtype), [n], dtype, backend);
}

/**
 * `num` evenly spaced values from `start` to `stop`, both included.
 *
 * @param start The first value.
 * @param stop The last value.
 * @param num How many values.
 * @param options `dtype` and `backend`.
 * @returns A 1-D tensor.
 *
 * @example
 * ```ts
 * import { linspace } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await linspace(0, 1, 3).array(), [0, 0.5, 1]);
 * ```
 */
export function linspace(
  start: number,
  stop: number,
  num: number,
  options: CreateOptions = {},
): Tensor {
  if (!Number.isInteger(num) || num < 0) {
    throw new ValueError(`Cannot create a linspace: num ${num} is not a non-negative integer`);
  }
  const dtype = options.dtype ?? "float32";
  const data = allocate(dtype, num);
  for (let i = 0; i < num; i++) {
    data[i] = num === 1 ? start : start + ((stop - start) * i) / (num - 1);
  }
  const backend = resolve(options);
  return new Tensor(backend.upload(data, dtype), [num], dtype, backend);
}

/**
 * Uniform random values in [low, high), drawn from `rng`.
 *
 * @param rng The seeded generator.
 * @param shape The shape.
 * @param options `low` (0), `high` (1), `dtype`, `backend`.
 * @returns The tensor.
 *
 * @example
 * ```ts
 * import { Rng, uniform } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await uniform(new Rng(1), [3]).array(), await uniform(new Rng(1), [3]).array());
 * ```
 */
export function uniform(
  rng: Rng,
  shape: Shape,
  options: CreateOptions & { low?: number; high?: number } = {},
): Tensor {
  checkShape(shape, "draw uniform values");
  const { low = 0, high = 1 } = options;
  const dtype = options.dtype ?? "float32";
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = low + (high - low) * rng.float();
  const backend = resolve(options);
  return new Tensor(backend.upload(data, dtype), shape, dtype, backend);
}

/**
 * Normal random values, drawn from `rng`.
 *
 * @param rng The seeded generator.
 * @param shape The shape.
 * @param options `mean` (0), `std` (1), `dtype`, `backend`.
 * @returns The tensor.
 *
 * @example
 * ```ts
 * import { normal, Rng } from "./mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(normal(new Rng(1), [2, 3]).size, 6);
 * ```
 */
export function normal(
  rng: Rng,
  shape: Shape,
  options: CreateOptions & { mean?: number; std?: number } = {},
): Tensor {
  checkShape(shape, "draw normal values");
  const { mean = 0, std = 1 } = options;
  const dtype = options.dtype ?? "float32";
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = mean + std * rng.normal();
  const backend = resolve(options);
  return new Tensor(backend.upload(data, dtype), shape, dtype, backend);
}
