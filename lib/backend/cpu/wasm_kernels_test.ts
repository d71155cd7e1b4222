/**
 * The WebAssembly SIMD matmul against the TypeScript kernel (the oracle, which
 * sums in float64 and rounds once): float32 sums of k products in order differ
 * from it by at most about k·2⁻²⁴ of Σ|a·b|, so the bound checked here is
 * 2·k·2⁻²⁴·Σ|a·b| per entry (worked out in the comment of each case).
 */
import fc from "fast-check";
import { ok, strictEqual } from "node:assert";
import { matmulWasm, wasmKernels } from "./wasm_kernels.ts";
import { matmulKernel } from "./matmul.ts";
import { CpuStorage } from "./storage.ts";

function info(values: Float32Array, shape: number[]) {
  return { shape, dtype: "float32" as const, size: values.length, storage: new CpuStorage(values) };
}

Deno.test("the SIMD kernels load from the bytes module, without permissions [cpu]", () => {
  ok(wasmKernels() !== null, "WebAssembly SIMD should run under Deno");
});

Deno.test("SIMD matmul: a hand-worked 3×5 @ 5×9 (edges of the 4×8 blocks) [cpu]", () => {
  // A[i][p] = i + 1, B[p][j] = j - p: C[i][j] = (i + 1)·Σₚ(j − p) = (i + 1)(5j − 10)
  const A = Float32Array.from({ length: 15 }, (_, t) => Math.floor(t / 5) + 1);
  const B = Float32Array.from({ length: 45 }, (_, t) => (t % 9) - Math.floor(t / 9));
  const C = new Float32Array(27);
  ok(matmulWasm(A, B, 3, 5, 9, C));
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 9; j++) strictEqual(C[i * 9 + j], (i + 1) * (5 * j - 10), `C[${i}][${j}]`);
  }
});

Deno.test("SIMD matmul agrees with the TypeScript kernel on random shapes [cpu]", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 13 }),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 1, max: 19 }),
      fc.integer(),
      (m, k, n, seed) => {
        let s = seed >>> 0;
        const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
        const A = Float32Array.from({ length: m * k }, next);
        const B = Float32Array.from({ length: k * n }, next);
        const expected = matmulKernel(info(A, [m, k]), info(B, [k, n]), m, k, n);
        const C = new Float32Array(m * n).fill(NaN);
        ok(matmulWasm(A, B, m, k, n, C));
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let scale = 0;
            for (let p = 0; p < k; p++) scale += Math.abs(A[i * k + p] * B[p * n + j]);
            const bound = 2 * (k + 1) * 2 ** -24 * scale;
            const error = Math.abs(C[i * n + j] - expected[i * n + j]);
            ok(error <= bound, `${m}×${k}×${n}, C[${i}][${j}]: error ${error} > ${bound}`);
          }
        }
      },
    ),
    { numRuns: 150 },
  );
});
