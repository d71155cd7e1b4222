/**
 * One conformance suite for every backend. Each case builds its tensors with
 * the public op layer on one backend; on the CPU its outputs are checked
 * against values worked out by hand, and on WebGPU against the CPU backend
 * (the oracle), within float32 tolerance for floats and exactly for int32 and
 * bool. Property-based cases draw shapes and values with fast-check. WebGPU
 * cases are skipped, with the reason printed, where no adapter exists.
 *
 * Run: `deno test lib/backend/conformance_test.ts`.
 *
 * @module
 */
import fc from "fast-check";
import { deepStrictEqual, ok, rejects, strictEqual, throws } from "node:assert";
import {
  abs,
  add,
  arange,
  argmax,
  argmin,
  BackendError,
  cast,
  clone,
  concat,
  div,
  dot,
  DtypeError,
  eigh,
  eq,
  exp,
  eye,
  full,
  gather,
  ge,
  gt,
  isNaN as isNaNTensor,
  le,
  linspace,
  log,
  lt,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  ne,
  neg,
  type NestedArray,
  norm,
  normal,
  oneHot,
  ones,
  outer,
  pow,
  reshape,
  Rng,
  scope,
  ShapeError,
  sign,
  slice,
  sqrt,
  square,
  squeeze,
  stack,
  sub,
  sum,
  Tensor,
  tensor,
  transpose,
  uniform,
  unsqueeze,
  where,
  zeros,
} from "../tensor/mod.ts";
import type { Backend } from "./backend.ts";
import { getBackend, initWebGpu, setDefaultBackend, webgpuUnavailableReason } from "./registry.ts";
import { CpuBackend } from "./cpu/cpu_backend.ts";
import { createWebGpuBackend } from "./webgpu/create.ts";
import type { WebGpuBackend } from "./webgpu/webgpu_backend.ts";
import { useSmallMatmul } from "./webgpu/kernels/matmul_small.ts";
import { toleranceFor } from "../testing/tolerance.ts";
import { caseName } from "../core/case_name.ts";
import type { DType, TypedArray } from "../core/dtype.ts";

// ---- backends: computed once; WebGPU cases are skipped with the reason ----

const gpu = await initWebGpu();
const ignore = gpu === undefined;
const skipReason = webgpuUnavailableReason() ?? "not started";
if (ignore) console.log(`conformance: WebGPU cases skipped — ${skipReason}`);
else console.log(`conformance: WebGPU on ${gpu.description}`);
const cpu = getBackend("cpu");
/**
 * The CPU paths every conformance case runs on: the TypeScript kernels run
 * eagerly (the oracle WebGPU is compared with), and the fast path with every
 * element-wise op fused (from one element, in chunks of 5, so chunks end
 * mid-tensor) and the WebAssembly SIMD kernels.
 */
const tsCpu = new CpuBackend("TypeScript kernels, eager", { fusion: false, wasm: false });
const fastCpu = new CpuBackend("fused from 1 element, WebAssembly SIMD", {
  fusion: { minSize: 1, chunk: 5, maxNodes: 6 },
});
const CPU_PATHS = [
  { label: "", backend: fastCpu },
  { label: " (TypeScript kernels)", backend: tsCpu },
];

/** GPU buffers are released by the collector and by pools, not per case. */
const relaxed = { sanitizeResources: false, sanitizeOps: false };

// ---- reading and comparing results ----

type Outputs = Record<string, Tensor>;
type Build = () => Outputs | Promise<Outputs>;
interface Result {
  shape: readonly number[];
  dtype: DType;
  backend: string;
  values: TypedArray;
}

/** Builds a case with `backend` as the default and reads every output in one batch. */
async function evaluate(backend: Backend, build: Build): Promise<Record<string, Result>> {
  const previous = setDefaultBackend(backend);
  try {
    const outputs = await build();
    const names = Object.keys(outputs);
    const values = await Promise.all(names.map((name) => outputs[name].data()));
    return Object.fromEntries(names.map((name, i) => {
      const { shape, dtype } = outputs[name];
      return [name, { shape, dtype, backend: outputs[name].backend.name, values: values[i] }];
    }));
  } finally {
    setDefaultBackend(previous);
  }
}

/** Equal within the dtype's tolerance; NaN equals NaN, infinities must match. */
function close(actual: number, expected: number, dtype: DType): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) {
    return Number.isNaN(expected) && Number.isNaN(actual);
  }
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return actual === expected;
  const { rtol, atol } = toleranceFor(dtype);
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

/** Asserts two results agree in shape, dtype and values. */
function assertSameResult(actual: Result, expected: Result, where: string): void {
  deepStrictEqual(actual.shape, expected.shape, `${where}: shape`);
  strictEqual(actual.dtype, expected.dtype, `${where}: dtype`);
  const bad: string[] = [];
  for (let i = 0; i < expected.values.length && bad.length < 5; i++) {
    if (!close(actual.values[i], expected.values[i], expected.dtype)) {
      bad.push(`entry ${i}: expected ${expected.values[i]}, got ${actual.values[i]}`);
    }
  }
  ok(
    bad.length === 0,
    `${where} (${expected.dtype} ${JSON.stringify(expected.shape)}):\n  ${bad.join("\n  ")}`,
  );
}

function flat(values: NestedArray): number[] {
  return Array.isArray(values) ? values.flatMap(flat) : [values];
}

/** The WebGPU result of `build` must match the CPU's; returns both for extra checks. */
async function compareWithCpu(
  build: Build,
  where = "webgpu vs cpu",
): Promise<Record<string, Result>> {
  const oracle = await evaluate(tsCpu, build);
  const tested = await evaluate(gpu!, build);
  for (const name of Object.keys(oracle)) {
    strictEqual(tested[name].backend, "webgpu", `${where}, ${name}: backend`);
    assertSameResult(tested[name], oracle[name], `${where}, ${name}`);
  }
  return tested;
}

/**
 * Registers one case on every backend. On the CPU, outputs named in
 * `expected` must equal those hand-worked values; on WebGPU, every output
 * must match the CPU's (and the hand-worked values too).
 */
