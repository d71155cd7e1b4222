/**
 * Reductions over the middle axis of `[outer, length, inner]`, as a tree in
 * workgroup memory. One workgroup reduces one chunk of `WORKGROUP_SIZE ×
 * ITEMS_PER_THREAD` entries of one output: each thread folds a few entries,
 * then the workgroup halves the partial results until one is left. Long axes
 * take several passes (`[outer, chunks, inner]` partials, then those). Every
 * value meets O(log n) additions, so a float32 sum of a million values stays
 * within about 1e-7 relative instead of the 1e-4 a running sum drifts to.
 *
 * max/min propagate NaN; argmax/argmin carry (value, index) pairs and return
 * the first index of the extreme, or of the first NaN, as the CPU does.
 *
 * @module
 */
import type { ReduceOp } from "../../backend.ts";
import { type Kernel, u32Field, type WgslType } from "./kernel.ts";

/** Entries each thread folds before the tree starts. */
export const ITEMS_PER_THREAD = 16;
/**
 * The largest workgroup the tree uses. Kept small: llvmpipe's compile time
 * grows steeply with the workgroup array, and 64 × 16 entries per chunk
 * already leaves few passes.
 */
export const MAX_WORKGROUP_SIZE = 64;

/** One compiled form of the tree reduction. */
export interface ReduceVariant {
  /** The reduction. */
  op: ReduceOp;
  /** The input's WGSL type. */
  type: WgslType;
  /** The type values are folded in: the output's for sum/max/min, the input's for arg-ops. */
  valueType: WgslType;
  /** Threads per workgroup, a power of two. */
  workgroupSize: number;
  /** Whether the input carries indices from an earlier arg-op pass (binding 2). */
  indexed: boolean;
}

/** The value no entry loses to: 0 for sum, the far end of the range for max/min. */
function identity(op: ReduceOp, type: WgslType): string {
  if (op === "sum") return `${type}(0)`;
  const lowest = op === "max" || op === "argmax";
  switch (type) {
    case "f32":
      return lowest ? "-bitcast<f32>(0x7f800000u)" : "bitcast<f32>(0x7f800000u)";
    case "i32":
      return lowest ? "bitcast<i32>(0x80000000u)" : "bitcast<i32>(0x7fffffffu)";
    case "u32":
      return lowest ? "0u" : "0xffffffffu";
  }
}

/**
 * The body of `merge(best, value, index) -> Best` for an op: how one more
 * entry (or one partial result) joins the running result.
 *
 * @param op The reduction.
 * @returns WGSL statements that return a `Best`.
 *
 * @example
 * ```ts
 * import { mergeBody } from "./reduce.ts";
 * import { ok } from "node:assert";
 * ok(mergeBody("sum").includes("best.value + value"));
 * ```
 */
export function mergeBody(op: ReduceOp): string {
  switch (op) {
    case "sum":
      return "return Best(best.value + value, 0);";
    case "max":
    case "min": {
      const wins = op === "max" ? "value > best.value" : "value < best.value";
      return `if (!isNanV(best.value) && (isNanV(value) || ${wins})) { return Best(value, 0); }
  return best;`;
    }
    case "argmax":
    case "argmin": {
      const wins = op === "argmax" ? "value > best.value" : "value < best.value";
      return `let earlier = index < best.index;
  if (isNanV(best.value)) {
    if (isNanV(value) && earlier) { return Best(value, index); }
    return best;
  }
  if (isNanV(value) || ${wins} || (value == best.value && earlier)) { return Best(value, index); }
  return best;`;
    }
  }
}

/**
 * The WGSL preamble both reduce kernels share: the `Best` pair, NaN test,
 * identity and `merge`. Each kernel file still spells out its own bindings,
 * loop and entry point.
 *
 * @param variant The op and types.
 * @returns WGSL declarations.
 *
 * @example
 * ```ts
 * import { reducePreamble } from "./reduce.ts";
 * import { ok } from "node:assert";
 * ok(reducePreamble({ op: "max", valueType: "f32" }).includes("fn merge"));
 * ```
 */
