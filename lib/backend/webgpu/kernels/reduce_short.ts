/**
 * Reductions over a short middle axis of `[outer, length, inner]`: one
 * thread per output folds its `length` entries in order. Used when the axis
 * is at most {@linkcode SHORT_AXIS} long, where a workgroup tree would leave
 * most threads idle and a running sum is still exact to float32 rounding.
 *
 * @module
 */
import type { ReduceVariant } from "./reduce.ts";
import { reducePreamble } from "./reduce.ts";
import { type Kernel, u32Field, WORKGROUP_SIZE } from "./kernel.ts";

/** The longest axis this kernel reduces; longer ones take the tree in `reduce.ts`. */
export const SHORT_AXIS = 32;

/**
 * One thread per output of `[outer, inner]`. Bindings as in `reduce.ts`:
 * 1 `x`, 2 `x_index` (indexed), 3 `out`, 4 `out_index` (arg-ops).
 *
 * @example
 * ```ts
 * import { reduceShort } from "./reduce_short.ts";
 * import { ok } from "node:assert";
 * const code = reduceShort.wgsl({ op: "argmax", type: "f32", valueType: "f32", workgroupSize: 256, indexed: false });
 * ok(code.includes("out_index[j]"));
 * ```
 */
export const reduceShort: Kernel<ReduceVariant> = {
  name: "reduce_short",
  params: [u32Field("outer"), u32Field("length"), u32Field("inner")],
  bindings: { x: 1, x_index: 2, out: 3, out_index: 4 },
  wgsl: ({ op, type, valueType, indexed }) => /* wgsl */ `
const WORKGROUP_SIZE = ${WORKGROUP_SIZE}u;
${reducePreamble({ op, valueType })}

struct Params {
  outer: u32,
  length: u32,
  inner: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<${type}>;
${indexed ? "@group(0) @binding(2) var<storage, read> x_index: array<i32>;" : ""}
@group(0) @binding(3) var<storage, read_write> out: array<V>;
${
    op === "argmax" || op === "argmin"
      ? "@group(0) @binding(4) var<storage, read_write> out_index: array<i32>;"
      : ""
  }

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let j = id.x + id.y * groups.x * WORKGROUP_SIZE; // output (o, i) of [outer, inner]
  if (j >= params.outer * params.inner) { return; }
  let i = j % params.inner;
  let o = j / params.inner;
  var best = identity();
  for (var k = 0u; k < params.length; k++) {
    let at = (o * params.length + k) * params.inner + i;
    best = merge(best, V(x[at]), ${indexed ? "x_index[at]" : "i32(k)"});
  }
  out[j] = best.value;
  ${op === "argmax" || op === "argmin" ? "out_index[j] = best.index;" : ""}
}
`,
};
