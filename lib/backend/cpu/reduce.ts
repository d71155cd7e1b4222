/**
 * CPU reductions over the middle axis of `[outer, length, inner]`. Sums
 * accumulate in float64 so float32 sums of a million values stay accurate.
 *
 * @module
 */
import type { ReduceOp, TensorInfo } from "../backend.ts";
import type { DType, TypedArray } from "../../core/dtype.ts";
import { dataOf, outputArray } from "./storage.ts";

/**
 * Reduces `x` seen as `[outer, length, inner]` over its middle axis.
 * max/min propagate NaN; argmax/argmin return the first index of the extreme.
 *
 * @param op The reduction.
 * @param x The input.
 * @param outer Product of the axes before the reduced one.
 * @param length Length of the reduced axis.
 * @param inner Product of the axes after it.
 * @param outDtype The output dtype.
 * @returns `[outer, inner]` values.
 *
 * @example
 * ```ts
 * import { reduceKernel } from "./reduce.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const x = { shape: [2, 2], dtype: "float32" as const, size: 4, storage: new CpuStorage(new Float32Array([1, 2, 3, 4])) };
 * deepStrictEqual([...reduceKernel("sum", x, 2, 2, 1, "float32")], [3, 7]);
 * ```
 */
export function reduceKernel(
  op: ReduceOp,
  x: TensorInfo,
  outer: number,
  length: number,
  inner: number,
  outDtype: DType,
): TypedArray {
  const input = dataOf(x);
  const out = outputArray(outDtype, outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * length * inner + i;
      let acc: number;
      switch (op) {
        case "sum":
          acc = 0;
          for (let k = 0; k < length; k++) acc += input[base + k * inner];
          break;
        case "max":
        case "min": {
          acc = input[base];
          const isMax = op === "max";
          for (let k = 1; k < length && !Number.isNaN(acc); k++) {
            const v = input[base + k * inner];
            if (Number.isNaN(v) || (isMax ? v > acc : v < acc)) acc = v;
          }
          break;
        }
        case "argmax":
        case "argmin": {
          const isMax = op === "argmax";
          let best = input[base];
          acc = 0;
          for (let k = 1; k < length && !Number.isNaN(best); k++) {
            const v = input[base + k * inner];
            if (Number.isNaN(v) || (isMax ? v > best : v < best)) {
              best = v;
              acc = k;
            }
          }
          break;
        }
      }
      out[o * inner + i] = acc;
    }
  }
  return out;
}
