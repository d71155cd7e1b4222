/**
 * Each kernel declares its uniform layout (`params`) and its buffers
 * (`bindings`) beside its WGSL; these tests parse the WGSL of a spread of
 * variants and prove the two agree, and that every `plan…()` fills exactly
 * the fields and buffers its kernel declares. No GPU is needed.
 */
import { deepStrictEqual, ok, throws } from "node:assert";
import type { TensorInfo } from "../../backend.ts";
import type { DType } from "../../../core/dtype.ts";
import { GpuStorage } from "../storage.ts";
import { KERNELS } from "./mod.ts";
import {
  type Binding,
  bindingSlots,
  type Dispatch,
  type Kernel,
  packParams,
  type Step,
} from "./kernel.ts";
import { planBinary } from "./binary.ts";
import { planConcat } from "./concat.ts";
import { planFill } from "./fill.ts";
import { planGather } from "./gather.ts";
import { IndexChecks } from "./index_check.ts";
import { planMatmul } from "./matmul_small.ts";
import { planOneHot } from "./one_hot.ts";
import { planReduce } from "./reduce_plan.ts";
import { planStridedCopy } from "./strided_copy.ts";
import { planUnary } from "./unary.ts";
import { planWhere } from "./where.ts";

type AnyKernel = Kernel<unknown>;

/** Variants to compile each kernel's WGSL for: scalar and strided operands, ranks up to 9. */
const VARIANTS: Record<keyof typeof KERNELS, unknown[]> = {
  fill: [{ type: "f32", lanes: 1 }, { type: "i32", lanes: 4 }],
  unary: [
    { op: "exp", type: "f32", outType: "f32", lanes: 4 },
    { op: "identity", type: "f32", outType: "u32", lanes: 1 },
  ],
  binary: [
    { op: "add", type: "f32", outType: "f32", a: "same", b: "scalar", rank: 0, lanes: 4 },
    { op: "lt", type: "i32", outType: "u32", a: "strided", b: "first", rank: 3, lanes: 1 },
    { op: "pow", type: "f32", outType: "f32", a: "strided", b: "strided", rank: 9, lanes: 1 },
  ],
  where: [
    { type: "f32", cond: "same", a: "scalar", b: "scalar", rank: 0 },
    { type: "i32", cond: "strided", a: "strided", b: "first", rank: 6 },
  ],
  reduce: [
    { op: "sum", type: "f32", valueType: "f32", workgroupSize: 64, indexed: false },
    { op: "argmax", type: "f32", valueType: "f32", workgroupSize: 32, indexed: true },
  ],
  reduceShort: [
    { op: "max", type: "i32", valueType: "i32", workgroupSize: 256, indexed: false },
    { op: "argmin", type: "f32", valueType: "f32", workgroupSize: 256, indexed: true },
  ],
  matmul: [{}],
  matmulSmall: [{ lanes: 4, rows: 8 }, { lanes: 1, rows: 1 }],
  stridedCopy: [{ type: "f32", rank: 2 }, { type: "u32", rank: 5 }],
  gather: [{ type: "f32" }, { type: "i32" }],
  indexCheckFold: [{}],
  concat: [{ type: "f32" }],
  oneHot: [{ outType: "f32" }, { outType: "i32" }],
};

/** `struct Params` of a WGSL source, field by field: `u32`, or `array<vec4u, N>` with its N. */
function paramsStruct(wgsl: string): { name: string; type: string; vec4s?: number }[] {
  const body = /struct Params\s*\{([^}]*)\}/.exec(wgsl)?.[1];
  if (body === undefined) throw new Error("no struct Params");
  return body.split("\n")
    .map((line) => line.replace(/\/\/.*$/, "").trim())
    .filter((line) => line !== "")
    .map((line) => {
      const field = /^(\w+)\s*:\s*(.+?),?$/.exec(line);
      if (!field) throw new Error(`cannot read the field "${line}"`);
      const array = /^array<vec4u,\s*(\d+)>$/.exec(field[2]);
      return array
        ? { name: field[1], type: "array<vec4u>", vec4s: Number(array[1]) }
        : { name: field[1], type: field[2] };
    });
}

