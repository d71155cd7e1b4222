// Kata 05 suite: Adagrad, RMSProp and Adam, from single steps worked out by
// hand to whole trajectories checked against TensorFlow.js.
// Run: deno test katas/05_adam
import { adagrad, adam, rmsprop } from "./adam.ts";
import {
  NotImplementedError,
  type Optimizer,
  runOptimizer,
  type Schedule,
  stack,
  type Tensor,
  tensor,
  ValueError,
} from "../../lib/mod.ts";
import {
  assertAllClose,
  assertRefuses,
  check,
  defineKata,
  type KnownMistake,
} from "../../lib/testing/mod.ts";
// TensorFlow.js's trajectories on the same bowl, recorded ahead of time (the file says how).
import { TENSORFLOW } from "./tensorflow_recorded.ts";

const test = defineKata(5);

/** A gradient function that ignores θ and returns the next gradient of a fixed list. */
function gradientSequence(gradients: number[][]): (theta: Tensor) => Tensor {
  let t = 0;
  return () => tensor(gradients[Math.min(t++, gradients.length - 1)]);
}

/** Runs an optimizer and reads the whole trajectory back in one batch. */
async function trajectory<S>(
  optimizer: Optimizer<S>,
  theta0: number[],
  gradientFn: (theta: Tensor) => Tensor,
  steps: number,
): Promise<number[][]> {
  const path = runOptimizer(gradientFn, tensor(theta0), optimizer, steps);
  // One read-back for the whole path: on WebGPU each read costs about 11 ms.
  const values = await stack(path).data();
  const n = theta0.length;
  return path.map((_, t) => [...values.subarray(t * n, (t + 1) * n)]);
}

/** The quadratic bowl L(θ) = ½ Σ_i c_i θ_i², whose gradient is c ⊙ θ. */
const CURVATURE = [1, 10, 0.1];
const bowlGradient = (theta: Tensor) => theta.mul(tensor(CURVATURE));

// Step 1 of every optimizer here moves each parameter by exactly η (± ε), in the
// direction opposite to its gradient: σ⁰ = |g⁰| for Adagrad and the lecture's
// RMSProp, and Adam's bias correction makes m̂_1 = g_1, v̂_1 = (g_1)² on step 1.
const THETA0 = [1, -2, 3];
const G0 = [0.5, -4, 2];
const ETA = 0.1;
const STEP1 = [0.9, -1.9, 2.9]; // θ − η·sign(g)
const SIGN_ERROR: KnownMistake = {
  name: "sign error",
  explanation: "the update must go against the gradient: θ − η·g/σ, not θ + η·g/σ",
  values: [1.1, -2.1, 3.1],
};

test("adagrad() step 1 moves each parameter by exactly −η·sign(g), since σ⁰ = |g⁰|", async () => {
  const [, theta1] = await trajectory(
    adagrad({ learningRate: ETA }),
    THETA0,
    gradientSequence([G0]),
    1,
  );
  await assertAllClose(theta1, STEP1, {
    where: "adagrad() step 1, params",
    mistakes: [SIGN_ERROR, {
      name: "Adagrad's mean over t gradients instead of t + 1",
      explanation:
        "update t has seen t + 1 gradients (g⁰ … g^t): dividing Σ(g^k)² by t = 0 makes σ⁰ infinite and the first step 0",
      values: THETA0,
    }],
  });
});

