// Kata 10 suite: early stopping over a loss sequence and around a training loop,
// L2 and decoupled weight decay, inverted dropout, augmentation by jitter — each
// checked by hand or against TensorFlow.js, then each shown to lower the
// validation loss of a model that overfits. Cases named "stretch: …" check the
// README's stretch goal, decoupled weight decay. Run: deno test katas/10_overfitting
import {
  augmentWithNoise,
  decoupledWeightDecay,
  dropout,
  earlyStopping,
  l2Gradient,
  l2Penalty,
  meanSquaredError,
  squaredErrorGradient,
  trainWithEarlyStopping,
} from "./overfitting.ts";
import { adam } from "../05_adam/adam.ts";
import {
  concat,
  mlp,
  normal,
  NotImplementedError,
  type Optimizer,
  Rng,
  type Schedule,
  Tensor,
  tensor,
  uniform,
  valueAndGrad,
  ValueError,
  where,
  zeros,
} from "../../lib/mod.ts";
import {
  assertAllClose,
  assertClose,
  assertRefuses,
  check,
  defineKata,
  type KnownMistake,
  prerequisite,
} from "../../lib/testing/mod.ts";
// TensorFlow.js's L2 gradient and dropout values, recorded ahead of time (the file says how).
import { TENSORFLOW } from "./tensorflow_recorded.ts";
import { fitLinear, OVERFIT_RUNS, overfittingSetup } from "./experiments.ts";

const test = defineKata(10);

// The AdamW case wraps your adam() from kata 05; it waits until Adam's step 1
// is right: −η·sign(g), worked by hand (θ = 1, g = 0.5, η = 0.1 → 0.9).
const kata05 = await prerequisite(5, async () => {
  const optimizer = adam({ learningRate: 0.1 });
  const params = tensor([1]);
  const { params: next } = optimizer.update(tensor([0.5]), optimizer.init(params), params);
  return Math.abs(await next.item() - 0.9) < 1e-6;
});

/** Early stopping works on plain numbers: those cases run once, on the CPU. */
const numbers = { tensors: false } as const;

// ---------------------------------------------------------------------------
// Early stopping over a sequence of validation losses.

/** Formats an early stop for messages and for comparing with known mistakes. */
const stopOf = (
  s: { bestEpoch: number; bestLoss: number; stopEpoch: number },
) => [s.bestEpoch, s.bestLoss, s.stopEpoch];

async function assertStop(
  losses: number[],
  options: { patience: number; minDelta?: number },
  expected: [number, number, number],
  mistakes: KnownMistake[],
  hint: string,
): Promise<void> {
  const result = earlyStopping(losses, options);
  await assertAllClose(stopOf(result), expected, {
    where: `earlyStopping([${losses}], ${
      JSON.stringify(options)
    }) as [bestEpoch, bestLoss, stopEpoch]`,
    mistakes,
    hint,
  });
}

const ONE_LATE: KnownMistake = {
  name: "patience off by one",
  explanation:
    "stop after `patience` epochs in a row without improvement (wait ≥ patience), not one more",
  values: [],
};
const NEVER_STOPPING: KnownMistake = {
  name: "never stopping",
  explanation:
    "stop once `patience` epochs in a row bring no improvement; later epochs are never seen",
  values: [],
};

test("earlyStopping() keeps the best epoch and stops `patience` epochs after it", () => {
  // patience 2. Epoch: 0    1    2    3     4    5     6
  //        loss:      1.0  0.7  0.8  0.75  0.9  0.95  0.5
  // Epoch 1 improves (best 0.7). Epochs 2 and 3 do not (0.75 > 0.7 even though
  // it is below epoch 2's 0.8): two in a row, so training stops after epoch 3.
  // The 0.5 at epoch 6 is never seen.
  const losses = [1.0, 0.7, 0.8, 0.75, 0.9, 0.95, 0.5];
  return assertStop(losses, { patience: 2 }, [1, 0.7, 3], [
    { ...ONE_LATE, values: [1, 0.7, 4] },
    { ...NEVER_STOPPING, values: [6, 0.5, 6] },
    {
      name: "compared with the previous epoch",
      explanation:
        "an improvement beats the BEST loss so far; 0.75 < 0.8 (the epoch before) is no improvement on 0.7",
      values: [3, 0.75, 5],
    },
    {
      name: "epochs counted from 1",
      explanation: "epoch e is validationLosses[e]: the first loss is epoch 0",
      values: [2, 0.7, 4],
    },
  ], "improvement: loss < bestLoss − minDelta; stop when `patience` epochs in a row brought none");
}, numbers);

