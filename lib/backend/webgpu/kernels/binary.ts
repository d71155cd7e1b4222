/**
 * Element-wise ops of two arguments with NumPy broadcasting. Each operand is
 * read in one of four modes: `same` (its index is the output's), `first` (a
 * one-element tensor), `strided` (broadcast: index from the output's
 * coordinates and the operand's strides, 0 along broadcast axes) or `scalar`
 * (a number passed as uniform bits, never uploaded as a buffer).
 *
 * NaN: comparisons with NaN are false except `ne`, and `maximum`/`minimum`
 * return NaN when either side is NaN, as on the CPU. WGSL lets compilers
 * assume NaN never occurs, so NaN is detected from the bits (`isNan`), not by
 * `x != x`. `pow` follows JavaScript's `Math.pow` case by case, because WGSL's
 * `pow` is undefined for negative bases and for 0 ** y with y ≤ 0.
 *
 * @module
 */
import type { BinaryOp, Operand, TensorInfo } from "../../backend.ts";
import type { DType } from "../../../core/dtype.ts";
import { broadcastStrides, type Shape } from "../../../core/shape.ts";
import { bindingOf, type GpuStorage } from "../storage.ts";
import {
  type Binding,
  bitsOf,
  coalesce,
  type Dispatch,
  groupsFor,
  type Kernel,
  type Lanes,
  lanesFor,
  laneType,
  rankArrayField,
  u32Field,
  type WgslType,
  wgslType,
  WORKGROUP_SIZE,
} from "./kernel.ts";

/** How a kernel reads one operand. */
export type OperandMode = "same" | "first" | "strided" | "scalar";

/** One compiled form of the binary kernel. */
export interface BinaryVariant {
  /** The op. */
  op: BinaryOp;
  /** The operands' WGSL type. */
  type: WgslType;
  /** The output's WGSL type (`u32` for comparisons). */
  outType: WgslType;
  /** How the left operand is read. */
  a: OperandMode;
  /** How the right operand is read. */
  b: OperandMode;
  /** Axes of the (coalesced) output shape; used by `strided` operands. */
  rank: number;
  /** Elements per thread: 4 only when no operand is `strided`. */
  lanes: Lanes;
}

const FLOAT_BODIES: Record<BinaryOp, string> = {
  add: "x + y",
  sub: "x - y",
  mul: "x * y",
  div: "x / y",
  pow: "power(x, y)",
  maximum: "select(y, x, x > y || isNan(x))",
  minimum: "select(y, x, x < y || isNan(x))",
  eq: "select(0u, 1u, ordered(x, y) && x == y)",
  ne: "select(1u, 0u, ordered(x, y) && x == y)",
  lt: "select(0u, 1u, ordered(x, y) && x < y)",
  le: "select(0u, 1u, ordered(x, y) && x <= y)",
  gt: "select(0u, 1u, ordered(x, y) && x > y)",
  ge: "select(0u, 1u, ordered(x, y) && x >= y)",
};

const INTEGER_BODIES: Record<BinaryOp, string> = {
  add: "x + y",
  sub: "x - y",
  mul: "x * y",
  div: "T(f32(x) / f32(y))", // unreachable: the op layer divides as floats
  pow: "T(power(f32(x), f32(y)))", // unreachable: pow works in floats
  maximum: "max(x, y)",
  minimum: "min(x, y)",
  eq: "select(0u, 1u, x == y)",
  ne: "select(0u, 1u, x != y)",
  lt: "select(0u, 1u, x < y)",
  le: "select(0u, 1u, x <= y)",
  gt: "select(0u, 1u, x > y)",
  ge: "select(0u, 1u, x >= y)",
};

/**
 * The expression of `op(x, y)` for operands of WGSL type `type`.
 *
 * @param op The binary op.
 * @param type The operands' type.
 * @returns A WGSL expression in `x` and `y`.
 *
 * @example
 * ```ts
 * import { binaryBody } from "./binary.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(binaryBody("add", "f32"), "x + y");
 * ```
 */
export function binaryBody(op: BinaryOp, type: WgslType): string {
  return type === "f32" ? FLOAT_BODIES[op] : INTEGER_BODIES[op];
}

/** The storage binding of a tensor operand; nothing for a scalar. */
export function operandBinding(
  name: string,
  slot: number,
  mode: OperandMode,
  type: WgslType,
  lanes: Lanes,
): string {
  if (mode === "scalar") return "";
  const element = mode === "same" ? laneType(type, lanes) : type;
  return `@group(0) @binding(${slot}) var<storage, read> ${name}: array<${element}>;`;
}

/** The expression that reads an operand at the output's element (or lane group) `i`. */
export function operandLoad(name: string, mode: OperandMode, type: WgslType, lanes: Lanes): string {
  const splat = (scalar: string) => (lanes === 4 ? `vec4<${type}>(${scalar})` : scalar);
  switch (mode) {
    case "same":
      return `${name}[i]`;
    case "first":
      return splat(`${name}[0]`);
    case "strided":
      return `${name}[index_${name}]`;
    case "scalar":
      return splat(`bitcast<${type}>(params.scalar_${name})`);
  }
}