test("adagrad() divides by the root MEAN square of all gradients on step 2", async () => {
  // g⁰ = 1, g¹ = 3, η = 1, θ⁰ = 0.
  // θ¹ = 0 − 1/|1| · 1 = −1.
  // σ¹ = sqrt((1² + 3²)/2) = sqrt(5), so θ² = −1 − 3/sqrt(5) = −2.3416407865.
  const [, , theta2] = await trajectory(
    adagrad({ learningRate: 1 }),
    [0],
    gradientSequence([[1], [3]]),
    2,
  );
  // σ with a t stuck at 0 is sqrt(Σ(g^k)²/1): the SUM's numbers. Look at the counter first.
  const counter = adagrad({ learningRate: 1 });
  const first = counter.update(tensor([1]), counter.init(tensor([0])), tensor([0]));
  const second = counter.update(tensor([3]), first.state, first.params);
  // "Never advanced" only when t is still where init() left it (a t counted from 1 gives 3).
  const stuck = second.state.t === counter.init(tensor([0])).t;
  check(
    second.state.t === 2,
    `adagrad() after two updates: expected state.t = 2, got ${second.state.t}.\n` +
      (stuck
        ? "Likely mistake — Adagrad's update count t never advanced: return t + 1 in the new state; " +
          "σ divides Σ(g^k)² by t + 1, the number of gradients seen, and η^t is read at t"
        : "t counts the updates made so far: init() gives 0, each update adds 1"),
  );
  await assertAllClose(theta2, [-1 - 3 / Math.sqrt(5)], {
    where: "adagrad() step 2, params",
    mistakes: [
      {
        name: "Adagrad summing instead of averaging",
        explanation:
          "the lecture's σ is the root MEAN square: divide Σ(g^k)² by t + 1 before the root",
        values: [-1 - 3 / Math.sqrt(10)],
      },
      {
        name: "σ from the latest gradient only",
        explanation: "Adagrad remembers every gradient so far: keep Σ(g^k)² in the state",
        values: [-2],
      },
      {
        name: "Adagrad dividing by t + 1 outside the root",
        explanation:
          "root MEAN square: the mean goes under the root, σ = sqrt(Σ(g^k)²/(t + 1)), not sqrt(Σ(g^k)²)/(t + 1)",
        values: [-1 - 3 * 2 / Math.sqrt(10)],
      },
    ],
  });
});

test("adagrad() with η^t = η/√(t+1) follows TensorFlow.js Adagrad (accumulator started at 0)", async () => {
  // TensorFlow.js's Adagrad is PyTorch's "sum" form: θ −= η·g^t/sqrt(Σ_k (g^k)² + ε).
  // With the lecture's mean, η^t/σ^t = η/sqrt(t+1) / sqrt(Σ_k (g^k)²/(t+1)) = η/sqrt(Σ_k (g^k)²):
  // the same update. Conventions that differ: TF.js puts its ε (1e-7) inside the
  // root and starts its accumulator at initialAccumulatorValue, which we set to 0.
  const eta = 0.3;
  const schedule: Schedule = (t) => eta / Math.sqrt(t + 1);
  const ours = await trajectory(adagrad({ learningRate: schedule }), [2, -1, 4], bowlGradient, 60);
  await assertAllClose(ours, TENSORFLOW.adagradBowl, {
    where: "adagrad() trajectory vs tf.train.adagrad, 60 steps",
    mistakes: [{
      name: "Adagrad summing instead of averaging",
      explanation:
        "with a decaying η^t the sum form takes steps that shrink twice: divide Σ(g^k)² by t + 1",
      values: TENSORFLOW.adagradShrinkingGradient,
    }],
  });
});

test("rmsprop() step 1 moves each parameter by exactly −η·sign(g), since σ⁰ = |g⁰|", async () => {
  const [, theta1] = await trajectory(
    rmsprop({ learningRate: ETA }),
    THETA0,
    gradientSequence([G0]),
    1,
  );
  await assertAllClose(theta1, STEP1, {
    where: "rmsprop() step 1, params",
    mistakes: [
      SIGN_ERROR,
      {
        name: "RMSProp started at 0",
        explanation:
          "the lecture starts σ at |g⁰|; starting the average at 0 gives σ⁰ = sqrt(1−α)·|g⁰| and a step 1/sqrt(1−α) = 10× too long",
        values: [0, -1, 2],
      },
      {
        name: "RMSProp starting σ at g⁰, not |g⁰|",
        explanation:
          "σ is a size, never negative: σ⁰ = |g⁰| (with σ⁰ = g⁰ a negative gradient flips its own step)",
        values: [0.9, -2.1, 2.9],
      },
    ],
  });
});