test("earlyStopping() counts epochs without improvement in a row, not in total", () => {
  // patience 2: epochs 2 and 4 do not improve, but never two in a row, so
  // training runs to the end and the best is the last epoch.
  const losses = [1.0, 0.9, 0.95, 0.8, 0.85, 0.7, 0.6];
  return assertStop(losses, { patience: 2 }, [6, 0.6, 6], [{
    name: "wait not reset on improvement",
    explanation: "set the count of epochs without improvement back to 0 whenever the loss improves",
    values: [3, 0.8, 4],
  }], "after an improvement the count of epochs without one starts again from 0");
}, numbers);

test("earlyStopping() does not count a tie as an improvement", () => {
  // patience 5 (no stop here): epochs 2 and 3 tie the best, 0.5, and improve
  // nothing, so the best stays epoch 1. Counting ties moves it to epoch 3.
  return assertStop([1.0, 0.5, 0.5, 0.5, 0.9], { patience: 5 }, [1, 0.5, 4], [{
    name: "a tie counted as an improvement",
    explanation: "improve means strictly lower: loss < bestLoss − minDelta, not ≤",
    values: [3, 0.5, 4],
  }], "a loss equal to the best is no improvement");
}, numbers);

test("earlyStopping() needs an improvement larger than minDelta", () => {
  // patience 2, minDelta 0.1: 0.95 and 0.92 are not below 1.0 − 0.1 = 0.9, so
  // epochs 1 and 2 bring no improvement and training stops after epoch 2.
  // Without minDelta both improve, and the stop comes after epoch 4.
  return assertStop([1.0, 0.95, 0.92, 0.95, 0.97, 0.91], { patience: 2, minDelta: 0.1 }, [
    0,
    1.0,
    2,
  ], [{
    name: "minDelta ignored",
    explanation: "count an epoch as an improvement only when loss < bestLoss − minDelta",
    values: [2, 0.92, 4],
  }], "with minDelta, an improvement must beat the best by more than minDelta");
}, numbers);

test("earlyStopping() refuses a patience below 1 and an empty list", async () => {
  for (
    const [call, fn, pattern, advice] of [
      [
        "earlyStopping([1, 2], { patience: 0 })",
        () => earlyStopping([1, 2], { patience: 0 }),
        /^Cannot stop early: patience 0 is not an integer ≥ 1/,
        "Likely mistake — patience 0 accepted: with patience 0 training would stop before it starts; call checkPatience() first",
      ],
      [
        "earlyStopping([1, 2], { patience: 1.5 })",
        () => earlyStopping([1, 2], { patience: 1.5 }),
        /^Cannot stop early: patience 1\.5 is not an integer ≥ 1/,
        "call checkPatience() (the worked example) first",
      ],
      [
        "earlyStopping([], { patience: 2 })",
        () => earlyStopping([], { patience: 2 }),
        /^Cannot stop early: there are no validation losses/,
        "refuse an empty list: there is no best epoch to return",
      ],
    ] as const
  ) {
    await assertRefuses(call, fn, ValueError, pattern, advice);
  }
}, numbers);

// ---------------------------------------------------------------------------
// Early stopping around a training loop.

