/**
 * Element-wise ops of one argument, and casts (`identity` to another dtype).
 *
 * NaN and Infinity: WGSL lets an implementation assume they never occur, so
 * the bodies below test bits (`isNan`) and handle `log`/`sqrt` of zero and
 * negatives explicitly instead of trusting the built-ins. `exp` overflow to
 * Infinity is left to the hardware (IEEE on every tested adapter).
 *
 * @module
 */
import type { TensorInfo, UnaryOp } from "../../backend.ts";
import { bindingOf, ELEMENT_BYTES, type GpuStorage, storageOf } from "../storage.ts";
import {
  type CopyStep,
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

/** One compiled form of the unary kernel. */
export interface UnaryVariant {
  /** The op. */
  op: UnaryOp;
  /** The input's WGSL type. */
  type: WgslType;
  /** The output's WGSL type. */
  outType: WgslType;
  /** Elements per thread. */
  lanes: Lanes;
}

/** The expression of `identity` (a cast) from `from` to `to`, in terms of `x`. */
function castBody(from: WgslType, to: WgslType): string {
  if (from === to) return "x";
  if (to === "u32") return `select(0u, 1u, x != ${from}(0))`; // anything → bool
  if (from === "f32" && to === "i32") return "toInt(x)";
  return `${to}(x)`; // i32/u32 → f32, u32 → i32
}

/** The expression of `op` applied to `x` (of type `type`), written as `outType`. */
export function unaryBody(op: UnaryOp, type: WgslType, outType: WgslType): string {
  const float = type === "f32";
  switch (op) {
    case "identity":
      return castBody(type, outType);
    case "isnan":
      return float ? "select(0u, 1u, isNan(x))" : "0u";
    case "neg":
      return "-x";
    case "abs":
      return "abs(x)";
    case "sign":
      return float ? "select(select(x, -1.0, x < 0.0), 1.0, x > 0.0)" : "sign(x)";
    case "square":
      return "x * x";
    case "exp":
      return "exp(x)";
    case "log":
      return "select(select(log(x), -inf(), x == 0.0), nan(), x < 0.0)";
    case "sqrt":
      return "select(sqrt(x), nan(), x < 0.0)";
  }
}

/**
 * `out[i] = op(x[i])`. Bindings: 1 `x`, 2 `out`.
 *
 * @example
 * ```ts
 * import { unary } from "./unary.ts";
 * import { ok } from "node:assert";
 * ok(unary.wgsl({ op: "sqrt", type: "f32", outType: "f32", lanes: 4 }).includes("fn main"));
 * ```
 */
export const unary: Kernel<UnaryVariant> = {
  name: "unary",
  params: [u32Field("size")],
  bindings: { x: 1, out: 2 },
  wgsl: ({ op, type, outType, lanes }) => /* wgsl */ `
alias T = ${type};
alias U = ${outType};

struct Params {
  size: u32, // in lane groups
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<${laneType(type, lanes)}>;
@group(0) @binding(2) var<storage, read_write> out: array<${laneType(outType, lanes)}>;

const WORKGROUP_SIZE = ${WORKGROUP_SIZE}u;

fn isNan(v: f32) -> bool { return (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u; }
fn nan() -> f32 { return bitcast<f32>(0x7fc00000u); }
fn inf() -> f32 { return bitcast<f32>(0x7f800000u); }

// float → int32 as JavaScript stores into an Int32Array: truncate, wrap
// modulo 2^32, NaN and ±Infinity give 0 (WGSL's i32() would saturate).
fn toInt(v: f32) -> i32 {
  if (isNan(v) || abs(v) == inf()) { return 0; }
  let t = trunc(v);
  if (abs(t) < 2147483648.0) { return i32(t); }
  // |t| ≥ 2^31 is a multiple of 256, so t mod 2^32 is exact in f32.
  let wrapped = t - 4294967296.0 * floor(t / 4294967296.0);
  return bitcast<i32>(u32(wrapped));
}

fn apply(x: T) -> U {
  return ${unaryBody(op, type, outType)};
}

${
    lanes === 4
      ? `fn apply_lanes(x: vec4<T>) -> vec4<U> {
  return vec4<U>(apply(x.x), apply(x.y), apply(x.z), apply(x.w));
}`
      : "fn apply_lanes(x: T) -> U { return apply(x); }"
  }

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.size) { return; }
  out[i] = apply_lanes(x[i]);
}
`,
};

/**
 * Plans `out = op(x)`: a plain copy for an identity of the same dtype, else the kernel.
 *
 * @param op The unary op.
 * @param x The input (not empty).
 * @param out The output storage, of `x`'s size.
 * @returns The step.
 *
 * @example
 * ```ts
 * import { planUnary } from "./unary.ts";
 * import { GpuStorage } from "../storage.ts";
 * import { strictEqual } from "node:assert";
 * const storage = new GpuStorage({} as GPUBuffer, 6, "float32");
 * const x = { shape: [6], dtype: "float32" as const, size: 6, storage };
 * const plan = planUnary("exp", x, new GpuStorage({} as GPUBuffer, 6, "float32"));
 * strictEqual("kernel" in plan && plan.variant.lanes, 1);
 * ```
 */
export function planUnary(
  op: UnaryOp,
  x: TensorInfo,
  out: GpuStorage,
): Dispatch<UnaryVariant> | CopyStep {
  if (op === "identity" && x.dtype === out.dtype) {
    const from = storageOf(x).buffer;
    return {
      copy: { from, fromOffset: 0, to: out.buffer, toOffset: 0, bytes: x.size * ELEMENT_BYTES },
    };
  }
  const lanes = lanesFor(x.size);
  const size = x.size / lanes;
  return {
    kernel: unary,
    variant: { op, type: wgslType(x.dtype), outType: wgslType(out.dtype), lanes },
    params: { size },
    buffers: { x: bindingOf(x), out: bindingOf(out) },
    groups: groupsFor(size),
  };
}