test("rmsprop() step 2 mixes α·(σ⁰)² with (1−α)·(g¹)²", async () => {
  // α = 0.9, η = 1, g⁰ = 2, g¹ = 4, θ⁰ = 0.
  // θ¹ = −1 (step 1 is −η·sign(g)).
  // σ¹ = sqrt(0.9·2² + 0.1·4²) = sqrt(5.2), so θ² = −1 − 4/sqrt(5.2) = −2.7541160.
  const [, , theta2] = await trajectory(
    rmsprop({ learningRate: 1, alpha: 0.9 }),
    [0],
    gradientSequence([[2], [4]]),
    2,
  );
  await assertAllClose(theta2, [-1 - 4 / Math.sqrt(5.2)], {
    where: "rmsprop() step 2, params",
    mistakes: [
      {
        name: "RMSProp weights swapped",
        explanation: "α weighs the PAST: σ^t = sqrt(α(σ^{t−1})² + (1−α)(g^t)²)",
        values: [-1 - 4 / Math.sqrt(0.1 * 4 + 0.9 * 16)],
      },
      {
        name: "RMSProp started at 0",
        explanation: "the lecture starts σ at |g⁰|, not at 0",
        // σ⁰ = sqrt(0.1·4), θ¹ = −2/sqrt(0.4); σ¹ = sqrt(0.9·0.4 + 0.1·16) = sqrt(1.96)
        values: [-2 / Math.sqrt(0.4) - 4 / Math.sqrt(1.96)],
      },
    ],
  });
});

test("rmsprop() after a zero first gradient follows TensorFlow.js RMSProp (its average starts at 0)", async () => {
  // TensorFlow.js (like PyTorch) starts its mean square at 0, the lecture at (g⁰)².
  // If g⁰ = 0 the two starts coincide (σ⁰ = 0, and neither moves on step 0), so
  // from then on both follow σ^t = sqrt(α(σ^{t−1})² + (1−α)(g^t)²) step for step.
  // TF.js puts ε inside the root; we give it 1e-12 so it does not matter.
  const alpha = 0.9;
  const withZeroStart = (g: (theta: Tensor) => Tensor) => {
    let t = 0;
    return (theta: Tensor) => (t++ === 0 ? theta.mul(0) : g(theta));
  };
  const ours = await trajectory(
    rmsprop({ learningRate: 0.05, alpha }),
    [2, -1, 4],
    withZeroStart(bowlGradient),
    40,
  );
  await assertAllClose(ours, TENSORFLOW.rmspropBowl, {
    where: "rmsprop() trajectory vs tf.train.rmsprop, 40 steps",
  });
});

test("adam() step 1 moves each parameter by exactly −η·sign(g), thanks to bias correction", async () => {
  const [, theta1] = await trajectory(
    adam({ learningRate: ETA }),
    THETA0,
    gradientSequence([G0]),
    1,
  );
  // Without correction m = 0.1g and v = 0.001·(g_1)², a step of η·0.1/sqrt(0.001) = 3.16η.
  const uncorrected = ETA * 0.1 / Math.sqrt(0.001);
  await assertAllClose(theta1, STEP1, {
    where: "adam() step 1, params",
    mistakes: [
      SIGN_ERROR,
      {
        name: "Adam without bias correction",
        explanation:
          "m and v start at 0 and are biased toward 0: divide m by 1−β1^t and v by 1−β2^t",
        values: THETA0.map((x, i) => x - Math.sign(G0[i]) * uncorrected),
      },
      {
        name: "m̂ corrected with β2 instead of β1",
        explanation: "m̂ = m/(1−β1^t) and v̂ = v/(1−β2^t): each average with its own β",
        // m̂ = 0.1g/0.001 = 100g, so the step is 100η = 10 against sign(g).
        values: THETA0.map((x, i) => x - Math.sign(G0[i]) * 100 * ETA),
      },
      {
        name: "only m bias-corrected",
        explanation: "v starts at 0 too: divide v by 1−β2^t as well (v̂), then take sqrt(v̂)",
        // m̂ = g, sqrt(v) = sqrt(0.001)·|g|: a step of η/sqrt(0.001) = 31.6η.
        values: THETA0.map((x, i) => x - Math.sign(G0[i]) * ETA / Math.sqrt(0.001)),
      },
      {
        name: "m without its (1 − β1)",
        explanation:
          "m is an AVERAGE, β1·m + (1 − β1)·g, not momentum's sum β1·m + g: m̂ = g/(1 − β1) would step 10η",
        values: THETA0.map((x, i) => x - Math.sign(G0[i]) * 10 * ETA),
      },
      {
        name: "β1 and 1 − β1 swapped in m",
        explanation: "β1 weighs the PAST: m = β1·m + (1 − β1)·g; swapped, m̂ = 0.9g/0.1 steps 9η",
        values: THETA0.map((x, i) => x - Math.sign(G0[i]) * 9 * ETA),
      },
      {
        name: "the step along m instead of m̂",
        explanation: "step along the bias-corrected m̂ = m/(1 − β1^t); m itself is 0.1g on step 1",
        values: THETA0.map((x, i) => x - Math.sign(G0[i]) * 0.1 * ETA),
      },
    ],
  });
});