test("trainWithEarlyStopping() returns the best epoch's parameters, not the last", async () => {
  // The "parameters" are a counter: after epoch e they are e + 1, and the
  // validation loss after epoch e is LOSSES[e] (the first case's sequence).
  const LOSSES = [1.0, 0.7, 0.8, 0.75, 0.9, 0.95, 0.5];
  const steps: number[] = [];
  const result = await trainWithEarlyStopping({
    params: 0,
    step: (p: number, epoch: number) => {
      steps.push(epoch);
      return p + 1;
    },
    validationLoss: (p: number) => LOSSES[p - 1],
    maxEpochs: 7,
    patience: 2,
  });
  // Best epoch 1 (loss 0.7), parameters after it = 2; stops after epoch 3.
  await assertAllClose([result.params, result.bestEpoch, result.bestLoss], [2, 1, 0.7], {
    where: "trainWithEarlyStopping(): [params, bestEpoch, bestLoss]",
    mistakes: [
      {
        name: "returning the last parameters",
        explanation: "keep the parameters of the best epoch as they come; return those",
        values: [4, 1, 0.7],
      },
      {
        name: "parameters one epoch behind",
        explanation:
          "the best parameters are the ones AFTER the best epoch's step, whose loss was measured",
        values: [1, 1, 0.7],
      },
    ],
  });
  check(
    steps.join() === "0,1,2,3" && result.history.join() === "1,0.7,0.8,0.75",
    `trainWithEarlyStopping(): expected epochs 0,1,2,3 to run (history [1, 0.7, 0.8, 0.75]), ran [${steps}] with history [${result.history}]` +
      (steps.length === 7
        ? "\nLikely mistake — never stopping: break out of the loop once `patience` epochs in a row brought no improvement"
        : ""),
  );
  // minDelta goes on to earlyStopping(): 0.95, 0.94 and 0.93 are each below the best, but
  // not by more than minDelta 0.1, so epoch 0 stays the best and training stops after epoch 2.
  const small = [1, 0.95, 0.94, 0.93, 0.92];
  const withDelta = await trainWithEarlyStopping({
    params: 0,
    step: (p: number) => p + 1,
    validationLoss: (p: number) => small[p - 1],
    maxEpochs: 5,
    patience: 2,
    minDelta: 0.1,
  });
  check(
    withDelta.bestEpoch === 0 && withDelta.history.length === 3,
    `trainWithEarlyStopping({ patience: 2, minDelta: 0.1 }) on losses [${small}]: expected best epoch 0 and a stop after epoch 2 (3 epochs), got best epoch ${withDelta.bestEpoch} after ${withDelta.history.length} epochs` +
      // "Not passed on" only when earlyStopping() itself honours minDelta on these losses.
      (withDelta.bestEpoch === 4 && withDelta.history.length === 5 &&
          earlyStopping(small, { patience: 2, minDelta: 0.1 }).stopEpoch === 2
        ? "\nLikely mistake — minDelta not passed on: give earlyStopping() the caller's minDelta as well as patience"
        : ""),
  );
}, numbers);

test("trainWithEarlyStopping() refuses maxEpochs < 1 and a bad patience", async () => {
  const options = { params: 0, step: (p: number) => p, validationLoss: () => 1 };
  await assertRefuses(
    "trainWithEarlyStopping({ …, maxEpochs: 0, patience: 2 })",
    () => trainWithEarlyStopping({ ...options, maxEpochs: 0, patience: 2 }),
    ValueError,
    /^Cannot stop early: maxEpochs 0 is not an integer ≥ 1/,
    "refuse maxEpochs < 1: there would be no epoch to return",
  );
  await assertRefuses(
    "trainWithEarlyStopping({ …, maxEpochs: 5, patience: 0 })",
    () => trainWithEarlyStopping({ ...options, maxEpochs: 5, patience: 0 }),
    ValueError,
    /^Cannot stop early: patience 0 is not an integer ≥ 1/,
    "Likely mistake — patience 0 accepted: call checkPatience() first",
  );
}, numbers);

// ---------------------------------------------------------------------------
// L2 regularisation and decoupled weight decay.

test("l2Penalty() is (λ/2)·Σθ² and l2Gradient() is λθ", async () => {
  // θ = [3, −4], λ = 0.5: Σθ² = 25, penalty = 0.25·25 = 6.25, gradient = [1.5, −2].
  const theta = tensor([3, -4]);
  await assertClose(l2Penalty(theta, 0.5), 6.25, {
    where: "l2Penalty([3, −4], 0.5)",
    dtype: "float32",
    mistakes: [
      {
        name: "L2 penalty without the ½",
        explanation: "the penalty is (λ/2)·Σθ², so that its gradient is exactly λθ",
        values: 12.5,
      },
      {
        name: "L1 instead of L2",
        explanation: "L2 squares each weight: (λ/2)·Σθ², not λ·Σ|θ|",
        values: 3.5,
      },
    ],
  });
  await assertAllClose(l2Gradient(theta, 0.5), [1.5, -2], {
    where: "l2Gradient([3, −4], 0.5)",
    dtype: "float32",
    mistakes: [
      {
        name: "L2 gradient 2λθ",
        explanation: "d/dθ (λ/2)·θ² = λθ: the ½ cancels the 2",
        values: [3, -4],
      },
      {
        name: "L2 gradient with the wrong sign",
        explanation:
          "the penalty's gradient points away from 0 (λθ); the optimizer's minus sign pulls θ toward 0",
        values: [-1.5, 2],
      },
    ],
  });
});