export function reducePreamble({ op, valueType }: { op: ReduceOp; valueType: WgslType }): string {
  const nanTest = valueType === "f32" ? "(bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u" : "false";
  return /* wgsl */ `
alias V = ${valueType};
struct Best { value: V, index: i32 }
const NO_INDEX = 0x7fffffff;
fn identity() -> Best { return Best(${identity(op, valueType)}, NO_INDEX); }
fn isNanV(v: V) -> bool { return ${nanTest}; }
fn merge(best: Best, value: V, index: i32) -> Best {
  ${mergeBody(op)}
}`;
}

const isArg = (op: ReduceOp) => op === "argmax" || op === "argmin";

/**
 * One pass of the tree reduction. Bindings: 1 `x`, 2 `x_index` (indexed
 * passes), 3 `out` (values or partials), 4 `out_index` (arg-ops).
 * Workgroup `j` writes output `j` of `[outer, chunks, inner]`.
 *
 * @example
 * ```ts
 * import { reduce } from "./reduce.ts";
 * import { ok } from "node:assert";
 * const code = reduce.wgsl({ op: "sum", type: "f32", valueType: "f32", workgroupSize: 256, indexed: false });
 * ok(code.includes("workgroupBarrier()"));
 * ```
 */
export const reduce: Kernel<ReduceVariant> = {
  name: "reduce",
  params: [u32Field("outer"), u32Field("length"), u32Field("inner"), u32Field("chunks")],
  bindings: { x: 1, x_index: 2, out: 3, out_index: 4 },
  wgsl: ({ op, type, valueType, workgroupSize, indexed }) => /* wgsl */ `
const WORKGROUP_SIZE = ${workgroupSize}u;
const ITEMS_PER_THREAD = ${ITEMS_PER_THREAD}u;
const CHUNK = WORKGROUP_SIZE * ITEMS_PER_THREAD;
${reducePreamble({ op, valueType })}

struct Params {
  outer: u32,
  length: u32,
  inner: u32,
  chunks: u32, // ceil(length / CHUNK): partial results per output
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<${type}>;
${indexed ? "@group(0) @binding(2) var<storage, read> x_index: array<i32>;" : ""}
@group(0) @binding(3) var<storage, read_write> out: array<V>;
${isArg(op) ? "@group(0) @binding(4) var<storage, read_write> out_index: array<i32>;" : ""}

var<workgroup> partial: array<Best, WORKGROUP_SIZE>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(
  @builtin(workgroup_id) group: vec3u,
  @builtin(num_workgroups) groups: vec3u,
  @builtin(local_invocation_index) local: u32,
) {
  let j = group.x + group.y * groups.x; // output (o, c, i) of [outer, chunks, inner]
  if (j >= params.outer * params.chunks * params.inner) { return; }
  let i = j % params.inner;
  let c = (j / params.inner) % params.chunks;
  let o = j / (params.inner * params.chunks);

  var best = identity();
  for (var r = 0u; r < ITEMS_PER_THREAD; r++) {
    let k = c * CHUNK + r * WORKGROUP_SIZE + local;
    if (k < params.length) {
      let at = (o * params.length + k) * params.inner + i;
      best = merge(best, V(x[at]), ${indexed ? "x_index[at]" : "i32(k)"});
    }
  }
  partial[local] = best;
  workgroupBarrier();
  for (var half = WORKGROUP_SIZE / 2u; half > 0u; half = half / 2u) {
    if (local < half) {
      let other = partial[local + half];
      partial[local] = merge(partial[local], other.value, other.index);
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    out[j] = partial[0].value;
    ${isArg(op) ? "out_index[j] = partial[0].index;" : ""}
  }
}
`,
};
