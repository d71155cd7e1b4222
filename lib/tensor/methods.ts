/**
 * The chainable forms of the ops (`x.mul(2).sum()`), attached to
 * `Tensor.prototype` here so that `tensor.ts` imports no op: the ops import the
 * `Tensor` class, and this file imports both. `creation.ts` imports it, so any
 * tensor a program can hold has its methods. Each is documented at its free
 * function.
 *
 * @example
 * ```ts
 * import { tensor } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await tensor([1, 2]).mul(3).add(1).array(), [4, 7]);
 * ```
 *
 * @module
 */
import type { DType } from "../core/dtype.ts";
import { Tensor, type TensorLike } from "./tensor.ts";
import * as ew from "./ops/elementwise.ts";
import * as red from "./ops/reduce.ts";
import * as sh from "./ops/shape_ops.ts";
import * as la from "./ops/linalg.ts";

declare module "./tensor.ts" {
  interface Tensor {
    /** See {@linkcode ew.add}. */
    add(other: TensorLike): Tensor;
    /** See {@linkcode ew.sub}. */
    sub(other: TensorLike): Tensor;
    /** See {@linkcode ew.mul}. */
    mul(other: TensorLike): Tensor;
    /** See {@linkcode ew.div}. */
    div(other: TensorLike): Tensor;
    /** See {@linkcode ew.pow}. */
    pow(other: TensorLike): Tensor;
    /** See {@linkcode ew.maximum}. */
    maximum(other: TensorLike): Tensor;
    /** See {@linkcode ew.minimum}. */
    minimum(other: TensorLike): Tensor;
    /** See {@linkcode ew.eq}. */
    eq(other: TensorLike): Tensor;
    /** See {@linkcode ew.lt}. */
    lt(other: TensorLike): Tensor;
    /** See {@linkcode ew.le}. */
    le(other: TensorLike): Tensor;
    /** See {@linkcode ew.gt}. */
    gt(other: TensorLike): Tensor;
    /** See {@linkcode ew.ge}. */
    ge(other: TensorLike): Tensor;
    /** See {@linkcode ew.neg}. */
    neg(): Tensor;
    /** See {@linkcode ew.abs}. */
    abs(): Tensor;
    /** See {@linkcode ew.sign}. */
    sign(): Tensor;
    /** See {@linkcode ew.exp}. */
    exp(): Tensor;
    /** See {@linkcode ew.log}. */
    log(): Tensor;
    /** See {@linkcode ew.sqrt}. */
    sqrt(): Tensor;
    /** See {@linkcode ew.square}. */
    square(): Tensor;
    /** See {@linkcode ew.cast}. */
    cast(dtype: DType): Tensor;
    /** See {@linkcode red.sum}. */
    sum(axis?: number | number[], keepDims?: boolean): Tensor;
    /** See {@linkcode red.mean}. */
    mean(axis?: number | number[], keepDims?: boolean): Tensor;
    /** See {@linkcode red.max}. */
    max(axis?: number | number[], keepDims?: boolean): Tensor;
    /** See {@linkcode red.min}. */
    min(axis?: number | number[], keepDims?: boolean): Tensor;
    /** See {@linkcode red.argmax}. */
    argmax(axis?: number, keepDims?: boolean): Tensor;
    /** See {@linkcode red.norm}. */
    norm(axis?: number | number[], keepDims?: boolean): Tensor;
    /** See {@linkcode sh.reshape}. */
    reshape(shape: readonly number[]): Tensor;
    /** See {@linkcode sh.transpose}. */
    transpose(perm?: readonly number[]): Tensor;
    /** See {@linkcode sh.squeeze}. */
    squeeze(axis?: number): Tensor;
    /** See {@linkcode sh.unsqueeze}. */
    unsqueeze(axis: number): Tensor;
    /** See {@linkcode sh.slice}. */
    slice(begin: readonly number[], size?: readonly number[]): Tensor;
    /** See {@linkcode sh.gather}. */
    gather(indices: Tensor | readonly number[], axis?: number): Tensor;
    /** See {@linkcode sh.clone}. */
    clone(): Tensor;
    /** See {@linkcode la.matmul}. */
    matmul(other: Tensor): Tensor;
    /** See {@linkcode la.dot}. */
    dot(other: Tensor): Tensor;
  }
}