test("l2Gradient() matches central differences of your l2Penalty()", async () => {
  // (P(θ + h·e_i) − P(θ − h·e_i)) / 2h is exact for a quadratic up to rounding,
  // so in float64 the two must agree closely whatever λ and θ are.
  const values = [0.5, -1.25, 2, 0.125, -3];
  const lambda = 0.3;
  const h = 1e-3;
  const penalty = async (v: number[]) =>
    await l2Penalty(tensor(v, { dtype: "float64" }), lambda).item();
  const numeric: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const plus = values.map((x, j) => (j === i ? x + h : x));
    const minus = values.map((x, j) => (j === i ? x - h : x));
    numeric.push((await penalty(plus) - await penalty(minus)) / (2 * h));
  }
  await assertAllClose(l2Gradient(tensor(values, { dtype: "float64" }), lambda), numeric, {
    where: "l2Gradient(θ, 0.3) vs central differences of l2Penalty(θ, 0.3)",
    dtype: "float64",
    looseness: 1e4,
    hint: "if l2Penalty() is (λ/2)·Σθ², its gradient is λθ",
  });
}, { dtype: "float64" });

test("l2Gradient() is the gradient TensorFlow.js's tf.grad finds for (λ/2)·Σθ²", async () => {
  // An autodiff we did not write, on the same θ and λ = 0.3.
  const values = [0.5, -1.25, 2, 0.125, -3];
  await assertAllClose(l2Gradient(tensor(values), 0.3), TENSORFLOW.l2Gradient, {
    where: "l2Gradient(θ, 0.3) vs tf.grad of (0.3/2)·Σθ²",
    dtype: "float32",
    mistakes: [{
      name: "L2 gradient 2λθ",
      explanation: "d/dθ (λ/2)·θ² = λθ: the ½ cancels the 2",
      values: values.map((x) => 0.6 * x),
    }],
  });
});

test("l2Penalty() and l2Gradient() refuse a negative λ", async () => {
  await assertRefuses(
    "l2Penalty(θ, -1)",
    () => l2Penalty(tensor([1]), -1),
    ValueError,
    /^Cannot add an L2 penalty: lambda -1 is not a finite number ≥ 0/,
    "call checkLambda() (the worked example) first",
  );
  await assertRefuses(
    "l2Gradient(θ, NaN)",
    () => l2Gradient(tensor([1]), NaN),
    ValueError,
    /^Cannot add an L2 gradient: lambda NaN is not a finite number ≥ 0/,
    "call checkLambda() (the worked example) first",
  );
});

/** Plain gradient descent with a learning rate or schedule: θ − η^t·g. */
function gradientDescent(learningRate: number | Schedule): Optimizer<{ t: number }> {
  return {
    learningRate,
    init: () => ({ t: 0 }),
    update: (g, state, params) => {
      const eta = typeof learningRate === "number" ? learningRate : learningRate(state.t);
      return { params: params.sub(g.mul(eta)), state: { t: state.t + 1 } };
    },
  };
}