function conformance(name: string, build: Build, expected: Record<string, NestedArray> = {}) {
  const checkExpected = (results: Record<string, Result>, backend: string) => {
    for (const [key, values] of Object.entries(expected)) {
      const result = results[key];
      ok(result, `${backend}: output ${key} is missing`);
      const target = {
        ...result,
        values: Float64Array.from(flat(values)) as unknown as TypedArray,
      };
      strictEqual(result.values.length, target.values.length, `${backend}, ${key}: length`);
      assertSameResult(result, target, `${backend}, ${key} vs hand-worked values`);
    }
  };
  for (const { label, backend } of CPU_PATHS) {
    Deno.test(caseName({ name: name + label, backend: "cpu" }), async () => {
      const results = await evaluate(backend, build);
      for (const result of Object.values(results)) strictEqual(result.backend, "cpu");
      checkExpected(results, `cpu${label}`);
    });
  }
  Deno.test({
    name: caseName({ name, backend: "webgpu", skipped: ignore ? skipReason : undefined }),
    ignore,
    ...relaxed,
    fn: async () => checkExpected(await compareWithCpu(build), "webgpu"),
  });
}

/** Registers a WebGPU-only case (comparisons against the CPU, GPU-specific behaviour). */
function gpuTest(name: string, fn: () => Promise<void> | void) {
  Deno.test({
    name: caseName({ name, backend: "webgpu", skipped: ignore ? skipReason : undefined }),
    ignore,
    ...relaxed,
    fn,
  });
}

/** Registers a case once per backend with that backend as the default. */
function everyBackend(name: string, fn: (backend: Backend) => Promise<void> | void) {
  Deno.test(caseName({ name, backend: "cpu" }), async () => {
    const previous = setDefaultBackend(cpu);
    try {
      await fn(cpu);
    } finally {
      setDefaultBackend(previous);
    }
  });
  gpuTest(name, async () => {
    const previous = setDefaultBackend(gpu!);
    try {
      await fn(gpu!);
    } finally {
      setDefaultBackend(previous);
    }
  });
}

// ---- creation and memory ----

conformance("tensor(), full(), eye(), arange(), linspace() store float32, int32 and bool", () => ({
  floats: tensor([[1.5, -2], [0.1, 3]]),
  fromFloat64: tensor(new Float64Array([0.1, 1e-8]), { dtype: "float32" }),
  ints: tensor([3, -4, 2147483647], { dtype: "int32" }),
  bools: tensor([true, false, true]),
  filled: full([2, 2], -7.25),
  filledInt: full([3], -5, { dtype: "int32" }),
  filledBool: full([2], 1, { dtype: "bool" }),
  nanFill: full([2], NaN),
  zero: zeros([2, 3]),
  one: ones([1]),
  identity: eye(3),
  range: arange(5),
  floatRange: arange(0, 1, 0.25),
  spaced: linspace(0, 1, 5),
  empty: zeros([0, 3]),
  scalar: tensor(4),
}), {
  floats: [[1.5, -2], [0.1, 3]],
  fromFloat64: [0.1, 1e-8],
  ints: [3, -4, 2147483647],
  bools: [1, 0, 1],
  filled: [[-7.25, -7.25], [-7.25, -7.25]],
  filledInt: [-5, -5, -5],
  filledBool: [1, 1],
  nanFill: [NaN, NaN],
  identity: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  range: [0, 1, 2, 3, 4],
  floatRange: [0, 0.25, 0.5, 0.75],
  spaced: [0, 0.25, 0.5, 0.75, 1],
  empty: [],
  scalar: 4,
});

everyBackend(
  "dispose() frees the storage and later use fails with a BackendError",
  async (backend) => {
    const before = backend.liveBuffers();
    const x = tensor([1, 2, 3]);
    const view = x.reshape([3, 1]);
    strictEqual(backend.liveBuffers(), before + 1, "a reshape shares its storage");
    x.dispose();
    strictEqual(backend.liveBuffers(), before + 1, "the view still holds the storage");
    view.dispose();
    strictEqual(backend.liveBuffers(), before, "the last reference frees it");
    throws(() => add(x, 1), (e: Error) => e instanceof BackendError && /disposed/.test(e.message));
    await rejects(
      async () => await x.data(),
      (e: Error) => e instanceof BackendError && /disposed/.test(e.message),
    );
  },
);

// ---- element-wise ----

const SPECIAL = [-2.5, -1, -0.5, 0, 0.5, 1, 3];

conformance("neg(), abs(), sign(), square() on float32 and int32", () => {
  const x = tensor(SPECIAL);
  const n = tensor([-3, 0, 5], { dtype: "int32" });
  return {
    neg: neg(x),
    abs: abs(x),
    sign: sign(x),
    square: square(x),
    negInt: neg(n),
    absInt: abs(n),
    signInt: sign(n),
    squareInt: square(n),
  };
}, {
  neg: [2.5, 1, 0.5, -0, -0.5, -1, -3],
  abs: [2.5, 1, 0.5, 0, 0.5, 1, 3],
  sign: [-1, -1, -1, 0, 1, 1, 1],
  square: [6.25, 1, 0.25, 0, 0.25, 1, 9],
  negInt: [3, 0, -5],
  absInt: [3, 0, 5],
  signInt: [-1, 0, 1],
  squareInt: [9, 0, 25],
});

conformance("exp(), log(), sqrt() match the CPU", () => {
  const x = tensor([0.001, 0.5, 1, 2, 10, 80]);
  return { exp: exp(x.neg()), log: log(x), sqrt: sqrt(x), expBig: exp(tensor([-20, 0, 20, 88])) };
}, { log: [Math.log(0.001), Math.log(0.5), 0, Math.LN2, Math.log(10), Math.log(80)] });

conformance("add(), sub(), mul(), div() of same-shape tensors and scalars", () => {
  const a = tensor([[1, 2, 3], [4, 5, 6]]);
  const b = tensor([[6, 5, 4], [3, 2, 1]]);
  return {
    add: add(a, b),
    sub: sub(a, b),
    mul: mul(a, b),
    div: div(a, b),
    scalarRight: sub(a, 1.5),
    scalarLeft: sub(10, a),
    divLeft: div(1, a),
    chain: a.mul(2).add(b.mul(0.5)).sub(1),
    bothScalars: add(2, 3),
  };
}, {
  add: [[7, 7, 7], [7, 7, 7]],
  sub: [[-5, -3, -1], [1, 3, 5]],
  mul: [[6, 10, 12], [12, 10, 6]],
  div: [[1 / 6, 0.4, 0.75], [4 / 3, 2.5, 6]],
  scalarRight: [[-0.5, 0.5, 1.5], [2.5, 3.5, 4.5]],
  scalarLeft: [[9, 8, 7], [6, 5, 4]],
  divLeft: [[1, 0.5, 1 / 3], [0.25, 0.2, 1 / 6]],
  chain: [[4, 5.5, 7], [8.5, 10, 11.5]],
  bothScalars: 5,
});

