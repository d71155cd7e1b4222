/**
 * One input of a concat: copies `x`, seen as `[outer, chunk]`, into the
 * columns `[offset, offset + chunk)` of the output seen as `[outer, outChunk]`.
 * The backend dispatches it once per input.
 *
 * @module
 */
import { type Kernel, type WgslType, WORKGROUP_SIZE } from "./kernel.ts";

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
