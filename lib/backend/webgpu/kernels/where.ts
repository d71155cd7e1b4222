/**
 * `out = cond ? a : b` with broadcasting over all three. The condition is a
 * bool tensor (`u32`, 0 or 1); `a` and `b` are tensors or uniform scalars,
 * read in the same modes as the binary kernel.
 *
 * @module
 */
import type { Operand, TensorInfo } from "../../backend.ts";
import type { Shape } from "../../../core/shape.ts";
import { bindingOf, type GpuStorage } from "../storage.ts";
import {
  broadcastLayout,
  modeOf,
  operandBinding,
  operandBindings,
  operandLoad,
  type OperandMode,
} from "./binary.ts";
import {
  bitsOf,
  type Dispatch,
  groupsFor,
  type Kernel,
  rankArrayField,
  u32Field,
  type WgslType,
  wgslType,
  WORKGROUP_SIZE,
} from "./kernel.ts";

/** One compiled form of the where kernel. */
export interface WhereVariant {
  /** The WGSL type of `a`, `b` and the output. */
  type: WgslType;
  /** How the condition is read. */
  cond: Exclude<OperandMode, "scalar">;
  /** How the value taken where the condition holds is read. */
  a: OperandMode;
  /** How the value taken elsewhere is read. */
  b: OperandMode;
  /** Axes of the (coalesced) output shape; used by `strided` operands. */
  rank: number;
}

/**
 * `out = select(b, a, cond != 0)`, broadcast. Bindings: 1 `cond`, 2 `a`, 3 `b`
 * (absent when scalar), 4 `out`.
 *
 * @example
 * ```ts
 * import { where } from "./where.ts";
 * import { ok } from "node:assert";
 * ok(where.wgsl({ type: "f32", cond: "same", a: "scalar", b: "same", rank: 0 }).includes("select("));
 * ```
 */
export const where: Kernel<WhereVariant> = {
  name: "where",
  params: [
    u32Field("size"),
    u32Field("scalar_a"),
    u32Field("scalar_b"),
    rankArrayField("shape"),
    rankArrayField("strides_cond"),
    rankArrayField("strides_a"),
    rankArrayField("strides_b"),
  ],
  bindings: { cond: 1, a: 2, b: 3, out: 4 },
  wgsl: ({ type, cond, a, b, rank }) => /* wgsl */ `
const RANK = ${rank}u;
const WORKGROUP_SIZE = ${WORKGROUP_SIZE}u;

struct Params {
  size: u32,
  scalar_a: u32, // bits of a scalar "true" operand
  scalar_b: u32, // bits of a scalar "false" operand
  shape: array<vec4u, ${Math.max(1, Math.ceil(rank / 4))}>,
  strides_cond: array<vec4u, ${Math.max(1, Math.ceil(rank / 4))}>,
  strides_a: array<vec4u, ${Math.max(1, Math.ceil(rank / 4))}>,
  strides_b: array<vec4u, ${Math.max(1, Math.ceil(rank / 4))}>,
}

@group(0) @binding(0) var<uniform> params: Params;
${operandBinding("cond", 1, cond, "u32", 1)}
${operandBinding("a", 2, a, type, 1)}
${operandBinding("b", 3, b, type, 1)}
@group(0) @binding(4) var<storage, read_write> out: array<${type}>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.size) { return; }
  var index_cond = 0u;
  var index_a = 0u;
  var index_b = 0u;
  var rest = i;
  for (var axis = RANK; axis > 0u; axis--) {
    let d = axis - 1u;
    let n = params.shape[d / 4u][d % 4u];
    let coordinate = rest % n;
    rest = rest / n;
    index_cond += coordinate * params.strides_cond[d / 4u][d % 4u];
    index_a += coordinate * params.strides_a[d / 4u][d % 4u];
    index_b += coordinate * params.strides_b[d / 4u][d % 4u];
  }
  let chosen = ${operandLoad("cond", cond, "u32", 1)} != 0u;
  out[i] = select(${operandLoad("b", b, type, 1)}, ${operandLoad("a", a, type, 1)}, chosen);
}
`,
};

/**
 * Plans `out = cond ? a : b` with broadcasting over all three.
 *
 * @param cond The bool condition.
 * @param a Taken where `cond` holds.
 * @param b Taken elsewhere.
 * @param outShape The broadcast shape.
 * @param out The output storage (not empty), of `a` and `b`'s dtype.
 * @returns The dispatch.
 *
 * @example
 * ```ts
 * import { planWhere } from "./where.ts";
 * import { GpuStorage } from "../storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const cond = { shape: [2], dtype: "bool" as const, size: 2, storage: new GpuStorage({} as GPUBuffer, 2, "bool") };
 * const plan = planWhere(cond, 1, 0, [2], new GpuStorage({} as GPUBuffer, 2, "int32"));
 * deepStrictEqual([plan.variant.a, plan.params.scalar_a], ["scalar", 1]);
 * ```
 */
export function planWhere(
  cond: TensorInfo,
  a: Operand,
  b: Operand,
  outShape: Shape,
  out: GpuStorage,
): Dispatch<WhereVariant> {
  const modes = [modeOf(cond, out.size), modeOf(a, out.size), modeOf(b, out.size)];
  const layout = broadcastLayout([cond, a, b], modes, outShape);
  return {
    kernel: where,
    variant: {
      type: wgslType(out.dtype),
      cond: modes[0] as Exclude<OperandMode, "scalar">,
      a: modes[1],
      b: modes[2],
      rank: layout.rank,
    },
    params: {
      size: out.size,
      scalar_a: typeof a === "number" ? bitsOf(a, out.dtype) : 0,
      scalar_b: typeof b === "number" ? bitsOf(b, out.dtype) : 0,
      shape: layout.shape,
      strides_cond: layout.strides[0],
      strides_a: layout.strides[1],
      strides_b: layout.strides[2],
    },
    buffers: { ...operandBindings({ cond, a, b }), out: bindingOf(out) },
    groups: groupsFor(out.size),
  };
}
