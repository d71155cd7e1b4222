/**
 * One-hot rows: for each int32 index, a row of `depth` entries, 1 at the
 * index and 0 elsewhere. An out-of-range index (not checked on the GPU) gives
 * a row of zeros.
 *
 * @module
 */
import { type Kernel, type WgslType, WORKGROUP_SIZE } from "./kernel.ts";

/** One compiled form of oneHot. */
export interface OneHotVariant {
  /** The output's WGSL type. */
  outType: WgslType;
}

/**
 * `out[i, j] = indices[i] == j ? 1 : 0`. Bindings: 1 `indices`, 2 `out`.
 *
 * @example
 * ```ts
 * import { oneHot } from "./one_hot.ts";
 * import { ok } from "node:assert";
 * ok(oneHot.wgsl({ outType: "f32" }).includes("params.depth"));
 * ```
 */
export const oneHot: Kernel<OneHotVariant> = {
  name: "one_hot",
  wgsl: ({ outType }) => /* wgsl */ `
const WORKGROUP_SIZE = ${WORKGROUP_SIZE}u;

struct Params {
  size: u32,
  depth: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> indices: array<i32>;
@group(0) @binding(2) var<storage, read_write> out: array<${outType}>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.size) { return; }
  let hot = indices[i / params.depth] == i32(i % params.depth);
  out[i] = select(${outType}(0), ${outType}(1), hot);
}
`,
};
