/**
 * Copies a strided view of a tensor into a new contiguous one: output entry
 * `i`, at coordinates `c`, reads input entry `offset + Σ c[d]·strides[d]`.
 * Transpose (strides permuted, offset 0) and slice (the input's own strides,
 * offset at the box's corner) are both this one kernel.
 *
 * @module
 */
import { type Kernel, type WgslType, WORKGROUP_SIZE } from "./kernel.ts";

/** One compiled form of the strided copy. */
export interface StridedCopyVariant {
  /** The WGSL type of the values. */
  type: WgslType;
  /** Axes of the (coalesced) output shape. */
  rank: number;
}

/**
 * `out[i] = x[offset + Σ coordinate(i)[d] · strides[d]]`. Bindings: 1 `x`, 2 `out`.
 *
 * @example
 * ```ts
 * import { stridedCopy } from "./strided_copy.ts";
 * import { ok } from "node:assert";
 * ok(stridedCopy.wgsl({ type: "f32", rank: 2 }).includes("params.offset"));
 * ```
 */
export const stridedCopy: Kernel<StridedCopyVariant> = {
  name: "strided_copy",
  wgsl: ({ type, rank }) => /* wgsl */ `
const RANK = ${rank}u;
const WORKGROUP_SIZE = ${WORKGROUP_SIZE}u;

struct Params {
  size: u32,
  offset: u32,
  shape: array<vec4u, ${Math.max(1, Math.ceil(rank / 4))}>,
  strides: array<vec4u, ${Math.max(1, Math.ceil(rank / 4))}>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<${type}>;
@group(0) @binding(2) var<storage, read_write> out: array<${type}>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.size) { return; }
  var source = params.offset;
  var rest = i;
  for (var axis = RANK; axis > 0u; axis--) {
    let d = axis - 1u;
    let n = params.shape[d / 4u][d % 4u];
    source += (rest % n) * params.strides[d / 4u][d % 4u];
    rest = rest / n;
  }
  out[i] = x[source];
}
`,
};
