/** The CPU layout kernels' fast paths against values worked out by hand. */
import { deepStrictEqual } from "node:assert";
import { transposeKernel } from "./layout.ts";
import { CpuStorage } from "./storage.ts";

function f32(values: number[], shape: number[]) {
  return {
    shape,
    dtype: "float32" as const,
    size: values.length,
    storage: new CpuStorage(Float32Array.from(values)),
  };
}

Deno.test("a 3×10 matrix transposes across its 8×8 tiles [cpu]", () => {
  const x = f32(Array.from({ length: 30 }, (_, t) => t), [3, 10]);
  // out[j][i] = x[i][j] = 10i + j
  const expected = Array.from({ length: 30 }, (_, t) => 10 * (t % 3) + Math.floor(t / 3));
  deepStrictEqual([...transposeKernel(x, [1, 0], [10, 3])], expected);
});