/** θ¹ and θ² of Adam from θ⁰ = 0 with g⁰ = 1, g¹ = 3 (ε negligible): the closed form below. */
function adamTwoSteps(eta: number, beta1: number, beta2: number): number[] {
  const m = beta1 * (1 - beta1) + (1 - beta1) * 3;
  const v = beta2 * (1 - beta2) + (1 - beta2) * 9;
  const step2 = eta * (m / (1 - beta1 ** 2)) / Math.sqrt(v / (1 - beta2 ** 2));
  return [-eta, -eta - step2];
}

test("adam() uses η = 1e-3, β1 = 0.9, β2 = 0.999 and ε = 1e-8 by default", async () => {
  const [, theta1, theta2] = await trajectory(adam(), [0], gradientSequence([[1], [3]]), 2);
  // A default is to blame only when the same Adam with every value given is right: an m
  // without its (1 − β1), say, moves 10× as far as η = 1e-3 at every step, like η = 1e-2.
  const [, given1, given2] = await trajectory(
    adam({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }),
    [0],
    gradientSequence([[1], [3]]),
    2,
  );
  const givenRight = [...given1, ...given2].every((x, i) =>
    Math.abs(x - adamTwoSteps(1e-3, 0.9, 0.999)[i]) < 1e-8
  );
  // Step 1: −1e-3. Step 2: m = 0.9·0.1 + 0.1·3 = 0.39, v = 0.999·0.001 + 0.001·9 = 0.009999;
  // m̂ = 0.39/0.19, v̂ = 0.009999/0.001999, θ² = −1e-3 − 1e-3·m̂/sqrt(v̂).
  // In units of 1e-3, so that the tolerance is relative to the step: β2 = 0.99 changes θ²
  // by only 0.2% of a step of 1e-3, below float32's absolute tolerance of 1e-5.
  const inMillis = (x: number) => x / 1e-3;
  await assertAllClose(
    [...theta1, ...theta2].map(inMillis),
    adamTwoSteps(1e-3, 0.9, 0.999).map(inMillis),
    {
      where: "adam() with defaults, θ¹ and θ² in units of 1e-3",
      hint: givenRight
        ? undefined
        : "adam({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }) is wrong too: fix the update first (see the step cases)",
      mistakes: !givenRight ? [] : [
        {
          name: "default β2 of 0.99",
          explanation:
            "Kingma & Ba (and PyTorch) use β2 = 0.999: the average of squared gradients remembers ~1000 steps",
          values: adamTwoSteps(1e-3, 0.9, 0.99).map(inMillis),
        },
        {
          name: "default η of 1e-2",
          explanation: "Adam's default learning rate is 1e-3 (PyTorch's and the paper's)",
          values: adamTwoSteps(1e-2, 0.9, 0.999).map(inMillis),
        },
      ],
    },
  );
});

