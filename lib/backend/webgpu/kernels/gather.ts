/**
 * Takes entries along one axis by int32 index: `x` seen as `[outer, length,
 * inner]`, indices `[count]`, output `[outer, count, inner]`.
 *
 * An out-of-range index writes 0 (never reading outside `x`) and is flagged in
 * the backend's check buffer (see `index_check.ts`); the next read refuses.
 *
 * @module
 */
import type { TensorInfo } from "../../backend.ts";
import { sizeOf } from "../../../core/shape.ts";
import { bindingOf, type GpuStorage } from "../storage.ts";
import {
  type Dispatch,
  groupsFor,
  type Kernel,
  u32Field,
  type WgslType,
  wgslType,
  WORKGROUP_SIZE,
} from "./kernel.ts";
import { checkDeclarations, type CheckSlot } from "./index_check.ts";

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
  params: [
    u32Field("size"),
    u32Field("length"),
    u32Field("count"),
    u32Field("inner"),
    u32Field("slot"),
  ],
  bindings: { x: 1, indices: 2, out: 3, check: 4 },
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

/**
 * Plans `out = x` gathered along `axis` at `indices`.
 *
 * @param x The input.
 * @param indices The int32 indices.
 * @param axis The axis gathered along.
 * @param out The output storage (not empty).
 * @param check Where a bad index is recorded.
 * @returns The dispatch.
 *
 * @example
 * ```ts
 * import { planGather } from "./gather.ts";
 * import { GpuStorage } from "../storage.ts";
 * import { strictEqual } from "node:assert";
 * const x = { shape: [3, 2], dtype: "float32" as const, size: 6, storage: new GpuStorage({} as GPUBuffer, 6, "float32") };
 * const indices = { shape: [4], dtype: "int32" as const, size: 4, storage: new GpuStorage({} as GPUBuffer, 4, "int32") };
 * const check = { slot: 4, binding: { buffer: {} as GPUBuffer, size: 16 } };
 * const plan = planGather(x, indices, 0, new GpuStorage({} as GPUBuffer, 8, "float32"), check);
 * strictEqual(plan.params.inner, 2);
 * ```
 */
export function planGather(
  x: TensorInfo,
  indices: TensorInfo,
  axis: number,
  out: GpuStorage,
  check: CheckSlot,
): Dispatch<GatherVariant> {
  return {
    kernel: gather,
    variant: { type: wgslType(x.dtype) },
    params: {
      size: out.size,
      length: x.shape[axis], // 0 is possible: then every index is out of range
      count: indices.size,
      inner: sizeOf(x.shape.slice(axis + 1)),
      slot: check.slot,
    },
    buffers: {
      x: bindingOf(x),
      indices: bindingOf(indices),
      out: bindingOf(out),
      check: check.binding,
    },
    groups: groupsFor(out.size),
  };
}
