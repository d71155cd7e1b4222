// Kata 05 hidden cases: graded, never released. Written as if this file sat in
// katas/05_adam/ (it imports ./adam.ts): run here it checks the reference
// (`deno test solutions/05_adam/hidden_test.ts`); the grader copies it next to
// a submission's adam.ts. What students see of a failure: ./hidden.json.
import { adagrad, adam, rmsprop } from "./adam.ts";
import { type Optimizer, runOptimizer, type Tensor, tensor } from "../../lib/mod.ts";
import { assertAllClose, check, defineKata } from "../../lib/testing/mod.ts";

const test = defineKata(5);

/** A gradient function that ignores θ and returns the next gradient of a fixed list. */
function gradientSequence(gradients: number[][]): (theta: Tensor) => Tensor {
  let t = 0;
  return () => tensor(gradients[Math.min(t++, gradients.length - 1)]);
}

/** The last point of a run, read back as numbers. */
async function lastPoint<S>(
  optimizer: Optimizer<S>,
  theta0: number[],
  gradientFn: (theta: Tensor) => Tensor,
  steps: number,
): Promise<number[]> {
  const path = runOptimizer(gradientFn, tensor(theta0), optimizer, steps);
  return [...await path[steps].data()];
}

// One gradient sequence for the three closed forms below: g⁰ = 2, g¹ = −1, g² = 4.
const GRADIENTS = [[2], [-1], [4]];

test("adagrad() step 3 divides g² by sqrt((g⁰² + g¹² + g²²)/3)", async () => {
  // η = 1, θ⁰ = 0.
  // σ⁰ = sqrt(4/1) = 2          → θ¹ = 0 − 2/2 = −1
  // σ¹ = sqrt((4 + 1)/2)        → θ² = −1 + 1/sqrt(2.5)
  // σ² = sqrt((4 + 1 + 16)/3) = sqrt(7) → θ³ = θ² − 4/sqrt(7) ≈ −1.8794
  const expected = -1 + 1 / Math.sqrt(2.5) - 4 / Math.sqrt(7);
  const actual = await lastPoint(adagrad({ learningRate: 1 }), [0], gradientSequence(GRADIENTS), 3);
  await assertAllClose(actual, [expected], {
    where: "adagrad() step 3, params",
    dtype: "float32",
    mistakes: [{
      name: "Adagrad summing instead of averaging",
      explanation: "σ is the root MEAN square: divide Σ(g^k)² by t + 1",
      values: [-1 + 1 / Math.sqrt(5) - 4 / Math.sqrt(21)],
    }],
  });
});

test("rmsprop() step 3 with α = 0.8 follows σ^t = sqrt(α(σ^{t−1})² + (1−α)(g^t)²)", async () => {
  // η = 1, θ⁰ = 0, α = 0.8.
  // σ⁰ = |2| = 2                            → θ¹ = −1
  // σ¹ = sqrt(0.8·4 + 0.2·1) = sqrt(3.4)     → θ² = −1 + 1/sqrt(3.4)
  // σ² = sqrt(0.8·3.4 + 0.2·16) = sqrt(5.92) → θ³ = θ² − 4/sqrt(5.92) ≈ −2.1017
  const expected = -1 + 1 / Math.sqrt(3.4) - 4 / Math.sqrt(5.92);
  // α and 1 − α swapped: σ¹ = sqrt(1.6), σ² = sqrt(0.2·1.6 + 0.8·16) = sqrt(13.12).
  const swapped = -1 + 1 / Math.sqrt(1.6) - 4 / Math.sqrt(13.12);
  // The average started at 0 (PyTorch): σ⁰ = sqrt(0.2·4), σ¹ = sqrt(0.8·0.8 + 0.2), σ² = sqrt(0.8·0.84 + 3.2).
  const fromZero = -2 / Math.sqrt(0.8) + 1 / Math.sqrt(0.84) - 4 / Math.sqrt(3.872);
  const actual = await lastPoint(
    rmsprop({ learningRate: 1, alpha: 0.8 }),
    [0],
    gradientSequence(GRADIENTS),
    3,
  );
  await assertAllClose(actual, [expected], {
    where: "rmsprop() step 3 with α = 0.8, params",
    dtype: "float32",
    mistakes: [
      {
        name: "α and 1−α swapped",
        explanation: "α weighs the OLD average: α·(σ^{t−1})² + (1−α)·(g^t)²",
        values: [swapped],
      },
      {
        name: "RMSProp average started at 0",
        explanation: "the lecture starts σ⁰ at |g⁰|, not at sqrt((1−α)·(g⁰)²)",
        values: [fromZero],
      },
    ],
  });
});