test("rmsprop() uses α = 0.99 by default, and adagrad() and rmsprop() use ε = 1e-8", async () => {
  // α: η = 0.1, g⁰ = 1, g¹ = 3: θ¹ = −0.1, σ¹ = sqrt(0.99·1 + 0.01·9) = sqrt(1.08),
  // θ² = −0.1 − 0.1·3/sqrt(1.08).
  const [, , theta2] = await trajectory(
    rmsprop({ learningRate: 0.1 }),
    [0],
    gradientSequence([[1], [3]]),
    2,
  );
  await assertAllClose(theta2, [-0.1 - 0.3 / Math.sqrt(1.08)], {
    where: "rmsprop({ learningRate: 0.1 }) step 2, params",
    mistakes: [
      {
        name: "default α of 0.9",
        explanation: "the default α is 0.99 (PyTorch's): keep 99% of the past each step",
        values: [-0.1 - 0.3 / Math.sqrt(1.8)],
      },
      {
        name: "RMSProp weights swapped",
        explanation: "α weighs the PAST: σ^t = sqrt(α(σ^{t−1})² + (1−α)(g^t)²)",
        values: [-0.1 - 0.3 / Math.sqrt(0.01 + 0.99 * 9)],
      },
    ],
  });
  // ε: η = 1, g⁰ = 1e-4, σ⁰ = 1e-4: θ¹ = −1e-4/(1e-4 + 1e-8) = −0.99990001.
  for (
    const [name, optimizer] of [
      ["adagrad()", adagrad({ learningRate: 1 })],
      ["rmsprop()", rmsprop({ learningRate: 1 })],
    ] as const
  ) {
    const [, theta1] = await trajectory(
      optimizer as Optimizer<unknown>,
      [0],
      gradientSequence([[1e-4]]),
      1,
    );
    await assertAllClose(theta1, [-1e-4 / (1e-4 + 1e-8)], {
      where: `${name} step 1 with g = 1e-4 and the default ε, params`,
      mistakes: [{
        name: "default ε of 1e-7",
        explanation:
          "ε defaults to 1e-8 here (PyTorch's); 1e-7 is TensorFlow's, and it shows once |g| is near 1e-4",
        values: [-1e-4 / (1e-4 + 1e-7)],
      }],
    });
  }
});

test("adam() step 2 matches the closed form with β1 = 0.9, β2 = 0.999", async () => {
  // η = 0.1, g⁰ = 1, g¹ = 3, θ⁰ = 0 (Kingma & Ba's t = 1, 2).
  // t=1: m = 0.1, v = 0.001; m̂ = 1, v̂ = 1; θ¹ = −0.1.
  // t=2: m = 0.39, v = 0.009999; m̂ = 0.39/0.19 = 2.0526316, v̂ = 0.009999/0.001999 = 5.0020010;
  //      θ² = −0.1 − 0.1·2.0526316/sqrt(5.0020010) = −0.1917780.
  const [, , theta2] = await trajectory(
    adam({ learningRate: 0.1 }),
    [0],
    gradientSequence([[1], [3]]),
    2,
  );
  const expected = -0.1 - 0.1 * (0.39 / 0.19) / Math.sqrt(0.009999 / 0.001999);
  // Without bias correction: θ¹ = −0.1·0.1/sqrt(0.001), θ² = θ¹ − 0.1·0.39/sqrt(0.009999).
  const uncorrected = -0.1 * 0.1 / Math.sqrt(0.001) - 0.1 * 0.39 / Math.sqrt(0.009999);
  await assertAllClose(theta2, [expected], {
    where: "adam() step 2, params",
    mistakes: [{
      name: "Adam without bias correction",
      explanation: "divide m by 1−β1^t and v by 1−β2^t, with t counting steps from 1",
      values: [uncorrected],
    }],
  });
});

