/**
 * How a reduction is dispatched: passes of the `reduce` kernel, each cutting
 * the reduced axis into chunks of at most `workgroupSize · ITEMS_PER_THREAD`,
 * until it is short enough for one last pass (`reduce_short` when at most
 * {@linkcode SHORT_AXIS} entries remain). Arg-ops carry the winning indices
 * from pass to pass.
 *
 * @module
 */
import type { ReduceOp, TensorInfo } from "../../backend.ts";
import { bindingOf, type GpuStorage } from "../storage.ts";
import { planFill } from "./fill.ts";
import { type Binding, type Dispatch, wgslType, WORKGROUP_SIZE } from "./kernel.ts";
import { ITEMS_PER_THREAD, MAX_WORKGROUP_SIZE, reduce, type ReduceVariant } from "./reduce.ts";
import { reduceShort, SHORT_AXIS } from "./reduce_short.ts";

/** What a reduction asks: `x` seen as `[outer, length, inner]`, reduced along `length`. */
export interface ReduceArgs {
  /** The op. */
  op: ReduceOp;
  /** The input. */
  x: TensorInfo;
  /** Product of the axes before the reduced one. */
  outer: number;
  /** Length of the reduced axis. */
  length: number;
  /** Product of the axes after it. */
  inner: number;
  /** The output storage, `outer * inner` entries (not empty). */
  out: GpuStorage;
}

/**
 * Plans a reduction: its passes, in order.
 *
 * @param args The op, the input and its `[outer, length, inner]` view, the output.
 * @param scratch Allocates a scratch buffer of that many elements for partial
 *   results; the caller releases them after recording the passes.
 * @returns The dispatches (a fill with 0 for an empty sum).
 *
 * @example
 * ```ts
 * import { planReduce } from "./reduce_plan.ts";
 * import { GpuStorage } from "../storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const x = { shape: [10000], dtype: "float32" as const, size: 10000, storage: new GpuStorage({} as GPUBuffer, 10000, "float32") };
 * const out = new GpuStorage({} as GPUBuffer, 1, "float32");
 * const passes = planReduce({ op: "sum", x, outer: 1, length: 10000, inner: 1, out }, (n) => ({ buffer: {} as GPUBuffer, size: n * 4 }));
 * deepStrictEqual(passes.map((p) => p.kernel.name), ["reduce", "reduce_short"]);
 * ```
 */
export function planReduce(
  args: ReduceArgs,
  scratch: (size: number) => Binding,
): Dispatch<unknown>[] {
  const { op, x, outer, inner, out } = args;
  // Only sum gets an empty axis: the op layer refuses empty max/min/argmax.
  if (args.length === 0) return [planFill(out, 0)];
  const isArg = op === "argmax" || op === "argmin";
  const valueType = wgslType(isArg ? x.dtype : out.dtype);
  const result = bindingOf(out);
  const passes: Dispatch<ReduceVariant>[] = [];
  let values: Binding = bindingOf(x);
  let indices: Binding | null = null;
  let type = wgslType(x.dtype);
  let remaining = args.length;
  for (;;) {
    const threads = Math.ceil(remaining / ITEMS_PER_THREAD);
    const workgroupSize = Math.min(
      MAX_WORKGROUP_SIZE,
      Math.max(32, 2 ** Math.ceil(Math.log2(threads))),
    );
    const short = remaining <= SHORT_AXIS;
    const chunks = short ? 1 : Math.ceil(remaining / (workgroupSize * ITEMS_PER_THREAD));
    const last = chunks === 1;
    const count = outer * chunks * inner;
    const valuesOut = last && !isArg ? result : scratch(count);
    const indicesOut = !isArg ? null : last ? result : scratch(count);
    const variant = { op, type, valueType, workgroupSize, indexed: indices !== null };
    const buffers: Record<string, Binding> = { x: values, out: valuesOut };
    if (indices) buffers.x_index = indices;
    if (indicesOut) buffers.out_index = indicesOut;
    passes.push(
      short
        ? {
          kernel: reduceShort,
          variant: { ...variant, workgroupSize: WORKGROUP_SIZE },
          params: { outer, length: remaining, inner },
          buffers,
          groups: Math.ceil(count / WORKGROUP_SIZE),
        }
        : {
          kernel: reduce,
          variant,
          params: { outer, length: remaining, inner, chunks },
          buffers,
          groups: count,
        },
    );
    if (last) break;
    values = valuesOut;
    indices = indicesOut;
    type = valueType;
    remaining = chunks;
  }
  return passes;
}
