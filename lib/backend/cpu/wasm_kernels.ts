/**
 * The CPU backend's WebAssembly SIMD kernels (source: `wasm/kernels.wat`,
 * assembled by `deno task build:wasm`). The bytes are a TypeScript module, so
 * loading needs no permission; compiling WebAssembly from bytes is allowed
 * where code generation from strings is not. Where WebAssembly (or its SIMD)
 * is missing, {@linkcode wasmKernels} returns null and the TypeScript kernels run.
 *
 * @module
 */
import { KERNELS_WASM } from "./wasm/kernels_wasm.ts";

/** The exports of `kernels.wat`. */
export interface WasmKernels {
  /** The module's linear memory. */
  readonly memory: WebAssembly.Memory;
  /** See `kernels.wat`: C = A @ B, f32, 4×8 register blocks, B packed in panels of 8 columns. */
  readonly matmul_f32: (
    a: number,
    bp: number,
    c: number,
    m4: number,
    k: number,
    n8: number,
  ) => void;
}

/**
 * The element-wise kernels of `kernels.wat`, by name: `add_f32(a, b, o, n)`,
 * `mul_scalar_f32(a, s, o, n)`, `scalar_div_f32(s, a, o, n)`, `sqrt_f32(a, o, n)`, …
 * Offsets are in bytes, 16-byte aligned; n is a multiple of 4.
 */
export type ElementwiseKernel = (...args: number[]) => void;

let kernels: WasmKernels | null | undefined;

/**
 * The instantiated kernels (compiled once, on first use), or null where
 * WebAssembly SIMD is unavailable.
 *
 * @returns The kernels, or null.
 *
 * @example
 * ```ts
 * import { wasmKernels } from "./wasm_kernels.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(typeof wasmKernels()?.matmul_f32, "function");
 * ```
 */
export function wasmKernels(): WasmKernels | null {
  if (kernels === undefined) {
    try {
      const module = new WebAssembly.Module(KERNELS_WASM as Uint8Array<ArrayBuffer>);
      kernels = new WebAssembly.Instance(module).exports as unknown as WasmKernels;
    } catch {
      kernels = null;
    }
  }
  return kernels;
}

/** The most linear memory a product may take (bytes); larger ones run in TypeScript. */
const MAX_BYTES = 1 << 30;

/**
 * `C[m, n] = A[m, k] @ B[k, n]` in float32 with the SIMD kernel: A is copied
 * into linear memory with its rows padded to a multiple of 4, B packed in
 * panels of 8 columns, and each entry summed over k in order in float32.
 *
 * @param A Left matrix, row-major.
 * @param B Right matrix, row-major.
 * @param m Rows of A.
 * @param k Columns of A, rows of B.
 * @param n Columns of B.
 * @param C Where C goes (`m * n` entries).
 * @returns False (and C untouched) when WebAssembly is unavailable or the product too large.
 *
 * @example
 * ```ts
 * import { matmulWasm } from "./wasm_kernels.ts";
 * import { deepStrictEqual } from "node:assert";
 * const C = new Float32Array(2);
 * matmulWasm(new Float32Array([1, 2]), new Float32Array([3, 4, 5, 6]), 1, 2, 2, C);
 * deepStrictEqual([...C], [13, 16]);
 * ```
 */
export function matmulWasm(
  A: Float32Array,
  B: Float32Array,
  m: number,
  k: number,
  n: number,
  C: Float32Array,
): boolean {
  const w = wasmKernels();
  if (w === null) return false;
  const m4 = (m + 3) & ~3;
  const n8 = (n + 7) & ~7;
  const bp = m4 * k; // offsets in floats
  const cp = bp + k * n8;
  const bytes = (cp + m4 * n8) * 4;
  if (bytes > MAX_BYTES) return false;
  const have = w.memory.buffer.byteLength;
  if (have < bytes) w.memory.grow(Math.ceil((bytes - have) / 65536));
  const mem = new Float32Array(w.memory.buffer);
  mem.set(A.subarray(0, m * k), 0);
  mem.fill(0, m * k, bp);
  for (let j0 = 0; j0 < n8; j0 += 8) {
    const width = Math.min(8, n - j0);
    let dst = bp + j0 * k;
    if (width === 8) {
      for (let p = 0, src = j0; p < k; p++, src += n, dst += 8) {
        mem[dst] = B[src];
        mem[dst + 1] = B[src + 1];
        mem[dst + 2] = B[src + 2];
        mem[dst + 3] = B[src + 3];
        mem[dst + 4] = B[src + 4];
        mem[dst + 5] = B[src + 5];
        mem[dst + 6] = B[src + 6];
        mem[dst + 7] = B[src + 7];
      }
    } else {
      for (let p = 0, src = j0; p < k; p++, src += n, dst += 8) {
        for (let t = 0; t < 8; t++) mem[dst + t] = t < width ? B[src + t] : 0;
      }
    }
  }
  w.matmul_f32(0, bp * 4, cp * 4, m4, k, n8);
  if (n8 === n) C.set(mem.subarray(cp, cp + m * n));
  else for (let i = 0; i < m; i++) C.set(mem.subarray(cp + i * n8, cp + i * n8 + n), i * n);
  return true;
}