conformance("binary ops broadcast [2,1] with [3], [4,1,3] with [2,1], and 0-d tensors", () => {
  const column = tensor([[1], [2]]);
  const row = tensor([10, 20, 30]);
  const cube = arange(12, undefined, 1, { dtype: "float32" }).reshape([4, 1, 3]);
  return {
    outer: add(column, row),
    cube: mul(cube, tensor([[1], [-1]])),
    zeroD: sub(row, tensor(5)),
    oneElement: mul(tensor([[2]]), row),
    leftBroadcast: div(row, column),
  };
}, {
  outer: [[11, 21, 31], [12, 22, 32]],
  cube: [
    [[0, 1, 2], [-0, -1, -2]],
    [[3, 4, 5], [-3, -4, -5]],
    [[6, 7, 8], [-6, -7, -8]],
    [[9, 10, 11], [-9, -10, -11]],
  ],
  zeroD: [5, 15, 25],
  oneElement: [[20, 40, 60]],
  leftBroadcast: [[10, 20, 30], [5, 10, 15]],
});

conformance("int32 arithmetic stays int32 and wraps like the CPU", () => {
  const a = tensor([7, -7, 2147483647], { dtype: "int32" });
  return {
    add: add(a, 1),
    mul: mul(a, tensor([2, 3, 1], { dtype: "int32" })),
    maximum: maximum(a, 0),
    minimum: minimum(a, 0),
    div: div(a, 2),
  };
}, {
  add: [8, -6, -2147483648],
  mul: [14, -21, 2147483647],
  maximum: [7, 0, 2147483647],
  minimum: [0, -7, 0],
  div: [3.5, -3.5, 1073741823.5],
});

conformance("comparisons write bool; where() selects with broadcasting", () => {
  const a = tensor([[1, 2, 3], [4, 5, 6]]);
  const b = tensor([3, 2, 1]);
  const c = a.gt(b);
  return {
    eq: eq(a, b),
    ne: ne(a, b),
    lt: lt(a, b),
    le: le(a, b),
    gt: c,
    ge: ge(a, 4),
    boolEq: eq(c, tensor([true, false, true])),
    whereTensors: where(c, a, b),
    whereScalars: where(c, 1, -1),
    whereColumn: where(tensor([[true], [false]]), a, 0),
    whereInt: where(c, tensor([1, 2, 3], { dtype: "int32" }), 0),
  };
}, {
  eq: [[0, 1, 0], [0, 0, 0]],
  ne: [[1, 0, 1], [1, 1, 1]],
  lt: [[1, 0, 0], [0, 0, 0]],
  le: [[1, 1, 0], [0, 0, 0]],
  gt: [[0, 0, 1], [1, 1, 1]],
  ge: [[0, 0, 0], [1, 1, 1]],
  boolEq: [[0, 1, 1], [1, 0, 1]],
  whereTensors: [[3, 2, 3], [4, 5, 6]],
  whereScalars: [[-1, -1, 1], [1, 1, 1]],
  whereColumn: [[1, 2, 3], [0, 0, 0]],
  whereInt: [[0, 0, 3], [1, 2, 3]],
});

conformance("pow() follows Math.pow: negative bases, zero, fractional exponents", () => ({
  squares: pow(tensor([-3, -0.5, 0, 2]), 2),
  cubes: pow(tensor([-2, -0, 0, 3]), 3),
  inverse: pow(tensor([-2, -0, 0, 4]), -1),
  roots: pow(tensor([-8, 0, 9]), 0.5),
  zeroth: pow(tensor([NaN, 0, -5]), 0),
  exponents: pow(2, tensor([-1, 0, 10, 0.5])),
  infinite: pow(tensor([0.5, 1, 2, -2]), Infinity),
}), {
  squares: [9, 0.25, 0, 4],
  cubes: [-8, -0, 0, 27],
  inverse: [-0.5, -Infinity, Infinity, 0.25],
  roots: [NaN, 0, 3],
  zeroth: [1, 1, 1],
  exponents: [0.5, 1, 1024, Math.SQRT2],
  infinite: [0, NaN, Infinity, Infinity],
});

conformance("NaN and Infinity: exp, log, sqrt, div, comparisons, maximum, sign, isNaN", () => {
  const x = tensor([NaN, Infinity, -Infinity, 0, -1, 2]);
  return {
    exp: exp(x),
    log: log(x),
    sqrt: sqrt(x),
    reciprocal: div(1, x),
    selfRatio: div(x, x),
    eq: eq(x, x),
    ne: ne(x, x),
    lt: lt(x, 1),
    ge: ge(x, 1),
    maximum: maximum(x, 0),
    minimumLeft: minimum(0, x),
    sign: sign(x),
    isNaN: isNaNTensor(x),
    overflow: exp(tensor([100])),
  };
}, {
  exp: [NaN, Infinity, 0, 1, Math.exp(-1), Math.exp(2)],
  log: [NaN, Infinity, NaN, -Infinity, NaN, Math.LN2],
  sqrt: [NaN, Infinity, NaN, 0, NaN, Math.SQRT2],
  reciprocal: [NaN, 0, -0, Infinity, -1, 0.5],
  selfRatio: [NaN, NaN, NaN, NaN, 1, 1],
  eq: [0, 1, 1, 1, 1, 1],
  ne: [1, 0, 0, 0, 0, 0],
  lt: [0, 0, 1, 1, 1, 0],
  ge: [0, 1, 0, 0, 0, 1],
  maximum: [NaN, Infinity, 0, 0, 0, 2],
  minimumLeft: [NaN, 0, -Infinity, 0, -1, 0],
  sign: [NaN, 1, -1, 0, -1, 1],
  isNaN: [1, 0, 0, 0, 0, 0],
  overflow: [Infinity],
});

conformance("cast() converts between float32, int32 and bool like the CPU", () => {
  const floats = tensor([1.7, -1.7, 0, -0.2, NaN, Infinity, 3e9, -3e9, 2147483647.5]);
  const ints = tensor([-3, 0, 16777217], { dtype: "int32" });
  const bools = tensor([true, false]);
  return {
    toInt: cast(floats, "int32"),
    intToFloat: cast(ints, "float32"),
    boolToFloat: cast(bools, "float32"),
    boolToInt: cast(bools, "int32"),
    floatToBool: cast(tensor([0, -2, 0.5]), "bool"),
    intToBool: cast(ints, "bool"),
  };
}, {
  toInt: [1, -1, 0, 0, 0, 0, -1294967296, 1294967296, -2147483648],
  intToFloat: [-3, 0, 16777216],
  boolToFloat: [1, 0],
  boolToInt: [1, 0],
  floatToBool: [0, 1, 1],
  intToBool: [1, 0, 1],
});