/**
 * `out = op(a, b)`, broadcast. Bindings: 1 `a`, 2 `b` (absent when scalar), 3 `out`.
 *
 * @example
 * ```ts
 * import { binary } from "./binary.ts";
 * import { ok } from "node:assert";
 * const code = binary.wgsl({ op: "add", type: "f32", outType: "f32", a: "same", b: "scalar", rank: 0, lanes: 4 });
 * ok(code.includes("vec4<f32>(bitcast<f32>(params.scalar_b))"));
 * ```
 */
export const binary: Kernel<BinaryVariant> = {
  name: "binary",
  params: [
    u32Field("size"),
    u32Field("scalar_a"),
    u32Field("scalar_b"),
    rankArrayField("shape"),
    rankArrayField("strides_a"),
    rankArrayField("strides_b"),
  ],
  bindings: { a: 1, b: 2, out: 3 },
  wgsl: ({ op, type, outType, a, b, rank, lanes }) => /* wgsl */ `
const RANK = ${rank}u;
const WORKGROUP_SIZE = ${WORKGROUP_SIZE}u;
alias T = ${type};
alias U = ${outType};

struct Params {
  size: u32, // in lane groups
  scalar_a: u32, // bits of a scalar left operand
  scalar_b: u32, // bits of a scalar right operand
  shape: array<vec4u, ${Math.max(1, Math.ceil(rank / 4))}>,
  strides_a: array<vec4u, ${Math.max(1, Math.ceil(rank / 4))}>,
  strides_b: array<vec4u, ${Math.max(1, Math.ceil(rank / 4))}>,
}

@group(0) @binding(0) var<uniform> params: Params;
${operandBinding("a", 1, a, type, lanes)}
${operandBinding("b", 2, b, type, lanes)}
@group(0) @binding(3) var<storage, read_write> out: array<${laneType(outType, lanes)}>;

fn isNan(v: f32) -> bool { return (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u; }
fn ordered(x: f32, y: f32) -> bool { return !isNan(x) && !isNan(y); }
fn nan() -> f32 { return bitcast<f32>(0x7fc00000u); }
fn inf() -> f32 { return bitcast<f32>(0x7f800000u); }
fn isOddInteger(v: f32) -> bool { return trunc(v) == v && trunc(v * 0.5) != v * 0.5; }

// x ** y as JavaScript's Math.pow defines it.
fn power(x: f32, y: f32) -> f32 {
  if (y == 0.0) { return 1.0; }
  if (isNan(x) || isNan(y)) { return nan(); }
  let size = abs(x);
  if (abs(y) == inf()) {
    if (size == 1.0) { return nan(); }
    return select(0.0, inf(), (size > 1.0) == (y > 0.0));
  }
  if (size == 0.0) { // ±0: keep the sign for odd integer powers
    if (y > 0.0) { return select(0.0, x, isOddInteger(y)); }
    return select(inf(), 1.0 / x, isOddInteger(y));
  }
  if (size == inf()) {
    let magnitude = select(0.0, inf(), y > 0.0);
    return select(magnitude, -magnitude, x < 0.0 && isOddInteger(y));
  }
  if (x < 0.0 && trunc(y) != y) { return nan(); }
  let magnitude = pow(size, y);
  return select(magnitude, -magnitude, x < 0.0 && isOddInteger(y));
}

fn apply(x: T, y: T) -> U {
  return ${binaryBody(op, type)};
}

${
    lanes === 4
      ? `fn apply_lanes(x: vec4<T>, y: vec4<T>) -> vec4<U> {
  return vec4<U>(apply(x.x, y.x), apply(x.y, y.y), apply(x.z, y.z), apply(x.w, y.w));
}`
      : "fn apply_lanes(x: T, y: T) -> U { return apply(x, y); }"
  }

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.size) { return; }
  // Output coordinates → each strided operand's index (unused ones fold away).
  var index_a = 0u;
  var index_b = 0u;
  var rest = i;
  for (var axis = RANK; axis > 0u; axis--) {
    let d = axis - 1u;
    let n = params.shape[d / 4u][d % 4u];
    let coordinate = rest % n;
    rest = rest / n;
    index_a += coordinate * params.strides_a[d / 4u][d % 4u];
    index_b += coordinate * params.strides_b[d / 4u][d % 4u];
  }
  out[i] = apply_lanes(${operandLoad("a", a, type, lanes)}, ${operandLoad("b", b, type, lanes)});
}
`,
};

/**
 * How an element-wise kernel reads an operand, for an output of `size` elements.
 *
 * @param x The operand.
 * @param size The output's element count.
 * @returns `scalar` for a number, `same` when sizes match, `first` for one element, else `strided`.
 *
 * @example
 * ```ts
 * import { modeOf } from "./binary.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(modeOf(2, 6), "scalar");
 * ```
 */
