/**
 * One input of a concat: copies `x`, seen as `[outer, chunk]`, into the
 * columns `[offset, offset + chunk)` of the output seen as `[outer, outChunk]`.
 * The backend dispatches it once per input.
 *
 * @module
 */
import type { TensorInfo } from "../../backend.ts";
import { type Shape, sizeOf } from "../../../core/shape.ts";
import { bindingOf, ELEMENT_BYTES, type GpuStorage, storageOf } from "../storage.ts";
import {
  type CopyStep,
  type Dispatch,
  groupsFor,
  type Kernel,
  u32Field,
  type WgslType,
  wgslType,
  WORKGROUP_SIZE,
} from "./kernel.ts";

/** One compiled form of the concat copy. */
export interface ConcatVariant {
  /** The WGSL type of the values. */
  type: WgslType;
}

/**
 * `out[a, offset + r] = x[a, r]`. Bindings: 1 `x`, 2 `out`.
 *
 * @example
 * ```ts
 * import { concat } from "./concat.ts";
 * import { ok } from "node:assert";
 * ok(concat.wgsl({ type: "i32" }).includes("params.out_chunk"));
 * ```
 */
export const concat: Kernel<ConcatVariant> = {
  name: "concat",
  params: [u32Field("size"), u32Field("chunk"), u32Field("out_chunk"), u32Field("offset")],
  bindings: { x: 1, out: 2 },
  wgsl: ({ type }) => /* wgsl */ `
const WORKGROUP_SIZE = ${WORKGROUP_SIZE}u;

struct Params {
  size: u32, // of x
  chunk: u32, // x's entries per outer row
  out_chunk: u32, // the output's entries per outer row
  offset: u32, // where x's columns start in the output's row
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<${type}>;
@group(0) @binding(2) var<storage, read_write> out: array<${type}>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.size) { return; }
  let a = i / params.chunk;
  let r = i % params.chunk;
  out[a * params.out_chunk + params.offset + r] = x[i];
}
`,
};

/**
 * Plans concatenating tensors along `axis`: one step per non-empty input, a
 * plain copy when the axis is the first non-trivial one, else the kernel.
 *
 * @param xs The inputs.
 * @param axis The axis they are joined along.
 * @param outShape The output shape.
 * @param out The output storage (not empty).
 * @returns The steps, in order.
 *
 * @example
 * ```ts
 * import { planConcat } from "./concat.ts";
 * import { GpuStorage } from "../storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const x = { shape: [2, 1], dtype: "float32" as const, size: 2, storage: new GpuStorage({} as GPUBuffer, 2, "float32") };
 * const steps = planConcat([x, x], 1, [2, 2], new GpuStorage({} as GPUBuffer, 4, "float32"));
 * deepStrictEqual(steps.map((s) => "kernel" in s && s.params.offset), [0, 1]);
 * ```
 */
export function planConcat(
  xs: readonly TensorInfo[],
  axis: number,
  outShape: Shape,
  out: GpuStorage,
): (Dispatch<ConcatVariant> | CopyStep)[] {
  const outer = sizeOf(outShape.slice(0, axis));
  const outChunk = sizeOf(outShape.slice(axis));
  const steps: (Dispatch<ConcatVariant> | CopyStep)[] = [];
  let offset = 0;
  for (const x of xs) {
    const chunk = sizeOf(x.shape.slice(axis));
    if (x.size > 0 && outer === 1) {
      steps.push({
        copy: {
          from: storageOf(x).buffer,
          fromOffset: 0,
          to: out.buffer,
          toOffset: offset * ELEMENT_BYTES,
          bytes: x.size * ELEMENT_BYTES,
        },
      });
    } else if (x.size > 0) {
      steps.push({
        kernel: concat,
        variant: { type: wgslType(x.dtype) },
        params: { size: x.size, chunk, out_chunk: outChunk, offset },
        buffers: { x: bindingOf(x), out: bindingOf(out) },
        groups: groupsFor(x.size),
      });
    }
    offset += chunk;
  }
  return steps;
}