// ---- reductions ----

/** 60 distinct values, but for a tie in row [0,0,:] (entries 1 and 3). */
const CUBE = Array.from({ length: 60 }, (_, i) => ((i * 37) % 61) / 8 - 3);
CUBE[3] = CUBE[1];

/** CUBE as a [3,4,5] tensor. */
function cube(): Tensor {
  return tensor(CUBE, { shape: [3, 4, 5] });
}

conformance("sum(), mean(), max(), min(), norm() over each axis, all axes, with keepDims", () => {
  const x = cube();
  const out: Outputs = {};
  for (const [name, f] of Object.entries({ sum, mean, max, min, norm })) {
    out[`${name}_all`] = f(x);
    out[`${name}_all_keep`] = f(x, undefined, true);
    out[`${name}_01`] = f(x, [0, 1]);
    for (const axis of [0, 1, 2, -1]) {
      out[`${name}_${axis}`] = f(x, axis);
      out[`${name}_${axis}_keep`] = f(x, axis, true);
    }
  }
  return out;
}, {
  sum_all: CUBE.reduce((total, v) => total + v, 0),
  max_all: Math.max(...CUBE),
  min_all_keep: [[[Math.min(...CUBE)]]],
  norm_all: Math.hypot(...CUBE),
});

conformance("argmax() and argmin() return int32, the first index on ties", () => {
  const x = cube();
  return {
    argmax0: argmax(x, 0),
    argmax1: argmax(x, 1, true),
    argmax2: argmax(x, 2),
    argmaxAll: argmax(x),
    argmin2: argmin(x, 2),
    argminAll: argmin(x),
    ties: argmax(tensor([[1, 3, 3, 0], [2, 2, 2, 2]]), 1),
    tiesMin: argmin(tensor([[1, 0, 0, 5]]), 1),
    ints: argmax(tensor([[-5, -2, -9]], { dtype: "int32" }), 1),
  };
}, { ties: [1, 0], tiesMin: [1], ints: [1] });

conformance("reductions of int32 and bool; sums of empty axes are 0", () => {
  const ints = tensor([[1, -2, 3], [4, 5, -6]], { dtype: "int32" });
  const bools = tensor([[true, false, true], [true, true, true]]);
  return {
    sumInt: sum(ints, 1),
    maxInt: max(ints, 0),
    minInt: min(ints),
    sumBool: sum(bools),
    sumBoolAxis: sum(bools, 0),
    maxBool: max(bools, 1),
    emptySum: sum(zeros([2, 0]), 1),
  };
}, {
  sumInt: [2, 3],
  maxInt: [4, 5, 3],
  minInt: -6,
  sumBool: 5,
  sumBoolAxis: [2, 1, 2],
  maxBool: [1, 1],
  emptySum: [0, 0],
});

conformance("reductions over long axes take several passes", () => {
  const x = uniform(new Rng(7), [3, 5000], { low: -1, high: 1 });
  const y = uniform(new Rng(8), [4100, 3]);
  return {
    sumRows: sum(x, 1),
    maxRows: max(x, 1),
    argmaxRows: argmax(x, 1),
    argminRows: argmin(x, 1),
    sumColumns: sum(y, 0),
    minColumns: min(y, 0),
    argmaxColumns: argmax(y, 0),
    meanAll: mean(y),
    norm: norm(x),
    sumMiddle: sum(uniform(new Rng(9), [2, 300, 7]), 1),
  };
});

conformance("max() and argmax() propagate NaN: the first NaN wins", () => {
  const x = tensor([[1, NaN, 5, NaN], [2, 7, 7, 1], [-Infinity, -Infinity, -Infinity, -Infinity]]);
  const long = uniform(new Rng(3), [2000]).mul(tensor(1)).add(where(arange(2000).eq(1500), NaN, 0));
  return {
    max: max(x, 1),
    min: min(x, 1),
    argmax: argmax(x, 1),
    argmin: argmin(x, 1),
    longMax: max(long),
    longArgmax: argmax(long),
  };
}, {
  max: [NaN, 7, -Infinity],
  min: [NaN, 1, -Infinity],
  argmax: [1, 1, 0],
  argmin: [1, 3, 0],
  longMax: NaN,
  longArgmax: 1500,
});

everyBackend(
  "sum() of 1e6 uniform [0,1) float32 values is within 1e-5 of the float64 sum",
  async (backend) => {
    const x = uniform(new Rng(42), [1_000_000]);
    const [values, total] = await Promise.all([x.data(), sum(x).item()]);
    let exact = 0;
    for (let i = 0; i < values.length; i++) exact += values[i];
    const relative = Math.abs(total - exact) / exact;
    console.log(
      `  ${backend.name}: sum ${total}, float64 sum ${exact}, relative error ${
        relative.toExponential(2)
      }`,
    );
    ok(relative < 1e-5, `relative error ${relative} is not below 1e-5`);
  },
);

// ---- linear algebra ----

conformance("matmul() of odd sizes: 1x1, 3x5 @ 5x7, 64x64, 130x70 @ 70x33", () => {
  const rng = new Rng(11);
  const square64 = uniform(rng, [64, 64], { low: -1, high: 1 });
  return {
    one: matmul(tensor([[3]]), tensor([[-2]])),
    small: matmul(uniform(rng, [3, 5]), uniform(rng, [5, 7])),
    square: matmul(square64, square64),
    tall: matmul(uniform(rng, [130, 70]), uniform(rng, [70, 33])),
    vectorLeft: matmul(tensor([1, 2]), tensor([[1, 2, 3], [4, 5, 6]])),
    vectorRight: matmul(tensor([[1, 2], [3, 4]]), tensor([1, -1])),
    dot: dot(tensor([1, 2, 3]), tensor([4, 5, 6])),
    outer: outer(tensor([1, 2]), tensor([3, 4, 5])),
    emptyInner: matmul(zeros([2, 0]), zeros([0, 3])),
  };
}, {
  one: [[-6]],
  vectorLeft: [9, 12, 15],
  vectorRight: [-1, -1],
  dot: 32,
  outer: [[3, 4, 5], [6, 8, 10]],
  emptyInner: [[0, 0, 0], [0, 0, 0]],
});

