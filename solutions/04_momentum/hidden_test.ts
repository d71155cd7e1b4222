// Kata 04 hidden cases: graded, never released. Written as if this file sat in
// katas/04_momentum/ (it imports ./momentum.ts): run here it checks the reference
// (`deno test -A solutions/04_momentum/hidden_test.ts`); the grader copies it next
// to a submission's code. Written against SPEC §6, not against the public suite,
// to catch what a suite that is still changing may let through. What students
// see of a failure: ./hidden.json.
import { gradientDescent, momentum } from "./momentum.ts";
import { type Optimizer, runOptimizer, type Tensor, tensor, ValueError } from "../../lib/mod.ts";
import { assertAllClose, check, defineKata } from "../../lib/testing/mod.ts";

const test = defineKata(4);

/** A gradient function that ignores θ and returns the next gradient of a fixed list. */
function gradientSequence(gradients: number[][]): (theta: Tensor) => Tensor {
  let t = 0;
  return () => tensor(gradients[Math.min(t++, gradients.length - 1)]);
}

/** Every point of a run, read back as numbers. */
async function path<S>(
  optimizer: Optimizer<S>,
  theta0: number[],
  gradientFn: (theta: Tensor) => Tensor,
  steps: number,
): Promise<number[][]> {
  const points = runOptimizer(gradientFn, tensor(theta0), optimizer, steps);
  return await Promise.all(points.map(async (p) => [...await p.data()]));
}

test("momentum() reads the schedule at η^t, t counting updates from 0", async () => {
  // η^t = 1/(t+1), λ = 0.5, g = 1 every step, θ⁰ = 0:
  // m¹ = −1 → θ¹ = −1; m² = −0.5 − 1/2 = −1 → θ² = −2; m³ = −0.5 − 1/3 → θ³ = −2.8333…
  const actual = await path(
    momentum({ learningRate: (t) => 1 / (t + 1), momentum: 0.5 }),
    [0],
    gradientSequence([[1]]),
    3,
  );
  await assertAllClose(actual.map((p) => p[0]), [0, -1, -2, -2 - 0.5 - 1 / 3], {
    where: "momentum() with η^t = 1/(t+1), θ⁰…θ³",
    dtype: "float32",
    mistakes: [{
      name: "schedule read at t + 1",
      explanation: "the first update uses η⁰ = η(0): t counts updates from 0",
      values: [0, -0.5, -0.5 - 0.25 - 1 / 3, -0.5 - 0.25 - 1 / 3 - 0.5 * (0.25 + 1 / 3) - 0.25],
    }],
  });
});

test("momentum() follows a gradient that changes sign: m^{t+1} = λm^t − η g^t", async () => {
  // λ = 0.9, η = 0.1, g = 1, −1, 1:
  // m¹ = −0.1 → θ¹ = −0.1; m² = −0.09 + 0.1 = 0.01 → θ² = −0.09; m³ = 0.009 − 0.1 = −0.091 → θ³ = −0.181.
  const actual = await path(
    momentum({ learningRate: 0.1, momentum: 0.9 }),
    [0],
    gradientSequence([[1], [-1], [1]]),
    3,
  );
  await assertAllClose(actual.map((p) => p[0]), [0, -0.1, -0.09, -0.181], {
    where: "momentum() with g = 1, −1, 1, θ⁰…θ³",
    dtype: "float32",
  });
});

test("momentum() with λ = 0 takes exactly gradient descent's steps", async () => {
  const gradients = [[3, -1], [0.5, 2], [-4, 1]];
  const withMomentum = await path(
    momentum({ learningRate: 0.2, momentum: 0 }),
    [1, 1],
    gradientSequence(gradients),
    3,
  );
  const plain = await path(
    gradientDescent({ learningRate: 0.2 }),
    [1, 1],
    gradientSequence(gradients),
    3,
  );
  await assertAllClose(withMomentum, plain, {
    where: "momentum() with λ = 0 against gradientDescent()",
    dtype: "float32",
  });
});

test("momentum() keeps one velocity per parameter", async () => {
  // θ = [a, b], g = [1, −2] every step, η = 1, λ = 0.5:
  // m¹ = [−1, 2], θ¹ = [−1, 2]; m² = [−1.5, 3], θ² = [−2.5, 5].
  const actual = await path(
    momentum({ learningRate: 1, momentum: 0.5 }),
    [0, 0],
    gradientSequence([[1, -2]]),
    2,
  );
  await assertAllClose(actual[2], [-2.5, 5], {
    where: "momentum() on two parameters, θ²",
    dtype: "float32",
  });
});

test("momentum() in float64 matches a plain-number loop for 60 steps on L = θ²", async () => {
  // g = 2θ, η = 0.05, λ = 0.8, θ⁰ = 3: the loop below is the lecture's form, in numbers.
  let theta = 3;
  let m = 0;
  for (let t = 0; t < 60; t++) {
    m = 0.8 * m - 0.05 * 2 * theta;
    theta += m;
  }
  const points = runOptimizer(
    (p) => p.mul(2),
    tensor([3], { dtype: "float64" }),
    momentum({ learningRate: 0.05, momentum: 0.8 }),
    60,
  );
  await assertAllClose(points[60], [theta], {
    where: "momentum() in float64 after 60 steps",
    dtype: "float64",
  });
}, { dtype: "float64" });

test("momentum() refuses λ = 1 and a negative learning rate with a ValueError", () => {
  for (
    const [what, make] of [
      [
        "momentum λ = 1 (the velocity never decays)",
        () => momentum({ learningRate: 0.1, momentum: 1 }),
      ],
      ["a negative learning rate", () => momentum({ learningRate: -0.1, momentum: 0.5 })],
    ] as const
  ) {
    let error: unknown;
    try {
      make();
    } catch (caught) {
      error = caught;
    }
    check(error instanceof ValueError, `${what} must be refused with a ValueError, got ${error}`);
  }
}, { tensors: false });