test("adam() continues from a state it is given: update t uses the bias correction of step t + 1", async () => {
  // The state after one update of g⁰ = 1 (η = 0.1): t = 1, m = 0.1, v = 0.001, θ¹ = −0.1.
  // Update 1 is Kingma & Ba's step 2: m = 0.39, v = 0.009999, m̂ = 0.39/(1 − 0.9²),
  // v̂ = 0.009999/(1 − 0.999²): the same θ² = −0.1917780 as the closed form above.
  // Starting from a state (not from θ⁰) keeps step 1's division out of it.
  const optimizer = adam({ learningRate: 0.1 });
  const state = { t: 1, m: tensor([0.1]), v: tensor([0.001]) };
  const { params } = optimizer.update(tensor([3]), state, tensor([-0.1]));
  const at = (power: number) =>
    -0.1 - 0.1 * (0.39 / (1 - 0.9 ** power)) / Math.sqrt(0.009999 / (1 - 0.999 ** power));
  await assertAllClose(params, [at(2)], {
    where: "adam({ learningRate: 0.1 }).update(g = 3, { t: 1, m: 0.1, v: 0.001 }, θ = −0.1)",
    mistakes: [
      {
        name: "bias correction with t from 0",
        explanation:
          "the state's t counts updates already made (1 here); Kingma & Ba's step is t + 1 = 2: divide by 1 − β^(t+1)",
        values: [at(1)],
      },
      {
        name: "Adam without bias correction",
        explanation: "divide m by 1−β1^s and v by 1−β2^s, with s = t + 1",
        values: [-0.1 - 0.1 * 0.39 / Math.sqrt(0.009999)],
      },
    ],
  });
});

test("adam() adds ε to sqrt(v̂), outside the root", async () => {
  // g = 1e-4, η = 1: step 1 = 1e-4/(1e-4 + 1e-8) = 0.99990001.
  // With ε inside the root: 1e-4/sqrt(1e-8 + 1e-8) = 0.70710678.
  const [, theta1] = await trajectory(
    adam({ learningRate: 1 }),
    [0],
    gradientSequence([[1e-4]]),
    1,
  );
  await assertAllClose(theta1, [-1e-4 / (1e-4 + 1e-8)], {
    where: "adam() step 1 with a tiny gradient, params",
    mistakes: [{
      name: "ε inside the root",
      explanation: "add ε to sqrt(v̂), not to v̂ under the root: θ − η·m̂/(sqrt(v̂) + ε)",
      values: [-1e-4 / Math.sqrt(2e-8)],
    }],
  });
});

test("adam() follows TensorFlow.js Adam for 100 steps on a bowl", async () => {
  // TensorFlow.js implements Kingma & Ba exactly (t from 1, ε outside the root),
  // so the trajectories agree to float32 rounding (about 1e-5 relative).
  const ours = await trajectory(adam({ learningRate: 0.05 }), [2, -1, 4], bowlGradient, 100);
  await assertAllClose(ours, TENSORFLOW.adamBowl, {
    where: "adam() trajectory vs tf.train.adam, 100 steps",
  });
});

test("each optimizer reads η^t from a schedule at update t, counting from 0", async () => {
  // With a constant gradient g = 1, every σ is 1 and every Adam m̂ is 1, so the
  // steps are exactly the schedule: θ = 0, −1, −1.5, −1.75.
  const schedule: Schedule = (t) => 2 ** -t; // 1, 0.5, 0.25, …
  const constant = () => tensor([1]);
  for (
    const [name, optimizer] of [
      ["adagrad()", adagrad({ learningRate: schedule })],
      ["rmsprop()", rmsprop({ learningRate: schedule })],
      ["adam()", adam({ learningRate: schedule })],
    ] as const
  ) {
    const path = await trajectory(optimizer as Optimizer<unknown>, [0], constant, 3);
    await assertAllClose(path.flat(), [0, -1, -1.5, -1.75], {
      where: `${name} with the schedule η^t = 2^−t and a constant gradient 1, params θ⁰…θ³`,
      mistakes: [{
        name: `schedule read at t + 1 in ${name}`,
        explanation:
          "update t (counted from 0) uses η^t = schedule(t), t the number of updates made before this one; " +
          "Adam's bias-correction counter is the one that starts at 1",
        values: [0, -0.5, -0.75, -0.875],
      }],
    });
  }
});

/** The state's fields as plain numbers: t, and each tensor's values. */
async function snapshot(state: unknown): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state as Record<string, unknown>)) {
    out[key] = value instanceof Object && "data" in value
      ? Array.from(await (value as Tensor).data())
      : value;
  }
  return JSON.stringify(out);
}