export function modeOf(x: Operand, size: number): OperandMode {
  if (typeof x === "number") return "scalar";
  if (x.size === size) return "same";
  return x.size === 1 ? "first" : "strided";
}

/** The coalesced output shape and each operand's strides (empty unless it is strided). */
export interface BroadcastLayout {
  /** Axes of the coalesced shape; 0 when no operand is strided. */
  rank: number;
  /** The coalesced output shape. */
  shape: number[];
  /** Per operand, its strides along `shape` (empty unless `strided`). */
  strides: number[][];
}

/**
 * The broadcast layout the binary and where kernels loop over.
 *
 * @param operands The operands.
 * @param modes How each is read ({@linkcode modeOf}).
 * @param outShape The output shape.
 * @returns The coalesced shape and strides.
 *
 * @example
 * ```ts
 * import { broadcastLayout } from "./binary.ts";
 * import { deepStrictEqual } from "node:assert";
 * const row = { shape: [3], dtype: "float32" as const, size: 3, storage: {} as never };
 * deepStrictEqual(broadcastLayout([row, 1], ["strided", "scalar"], [2, 3]), {
 *   rank: 2,
 *   shape: [2, 3],
 *   strides: [[0, 1], []],
 * });
 * ```
 */
export function broadcastLayout(
  operands: readonly Operand[],
  modes: readonly OperandMode[],
  outShape: Shape,
): BroadcastLayout {
  const strided = operands.map((x, i) =>
    modes[i] === "strided" ? broadcastStrides((x as TensorInfo).shape, outShape) : null
  );
  if (strided.every((s) => s === null)) {
    return { rank: 0, shape: [], strides: operands.map(() => []) };
  }
  const merged = coalesce(outShape, strided.filter((s) => s !== null));
  let next = 0;
  const strides = strided.map((s) => (s === null ? [] : merged.strides[next++]));
  return { rank: merged.shape.length, shape: merged.shape, strides };
}

/**
 * The storage bindings of the tensor operands, by name (a scalar has none).
 *
 * @param operands Name → operand.
 * @returns Name → binding, for the tensors only.
 *
 * @example
 * ```ts
 * import { operandBindings } from "./binary.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(operandBindings({ a: 2 }), {});
 * ```
 */
export function operandBindings(operands: Record<string, Operand>): Record<string, Binding> {
  const out: Record<string, Binding> = {};
  for (const [name, x] of Object.entries(operands)) {
    if (typeof x !== "number") out[name] = bindingOf(x);
  }
  return out;
}

/** The dtype the operands of a binary op are stored in. */
function operandDtype(a: Operand, b: Operand, outDtype: DType): DType {
  if (typeof a !== "number") return a.dtype;
  if (typeof b !== "number") return b.dtype;
  if (outDtype !== "bool") return outDtype;
  return Number.isInteger(a) && Number.isInteger(b) ? "int32" : "float32";
}

/**
 * Plans `out = op(a, b)` with broadcasting.
 *
 * @param op The binary op.
 * @param a The left operand.
 * @param b The right operand.
 * @param outShape The broadcast shape.
 * @param out The output storage (not empty).
 * @returns The dispatch.
 *
 * @example
 * ```ts
 * import { planBinary } from "./binary.ts";
 * import { GpuStorage } from "../storage.ts";
 * import { strictEqual } from "node:assert";
 * const x = { shape: [4], dtype: "float32" as const, size: 4, storage: new GpuStorage({} as GPUBuffer, 4, "float32") };
 * const plan = planBinary("add", x, 1, [4], new GpuStorage({} as GPUBuffer, 4, "float32"));
 * strictEqual(plan.variant.lanes, 4);
 * strictEqual(plan.params.scalar_b, 0x3f800000);
 * ```
 */
export function planBinary(
  op: BinaryOp,
  a: Operand,
  b: Operand,
  outShape: Shape,
  out: GpuStorage,
): Dispatch<BinaryVariant> {
  const dtype = operandDtype(a, b, out.dtype);
  const modes = [modeOf(a, out.size), modeOf(b, out.size)];
  const layout = broadcastLayout([a, b], modes, outShape);
  const lanes = layout.rank === 0 ? lanesFor(out.size) : 1;
  const size = out.size / lanes;
  const type = wgslType(dtype);
  return {
    kernel: binary,
    variant: {
      op,
      type,
      outType: wgslType(out.dtype),
      a: modes[0],
      b: modes[1],
      rank: layout.rank,
      lanes,
    },
    params: {
      size,
      scalar_a: typeof a === "number" ? bitsOf(a, dtype) : 0,
      scalar_b: typeof b === "number" ? bitsOf(b, dtype) : 0,
      shape: layout.shape,
      strides_a: layout.strides[0],
      strides_b: layout.strides[1],
    },
    buffers: { ...operandBindings({ a, b }), out: bindingOf(out) },
    groups: groupsFor(size),
  };
}
