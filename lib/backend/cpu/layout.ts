/**
 * CPU kernels that move values without arithmetic: transpose, slice, gather,
 * concat, oneHot.
 *
 * @module
 */
import type { TensorInfo } from "../backend.ts";
import type { DType, TypedArray } from "../../core/dtype.ts";
import { type Shape, sizeOf, stridesOf } from "../../core/shape.ts";
import { dataOf, outputArray } from "./storage.ts";

/** Copies `x` through a strided view: out index → Σ counter[a]·strides[a] + offset. */
function stridedCopy(
  input: TypedArray,
  out: TypedArray,
  outShape: Shape,
  strides: readonly number[],
  offset: number,
): void {
  const rank = outShape.length;
  const counter = new Array<number>(rank).fill(0);
  let src = offset;
  for (let o = 0; o < out.length; o++) {
    out[o] = input[src];
    for (let axis = rank - 1; axis >= 0; axis--) {
      counter[axis]++;
      src += strides[axis];
      if (counter[axis] < outShape[axis]) break;
      src -= strides[axis] * counter[axis];
      counter[axis] = 0;
    }
  }
}

/**
 * Permutes axes: output axis i is input axis `perm[i]`.
 *
 * @param x The input.
 * @param perm The permutation.
 * @param outShape The permuted shape.
 * @returns The output values.
 *
 * @example
 * ```ts
 * import { transposeKernel } from "./layout.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const x = { shape: [2, 2], dtype: "float32" as const, size: 4, storage: new CpuStorage(new Float32Array([1, 2, 3, 4])) };
 * deepStrictEqual([...transposeKernel(x, [1, 0], [2, 2])], [1, 3, 2, 4]);
 * ```
 */
export function transposeKernel(
  x: TensorInfo,
  perm: readonly number[],
  outShape: Shape,
): TypedArray {
  const inStrides = stridesOf(x.shape);
  const out = outputArray(x.dtype, x.size);
  if (perm.length === 2 && perm[0] === 1) {
    // A matrix (autodiff's matmul backward transposes one per product): 8×8 tiles.
    const input = dataOf(x);
    const [rows, cols] = x.shape;
    for (let i0 = 0; i0 < rows; i0 += 8) {
      const iEnd = Math.min(i0 + 8, rows);
      for (let j0 = 0; j0 < cols; j0 += 8) {
        const jEnd = Math.min(j0 + 8, cols);
        for (let i = i0; i < iEnd; i++) {
          for (let j = j0; j < jEnd; j++) out[j * rows + i] = input[i * cols + j];
        }
      }
    }
    return out;
  }
  stridedCopy(dataOf(x), out, outShape, perm.map((p) => inStrides[p]), 0);
  return out;
}

/**
 * The box `[begin, begin + outShape)` of `x`.
 *
 * @param x The input.
 * @param begin The first index along each axis.
 * @param outShape The box's lengths.
 * @returns The output values.
 *
 * @example
 * ```ts
 * import { sliceKernel } from "./layout.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const x = { shape: [4], dtype: "float32" as const, size: 4, storage: new CpuStorage(new Float32Array([1, 2, 3, 4])) };
 * deepStrictEqual([...sliceKernel(x, [1], [2])], [2, 3]);
 * ```
 */
export function sliceKernel(x: TensorInfo, begin: readonly number[], outShape: Shape): TypedArray {
  const strides = stridesOf(x.shape);
  let offset = 0;
  for (let i = 0; i < begin.length; i++) offset += begin[i] * strides[i];
  const out = outputArray(x.dtype, sizeOf(outShape));
  stridedCopy(dataOf(x), out, outShape, strides, offset);
  return out;
}

/**
 * Takes entries of `x` along `axis` at `indices` (int32, range-checked by the caller).
 *
 * @param x The input.
 * @param indices The positions to take.
 * @param axis The axis they index.
 * @param outShape `x.shape` with `axis` replaced by `indices.shape`.
 * @returns The output values.
 *
 * @example
 * ```ts
 * import { gatherKernel } from "./layout.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const x = { shape: [3, 1], dtype: "float32" as const, size: 3, storage: new CpuStorage(new Float32Array([5, 6, 7])) };
 * const i = { shape: [2], dtype: "int32" as const, size: 2, storage: new CpuStorage(new Int32Array([2, 0])) };
 * deepStrictEqual([...gatherKernel(x, i, 0, [2, 1])], [7, 5]);
 * ```
 */
export function gatherKernel(
  x: TensorInfo,
  indices: TensorInfo,
  axis: number,
  outShape: Shape,
): TypedArray {
  const input = dataOf(x);
  const index = dataOf(indices);
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  const length = x.shape[axis];
  const out = outputArray(x.dtype, sizeOf(outShape));
  let o = 0;
  for (let a = 0; a < outer; a++) {
    for (let k = 0; k < index.length; k++) {
      const start = (a * length + index[k]) * inner;
      out.set(input.subarray(start, start + inner), o);
      o += inner;
    }
  }
  return out;
}

/**
 * Joins tensors along an existing axis.
 *
 * @param xs The inputs, one dtype.
 * @param axis The axis to join along.
 * @param outShape The joined shape.
 * @returns The output values.
 *
 * @example
 * ```ts
 * import { concatKernel } from "./layout.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const a = { shape: [1], dtype: "float32" as const, size: 1, storage: new CpuStorage(new Float32Array([1])) };
 * deepStrictEqual([...concatKernel([a, a], 0, [2])], [1, 1]);
 * ```
 */
export function concatKernel(
  xs: readonly TensorInfo[],
  axis: number,
  outShape: Shape,
): TypedArray {
  const out = outputArray(xs[0].dtype, sizeOf(outShape));
  const outer = sizeOf(outShape.slice(0, axis));
  let o = 0;
  for (let a = 0; a < outer; a++) {
    for (const x of xs) {
      const chunk = sizeOf(x.shape.slice(axis));
      const start = a * chunk;
      out.set(dataOf(x).subarray(start, start + chunk), o);
      o += chunk;
    }
  }
  return out;
}

/**
 * One row per index: 1 at the index, 0 elsewhere.
 *
 * @param indices int32 class indices, range-checked by the caller.
 * @param depth The number of classes.
 * @param outDtype The output dtype.
 * @returns `[...indices.shape, depth]` values.
 *
 * @example
 * ```ts
 * import { oneHotKernel } from "./layout.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const i = { shape: [1], dtype: "int32" as const, size: 1, storage: new CpuStorage(new Int32Array([1])) };
 * deepStrictEqual([...oneHotKernel(i, 3, "float32")], [0, 1, 0]);
 * ```
 */
export function oneHotKernel(indices: TensorInfo, depth: number, outDtype: DType): TypedArray {
  const index = dataOf(indices);
  const out = outputArray(outDtype, index.length * depth, true);
  for (let i = 0; i < index.length; i++) out[i * depth + index[i]] = 1;
  return out;
}
