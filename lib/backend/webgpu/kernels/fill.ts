/**
 * Fills a buffer with one value, passed as uniform bits so NaN, ±Infinity
 * and -0 survive.
 *
 * @module
 */
import { bindingOf, type GpuStorage } from "../storage.ts";
import {
  bitsOf,
  type Dispatch,
  groupsFor,
  type Kernel,
  type Lanes,
  lanesFor,
  laneType,
  u32Field,
  type WgslType,
  wgslType,
  WORKGROUP_SIZE,
} from "./kernel.ts";

/** One compiled form of fill. */
export interface FillVariant {
  /** The WGSL type of the values. */
  type: WgslType;
  /** Elements per thread. */
  lanes: Lanes;
}

/**
 * `out[i] = value`. Bindings: 1 `out`.
 *
 * @example
 * ```ts
 * import { fill } from "./fill.ts";
 * import { ok } from "node:assert";
 * ok(fill.wgsl({ type: "f32", lanes: 1 }).includes("bitcast<f32>(params.value)"));
 * ```
 */
export const fill: Kernel<FillVariant> = {
  name: "fill",
  params: [u32Field("size"), u32Field("value")],
  bindings: { out: 1 },
  wgsl: ({ type, lanes }) => /* wgsl */ `
const WORKGROUP_SIZE = ${WORKGROUP_SIZE}u;

struct Params {
  size: u32, // in lane groups
  value: u32, // the value's bits
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> out: array<${laneType(type, lanes)}>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.size) { return; }
  out[i] = ${laneType(type, lanes)}(bitcast<${type}>(params.value));
}
`,
};

/**
 * Plans writing `value` into every element of `out`.
 *
 * @param out The storage to fill (not empty).
 * @param value The value, in the range of `out`'s dtype.
 * @returns The dispatch.
 *
 * @example
 * ```ts
 * import { planFill } from "./fill.ts";
 * import { GpuStorage } from "../storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const plan = planFill(new GpuStorage({} as GPUBuffer, 8, "float32"), 1);
 * deepStrictEqual(plan.params, { size: 2, value: 0x3f800000 });
 * ```
 */
export function planFill(out: GpuStorage, value: number): Dispatch<FillVariant> {
  const lanes = lanesFor(out.size);
  const size = out.size / lanes;
  return {
    kernel: fill,
    variant: { type: wgslType(out.dtype), lanes },
    params: { size, value: bitsOf(value, out.dtype) },
    buffers: { out: bindingOf(out) },
    groups: groupsFor(size),
  };
}
