/**
 * Takes entries along one axis by int32 index: `x` seen as `[outer, length,
 * inner]`, indices `[count]`, output `[outer, count, inner]`.
 *
 * An out-of-range index writes 0 (never reading outside `x`) and is flagged in
 * the backend's check buffer (see `index_check.ts`); the next read refuses.
 *
 * @module
 */
import { type Kernel, type WgslType, WORKGROUP_SIZE } from "./kernel.ts";
import { checkDeclarations } from "./index_check.ts";

/** One compiled form of gather. */
export interface GatherVariant {
  /** The WGSL type of the values. */
  type: WgslType;
}

/**
 * `out[o, k, r] = x[o, indices[k], r]`. Bindings: 1 `x`, 2 `indices`, 3 `out`, 4 `check`.
 *
 * @example
 * ```ts
 * import { gather } from "./gather.ts";
 * import { ok } from "node:assert";
 * ok(gather.wgsl({ type: "f32" }).includes("indices[k]"));
 * ```
 */
export const gather: Kernel<GatherVariant> = {
  name: "gather",
  wgsl: ({ type }) => /* wgsl */ `
const WORKGROUP_SIZE = ${WORKGROUP_SIZE}u;

struct Params {
  size: u32,
  length: u32, // of the gathered axis of x
  count: u32, // of indices
  inner: u32,
  slot: u32, // first word of this op's slot in \`check\`
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<${type}>;
@group(0) @binding(2) var<storage, read> indices: array<i32>;
@group(0) @binding(3) var<storage, read_write> out: array<${type}>;
${checkDeclarations(4)}
@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.size) { return; }
  let r = i % params.inner;
  let k = (i / params.inner) % params.count;
  let o = i / (params.inner * params.count);
  let index = indices[k];
  if (index < 0 || index >= i32(params.length)) {
    if (o == 0u && r == 0u) { flag_bad_index(params.slot, k, index); } // one thread per position
    out[i] = ${type}(0);
    return;
  }
  out[i] = x[(o * params.length + u32(index)) * params.inner + r];
}
`,
};