test("stretch: decoupledWeightDecay() shrinks θ by η^t·λ·θ^t, reading η^t at update t", async () => {
  // Zero gradient, η^t = 2^−t, λ = 0.5, θ⁰ = 1: only the decay moves θ.
  // θ¹ = 1 − 1·0.5·1 = 0.5; θ² = 0.5 − 0.5·0.5·0.5 = 0.375; θ³ = 0.375 − 0.25·0.5·0.375 = 0.328125.
  const optimizer = decoupledWeightDecay(gradientDescent((t) => 2 ** -t), { weightDecay: 0.5 });
  let params = tensor([1]);
  let state = optimizer.init(params);
  const path: Tensor[] = [];
  for (let t = 0; t < 3; t++) {
    ({ params, state } = optimizer.update(tensor([0]), state, params));
    path.push(params);
  }
  // With t stuck at 0, η^t = 2^0 = 1 every update: the numbers of a decay without η.
  const stuck = state.t === optimizer.init(tensor([1])).t;
  check(
    !stuck,
    `decoupledWeightDecay() after three updates: expected state.t = 3, got ${state.t}.\n` +
      "Likely mistake — weight decay's update count t never advanced: return t + 1 in the new state; η^t is read at t",
  );
  await assertAllClose(concat(path), [0.5, 0.375, 0.328125], {
    where: "decoupledWeightDecay(gradient descent with η^t = 2^−t, λ = 0.5), θ¹…θ³",
    dtype: "float32",
    mistakes: [
      {
        name: "weight decay without the learning rate",
        explanation: "the decay is η^t·λ·θ, scaled by the learning rate of that update",
        values: [0.5, 0.25, 0.125],
      },
      {
        name: "schedule read at t + 1",
        explanation: "update t (counted from 0) uses η^t = schedule(t)",
        values: [0.75, 0.65625, 0.615234375],
      },
      {
        name: "weight decay with the wrong sign",
        explanation: "decay shrinks θ toward 0: subtract η^t·λ·θ",
        values: [1.5, 1.875, 2.109375],
      },
    ],
  });
});

test(
  "stretch: decoupledWeightDecay() around your adam() is AdamW: the decay is not divided by σ",
  async () => {
    // θ⁰ = [1, −2], g = [0.5, 0.5], η = 0.1, λ = 0.1.
    // Adam's step 1 is −η·sign(g) = [−0.1, −0.1]; AdamW adds −η·λ·θ⁰ = [−0.01, 0.02]:
    // θ¹ = [0.89, −2.08] (PyTorch's AdamW gives the same step 1).
    // With L2 inside Adam, g + λθ = [0.6, 0.3] has the same signs as g, and Adam's
    // step 1 is again −η·sign(·): [0.9, −2.1]. The decay has vanished.
    const optimizer = decoupledWeightDecay(adam({ learningRate: 0.1 }), { weightDecay: 0.1 });
    const params = tensor([1, -2]);
    const { params: next } = optimizer.update(tensor([0.5, 0.5]), optimizer.init(params), params);
    await assertAllClose(next, [0.89, -2.08], {
      where: "decoupledWeightDecay(adam({ learningRate: 0.1 }), { weightDecay: 0.1 }) step 1",
      dtype: "float32",
      mistakes: [
        {
          name: "L2 inside the optimizer instead of decoupled decay",
          explanation:
            "adding λθ to the gradient sends it through Adam's 1/σ, which scales it away; subtract η·λ·θ beside the optimizer's step",
          values: [0.9, -2.1],
        },
        {
          name: "decay applied to the stepped parameters",
          explanation:
            "decay θ^t, the parameters before this update: θ^{t+1} = inner(θ^t) − η·λ·θ^t",
          values: [0.891, -2.079],
        },
        {
          name: "weight decay without the learning rate",
          explanation: "the decay is η^t·λ·θ, scaled by the learning rate of that update",
          values: [0.8, -1.9],
        },
      ],
    });
  },
  { needs: kata05 },
);

// ---------------------------------------------------------------------------
// Dropout.

test("dropout() in evaluation returns its input unchanged", async () => {
  const x = tensor([[1, -2, 3], [4, 5, -6]]);
  await assertAllClose(dropout(x, 0.5, { training: false }), [[1, -2, 3], [4, 5, -6]], {
    where: "dropout(x, 0.5, { training: false })",
    dtype: "float32",
    mistakes: [{
      name: "non-inverted dropout in evaluation",
      explanation:
        "inverted dropout scales the kept entries by 1/(1−p) while training, so evaluation is the identity",
      values: [[0.5, -1, 1.5], [2, 2.5, -3]],
    }],
    hint: "in evaluation (training: false) return x itself",
  });
});

test("dropout() with p = 0 drops nothing: x itself while training, no rng needed", async () => {
  const x = tensor([[1, -2, 3], [4, 5, -6]]);
  let out: unknown;
  try {
    out = dropout(x, 0, { training: true });
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    out = error;
  }
  check(
    out instanceof Tensor,
    `dropout(x, 0, { training: true }) without an rng: expected x back, got ${String(out)}` +
      (out instanceof ValueError
        ? "\nLikely mistake — an rng required for p = 0: the rng is needed only while training with p > 0; p = 0 keeps everything"
        : ""),
  );
  await assertAllClose(out as Tensor, [[1, -2, 3], [4, 5, -6]], {
    where: "dropout(x, 0, { training: true })",
    dtype: "float32",
  });
});

