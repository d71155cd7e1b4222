/**
 * CPU matrix product, i-k-j order so the inner loop runs along rows of B and C,
 * four rows of B per pass.
 *
 * @module
 */
import type { TensorInfo } from "../backend.ts";
import type { TypedArray } from "../../core/dtype.ts";
import { dataOf, outputArray } from "./storage.ts";

/**
 * `C[m, n] = A[m, k] @ B[k, n]`, written in the operands' dtype.
 *
 * @param a Left matrix.
 * @param b Right matrix.
 * @param m Rows of A.
 * @param k Columns of A, rows of B.
 * @param n Columns of B.
 * @returns C's values.
 *
 * @example
 * ```ts
 * import { matmulKernel } from "./matmul.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const a = { shape: [1, 2], dtype: "float32" as const, size: 2, storage: new CpuStorage(new Float32Array([1, 2])) };
 * const b = { shape: [2, 1], dtype: "float32" as const, size: 2, storage: new CpuStorage(new Float32Array([3, 4])) };
 * deepStrictEqual([...matmulKernel(a, b, 1, 2, 1)], [11]);
 * ```
 */
export function matmulKernel(
  a: TensorInfo,
  b: TensorInfo,
  m: number,
  k: number,
  n: number,
): TypedArray {
  const A = dataOf(a);
  const B = dataOf(b);
  const C = outputArray(a.dtype, m * n);
  // Accumulate one row of C in float64, then round once: more accurate for
  // float32, and with four rows of B per pass faster than the plain i-k-j loop.
  const row = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    row.fill(0);
    const aRow = i * k;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const a0 = A[aRow + p], a1 = A[aRow + p + 1], a2 = A[aRow + p + 2], a3 = A[aRow + p + 3];
      const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        row[j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
      }
    }
    for (; p < k; p++) {
      const aip = A[aRow + p];
      const bRow = p * n;
      for (let j = 0; j < n; j++) row[j] += aip * B[bRow + j];
    }
    C.set(row, i * n);
  }
  return C;
}
