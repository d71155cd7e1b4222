/**
 * Copies a strided view of a tensor into a new contiguous one: output entry
 * `i`, at coordinates `c`, reads input entry `offset + Σ c[d]·strides[d]`.
 * Transpose (strides permuted, offset 0) and slice (the input's own strides,
 * offset at the box's corner) are both this one kernel.
 *
 * @module
 */
import type { TensorInfo } from "../../backend.ts";
import type { Shape } from "../../../core/shape.ts";
import { bindingOf, ELEMENT_BYTES, type GpuStorage, storageOf } from "../storage.ts";
import {
  coalesce,
  type CopyStep,
  type Dispatch,
  groupsFor,
  type Kernel,
  rankArrayField,
  u32Field,
  type WgslType,
  wgslType,
  WORKGROUP_SIZE,
} from "./kernel.ts";

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
  params: [
    u32Field("size"),
    u32Field("offset"),
    rankArrayField("shape"),
    rankArrayField("strides"),
  ],
  bindings: { x: 1, out: 2 },
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

/**
 * Plans `out[i] = x[offset + Σ coordinate(i)·strides]`: a plain copy when the
 * view is contiguous, else the kernel.
 *
 * @param x The input tensor.
 * @param strides The input stride along each axis of the output.
 * @param offset The input element at the output's origin.
 * @param outShape The output shape.
 * @param out The output storage (not empty).
 * @returns The step.
 *
 * @example
 * ```ts
 * import { planStridedCopy } from "./strided_copy.ts";
 * import { GpuStorage } from "../storage.ts";
 * import { ok } from "node:assert";
 * const x = { shape: [2, 3], dtype: "float32" as const, size: 6, storage: new GpuStorage({} as GPUBuffer, 6, "float32") };
 * const out = new GpuStorage({} as GPUBuffer, 6, "float32");
 * ok("copy" in planStridedCopy(x, [3, 1], 0, [2, 3], out)); // contiguous: a copy
 * ok("kernel" in planStridedCopy(x, [1, 3], 0, [3, 2], out)); // a transpose
 * ```
 */
export function planStridedCopy(
  x: TensorInfo,
  strides: readonly number[],
  offset: number,
  outShape: Shape,
  out: GpuStorage,
): Dispatch<StridedCopyVariant> | CopyStep {
  const merged = coalesce(outShape, [strides]);
  const rank = merged.shape.length;
  if (rank === 0 || (rank === 1 && merged.strides[0][0] === 1)) {
    const from = storageOf(x).buffer;
    const bytes = out.size * ELEMENT_BYTES;
    return {
      copy: { from, fromOffset: offset * ELEMENT_BYTES, to: out.buffer, toOffset: 0, bytes },
    };
  }
  return {
    kernel: stridedCopy,
    variant: { type: wgslType(x.dtype), rank },
    params: { size: out.size, offset, shape: merged.shape, strides: merged.strides[0] },
    buffers: { x: bindingOf(x), out: bindingOf(out) },
    groups: groupsFor(out.size),
  };
}
