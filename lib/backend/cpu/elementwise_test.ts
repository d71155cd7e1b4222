/** The CPU element-wise kernels' fast paths against values worked out by hand. */
import { deepStrictEqual } from "node:assert";
import { binaryKernel, whereKernel } from "./elementwise.ts";
import { CpuStorage } from "./storage.ts";

function f32(values: number[], shape: number[]) {
  return {
    shape,
    dtype: "float32" as const,
    size: values.length,
    storage: new CpuStorage(Float32Array.from(values)),
  };
}

Deno.test("a bias row repeats along the leading axes, on either side [cpu]", () => {
  const x = f32([1, 2, 3, 4, 5, 6], [2, 3]);
  const row = f32([10, 20, 30], [3]);
  deepStrictEqual([...binaryKernel("add", x, row, [2, 3], "float32")], [11, 22, 33, 14, 25, 36]);
  // row − x: 10 − 1, 20 − 2, 30 − 3, 10 − 4, …
  deepStrictEqual([...binaryKernel("sub", row, x, [2, 3], "float32")], [9, 18, 27, 6, 15, 24]);
  // a [1, 3] row against [2, 1, 3]: leading 1s do not matter
  const row13 = f32([1, 0, -1], [1, 3]);
  const x213 = f32([1, 2, 3, 4, 5, 6], [2, 1, 3]);
  deepStrictEqual([...binaryKernel("mul", x213, row13, [2, 1, 3], "float32")], [
    1,
    0,
    -3,
    4,
    0,
    -6,
  ]);
  // a column [2, 1] is not a trailing row: the general walk, 1 + 10, 1 + 20, …
  const col = f32([1, 2], [2, 1]);
  deepStrictEqual([...binaryKernel("add", col, row, [2, 3], "float32")], [11, 21, 31, 12, 22, 32]);
});

Deno.test("where() of same-shape operands and numbers takes one pass [cpu]", () => {
  const cond = {
    shape: [4],
    dtype: "bool" as const,
    size: 4,
    storage: new CpuStorage(new Uint8Array([1, 0, 0, 1])),
  };
  const x = f32([-1, -2, 3, 4], [4]);
  deepStrictEqual([...whereKernel(cond, x, 0, [4], "float32")], [-1, 0, 0, 4]);
  deepStrictEqual([...whereKernel(cond, 7, x, [4], "float32")], [7, -2, 3, 7]);
});