conformance(
  "eigh() reads back, decomposes on the CPU and returns tensors on the backend",
  async () => {
    const rng = new Rng(5);
    const a = normal(rng, [5, 5], { std: 0.5 });
    const h = add(a, transpose(a));
    const { eigenvalues, eigenvectors } = await eigh(h);
    const saddle = await eigh(tensor([[0, -2], [-2, 0]]));
    return {
      eigenvalues,
      eigenvectors,
      residual: sub(matmul(h, eigenvectors), mul(eigenvectors, eigenvalues)).abs().max(),
      saddle: saddle.eigenvalues,
    };
  },
  { residual: 0, saddle: [-2, 2] },
);

// ---- shape ops ----

conformance("transpose(), slice(), reshape views, squeeze()/unsqueeze()", () => {
  const x = arange(24, undefined, 1, { dtype: "float32" }).reshape([2, 3, 4]);
  return {
    t2: transpose(tensor([[1, 2, 3], [4, 5, 6]])),
    t3: transpose(x, [2, 0, 1]),
    reversed: transpose(x),
    keep: transpose(x, [0, 1, 2]),
    rows: slice(x, [1], [1]),
    box: slice(x, [0, 1, 1], [2, 2, 2]),
    column: slice(x, [0, 0, 3], [-1, -1, 1]),
    tail: slice(arange(10), [7]),
    viewed: reshape(x, [4, -1]).add(0),
    squeezed: squeeze(unsqueeze(tensor([1, 2]), 0)).mul(1),
    cloned: clone(tensor([[5, 6]])),
    clonedBool: clone(tensor([true, false])),
    int: transpose(tensor([[1, 2], [3, 4]], { dtype: "int32" })),
  };
}, {
  t2: [[1, 4], [2, 5], [3, 6]],
  rows: [[[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]],
  box: [[[5, 6], [9, 10]], [[17, 18], [21, 22]]],
  column: [[[3], [7], [11]], [[15], [19], [23]]],
  tail: [7, 8, 9],
  squeezed: [1, 2],
  cloned: [[5, 6]],
  clonedBool: [1, 0],
  int: [[1, 3], [2, 4]],
});

conformance("gather(), oneHot(), concat(), stack() of float32, int32 and bool", () => {
  const x = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  const labels = tensor([2, 0, 2], { dtype: "int32" });
  return {
    rows: gather(x, [2, 0, 2]),
    columns: gather(x, labels, 1),
    byTensor: gather(x, labels),
    intRows: gather(tensor([[1, 2], [3, 4]], { dtype: "int32" }), [1]),
    nested: gather(arange(10), tensor([[1, 2], [3, 9]], { dtype: "int32" })),
    oneHot: oneHot(labels, 4),
    oneHotInt: oneHot([1, 0], 2, "int32"),
    oneHotMatrix: oneHot(tensor([[0, 1], [1, 1]], { dtype: "int32" }), 2),
    concat0: concat([x, tensor([[0, 0, 0]])]),
    concat1: concat([x, tensor([[10], [11], [12]])], 1),
    concatInt: concat([labels, tensor([7], { dtype: "int32" })]),
    concatBool: concat([tensor([[true], [false]]), tensor([[false], [true]])], 1),
    stack: stack([tensor([1, 2]), tensor([3, 4])], 1),
  };
}, {
  rows: [[7, 8, 9], [1, 2, 3], [7, 8, 9]],
  columns: [[3, 1, 3], [6, 4, 6], [9, 7, 9]],
  intRows: [[3, 4]],
  nested: [[1, 2], [3, 9]],
  oneHot: [[0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 1, 0]],
  oneHotInt: [[0, 1], [1, 0]],
  oneHotMatrix: [[[1, 0], [0, 1]], [[0, 1], [0, 1]]],
  concat1: [[1, 2, 3, 10], [4, 5, 6, 11], [7, 8, 9, 12]],
  concatInt: [2, 0, 2, 7],
  concatBool: [[1, 0], [0, 1]],
  stack: [[1, 3], [2, 4]],
});

// ---- property-based: WebGPU against the CPU on drawn shapes and values ----

const RUNS = { numRuns: 25 };
const dim = fc.integer({ min: 1, max: 5 });
const shapeOf = (minRank: number, maxRank: number) =>
  fc.array(dim, { minLength: minRank, maxLength: maxRank });
const seed = fc.integer({ min: 0, max: 1_000_000 });

/** Two shapes that broadcast: drop leading axes of each, and set some lengths to 1. */
const broadcastPair = shapeOf(0, 4).chain((shape) =>
  fc.tuple(
    ...[0, 1].map(() =>
      fc.tuple(
        fc.integer({ min: 0, max: shape.length }),
        fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
      )
        .map(([drop, ones]) => shape.map((n, i) => (ones[i] ? 1 : n)).slice(drop))
    ),
  )
);

const BINARY = { add, sub, mul, div, pow, maximum, minimum, eq, ne, lt, le, gt, ge };

gpuTest("binary ops on drawn broadcast shapes match the CPU (property)", async () => {
  await fc.assert(
    fc.asyncProperty(
      broadcastPair,
      fc.constantFrom(...Object.keys(BINARY)),
      seed,
      fc.boolean(),
      async ([sa, sb], op, s, scalar) => {
        await compareWithCpu(() => {
          const rng = new Rng(s);
          const a = normal(rng, sa, { std: 3 });
          const b = scalar ? rng.normal() : normal(rng, sb, { std: 3 });
          // Round the exponents of pow so that negative bases give numbers, not only NaN.
          const right = op === "pow" && b instanceof Tensor
            ? b.mul(2).cast("int32").cast("float32").div(2)
            : b;
          return { out: BINARY[op as keyof typeof BINARY](a, right) };
        }, `${op} ${JSON.stringify(sa)} ${scalar ? "scalar" : JSON.stringify(sb)}`);
      },
    ),
    RUNS,
  );
});

gpuTest("where() and int32 ops on drawn broadcast shapes match the CPU (property)", async () => {
  await fc.assert(
    fc.asyncProperty(broadcastPair, seed, async ([sa, sb], s) => {
      await compareWithCpu(() => {
        const rng = new Rng(s);
        const a = normal(rng, sa);
        const b = normal(rng, sb);
        const ia = a.mul(10).cast("int32");
        const ib = b.mul(10).cast("int32");
        return {
          where: where(a.gt(0), a, b),
          whereScalar: where(b.le(0), 0.5, a),
          intAdd: add(ia, ib),
          intMax: maximum(ia, ib),
          intLt: lt(ia, ib),
        };
      });
    }),
    RUNS,
  );
});

const REDUCTIONS = { sum, mean, max, min, norm, argmax, argmin };

gpuTest("reductions over drawn shapes and axes match the CPU (property)", async () => {
  const shapes = fc.oneof(
    shapeOf(1, 4),
    fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 30, max: 3000 })).map((
      [a, b],
    ) => [a, b]),
    fc.tuple(fc.integer({ min: 30, max: 3000 }), fc.integer({ min: 1, max: 3 })).map((
      [a, b],
    ) => [a, b]),
  );
  await fc.assert(
    fc.asyncProperty(
      shapes,
      fc.constantFrom(...Object.keys(REDUCTIONS)),
      seed,
      fc.boolean(),
      fc.nat(),
      async (shape, op, s, keep, pick) => {
        const axis = pick % (shape.length + 1) === shape.length ? undefined : pick % shape.length;
        await compareWithCpu(() => {
          const x = uniform(new Rng(s), shape, { low: -1, high: 1 });
          const f = REDUCTIONS[op as keyof typeof REDUCTIONS] as (
            x: Tensor,
            axis?: number,
            keep?: boolean,
          ) => Tensor;
          return { out: f(x, axis, keep) };
        }, `${op} ${JSON.stringify(shape)} axis ${axis} keepDims ${keep}`);
      },
    ),
    RUNS,
  );
});