const methods: ThisType<Tensor> & Record<string, unknown> = {
  add(this: Tensor, other: TensorLike): Tensor {
    return ew.add(this, other);
  },
  sub(this: Tensor, other: TensorLike): Tensor {
    return ew.sub(this, other);
  },
  mul(this: Tensor, other: TensorLike): Tensor {
    return ew.mul(this, other);
  },
  div(this: Tensor, other: TensorLike): Tensor {
    return ew.div(this, other);
  },
  pow(this: Tensor, other: TensorLike): Tensor {
    return ew.pow(this, other);
  },
  maximum(this: Tensor, other: TensorLike): Tensor {
    return ew.maximum(this, other);
  },
  minimum(this: Tensor, other: TensorLike): Tensor {
    return ew.minimum(this, other);
  },
  eq(this: Tensor, other: TensorLike): Tensor {
    return ew.eq(this, other);
  },
  lt(this: Tensor, other: TensorLike): Tensor {
    return ew.lt(this, other);
  },
  le(this: Tensor, other: TensorLike): Tensor {
    return ew.le(this, other);
  },
  gt(this: Tensor, other: TensorLike): Tensor {
    return ew.gt(this, other);
  },
  ge(this: Tensor, other: TensorLike): Tensor {
    return ew.ge(this, other);
  },
  neg(this: Tensor): Tensor {
    return ew.neg(this);
  },
  abs(this: Tensor): Tensor {
    return ew.abs(this);
  },
  sign(this: Tensor): Tensor {
    return ew.sign(this);
  },
  exp(this: Tensor): Tensor {
    return ew.exp(this);
  },
  log(this: Tensor): Tensor {
    return ew.log(this);
  },
  sqrt(this: Tensor): Tensor {
    return ew.sqrt(this);
  },
  square(this: Tensor): Tensor {
    return ew.square(this);
  },
  cast(this: Tensor, dtype: DType): Tensor {
    return ew.cast(this, dtype);
  },
  sum(this: Tensor, axis?: number | number[], keepDims = false): Tensor {
    return red.sum(this, axis, keepDims);
  },
  mean(this: Tensor, axis?: number | number[], keepDims = false): Tensor {
    return red.mean(this, axis, keepDims);
  },
  max(this: Tensor, axis?: number | number[], keepDims = false): Tensor {
    return red.max(this, axis, keepDims);
  },
  min(this: Tensor, axis?: number | number[], keepDims = false): Tensor {
    return red.min(this, axis, keepDims);
  },
  argmax(this: Tensor, axis?: number, keepDims = false): Tensor {
    return red.argmax(this, axis, keepDims);
  },
  norm(this: Tensor, axis?: number | number[], keepDims = false): Tensor {
    return red.norm(this, axis, keepDims);
  },
  reshape(this: Tensor, shape: readonly number[]): Tensor {
    return sh.reshape(this, shape);
  },
  transpose(this: Tensor, perm?: readonly number[]): Tensor {
    return sh.transpose(this, perm);
  },
  squeeze(this: Tensor, axis?: number): Tensor {
    return sh.squeeze(this, axis);
  },
  unsqueeze(this: Tensor, axis: number): Tensor {
    return sh.unsqueeze(this, axis);
  },
  slice(this: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
    return sh.slice(this, begin, size);
  },
  gather(this: Tensor, indices: Tensor | readonly number[], axis = 0): Tensor {
    return sh.gather(this, indices, axis);
  },
  clone(this: Tensor): Tensor {
    return sh.clone(this);
  },
  matmul(this: Tensor, other: Tensor): Tensor {
    return la.matmul(this, other);
  },
  dot(this: Tensor, other: Tensor): Tensor {
    return la.dot(this, other);
  },
};

for (const [name, method] of Object.entries(methods)) {
  Object.defineProperty(Tensor.prototype, name, {
    value: method,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