/** The storage buffers a WGSL source binds: name → binding number. */
function storageBindings(wgsl: string): Record<string, number> {
  const found: Record<string, number> = {};
  const pattern = /@group\(0\)\s*@binding\((\d+)\)\s*var<storage[^>]*>\s*(\w+)\s*:/g;
  for (const [, slot, name] of wgsl.matchAll(pattern)) found[name] = Number(slot);
  return found;
}

Deno.test("every kernel's declared params are its WGSL struct Params, field for field", () => {
  for (const [key, kernel] of Object.entries(KERNELS) as [keyof typeof KERNELS, AnyKernel][]) {
    const variants = VARIANTS[key];
    ok(variants?.length, `layout_test.ts has no variant of kernel ${kernel.name}: add some`);
    for (const variant of variants) {
      const wgsl = kernel.wgsl(variant);
      ok(/@group\(0\)\s*@binding\(0\)\s*var<uniform>\s*params\s*:\s*Params;/.test(wgsl));
      const declared = kernel.params.map((field) =>
        field.type === "u32"
          ? { name: field.name, type: "u32" }
          : { name: field.name, type: field.type, vec4s: field.vec4s(variant) }
      );
      deepStrictEqual(declared, paramsStruct(wgsl), `${kernel.name} ${JSON.stringify(variant)}`);
    }
  }
});

Deno.test("every kernel's declared bindings hold every buffer its WGSL binds, at that number", () => {
  for (const [key, kernel] of Object.entries(KERNELS) as [keyof typeof KERNELS, AnyKernel][]) {
    const seen = new Set<string>();
    for (const variant of VARIANTS[key]) {
      const bound = storageBindings(kernel.wgsl(variant));
      for (const [name, slot] of Object.entries(bound)) {
        deepStrictEqual(
          [name, kernel.bindings[name]],
          [name, slot],
          `${kernel.name} ${JSON.stringify(variant)}`,
        );
        seen.add(name);
      }
    }
    // A declared buffer that no variant binds is a stale declaration.
    deepStrictEqual([...seen].sort(), Object.keys(kernel.bindings).sort(), kernel.name);
  }
});

// ---- plans: fake buffers stand in for the GPU ----

const fakeBuffer = () => ({}) as GPUBuffer;
const storage = (size: number, dtype: DType = "float32") =>
  new GpuStorage(fakeBuffer(), size, dtype);
const tensor = (shape: number[], dtype: DType = "float32"): TensorInfo => {
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, dtype, size, storage: storage(size, dtype) };
};
const scratch = (size: number): Binding => ({ buffer: fakeBuffer(), size: size * 4 });

/** Packs a step's params and binds its buffers, and checks the buffers against its WGSL. */
function checkStep(step: Step): void {
  if (!("kernel" in step)) return;
  const dispatch = step as Dispatch<unknown>;
  packParams(dispatch);
  const bound = storageBindings(dispatch.kernel.wgsl(dispatch.variant));
  deepStrictEqual(
    Object.keys(dispatch.buffers).sort(),
    Object.keys(bound).sort(),
    `${dispatch.kernel.name}: the plan binds exactly what the WGSL of its variant declares`,
  );
  const slots = bindingSlots(dispatch);
  for (const [name, slot] of Object.entries(bound)) {
    ok(slots.get(slot) === dispatch.buffers[name], `${dispatch.kernel.name}: ${name}`);
  }
}

