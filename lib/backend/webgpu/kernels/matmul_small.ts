/**
 * `C[m, n] = A[m, k] @ B[k, n]` in float32 without workgroup memory or
 * barriers: each thread computes a block of up to 8 rows × 4 columns of C (a
 * `vec4` of a row when `n` is a multiple of 4, else one column), reading A and
 * B straight from storage. For small products this costs about what an
 * element-wise op costs, where the tiled kernel (`matmul.ts`) pays for whole
 * 64 × 64 tiles, k padded to its slab depth of 8, and barriers, which llvmpipe
 * runs slowly: [342, 4] @ [4, 3] takes 0.24 ms instead of 0.9 ms. The backend
 * picks it with {@linkcode useSmallMatmul}; large products keep the tiled kernel,
 * which reuses each loaded value 64 times and is 2–3× faster there.
 *
 * @module
 */
import type { TensorInfo } from "../../backend.ts";
import { bindingOf, type GpuStorage } from "../storage.ts";
import { type Dispatch, type Kernel, u32Field } from "./kernel.ts";
import { planMatmulTiled, TILE_K, TILE_M, TILE_N } from "./matmul.ts";

/**
 * Threads per workgroup: fewer than the element-wise kernels' 256, so that a
 * small product still spreads over several workgroups (on llvmpipe, over
 * several cores: 64 × 64 @ 64 × 64 takes 0.8 ms instead of 1.0 ms with 256).
 */
export const SMALL_WORKGROUP_SIZE = 64;

/** One compiled form of the small matmul. */
export interface MatmulSmallVariant {
  /** Entries of C per thread along a row: 4 (a `vec4`, needs n % 4 = 0) or 1. */
  lanes: 1 | 4;
  /** Rows of C per thread. */
  rows: number;
}

/**
 * One thread per `rows × lanes` block of C. Bindings: 1 `a`, 2 `b`,
 * 3 `c`. Grid: `ceil(ceil(m / rows) · n / lanes / SMALL_WORKGROUP_SIZE)` workgroups, 2-D when
 * over the per-dimension limit (see `gridFor`).
 *
 * @example
 * ```ts
 * import { matmulSmall } from "./matmul_small.ts";
 * import { ok } from "node:assert";
 * ok(matmulSmall.wgsl({ lanes: 4, rows: 4 }).includes("vec4f"));
 * ```
 */
export const matmulSmall: Kernel<MatmulSmallVariant> = {
  name: "matmul_small",
  params: [u32Field("m"), u32Field("k"), u32Field("n"), u32Field("blocks")],
  bindings: { a: 1, b: 2, c: 3 },
  wgsl: ({ lanes, rows }) => {
    const type = lanes === 4 ? "vec4f" : "f32";
    const r = [...Array(rows).keys()];
    return /* wgsl */ `
const WORKGROUP_SIZE = ${SMALL_WORKGROUP_SIZE}u;

struct Params {
  m: u32,
  k: u32,
  n: u32, // in lane groups
  blocks: u32, // ceil(m / ROWS) * n
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<${type}>;
@group(0) @binding(3) var<storage, read_write> c: array<${type}>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.blocks) { return; }
  let row0 = (i / params.n) * ${rows}u;
  let column = i % params.n;
  // Rows past the end read the last row (cheaper than a branch) and are not written.
${r.map((j) => `  let a${j} = min(row0 + ${j}u, params.m - 1u) * params.k;`).join("\n")}
${r.map((j) => `  var sum${j} = ${type}(0.0);`).join("\n")}
  for (var p = 0u; p < params.k; p++) {
    let bp = b[p * params.n + column];
${r.map((j) => `    sum${j} = fma(${type}(a[a${j} + p]), bp, sum${j});`).join("\n")}
  }
${
      r.map((j) =>
        `  if (row0 + ${j}u < params.m) { c[(row0 + ${j}u) * params.n + column] = sum${j}; }`
      ).join("\n")
    }
}
`;
  },
};