gpuTest("matmul() of drawn sizes matches the CPU (property)", async () => {
  const size = fc.integer({ min: 1, max: 80 });
  await fc.assert(
    fc.asyncProperty(size, size, size, seed, async (m, k, n, s) => {
      await compareWithCpu(() => {
        const rng = new Rng(s);
        return { out: matmul(uniform(rng, [m, k], { low: -1, high: 1 }), uniform(rng, [k, n])) };
      }, `matmul [${m},${k}] @ [${k},${n}]`);
    }),
    RUNS,
  );
});

gpuTest(
  "matmul(): small products take the small kernel, large ones the tiled one; both kernels match the CPU",
  async () => {
    const small = [[342, 4, 3], [2, 4096, 2], [1000, 10, 10], [5, 7, 12], [3, 3, 1], [64, 64, 64]];
    const tiled = [[130, 70, 200], [256, 33, 192], [64, 128, 300], [192, 12, 256]];
    const backend = gpu as WebGpuBackend;
    try {
      for (const [shapes, expected] of [[small, true], [tiled, false]] as const) {
        for (const [m, k, n] of shapes) {
          const where = `[${m},${k}] @ [${k},${n}]`;
          strictEqual(useSmallMatmul(m, k, n), expected, `${where}: kernel choice`);
          // The kernel auto picks, then the other one forced: both must be right everywhere.
          for (const kernel of ["auto", expected ? "tiled" : "small"] as const) {
            backend.matmulKernel = kernel;
            await compareWithCpu(() => {
              const rng = new Rng(m * k * n);
              const a = uniform(rng, [m, k], { low: -1, high: 1 });
              return { out: matmul(a, uniform(rng, [k, n])) };
            }, `matmul ${where} (${kernel} kernel)`);
          }
        }
      }
    } finally {
      backend.matmulKernel = "auto";
    }
  },
);

gpuTest(
  "matmul() of drawn sizes up to 300 × 300, either kernel, matches the CPU (property)",
  async () => {
    const side = fc.integer({ min: 1, max: 300 });
    await fc.assert(
      fc.asyncProperty(side, fc.integer({ min: 1, max: 100 }), side, seed, async (m, k, n, s) => {
        await compareWithCpu(
          () => {
            const rng = new Rng(s);
            return {
              out: matmul(uniform(rng, [m, k], { low: -1, high: 1 }), uniform(rng, [k, n])),
            };
          },
          `matmul [${m},${k}] @ [${k},${n}] (${
            useSmallMatmul(m, k, n) ? "small" : "tiled"
          } kernel)`,
        );
      }),
      RUNS,
    );
  },
);

gpuTest(
  "transpose(), slice(), gather(), concat() of drawn shapes match the CPU (property)",
  async () => {
    await fc.assert(
      fc.asyncProperty(
        shapeOf(1, 5),
        seed,
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        async (shape, s, picks) => {
          const rank = shape.length;
          const perm = [...shape.keys()].sort((i, j) => picks[i] - picks[j] || i - j);
          const begin = shape.map((n, i) => picks[i] % n);
          const size = shape.map((n, i) => 1 + (picks[i + 1] % (n - begin[i])));
          const axis = picks[5] % rank;
          const indices = Array.from(
            { length: 1 + (picks[6] % 4) },
            (_, i) => picks[7 + i] % shape[axis],
          );
          await compareWithCpu(() => {
            const x = normal(new Rng(s), shape);
            const other = [...shape];
            other[axis] = 1 + (picks[11] % 3);
            return {
              transposed: transpose(x, perm),
              sliced: slice(x, begin, size),
              gathered: gather(x, indices, axis),
              joined: concat([x, normal(new Rng(s + 1), other), x], axis),
              intJoined: concat([x.cast("int32"), x.mul(3).cast("int32")], axis),
            };
          }, `shape ${JSON.stringify(shape)}`);
        },
      ),
      RUNS,
    );
  },
);

// ---- memory: 1,000 Adam steps leak nothing ----

/** A fresh instance of a backend, so that no other case's garbage moves its count. */
async function freshBackend(name: "cpu" | "webgpu"): Promise<Backend> {
  return name === "cpu" ? new CpuBackend() : await createWebGpuBackend();
}

/** 1,000 Adam-like steps with library ops; returns θ and the live-buffer counts. */
async function adamRun(backend: Backend) {
  const previous = setDefaultBackend(backend);
  try {
    const before = backend.liveBuffers();
    let state = await scope(() => {
      const theta = uniform(new Rng(3), [1000], { low: -1, high: 1 });
      return { theta, m: zeros([1000]), v: zeros([1000]) };
    });
    for (let step = 0; step < 1000; step++) {
      const last = state;
      state = await scope(() => {
        const g = last.theta.mul(2); // the gradient of Σθ²
        const m = last.m.mul(0.9).add(g.mul(0.1));
        const v = last.v.mul(0.999).add(g.square().mul(0.001));
        const theta = last.theta.sub(m.div(v.sqrt().add(1e-8)).mul(0.001));
        return { theta, m, v };
      });
      for (const t of Object.values(last)) t.dispose();
    }
    const during = backend.liveBuffers();
    const theta = await state.theta.data();
    for (const t of Object.values(state)) t.dispose();
    return { before, during, after: backend.liveBuffers(), theta };
  } finally {
    setDefaultBackend(previous);
  }
}