Deno.test("every plan fills exactly the params and buffers its kernel's WGSL declares", () => {
  const check = { slot: 4, binding: scratch(16) };
  const steps: Step[] = [
    planFill(storage(6), 2),
    planUnary("exp", tensor([8]), storage(8)),
    planUnary("identity", tensor([3]), storage(3, "int32")),
    planBinary("add", tensor([2, 3]), 1, [2, 3], storage(6)),
    planBinary("mul", tensor([3]), tensor([2, 1]), [2, 3], storage(6)),
    planBinary("gt", 2, tensor([1]), [5], storage(5, "bool")),
    planBinary("sub", tensor([2, 1, 3, 1, 2, 1, 2, 1, 2]), tensor([2, 2, 1, 2, 1, 2, 1, 2]), [
      2,
      2,
      3,
      2,
      2,
      2,
      2,
      2,
      2,
    ], storage(3072)),
    planWhere(tensor([2, 1], "bool"), tensor([3]), 0, [2, 3], storage(6)),
    planWhere(tensor([4], "bool"), 1, 2, [4], storage(4, "int32")),
    ...planReduce({
      op: "sum",
      x: tensor([5000]),
      outer: 1,
      length: 5000,
      inner: 1,
      out: storage(1),
    }, scratch),
    ...planReduce({
      op: "argmax",
      x: tensor([3, 9000]),
      outer: 3,
      length: 9000,
      inner: 1,
      out: storage(3, "int32"),
    }, scratch),
    ...planReduce(
      { op: "max", x: tensor([4, 7]), outer: 4, length: 7, inner: 1, out: storage(4) },
      scratch,
    ),
    planMatmul(tensor([4, 3]), tensor([3, 8]), 4, 3, 8, storage(32), "auto"),
    planMatmul(tensor([4, 3]), tensor([3, 5]), 4, 3, 5, storage(20), "small"),
    planMatmul(tensor([4, 3]), tensor([3, 5]), 4, 3, 5, storage(20), "tiled"),
    planStridedCopy(tensor([2, 3]), [1, 3], 0, [3, 2], storage(6)),
    planStridedCopy(tensor([2, 3]), [3, 1], 3, [1, 3], storage(3)),
    planGather(tensor([3, 2]), tensor([4], "int32"), 0, storage(8), check),
    ...planConcat([tensor([2, 1]), tensor([2, 2])], 1, [2, 3], storage(6)),
    ...planConcat([tensor([1, 2]), tensor([2, 2])], 0, [3, 2], storage(6)),
    planOneHot(tensor([3], "int32"), 4, storage(12), check),
  ];
  for (const step of steps) checkStep(step);
  ok(steps.some((step) => "copy" in step), "the contiguous cases plan copies");
});

Deno.test("IndexChecks folds its slots into the summary when they run out, with a plan that fits", () => {
  const previous = (globalThis as { GPUBufferUsage?: unknown }).GPUBufferUsage;
  Object.assign(globalThis, { GPUBufferUsage: { STORAGE: 128, COPY_SRC: 4, COPY_DST: 8 } });
  try {
    const device = { createBuffer: () => fakeBuffer() } as unknown as GPUDevice;
    const checks = new IndexChecks(device);
    let before: Step[] = [];
    for (let i = 0; i <= 256; i++) before = checks.register({ op: "oneHot", depth: 2 }).before;
    deepStrictEqual(before.map((step) => Object.keys(step)[0]), ["kernel", "clear"]);
    checkStep(before[0]);
    ok(checks.take() !== undefined);
    deepStrictEqual(checks.take(), undefined);
  } finally {
    Object.assign(globalThis, { GPUBufferUsage: previous });
  }
});

Deno.test("packParams() refuses a missing, unknown or oversized field", () => {
  const [plan] = [planFill(storage(4), 1)];
  throws(() => packParams({ ...plan, params: { size: 1 } }), /u32 "value" is undefined/);
  throws(() => packParams({ ...plan, params: { ...plan.params, extra: 1 } }), /no field extra/);
  const copy = planStridedCopy(tensor([2, 3]), [1, 3], 0, [3, 2], storage(6)) as Dispatch<unknown>;
  throws(
    () => packParams({ ...copy, params: { ...copy.params, shape: [1, 2, 3, 4, 5] } }),
    /"shape" must be an array of at most 4 numbers/,
  );
});
