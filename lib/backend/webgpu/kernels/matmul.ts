/**
 * `C[m, n] = A[m, k] @ B[k, n]` in float32, tiled in workgroup memory. A
 * workgroup of `THREADS × THREADS` threads computes a `TILE_M × TILE_N`
 * block of C; each thread owns an 8 × 8 block of it. For each step of
 * `TILE_K` along k, the workgroup copies a `TILE_M × TILE_K` slab of A and a
 * `TILE_K × TILE_N` slab of B into workgroup memory once, and every thread
 * reads them from there: each value of A and B leaves global memory 64 times
 * less often than with one thread per output reading whole rows.
 *
 * The slabs are stored as `vec4`s (four rows of A, or four columns of B, at
 * one depth), so a thread's inner step is sixteen `vec4` multiply-adds. Workgroup
 * memory is kept small on purpose: Mesa's llvmpipe compiles a shader in time
 * that grows steeply with its workgroup arrays.
 *
 * @module
 */
import type { TensorInfo } from "../../backend.ts";
import { bindingOf, type GpuStorage } from "../storage.ts";
import { type Dispatch, type Kernel, u32Field } from "./kernel.ts";

/** Threads along each side of a workgroup. */
export const THREADS = 8;
/** Rows of C one workgroup computes (8 per thread, as two groups of 4). */
export const TILE_M = THREADS * 8;
/** Columns of C one workgroup computes (8 per thread, as two `vec4`s). */
export const TILE_N = THREADS * 8;
/** The depth of the slabs of A and B held in workgroup memory. */
export const TILE_K = 8;

/**
 * The tiled matrix product. Bindings: 1 `a`, 2 `b`, 3 `c`. Grid:
 * `[ceil(n / TILE_N), ceil(m / TILE_M), 1]`.
 *
 * @example
 * ```ts
 * import { matmul } from "./matmul.ts";
 * import { ok } from "node:assert";
 * ok(matmul.wgsl({}).includes("var<workgroup> slab_a"));
 * ```
 */