Deno.test("1,000 Adam steps inside scope() leave liveBuffers() where it started [cpu]", async () => {
  const run = await adamRun(await freshBackend("cpu"));
  strictEqual(run.during, run.before + 3, "θ, m and v are the only live storages between steps");
  strictEqual(run.after, run.before);
  // The same with every op fused: chains that scope() disposed before they ran free their operands.
  const fused = await adamRun(new CpuBackend("fused", { fusion: { minSize: 1, chunk: 64 } }));
  strictEqual(fused.during, fused.before + 3, "fused: θ, m and v only");
  strictEqual(fused.after, fused.before, "fused");
  deepStrictEqual(fused.theta, run.theta, "fused θ equals eager θ bit for bit");
});

gpuTest("1,000 Adam steps inside scope() leave liveBuffers() where it started", async () => {
  const backend = await freshBackend("webgpu");
  const run = await adamRun(backend);
  strictEqual(run.during, run.before + 3, "θ, m and v are the only live storages between steps");
  strictEqual(run.after, run.before);
  const oracle = await adamRun(await freshBackend("cpu"));
  assertSameResult(
    { shape: [1000], dtype: "float32", backend: "webgpu", values: run.theta },
    { shape: [1000], dtype: "float32", backend: "cpu", values: oracle.theta },
    "θ after 1,000 steps",
  );
  (backend as WebGpuBackend).device.destroy();
});

// ---- bad input and GPU-specific behaviour ----

gpuTest("float64 is refused with a DtypeError that names the cpu backend", () => {
  const message =
    "Cannot store float64 on the webgpu backend: WebGPU has no 64-bit floats (use the cpu backend)";
  const isRefusal = (e: Error) => e instanceof DtypeError && e.message === message;
  throws(() => tensor([1, 2], { dtype: "float64", backend: "webgpu" }), isRefusal);
  throws(() => zeros([2], { dtype: "float64", backend: "webgpu" }), isRefusal);
  throws(() => cast(tensor([1], { backend: "webgpu" }), "float64"), isRefusal);
});

gpuTest("dataSync() throws a BackendError that names await t.data()", () => {
  const x = tensor([1], { backend: "webgpu" });
  throws(
    () => x.dataSync(),
    (e: Error) =>
      e instanceof BackendError &&
      e.message ===
        "Cannot read synchronously: the tensor lives on the webgpu backend (use await t.data())",
  );
});