test("dropout() keeps x_i where u_i ≥ p and scales it by 1/(1−p), u drawn by uniform(rng, x.shape)", async () => {
  const p = 0.25;
  const x = tensor([[1, -2, 3, 4], [5, -6, 7, 8]]);
  const u = uniform(new Rng(42), x.shape);
  const expected = where(u.ge(p), x.div(1 - p), 0);
  await assertAllClose(dropout(x, p, { training: true, rng: new Rng(42) }), expected, {
    where: "dropout(x, 0.25, { training: true, rng: new Rng(42) })",
    dtype: "float32",
    mistakes: [
      {
        name: "dropout without the 1/(1−p) scaling",
        explanation:
          "scale the kept entries by 1/(1−p): then E[dropout(x)] = x and evaluation needs no change",
        values: where(u.ge(p), x, 0),
      },
      {
        name: "scaling by 1−p instead of 1/(1−p)",
        explanation: "divide the kept entries by 1−p (they must make up for the dropped ones)",
        values: where(u.ge(p), x.mul(1 - p), 0),
      },
      {
        name: "p read as the keep probability",
        explanation:
          "p is the probability of DROPPING an entry: keep where u ≥ p, scale by 1/(1−p)",
        values: where(u.lt(p), x.div(p), 0),
      },
    ],
    hint: "u = uniform(rng, x.shape); keep where u ≥ p; kept entries become x/(1 − p)",
  });
});

test("dropout() keeps the mean: E[dropout(x)] = x, and about a fraction p is dropped", async () => {
  // 4000 entries of 2, p = 0.5: kept ones are 4. The mean has std
  // 2·sqrt(p/(1−p))/sqrt(4000) ≈ 0.032, so ±0.15 is over four standard deviations.
  const out = [
    ...await dropout(zeros([4000]).add(2), 0.5, { training: true, rng: new Rng(7) }).data(),
  ];
  const mean = out.reduce((s, v) => s + v, 0) / out.length;
  const dropped = out.filter((v) => v === 0).length / out.length;
  const scaledLikeTf = new Set(out.map((v) => Math.round(v * 1e4) / 1e4));
  // TensorFlow.js's tf.dropout(x, 0.5) also gives only 0 and x/(1 − 0.5) = 4.
  const tfValues = new Set(TENSORFLOW.dropoutValues);
  check(
    Math.abs(mean - 2) < 0.15 && Math.abs(dropped - 0.5) < 0.05 &&
      [...scaledLikeTf].sort().join() === [...tfValues].sort().join(),
    `dropout(2·ones([4000]), 0.5): expected mean ≈ 2, a fraction ≈ 0.5 dropped and the values {${
      [...tfValues].sort()
    }} as tf.dropout gives; got mean ${mean.toFixed(4)}, dropped ${dropped.toFixed(4)}, values {${
      [...scaledLikeTf].sort().slice(0, 5)
    }}` +
      (Math.abs(mean - 1) < 0.15
        ? "\nLikely mistake — dropout without the 1/(1−p) scaling: the mean halves"
        : ""),
  );
});