export const matmul: Kernel<Record<string, never>> = {
  name: "matmul",
  params: [u32Field("m"), u32Field("k"), u32Field("n")],
  bindings: { a: 1, b: 2, c: 3 },
  wgsl: () => /* wgsl */ `
const THREADS = ${THREADS}u;
const TILE_M = ${TILE_M}u;
const TILE_N = ${TILE_N}u;
const TILE_K = ${TILE_K}u;
const GROUPS_M = TILE_M / 4u; // vec4s across slab_a's width
const GROUPS_N = TILE_N / 4u; // vec4s across slab_b's width
const LOADS_A = TILE_M * TILE_K / (THREADS * THREADS); // slab entries each thread copies
const LOADS_B = TILE_N * TILE_K / (THREADS * THREADS);

struct Params {
  m: u32,
  k: u32,
  n: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;

// slab_a[depth * GROUPS + g] holds A's rows 4g..4g+3 at that depth;
// slab_b[depth * GROUPS + g] holds B's columns 4g..4g+3 at that depth.
var<workgroup> slab_a: array<vec4f, TILE_K * GROUPS_M>;
var<workgroup> slab_b: array<vec4f, TILE_K * GROUPS_N>;

@compute @workgroup_size(THREADS, THREADS)
fn main(
  @builtin(workgroup_id) group: vec3u,
  @builtin(local_invocation_id) local: vec3u,
  @builtin(local_invocation_index) thread: u32,
) {
  let row0 = group.y * TILE_M;
  let col0 = group.x * TILE_N;
  // sum[r] and sum[8 + r]: row r of the thread's 8 × 8 block, columns 0..3 and 4..7.
  var sum: array<vec4f, 16>;

  for (var k0 = 0u; k0 < params.k; k0 += TILE_K) {
    for (var l = 0u; l < LOADS_A; l++) {
      // A: consecutive threads read consecutive depths of one row; zero outside.
      let e = l * THREADS * THREADS + thread;
      let row = e / TILE_K;
      let depth = e % TILE_K;
      var value = 0.0;
      if (row0 + row < params.m && k0 + depth < params.k) {
        value = a[(row0 + row) * params.k + k0 + depth];
      }
      slab_a[depth * GROUPS_M + row / 4u][row % 4u] = value;
    }
    for (var l = 0u; l < LOADS_B; l++) {
      // B: consecutive threads read consecutive columns of one depth.
      let e = l * THREADS * THREADS + thread;
      let depth = e / TILE_N;
      let column = e % TILE_N;
      var value = 0.0;
      if (k0 + depth < params.k && col0 + column < params.n) {
        value = b[(k0 + depth) * params.n + col0 + column];
      }
      slab_b[depth * GROUPS_N + column / 4u][column % 4u] = value;
    }
    workgroupBarrier();
    for (var depth = 0u; depth < TILE_K; depth++) {
      let top = slab_a[depth * GROUPS_M + local.y * 2u];
      let bottom = slab_a[depth * GROUPS_M + local.y * 2u + 1u];
      let left = slab_b[depth * GROUPS_N + local.x * 2u];
      let right = slab_b[depth * GROUPS_N + local.x * 2u + 1u];
      sum[0] = fma(vec4f(top.x), left, sum[0]);
      sum[1] = fma(vec4f(top.y), left, sum[1]);
      sum[2] = fma(vec4f(top.z), left, sum[2]);
      sum[3] = fma(vec4f(top.w), left, sum[3]);
      sum[4] = fma(vec4f(bottom.x), left, sum[4]);
      sum[5] = fma(vec4f(bottom.y), left, sum[5]);
      sum[6] = fma(vec4f(bottom.z), left, sum[6]);
      sum[7] = fma(vec4f(bottom.w), left, sum[7]);
      sum[8] = fma(vec4f(top.x), right, sum[8]);
      sum[9] = fma(vec4f(top.y), right, sum[9]);
      sum[10] = fma(vec4f(top.z), right, sum[10]);
      sum[11] = fma(vec4f(top.w), right, sum[11]);
      sum[12] = fma(vec4f(bottom.x), right, sum[12]);
      sum[13] = fma(vec4f(bottom.y), right, sum[13]);
      sum[14] = fma(vec4f(bottom.z), right, sum[14]);
      sum[15] = fma(vec4f(bottom.w), right, sum[15]);
    }
    workgroupBarrier();
  }

  for (var r = 0u; r < 8u; r++) {
    let row = row0 + local.y * 8u + r;
    for (var q = 0u; q < 8u; q++) {
      let col = col0 + local.x * 8u + q;
      if (row < params.m && col < params.n) {
        c[row * params.n + col] = sum[r + 8u * (q / 4u)][q % 4u];
      }
    }
  }
}
`,
};

/**
 * Plans `c = a @ b` with the tiled kernel.
 *
 * @param a The `[m, k]` matrix.
 * @param b The `[k, n]` matrix.
 * @param m Rows of A.
 * @param k Columns of A.
 * @param n Columns of B.
 * @param c The output storage, `m * n` entries (not empty; `k > 0`).
 * @returns The dispatch.
 *
 * @example
 * ```ts
 * import { planMatmulTiled } from "./matmul.ts";
 * import { GpuStorage } from "../storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const x = { shape: [100, 100], dtype: "float32" as const, size: 10000, storage: new GpuStorage({} as GPUBuffer, 10000, "float32") };
 * deepStrictEqual(planMatmulTiled(x, x, 100, 100, 100, x.storage).groups, [2, 2, 1]);
 * ```
 */
export function planMatmulTiled(
  a: TensorInfo,
  b: TensorInfo,
  m: number,
  k: number,
  n: number,
  c: GpuStorage,
): Dispatch<Record<string, never>> {
  return {
    kernel: matmul,
    variant: {},
    params: { m, k, n },
    buffers: { a: bindingOf(a), b: bindingOf(b), c: bindingOf(c) },
    groups: [Math.ceil(n / TILE_N), Math.ceil(m / TILE_M), 1],
  };
}
