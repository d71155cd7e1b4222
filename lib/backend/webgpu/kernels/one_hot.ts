/**
 * One-hot rows: for each int32 index, a row of `depth` entries, 1 at the
 * index and 0 elsewhere. An out-of-range index gives a row of zeros and is
 * flagged in the backend's check buffer (see `index_check.ts`); the next read
 * refuses.
 *
 * @module
 */
import type { TensorInfo } from "../../backend.ts";
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

/** One compiled form of oneHot. */
export interface OneHotVariant {
  /** The output's WGSL type. */
  outType: WgslType;
}

/**
 * `out[i, j] = indices[i] == j ? 1 : 0`. Bindings: 1 `indices`, 2 `out`, 3 `check`.
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
  params: [u32Field("size"), u32Field("depth"), u32Field("slot")],
  bindings: { indices: 1, out: 2, check: 3 },
  wgsl: ({ outType }) => /* wgsl */ `
const WORKGROUP_SIZE = ${WORKGROUP_SIZE}u;

struct Params {
  size: u32,
  depth: u32,
  slot: u32, // first word of this op's slot in \`check\`
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> indices: array<i32>;
@group(0) @binding(2) var<storage, read_write> out: array<${outType}>;
${checkDeclarations(3)}
@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.size) { return; }
  let row = i / params.depth;
  let index = indices[row];
  if ((index < 0 || index >= i32(params.depth)) && i % params.depth == 0u) {
    flag_bad_index(params.slot, row, index); // one thread per row
  }
  let hot = index == i32(i % params.depth);
  out[i] = select(${outType}(0), ${outType}(1), hot);
}
`,
};

/**
 * Plans the one-hot encoding of `indices` with `depth` classes.
 *
 * @param indices The int32 class indices.
 * @param depth The number of classes.
 * @param out The output storage (not empty), `indices.size * depth` entries.
 * @param check Where a bad index is recorded.
 * @returns The dispatch.
 *
 * @example
 * ```ts
 * import { planOneHot } from "./one_hot.ts";
 * import { GpuStorage } from "../storage.ts";
 * import { strictEqual } from "node:assert";
 * const indices = { shape: [2], dtype: "int32" as const, size: 2, storage: new GpuStorage({} as GPUBuffer, 2, "int32") };
 * const check = { slot: 4, binding: { buffer: {} as GPUBuffer, size: 16 } };
 * strictEqual(planOneHot(indices, 3, new GpuStorage({} as GPUBuffer, 6, "float32"), check).params.size, 6);
 * ```
 */
export function planOneHot(
  indices: TensorInfo,
  depth: number,
  out: GpuStorage,
  check: CheckSlot,
): Dispatch<OneHotVariant> {
  return {
    kernel: oneHot,
    variant: { outType: wgslType(out.dtype) },
    params: { size: out.size, depth, slot: check.slot },
    buffers: { indices: bindingOf(indices), out: bindingOf(out), check: check.binding },
    groups: groupsFor(out.size),
  };
}