test("your dropout() in an MLP's hidden layer gives nn's logits and gradients, mask for mask", async () => {
  // The library's mlp draws its dropout mask the same way (keep where u ≥ p,
  // u from the rng in order, scale 1/(1−p)), so with the same seed your layer
  // and its forward pass must agree exactly, and so must the gradients in θ
  // that its autodiff takes through your dropout.
  const p = 0.5;
  const net = mlp({ sizes: [3, 6, 2], activation: "relu", rng: new Rng(4) });
  const theta = net.init();
  const X = normal(new Rng(5), [4, 3]);
  const hidden = (t: Tensor) => {
    const { weight, bias } = net.view(t, 0);
    return X.matmul(weight).add(bias).maximum(0);
  };
  const head = (t: Tensor, h: Tensor) => {
    const { weight, bias } = net.view(t, 1);
    return h.matmul(weight).add(bias);
  };
  const yours = (t: Tensor) => head(t, dropout(hidden(t), p, { training: true, rng: new Rng(9) }));
  const library = (t: Tensor) => net.forward(t, X, { training: true, dropout: p, rng: new Rng(9) });
  const kept = uniform(new Rng(9), [4, 6]).ge(p);
  await assertAllClose(yours(theta), library(theta), {
    where: "logits of a [3, 6, 2] relu MLP with your dropout(p = 0.5) after the hidden layer",
    dtype: "float32",
    mistakes: [
      {
        name: "dropout without the 1/(1−p) scaling",
        explanation: "scale the kept activations by 1/(1−p)",
        values: head(theta, where(kept, hidden(theta), 0)),
      },
      {
        name: "scaling by 1−p instead of 1/(1−p)",
        explanation: "divide the kept activations by 1−p",
        values: head(theta, where(kept, hidden(theta).mul(1 - p), 0)),
      },
    ],
  });
  const sum = (f: (t: Tensor) => Tensor) => valueAndGrad((t) => f(t).sum())(theta).grad;
  await assertAllClose(sum(yours), sum(library), {
    where: "the gradient in θ of Σ logits, through your dropout vs nn's",
    dtype: "float32",
    hint: "build dropout from tensor ops (where, mul, div) so the gradient flows through it",
  });
});

test("dropout() refuses p outside [0, 1) and training without an rng", async () => {
  for (
    const [call, fn, pattern, advice] of [
      [
        "dropout(x, 1, …)",
        () => dropout(tensor([1]), 1, { training: true, rng: new Rng(1) }),
        /^Cannot apply dropout: p 1 is outside \[0, 1\)/,
        "Likely mistake — p = 1 accepted: dropping everything divides by 1 − p = 0; refuse p ≥ 1",
      ],
      [
        "dropout(x, -0.1, …)",
        () => dropout(tensor([1]), -0.1, { training: true, rng: new Rng(1) }),
        /^Cannot apply dropout: p -0\.1 is outside \[0, 1\)/,
        "refuse p < 0: it is a probability",
      ],
      [
        "dropout(x, 0.5, { training: false })",
        () => dropout(tensor([1]), NaN, { training: false }),
        /^Cannot apply dropout: p NaN is outside \[0, 1\)/,
        "check p first, even in evaluation, so a bad p is caught before training starts",
      ],
      [
        "dropout(x, 0.5, { training: true })",
        () => dropout(tensor([1]), 0.5, { training: true }),
        /^Cannot apply dropout: training is on but no rng was given/,
        "the mask needs a seeded rng while training",
      ],
    ] as const
  ) {
    await assertRefuses(call, fn, ValueError, pattern, advice);
  }
});

// ---------------------------------------------------------------------------
// Data augmentation.

test("augmentWithNoise() appends noisy copies of X, a fresh draw per copy, with the original y", async () => {
  const X = tensor([[1, 2], [3, 4], [5, 6]]);
  const y = tensor([10, 20, 30]);
  const sigma = 0.5;
  const reference = new Rng(3);
  const noise1 = normal(reference, [3, 2]).mul(sigma);
  const noise2 = normal(reference, [3, 2]).mul(sigma);
  const out = augmentWithNoise(X, y, { copies: 2, noise: sigma, rng: new Rng(3) });
  check(
    out.X.shape.join() === "9,2" && out.y.shape.join() === "9",
    `augmentWithNoise(X [3,2], y [3], { copies: 2 }): expected X [9,2] and y [9], got X [${out.X.shape}] and y [${out.y.shape}]` +
      (out.X.shape[0] === 6
        ? "\nLikely mistake — original rows left out: return the original rows first, then the copies"
        : ""),
  );
  await assertAllClose(out.y, [10, 20, 30, 10, 20, 30, 10, 20, 30], {
    where: "augmentWithNoise(...).y",
    dtype: "float32",
    hint:
      "Likely mistake — noise added to the labels too: a jittered input keeps its target; repeat y once per copy",
  });
  await assertAllClose(out.X, concat([X, X.add(noise1), X.add(noise2)]), {
    where: "augmentWithNoise(...).X",
    dtype: "float32",
    mistakes: [{
      name: "the same noise for every copy",
      explanation: "draw fresh noise, normal(rng, X.shape), for each copy",
      values: concat([X, X.add(noise1), X.add(noise1)]),
    }],
    hint: "rows: X, then X + σ·normal(rng, X.shape) once per copy, in order",
  });
});