/**
 * Whether `[m, k] @ [k, n]` should use the small kernel rather than the tiled
 * one: when C has at most 16,384 entries (at most four 64 × 64 tiles, too few
 * to keep a device busy), or when the tiles would be less than half used
 * (m or n far from a multiple of 64, or k ≤ 4 padded to the slab depth of 8).
 *
 * @param m Rows of A.
 * @param k Columns of A, rows of B.
 * @param n Columns of B.
 * @returns True where the small kernel is the faster one.
 *
 * @example
 * ```ts
 * import { useSmallMatmul } from "./matmul_small.ts";
 * import { deepStrictEqual } from "node:assert";
 * const pick = ([m, k, n]: number[]) => useSmallMatmul(m, k, n);
 * deepStrictEqual([[342, 4, 3], [64, 64, 64], [512, 512, 512], [1000, 10, 10]].map(pick), [true, true, false, true]);
 * ```
 */
export function useSmallMatmul(m: number, k: number, n: number): boolean {
  if (m * n <= SMALL_OUTPUT) return true;
  const padded = (x: number, tile: number) => Math.ceil(x / tile) * tile;
  const tiledWork = padded(m, TILE_M) * padded(n, TILE_N) * padded(k, TILE_K);
  return m * n * k < tiledWork / 2;
}

/** Outputs up to which the small kernel is always used. */
export const SMALL_OUTPUT = 16_384;

/**
 * Rows of C per thread: 8, or fewer for a matrix of fewer rows (1, 2 or 4),
 * so that no thread computes copies of a clamped last row for nothing.
 *
 * @param m Rows of A.
 * @returns 1, 2, 4 or 8.
 *
 * @example
 * ```ts
 * import { rowsPerThread } from "./matmul_small.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual([1, 2, 3, 5, 342].map(rowsPerThread), [1, 2, 4, 8, 8]);
 * ```
 */
export function rowsPerThread(m: number): number {
  return Math.min(8, 2 ** Math.ceil(Math.log2(m)));
}

/**
 * Plans `c = a @ b`, with the small kernel or the tiled one.
 *
 * @param a The `[m, k]` matrix.
 * @param b The `[k, n]` matrix.
 * @param m Rows of A.
 * @param k Columns of A.
 * @param n Columns of B.
 * @param c The output storage, `m * n` entries (not empty; `k > 0`).
 * @param choice `auto` ({@linkcode useSmallMatmul} decides), or a kernel forced by a test or bench.
 * @returns The dispatch.
 *
 * @example
 * ```ts
 * import { planMatmul } from "./matmul_small.ts";
 * import { GpuStorage } from "../storage.ts";
 * import { strictEqual } from "node:assert";
 * const x = { shape: [4, 4], dtype: "float32" as const, size: 16, storage: new GpuStorage({} as GPUBuffer, 16, "float32") };
 * strictEqual(planMatmul(x, x, 4, 4, 4, x.storage, "auto").kernel.name, "matmul_small");
 * ```
 */
export function planMatmul(
  a: TensorInfo,
  b: TensorInfo,
  m: number,
  k: number,
  n: number,
  c: GpuStorage,
  choice: "auto" | "small" | "tiled",
): Dispatch<MatmulSmallVariant> | Dispatch<Record<string, never>> {
  if (choice === "tiled" || (choice === "auto" && !useSmallMatmul(m, k, n))) {
    return planMatmulTiled(a, b, m, k, n, c);
  }
  const lanes = n % 4 === 0 ? 4 : 1;
  const rows = rowsPerThread(m);
  const blocks = Math.ceil(m / rows) * (n / lanes);
  return {
    kernel: matmulSmall,
    variant: { lanes, rows },
    params: { m, k, n: n / lanes, blocks },
    buffers: { a: bindingOf(a), b: bindingOf(b), c: bindingOf(c) },
    groups: Math.ceil(blocks / SMALL_WORKGROUP_SIZE),
  };
}