gpuTest("mixing backends in one op names both backends and .to()", async () => {
  const onCpu = tensor([1, 2], { backend: "cpu" });
  const onGpu = tensor([3, 4], { backend: "webgpu" });
  for (
    const attempt of [
      () => add(onCpu, onGpu),
      () => matmul(onGpu, onCpu.reshape([2, 1])),
      () => concat([onCpu, onGpu]),
    ]
  ) {
    throws(
      attempt,
      (e: Error) =>
        e instanceof BackendError && /cpu/.test(e.message) && /webgpu/.test(e.message) &&
        /\.to\(/.test(e.message),
    );
  }
  deepStrictEqual([...await add(await onCpu.to("webgpu"), onGpu).data()], [4, 6]);
});

gpuTest("scalar operands travel as uniforms, never as uploaded buffers", async () => {
  const x = tensor([1, 2, 3], { backend: "webgpu" });
  const upload = gpu!.upload;
  gpu!.upload = () => {
    throw new Error("a scalar was uploaded");
  };
  try {
    const y = x.mul(2).add(0.5).sub(1);
    const z = where(x.gt(1.5), 1, -1);
    deepStrictEqual([...await y.data()], [1.5, 3.5, 5.5]);
    deepStrictEqual([...await z.data()], [-1, 1, 1]);
  } finally {
    gpu!.upload = upload;
  }
});

gpuTest("a tensor over maxStorageBufferBindingSize fails with a clear BackendError", () => {
  const limit = (gpu as WebGpuBackend).device.limits.maxStorageBufferBindingSize;
  const size = Math.floor(limit / 4) + 1;
  throws(
    () => zeros([size], { backend: "webgpu" }),
    (e: Error) =>
      e instanceof BackendError && /maxStorageBufferBindingSize/.test(e.message) &&
      /cpu backend/.test(e.message),
  );
});

gpuTest(
  "after the device is lost, ops fail with a BackendError and the CPU keeps working",
  async () => {
    const backend = await freshBackend("webgpu") as WebGpuBackend;
    const previous = setDefaultBackend(backend);
    try {
      const x = tensor([1, 2]);
      backend.device.destroy();
      await backend.device.lost;
      throws(
        () => x.add(1),
        (e: Error) => e instanceof BackendError && /device was lost/.test(e.message),
      );
      await rejects(() => x.data(), (e: Error) => e instanceof BackendError);
    } finally {
      setDefaultBackend(previous);
    }
    deepStrictEqual([...await tensor([1, 2], { backend: "cpu" }).add(1).data()], [2, 3]);
  },
);

// ---- out-of-range int32 indices given as a tensor: checked on the GPU, refused at the next read ----

const DETECTED = " (detected on the GPU at the next read)";

/** The message the CPU throws at once for `op`, which must throw. */
function cpuMessage(op: () => unknown): string {
  const previous = setDefaultBackend(cpu);
  try {
    op();
  } catch (error) {
    ok(error instanceof ShapeError, `the CPU threw ${error}, not a ShapeError`);
    return error.message;
  } finally {
    setDefaultBackend(previous);
  }
  throw new Error("the CPU accepted out-of-range indices");
}

/** Builds with WebGPU as the default and expects the next read to refuse with `message`. */
async function rejectsAtNextRead(
  build: () => Tensor,
  message: string,
  read: (t: Tensor) => Promise<unknown> = (t) => t.data(),
): Promise<void> {
  const previous = setDefaultBackend(gpu!);
  try {
    const result = build(); // the op itself does not throw: it only records work
    await rejects(
      () => read(result),
      (e: Error) => {
        ok(e instanceof ShapeError, `expected a ShapeError, got ${e.name}: ${e.message}`);
        strictEqual(e.message, message);
        return true;
      },
    );
  } finally {
    setDefaultBackend(previous);
  }
}

gpuTest(
  "an out-of-range tensor index to gather() fails the next read with the CPU's ShapeError",
  async () => {
    const x = () => arange(5, undefined, 1, { dtype: "float32" });
    const index = () => tensor([1, 2, 4, 7, 9, -1], { dtype: "int32" });
    const message = cpuMessage(() => gather(x(), index()));
    strictEqual(
      message,
      "Cannot gather: index 7 (at position 3) is out of range for axis 0 of length 5",
    );
    await rejectsAtNextRead(() => gather(x(), index()), message + DETECTED);
    // Along axis 1 of a matrix, with a negative index first and a nested index tensor.
    const matrix = () => tensor([[1, 2, 3], [4, 5, 6]]);
    const nested = () => tensor([[0, 2], [-3, 3]], { dtype: "int32" });
    await rejectsAtNextRead(
      () => gather(matrix(), nested(), 1),
      cpuMessage(() => gather(matrix(), nested(), 1)) + DETECTED,
    );
    // An empty axis: every index is out of range.
    const empty = () => zeros([0, 3]);
    const zero = () => tensor([0], { dtype: "int32" });
    await rejectsAtNextRead(
      () => gather(empty(), zero()),
      cpuMessage(() => gather(empty(), zero())) + DETECTED,
    );
  },
);

gpuTest(
  "an out-of-range tensor index to oneHot() fails the next read with the CPU's ShapeError",
  async () => {
    const labels = () => tensor([[0, 1], [3, -2]], { dtype: "int32" });
    const message = cpuMessage(() => oneHot(labels(), 3));
    strictEqual(
      message,
      "Cannot one-hot encode: index 3 (at position 2) is out of range for depth 3",
    );
    await rejectsAtNextRead(() => oneHot(labels(), 3, "int32"), message + DETECTED);
    await rejectsAtNextRead(
      () => oneHot(tensor([-1], { dtype: "int32" }), 4),
      "Cannot one-hot encode: index -1 (at position 0) is out of range for depth 4" + DETECTED,
      (t) => t.sum().item(),
    );
  },
);

gpuTest(
  "a bad index is reported once, by whichever read comes next, naming the first bad op",
  async () => {
    const previous = setDefaultBackend(gpu!);
    try {
      const x = arange(5, undefined, 1, { dtype: "float32" });
      const fine = x.mul(2);
      const first = gather(x, tensor([0, 1, 6], { dtype: "int32" }));
      const second = oneHot(tensor([5], { dtype: "int32" }), 2);
      // Any read reports it, even of a tensor that does not depend on the bad op.
      await rejects(
        () => fine.data(),
        (e: Error) =>
          e instanceof ShapeError &&
          e.message ===
            "Cannot gather: index 6 (at position 2) is out of range for axis 0 of length 5" +
              DETECTED,
      );
      // Reported once: the next reads succeed (the bad entries hold zeros).
      deepStrictEqual([...await fine.data()], [0, 2, 4, 6, 8]);
      deepStrictEqual([...await first.data()], [0, 1, 0]);
      deepStrictEqual([...await second.data()], [0, 0]);
      // Good indices after a failure, over more than one submitted batch, raise nothing.
      const labels = tensor([4, 0, 3], { dtype: "int32" });
      let total = zeros([3, 5]);
      for (let i = 0; i < 300; i++) {
        total = total.add(oneHot(labels, 5)).add(gather(x, labels).sum());
      }
      // Each step adds a one-hot row (sum 1) and x[4] + x[0] + x[3] = 7 to each of 5 entries.
      deepStrictEqual([...await sum(total, 1).data()], [300 * 36, 300 * 36, 300 * 36]);
    } finally {
      setDefaultBackend(previous);
    }
  },
);

gpuTest(
  "with hundreds of checked ops before a read, the first bad one is still the one reported",
  async () => {
    const previous = setDefaultBackend(gpu!);
    try {
      const x = arange(5, undefined, 1, { dtype: "float32" });
      const good = tensor([0, 4], { dtype: "int32" });
      // 700 gathers fill the check slots twice over (256 each) before the read.
      for (const badAt of [[10, 290], [290, 600], [255, 256], [256], [600], [699]]) {
        const bad = new Map(badAt.map((i) => [i, tensor([0, 9 + i], { dtype: "int32" })]));
        let total = zeros([2]);
        for (let i = 0; i < 700; i++) total = total.add(gather(x, bad.get(i) ?? good));
        const first = badAt[0];
        await rejects(
          () => total.data(),
          (e: Error) =>
            e instanceof ShapeError &&
            e.message ===
              `Cannot gather: index ${
                  9 + first
                } (at position 1) is out of range for axis 0 of length 5` + DETECTED,
          `bad gathers at ${badAt}: the one at ${first} is reported`,
        );
      }
      deepStrictEqual([...await gather(x, good).data()], [0, 4], "and the next read is clean");
    } finally {
      setDefaultBackend(previous);
    }
  },
);

gpuTest(
  "drawn out-of-range indices: the GPU names the same index and position as the CPU (property)",
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.integer({ min: -3, max: 9 }), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        async (length, values, hot) => {
          const x = () =>
            arange(Math.max(length, 1) * 2, undefined, 1, { dtype: "float32" }).reshape([-1, 2])
              .slice([0], [length]);
          const index = () => tensor(values, { dtype: "int32" });
          const build = hot
            ? () => oneHot(index(), Math.max(length, 1))
            : () => gather(x(), index());
          const bad = values.some((v) => v < 0 || v >= (hot ? Math.max(length, 1) : length));
          if (!bad) {
            await compareWithCpu(() => ({ out: build() }));
            return;
          }
          await rejectsAtNextRead(build, cpuMessage(build) + DETECTED);
        },
      ),
      RUNS,
    );
  },
);

gpuTest("element-wise ops and sums over more than 65,535 workgroups use a 2-D grid", async () => {
  const size = 20_000_000; // 78,125 workgroups of 256 threads, even 4 elements per thread
  const x = full([size + 1], 1).mul(2); // size + 1: one element per thread
  const y = full([size], 1).mul(2);
  const [oddLength, evenLength, last] = await Promise.all([
    sum(x).item(),
    sum(y).item(),
    slice(x, [size], [1]).item(),
  ]);
  ok(Math.abs(oddLength - (2 * size + 2)) <= 4, `sum of ${size + 1} twos: got ${oddLength}`);
  ok(Math.abs(evenLength - 2 * size) <= 4, `sum of ${size} twos: got ${evenLength}`);
  strictEqual(last, 2);
  x.dispose();
  y.dispose();
});