test("adam() step 3 with β1 = 0.5, β2 = 0.75 and η = 0.2 matches the closed form", async () => {
  // θ⁰ = 1. Step 1: m = 1, v = 1, m̂ = 1/0.5 = 2, v̂ = 1/0.25 = 4 → θ¹ = 1 − 0.2·2/2 = 0.8.
  // Step 2: m = 0.5·1 − 0.5·1 = 0 → no move, θ² = 0.8 (v = 0.75 + 0.25 = 1).
  // Step 3: m = 0.5·4 = 2, v = 0.75 + 0.25·16 = 4.75,
  //         m̂ = 2/(1 − 0.125), v̂ = 4.75/(1 − 0.421875) → θ³ = 0.8 − 0.2·m̂/sqrt(v̂) ≈ 0.64051.
  const mHat = 2 / (1 - 0.5 ** 3);
  const vHat = 4.75 / (1 - 0.75 ** 3);
  const expected = 0.8 - 0.2 * mHat / Math.sqrt(vHat);
  const actual = await lastPoint(
    adam({ learningRate: 0.2, beta1: 0.5, beta2: 0.75 }),
    [1],
    gradientSequence(GRADIENTS),
    3,
  );
  await assertAllClose(actual, [expected], {
    where: "adam() step 3 with β1 = 0.5, β2 = 0.75, params",
    dtype: "float32",
    mistakes: [{
      name: "Adam without bias correction",
      explanation: "divide m by 1−β1^t and v by 1−β2^t, t counted from 1",
      values: [0.8 - 0.2 * 2 / Math.sqrt(4.75)],
    }],
  });
});

test("adam() takes the same steps when every gradient is 1000 times larger", async () => {
  // m̂/sqrt(v̂) does not change when g is scaled by c > 0 (ε aside): Adam's step
  // size is set by η alone, whatever the scale of the loss.
  const bowl = (scale: number) => (theta: Tensor) => theta.mul(tensor([1, 10, 0.1])).mul(scale);
  const small = runOptimizer(bowl(1), tensor([2, -1, 4]), adam({ learningRate: 0.05 }), 40);
  const large = runOptimizer(bowl(1000), tensor([2, -1, 4]), adam({ learningRate: 0.05 }), 40);
  await assertAllClose(large[40], await small[40].data(), {
    where: "adam() after 40 steps, gradients ×1000 vs ×1",
    dtype: "float32",
    hint: "Adam divides m̂ by sqrt(v̂): a constant factor in g cancels",
  });
});

test("each optimizer leaves a parameter whose gradient is always 0 exactly where it is", async () => {
  // σ = 0 for that parameter, so its step is 0·η/(0 + ε) = 0: ε keeps 0/0 away.
  for (
    const [name, optimizer] of [
      ["adagrad()", adagrad({ learningRate: 0.5 })],
      ["rmsprop()", rmsprop({ learningRate: 0.5 })],
      ["adam()", adam({ learningRate: 0.5 })],
    ] as const
  ) {
    const [still, moving] = await lastPoint(
      optimizer as Optimizer<unknown>,
      [1, 2],
      gradientSequence([[0, 1]]),
      3,
    );
    check(
      still === 1 && Number.isFinite(moving),
      `${name} after 3 steps with gradient [0, 1]: expected the first parameter to stay at 1 ` +
        `and the second to stay finite, got [${still}, ${moving}].\n` +
        "Likely mistake — ε missing or inside the root: divide by σ + ε so that 0/0 never happens",
    );
  }
});

test("adam() in float64 follows a plain-number Adam for 200 steps", async () => {
  // The same recursion written with numbers, in double precision.
  const curvature = [1, 10, 0.1];
  const eta = 0.01, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  let theta = [2, -1, 4];
  let m = [0, 0, 0], v = [0, 0, 0];
  for (let step = 1; step <= 200; step++) {
    const g = theta.map((x, i) => curvature[i] * x);
    m = m.map((mi, i) => beta1 * mi + (1 - beta1) * g[i]);
    v = v.map((vi, i) => beta2 * vi + (1 - beta2) * g[i] ** 2);
    theta = theta.map((x, i) =>
      x - eta * (m[i] / (1 - beta1 ** step)) / (Math.sqrt(v[i] / (1 - beta2 ** step)) + epsilon)
    );
  }
  const path = runOptimizer(
    (t) => t.mul(tensor(curvature, { dtype: "float64" })),
    tensor([2, -1, 4], { dtype: "float64" }),
    adam({ learningRate: eta }),
    200,
  );
  await assertAllClose(path[200], theta, { where: "adam() in float64 after 200 steps, params" });
}, { dtype: "float64" });