test("update() leaves the state it was given untouched", async () => {
  for (
    const [name, optimizer] of [
      ["adagrad()", adagrad({ learningRate: 0.1 })],
      ["rmsprop()", rmsprop({ learningRate: 0.1 })],
      ["adam()", adam({ learningRate: 0.1 })],
    ] as const
  ) {
    const o = optimizer as Optimizer<unknown>;
    const params = tensor([1, 2]);
    // After one update, so that every field (RMSProp's σ too) holds a tensor.
    const { state } = o.update(tensor([0.5, -1]), o.init(params), params);
    const before = await snapshot(state);
    o.update(tensor([-3, 0.25]), state, params); // must not change `state`
    const after = await snapshot(state);
    check(
      before === after,
      `${name}: update() changed the state object it was given, from ${before} to ${after}.\n` +
        `Likely mistake — ${name} state mutated in place: return a NEW state object and leave its argument as it was ` +
        "(a training loop may retry an update from the same state)",
    );
  }
});

test("init() starts every moving average at zeros shaped like the parameters", async () => {
  const params = tensor([[1, 2], [3, 4]]);
  const adamState = adam().init(params);
  const adagradState = adagrad({ learningRate: 1 }).init(params);
  check(
    adamState.t === 0 && adagradState.t === 0,
    `init(): expected t = 0, got adam ${adamState.t}, adagrad ${adagradState.t}`,
  );
  for (
    const [where, value] of [
      ["adam().init().m", adamState.m],
      ["adam().init().v", adamState.v],
      ["adagrad().init().sumOfSquares", adagradState.sumOfSquares],
    ] as const
  ) {
    await assertAllClose(value, [[0, 0], [0, 0]], { where });
  }
});

test("the optimizers work element-wise on a matrix of parameters", async () => {
  const theta0 = [[1, -2], [3, 4]];
  const g = tensor([[0.5, -4], [2, -1]]);
  const expected = [[0.9, -1.9], [2.9, 4.1]];
  for (
    const [name, optimizer] of [
      ["adagrad()", adagrad({ learningRate: ETA })],
      ["rmsprop()", rmsprop({ learningRate: ETA })],
      ["adam()", adam({ learningRate: ETA })],
    ] as const
  ) {
    const o = optimizer as Optimizer<unknown>;
    const params = tensor(theta0);
    const { params: next } = o.update(g, o.init(params), params);
    await assertAllClose(next, expected, {
      where: `${name} step 1 on [2,2] params`,
      mistakes: [SIGN_ERROR],
    });
  }
});

test("adam() accepts β1 = 0 and β2 = 0: their range is [0, 1), closed at 0", async () => {
  // β1 = 0 keeps no momentum (m̂ = g): Adam without momentum is a legal choice. Step 1 is
  // still −η·sign(g).
  let error: unknown;
  let theta1: number[] = [];
  try {
    [, theta1] = await trajectory(
      adam({ learningRate: ETA, beta1: 0, beta2: 0 }),
      THETA0,
      gradientSequence([G0]),
      1,
    );
  } catch (e) {
    error = e;
  }
  if (error instanceof NotImplementedError) throw error;
  // Name the β the error names: a learner who refused only β2 = 0 must not be sent to β1.
  const refused = /beta2/.test(String(error)) && !/beta1/.test(String(error)) ? "β2" : "β1";
  check(
    error === undefined,
    `adam({ beta1: 0, beta2: 0 }): expected it to be accepted, got ${String(error)}.\n` +
      `Likely mistake — ${refused} = 0 refused: the ranges are [0, 1) for β1 and β2 — only 1 and above, ` +
      "or negatives, are nonsense (checkHyperparameters() takes open intervals, so pass −Number.MIN_VALUE as the low end)",
  );
  await assertAllClose(theta1, STEP1, {
    where: "adam({ beta1: 0, beta2: 0 }) step 1, params",
  });
});