test("augmentWithNoise() refuses copies < 1 and a negative noise", async () => {
  const X = tensor([[1]]);
  const y = tensor([1]);
  await assertRefuses(
    "augmentWithNoise(X, y, { copies: 0, … })",
    () => augmentWithNoise(X, y, { copies: 0, noise: 1, rng: new Rng(1) }),
    ValueError,
    /^Cannot augment: copies 0 is not an integer ≥ 1/,
    "refuse copies < 1",
  );
  await assertRefuses(
    "augmentWithNoise(X, y, { noise: -1, … })",
    () => augmentWithNoise(X, y, { copies: 1, noise: -1, rng: new Rng(1) }),
    ValueError,
    /^Cannot augment: noise -1 is not a finite number ≥ 0/,
    "refuse a negative σ",
  );
});

// ---------------------------------------------------------------------------
// Every remedy on a model that overfits.

const { epochs: EPOCHS, learningRate: ETA, patience: PATIENCE } = OVERFIT_RUNS;

/** Gradient descent from w = 0 with your gradient, L2 gradient and dropout (experiments.ts). */
const fit = (X: Tensor, y: Tensor, options: { lambda?: number; dropoutP?: number } = {}) =>
  fitLinear({ squaredErrorGradient, l2Gradient, dropout }, X, y, options);

test("each remedy lowers the validation loss of a model that overfits", async () => {
  const { train, validation } = overfittingSetup();
  const valLoss = (w: Tensor, X = validation.X) => meanSquaredError(X, validation.y, w);
  const baseline = fit(train.X, train.y);
  const base = {
    train: await meanSquaredError(train.X, train.y, baseline),
    val: await valLoss(baseline),
  };

  // Early stopping: one epoch at a time, patience 10 (OVERFIT_RUNS).
  const stopped = await trainWithEarlyStopping({
    params: zeros([12]),
    step: (w: Tensor) => w.sub(squaredErrorGradient(train.X, train.y, w).mul(ETA)),
    validationLoss: (w: Tensor) => valLoss(w),
    maxEpochs: EPOCHS,
    patience: PATIENCE,
  });
  // L2, λ = 1.
  const l2 = await valLoss(fit(train.X, train.y, { lambda: 1 }));
  // Dropout on the inputs while training (p = 0.2); evaluation goes through dropout too.
  const wDrop = fit(train.X, train.y, { dropoutP: 0.2 });
  const dropped = await valLoss(wDrop, dropout(validation.X, 0.2, { training: false }));
  // Augmentation: four jittered copies (σ = 1) of the 12 rows.
  const augmented = augmentWithNoise(train.X, train.y, { copies: 4, noise: 1, rng: new Rng(5) });
  const aug = await valLoss(fit(augmented.X, augmented.y));
  // Fewer features: the first three columns only (fewer parameters, too).
  const fewX = train.X.slice([0, 0], [12, 3]);
  const few = await meanSquaredError(
    validation.X.slice([0, 0], [200, 3]),
    validation.y,
    fit(fewX, train.y),
  );

  const table = [
    ["no remedy", base.val],
    [`early stopping (best epoch ${stopped.bestEpoch})`, stopped.bestLoss],
    ["L2, λ = 1", l2],
    ["dropout p = 0.2 on the inputs", dropped],
    ["augmentation, 4 noisy copies", aug],
    ["3 features instead of 12", few],
  ] as const;
  const report = table.map(([name, v]) => `  ${name.padEnd(40)} ${v.toFixed(4)}`).join("\n");
  console.log(
    `validation losses (training loss with no remedy ${base.train.toFixed(4)}):\n${report}`,
  );
  check(
    base.train < 0.1 * base.val,
    `the setup should overfit: training loss ${base.train} is not far below validation loss ${base.val}`,
  );
  for (const [name, v] of table.slice(1)) {
    check(
      Number.isFinite(v) && v < 0.8 * base.val,
      `${name}: expected a validation loss below 0.8 × ${
        base.val.toFixed(4)
      } (no remedy), got ${v}\n${report}`,
    );
  }
});