test("bad hyperparameters are refused with a ValueError that names them", async () => {
  const cases: [string, () => unknown, RegExp, string?][] = [
    [
      "adam({ learningRate: -0.1 })",
      () => adam({ learningRate: -0.1 }),
      /^Cannot create adam: learning rate -0\.1/,
    ],
    [
      "adam({ learningRate: NaN })",
      () => adam({ learningRate: NaN }),
      /^Cannot create adam: learning rate NaN/,
    ],
    ["adam({ beta1: 1 })", () => adam({ beta1: 1 }), /^Cannot create adam: beta1 1 is outside/],
    [
      "adam({ beta2: -0.5 })",
      () => adam({ beta2: -0.5 }),
      /^Cannot create adam: beta2 -0\.5 is outside/,
    ],
    [
      "rmsprop({ alpha: 1.5 })",
      () => rmsprop({ learningRate: 0.1, alpha: 1.5 }),
      /^Cannot create rmsprop: alpha 1\.5 is outside/,
    ],
    [
      "adagrad({ epsilon: 0 })",
      () => adagrad({ learningRate: 0.1, epsilon: 0 }),
      /^Cannot create adagrad: epsilon 0 is outside/,
    ],
    [
      "adam({ epsilon: 0 })",
      () => adam({ epsilon: 0 }),
      /^Cannot create adam: epsilon 0 is outside/,
      "Likely mistake — adam() not checking ε: with ε = 0 a gradient that is 0 from the start gives 0/0 = NaN; " +
      "check epsilon in (0, ∞) as in adagrad() and rmsprop()",
    ],
  ];
  for (const [call, fn, pattern, likely] of cases) {
    await assertRefuses(
      call,
      fn,
      ValueError,
      pattern,
      (likely ? `${likely}\n` : "") +
        "Call checkHyperparameters() (the worked example) first in each optimizer",
    );
  }
});

test("a schedule that turns negative is refused at the update that uses it", () => {
  const optimizer = adam({ learningRate: (t) => 0.1 - 0.1 * t });
  const params = tensor([1]);
  let state = optimizer.init(params);
  ({ state } = optimizer.update(tensor([1]), state, params)); // η⁰ = 0.1
  ({ state } = optimizer.update(tensor([1]), state, params)); // η¹ = 0: allowed
  let error: unknown;
  try {
    optimizer.update(tensor([1]), state, params); // η² = −0.1
  } catch (e) {
    error = e;
  }
  check(
    error instanceof ValueError && /learning rate the schedule gave -0\.1/.test(error.message),
    `adam() update 2 with η² = −0.1: expected a ValueError from learningRateAt(), got ${
      String(error)
    }`,
  );
});

test("on a narrow valley Adam and RMSProp settle at the minimum where gradient descent diverges", async () => {
  // L(θ) = ½(θ1² + 100·θ2²): curvature 1 along θ1 and 100 along θ2. With η = 0.05,
  // plain gradient descent multiplies θ2 by 1 − 0.05·100 = −4 each step and
  // diverges; the adaptive methods divide each step by that coordinate's σ, so
  // both coordinates move at about η per step whatever their curvature.
  const valley = (theta: Tensor) => theta.mul(tensor([1, 100]));
  const loss = (theta: number[]) => 0.5 * (theta[0] ** 2 + 100 * theta[1] ** 2);
  const start = [-4, 0.5];
  const gd: Optimizer<null> = {
    learningRate: 0.05,
    init: () => null,
    update: (g, state, params) => ({ params: params.sub(g.mul(0.05)), state }),
  };
  const gdEnd = (await trajectory(gd, start, valley, 20)).at(-1)!;
  check(loss(gdEnd) > 1e6, `gradient descent was expected to diverge here (loss ${loss(gdEnd)})`);
  for (
    const [name, optimizer] of [
      ["adam()", adam({ learningRate: 0.05 })],
      ["rmsprop()", rmsprop({ learningRate: 0.05, alpha: 0.9 })],
    ] as const
  ) {
    const path = await trajectory(optimizer as Optimizer<unknown>, start, valley, 150);
    const end = path.at(-1)!;
    check(
      path.every((p) => Number.isFinite(loss(p))) && loss(end) < 0.05,
      `${name} on the valley: expected the loss after 150 steps below 0.05 (from ${
        loss(start)
      }), got ${loss(end)} at [${end}]`,
    );
  }
});
