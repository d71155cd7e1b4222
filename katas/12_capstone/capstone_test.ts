// Kata 12 suite: the training loop step by step against the recipe built from
// your own katas 03–10 (and against TensorFlow.js's Adam), model selection by
// k-fold, the penguins classified at ≥ 97% held-out accuracy, and a run that
// fails until you diagnose it. Run: deno test katas/12_capstone
import {
  accuracyOf,
  BROKEN_RUN,
  chooseHiddenSize,
  type Dataset,
  fixTheRun,
  initNetwork,
  lossAndGradient,
  type PenguinSplit,
  penguinSplit,
  type RunSettings,
  type Shape,
  trainClassifier,
  type TrainOptions,
} from "./capstone.ts";
import { minibatchIndices } from "../03_minibatch_sgd/minibatch_sgd.ts";
import { adam } from "../05_adam/adam.ts";
import { linearWarmup } from "../06_warmup/warmup.ts";
import {
  crossEntropy,
  crossEntropyGradient,
} from "../07_softmax_cross_entropy/softmax_cross_entropy.ts";
import { type Candidate, selectModel } from "../08_kfold/kfold.ts";
import { trainWithEarlyStopping } from "../10_overfitting/overfitting.ts";
import { Rng, type Tensor, tensor, ValueError } from "../../lib/mod.ts";
import {
  assertAllClose,
  assertRefuses,
  check,
  defineKata,
  type KnownMistake,
  type Prerequisite,
  prerequisite,
} from "../../lib/testing/mod.ts";
// TensorFlow.js's Adam steps on the penguin network, recorded ahead of time (the file says how).
import { TENSORFLOW } from "./tensorflow_recorded.ts";

const test = defineKata(12);

// Every training case builds on six earlier katas. Each is probed on a small
// case worked by hand; a training case waits for the first one not yet solved.
const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
const earlier: Prerequisite[] = [
  // 5 rows in batches of 2, in order: [[0, 1], [2, 3], [4]].
  await prerequisite(
    3,
    () => JSON.stringify(minibatchIndices(5, 2, { shuffle: false })) === "[[0,1],[2,3],[4]]",
  ),
  // Adam's step 1 is −η·sign(g): θ = 1, g = 0.5, η = 0.1 → 0.9.
  await prerequisite(5, async () => {
    const optimizer = adam({ learningRate: 0.1 });
    const params = tensor([1]);
    const { params: next } = optimizer.update(tensor([0.5]), optimizer.init(params), params);
    return near(await next.item(), 0.9);
  }),
  // η⁰ = peak·1/warmupSteps = 0.8/4 = 0.2; η³ = 0.8.
  await prerequisite(6, () => {
    const schedule = linearWarmup({ peak: 0.8, warmupSteps: 4 });
    return near(schedule(0), 0.2) && near(schedule(3), 0.8);
  }),
  // Logits [0, 0], label 0: loss ln 2, gradient (softmax − oneHot)/1 = [−0.5, 0.5].
  await prerequisite(7, async () => {
    const logits = tensor([[0, 0]]);
    const labels = tensor([0], { dtype: "int32" });
    const g = [...await crossEntropyGradient(logits, labels).data()];
    return near(await crossEntropy(logits, labels).item(), Math.LN2) && near(g[0], -0.5) &&
      near(g[1], 0.5);
  }),
  // Two candidates whose losses are 2 and 1 everywhere: the second wins.
  await prerequisite(8, async () => {
    const candidate = (name: string, loss: number) => ({ name, fit: () => null, loss: () => loss });
    const { best } = await selectModel([candidate("a", 2), candidate("b", 1)], {
      n: 4,
      k: 2,
      rng: new Rng(1),
    });
    return best.name === "b";
  }),
  // Losses 1, 0.5, 0.7, 0.8 with patience 2: best epoch 1, parameters after it = 2.
  await prerequisite(10, async () => {
    const result = await trainWithEarlyStopping({
      params: 0,
      step: (p: number) => p + 1,
      validationLoss: (p: number) => [1, 0.5, 0.7, 0.8][p - 1],
      maxEpochs: 4,
      patience: 2,
    });
    return result.params === 2 && result.bestEpoch === 1;
  }),
];
/** The first earlier kata not yet solved, or a ready one. */
const needs = { needs: earlier.find((p) => !p.ready) ?? earlier[0] };

/** Variations of the recipe that learners write by mistake. */
interface Variant {
  noWarmup?: boolean;
  resetEveryBatch?: boolean;
  resetEveryEpoch?: boolean;
  fullBatch?: boolean;
  noShuffle?: boolean;
  sameShuffle?: boolean;
  dropLast?: boolean;
  ascent?: boolean;
  oneRng?: boolean;
  stopOnTraining?: boolean;
}

/**
 * The README's recipe, built from your katas 03 (minibatches), 05 (Adam) and
 * 06 (warm-up): θ⁰ = initNetwork(shape, new Rng(seed)); shuffles from one
 * new Rng(seed + 1); one Adam update per minibatch on linearWarmup; the
 * validation loss after each epoch. Returns θ after every epoch and the losses;
 * early stopping is checked on these.
 */
async function recipe(train: Dataset, validation: Dataset, o: TrainOptions, v: Variant = {}) {
  const shape: Shape = { inputs: train.X.shape[1], hidden: o.hidden, classes: 3 };
  const initRng = new Rng(o.seed);
  const theta0 = initNetwork(shape, initRng);
  let rng = v.oneRng ? initRng : new Rng(o.seed + 1);
  const makeOptimizer = () =>
    adam({
      learningRate: v.noWarmup
        ? o.peak
        : linearWarmup({ peak: o.peak, warmupSteps: o.warmupSteps }),
    });
  let optimizer = makeOptimizer();
  let theta = theta0;
  let state = optimizer.init(theta);
  const thetas: Tensor[] = [];
  const losses: number[] = [];
  const n = train.X.shape[0];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    if (v.sameShuffle) rng = new Rng(o.seed + 1);
    if (v.resetEveryEpoch) {
      optimizer = makeOptimizer();
      state = optimizer.init(theta);
    }
    const batches = v.fullBatch
      ? [Array.from({ length: n }, (_, i) => i)]
      : minibatchIndices(n, o.batchSize, { rng, shuffle: !v.noShuffle, dropLast: v.dropLast });
    for (const batch of batches) {
      const rows = { X: train.X.gather(batch), labels: train.labels.gather(batch) };
      const { grad } = lossAndGradient(theta, shape, rows);
      if (v.resetEveryBatch) state = optimizer.init(theta);
      ({ params: theta, state } = optimizer.update(v.ascent ? grad.neg() : grad, state, theta));
    }
    thetas.push(theta);
    const watched = v.stopOnTraining ? train : validation;
    losses.push(await lossAndGradient(theta, shape, watched).loss.item());
  }
  return { thetas, losses, shape };
}

/** The standardized split, made once per backend (tensors live on the backend that made them). */
const splits = new Map<string, PenguinSplit>();
function split(backend: string): PenguinSplit {
  if (!splits.has(backend)) splits.set(backend, penguinSplit({ seed: 12, standardize: true }));
  return splits.get(backend)!;
}
const rowsOf = (d: Dataset, rows: number[]): Dataset => ({
  X: d.X.gather(rows),
  labels: d.labels.gather(rows),
});
const FIRST_40 = Array.from({ length: 40 }, (_, i) => i);

const STEP_MISTAKES: [string, string, Variant][] = [
  ["no warm-up", "Adam's learning rate is the schedule linearWarmup({ peak, warmupSteps })", {
    noWarmup: true,
  }],
  [
    "Adam state reset every batch",
    "create the optimizer and its state once, before the first epoch, and carry the state from update to update",
    { resetEveryBatch: true },
  ],
  [
    "one update per epoch",
    "take one Adam update per minibatch from minibatchIndices(n, batchSize, { rng })",
    { fullBatch: true },
  ],
  ["no shuffling", "shuffle every epoch: minibatchIndices(n, batchSize, { rng })", {
    noShuffle: true,
  }],
  ["last short batch dropped", "keep the last, smaller batch: every row counts once per epoch", {
    dropLast: true,
  }],
  [
    "gradient ascent",
    "pass the gradient of the loss to optimizer.update(): the optimizer subtracts it",
    { ascent: true },
  ],
  [
    "one rng for the initialisation and the shuffles",
    "θ⁰ from initNetwork(shape, new Rng(seed)); the shuffles from their own new Rng(seed + 1)",
    { oneRng: true },
  ],
];

async function knownSteps(
  train: Dataset,
  validation: Dataset,
  o: TrainOptions,
  list: [string, string, Variant][],
  epoch: number,
): Promise<KnownMistake[]> {
  const out: KnownMistake[] = [];
  for (const [name, explanation, variant] of list) {
    const { thetas } = await recipe(train, validation, o, variant);
    out.push({ name, explanation, values: thetas[epoch] });
  }
  return out;
}

test(
  "trainClassifier() takes one Adam update per minibatch, on the warm-up schedule",
  async ({ backend }) => {
    // 40 rows in batches of 16: updates on 16, 16 and 8 rows, at η = 0.0125, 0.025, 0.0375.
    const train = rowsOf(split(backend).train, FIRST_40);
    const o: TrainOptions = {
      hidden: 4,
      epochs: 1,
      batchSize: 16,
      peak: 0.05,
      warmupSteps: 4,
      patience: 3,
      seed: 5,
    };
    const result = await trainClassifier(train, train, o);
    const { thetas } = await recipe(train, train, o);
    await assertAllClose(result.theta, thetas[0], {
      where: "trainClassifier(40 rows, { epochs: 1, batchSize: 16, warmupSteps: 4 }).theta",
      dtype: "float32",
      looseness: 10,
      mistakes: await knownSteps(train, train, o, STEP_MISTAKES, 0),
      hint:
        "θ⁰ = initNetwork(shape, new Rng(seed)); per epoch minibatchIndices(n, batchSize, { rng }) with rng = new Rng(seed + 1) made once; one adam update per batch",
    });
  },
  needs,
);

test(
  "trainClassifier() shuffles anew every epoch and carries Adam's state across epochs",
  async ({ backend }) => {
    const train = rowsOf(split(backend).train, FIRST_40);
    const o: TrainOptions = {
      hidden: 4,
      epochs: 2,
      batchSize: 16,
      peak: 0.01,
      warmupSteps: 2,
      patience: 3,
      seed: 5,
    };
    const result = await trainClassifier(train, train, o);
    const { thetas, losses } = await recipe(train, train, o);
    check(losses[1] < losses[0], `the recipe's loss should fall here: ${losses}`);
    await assertAllClose(result.theta, thetas[1], {
      where: "trainClassifier(40 rows, { epochs: 2 }).theta after epoch 1",
      dtype: "float32",
      looseness: 10,
      mistakes: await knownSteps(train, train, o, [
        [
          "the same shuffle every epoch",
          "make the shuffling rng once, before the first epoch: each call of minibatchIndices() then draws a new order",
          { sameShuffle: true },
        ],
        [
          "Adam restarted every epoch",
          "create the optimizer and its state once: a new Adam each epoch restarts its warm-up and its averages",
          { resetEveryEpoch: true },
        ],
        ...STEP_MISTAKES,
      ], 1),
    });
  },
  needs,
);

test(
  "trainClassifier() watches the validation loss and keeps the best epoch's θ",
  async ({ backend }) => {
    // peak 0.3 is large: the validation loss bottoms out and wobbles, and
    // early stopping (patience 2) ends the run and returns the best epoch's θ.
    const o: TrainOptions = {
      hidden: 8,
      epochs: 10,
      batchSize: 32,
      peak: 0.3,
      warmupSteps: 1,
      patience: 2,
      seed: 3,
    };
    const train = rowsOf(split(backend).train, Array.from({ length: 100 }, (_, i) => i));
    const { validation } = split(backend);
    const result = await trainClassifier(train, validation, o);
    const ref = await recipe(train, validation, o);
    const onTraining = await recipe(train, validation, o, {
      stopOnTraining: true,
    });
    const ran = result.history.length;
    await assertAllClose(result.history, ref.losses.slice(0, ran), {
      where: "trainClassifier(...).history, the validation loss after each epoch",
      dtype: "float32",
      looseness: 100,
      mistakes: [{
        name: "early stopping on the training loss",
        explanation:
          "watch the loss on the VALIDATION rows: the training loss keeps falling while the model overfits",
        values: onTraining.losses.slice(0, ran),
      }],
    });
    let best = 0;
    for (let e = 1; e < ran; e++) if (ref.losses[e] < ref.losses[best]) best = e;
    check(
      result.bestEpoch === best && ran < o.epochs,
      `trainClassifier(): expected early stopping to keep epoch ${best} and stop before epoch ${o.epochs}; got bestEpoch ${result.bestEpoch} after ${ran} epochs` +
        // The right best epoch (on the right losses) but no stop: the patience never arrived.
        (result.bestEpoch === best && ran === o.epochs
          ? `\nLikely mistake — patience not passed on: give trainWithEarlyStopping() patience ${o.patience}, so it stops ${o.patience} epochs after the best`
          : ""),
    );
    await assertAllClose(result.theta, ref.thetas[best], {
      where: `trainClassifier(...).theta (best epoch ${best})`,
      dtype: "float32",
      looseness: 100,
      mistakes: [{
        name: "returning the last parameters",
        explanation: "return the θ that trainWithEarlyStopping() kept, the best epoch's",
        values: ref.thetas[ran - 1],
      }],
    });
  },
  needs,
);

test(
  "trainClassifier() on full batches takes the same Adam steps as TensorFlow.js",
  async ({ backend }) => {
    // 40 rows, batchSize 64 ≥ 40: each epoch is one update on the full batch, so
    // the shuffle does not matter. warmupSteps 1 → η = peak from the first update,
    // as tf.train.adam(0.05) takes it. Three epochs = three updates.
    const train = rowsOf(split(backend).train, FIRST_40);
    const o: TrainOptions = {
      hidden: 4,
      epochs: 3,
      batchSize: 64,
      peak: 0.05,
      warmupSteps: 1,
      patience: 5,
      seed: 5,
    };
    const result = await trainClassifier(train, train, o);
    const path = TENSORFLOW.adamFullBatch;
    await assertAllClose(result.theta, path[result.bestEpoch + 1], {
      where: `trainClassifier(full batches).theta after epoch ${result.bestEpoch} vs tf.train.adam`,
      dtype: "float32",
      looseness: 10,
    });
  },
  { tensors: false, ...needs },
);

test(
  "chooseHiddenSize() scores each size by k-fold cross-validation with your selectModel()",
  async ({ backend }) => {
    const train = { epochs: 4, batchSize: 16, peak: 0.03, warmupSteps: 10, patience: 3, seed: 1 };
    const data = rowsOf(split(backend).train, Array.from({ length: 60 }, (_, i) => i));
    const result = await chooseHiddenSize(data, [1, 8], { k: 3, seed: 3, train });
    const rows = (indices: number[]) => rowsOf(data, indices);
    const candidates = (score: "loss" | "error"): (Candidate<Tensor> & { hidden: number })[] =>
      [1, 8].map((hidden) => ({
        name: `${hidden} hidden units`,
        hidden,
        fit: async (indices: number[]) =>
          (await trainClassifier(rows(indices), rows(indices), { ...train, hidden })).theta,
        loss: async (theta: Tensor, indices: number[]) => {
          const shape = { inputs: 4, hidden, classes: 3 };
          return score === "loss"
            ? await lossAndGradient(theta, shape, rows(indices)).loss.item()
            : 1 - await accuracyOf(theta, shape, rows(indices));
        },
      }));
    const reference = await selectModel(candidates("loss"), { n: 60, k: 3, rng: new Rng(3) });
    const byError = await selectModel(candidates("error"), { n: 60, k: 3, rng: new Rng(3) });
    await assertAllClose(
      result.table.map((r) => r.validationLoss),
      reference.table.map((r) => r.validationLoss),
      {
        where: "chooseHiddenSize(60 rows, [1, 8], { k: 3 }).table validation losses",
        dtype: "float32",
        looseness: 100,
        mistakes: [{
          name: "scored by the error rate, not the loss",
          explanation:
            "score each fold by the cross-entropy of the held-out rows: it sees how sure the network is, not only whether it is right",
          values: byError.table.map((r) => r.validationLoss),
        }],
        hint:
          "one Candidate per size: fit trains on the fold's rows, loss is the cross-entropy on the given rows",
      },
    );
    check(
      result.hidden === reference.best.hidden,
      `chooseHiddenSize(): expected ${reference.best.hidden} hidden units (lowest mean validation loss), got ${result.hidden}`,
    );
  },
  needs,
);

test("the capstone: penguins classified at ≥ 97% on the held-out rows", async ({ backend }) => {
  // Choose the size on the training rows by 3-fold cross-validation, train it
  // with early stopping on the validation rows, report on the 68 test rows.
  const train = { epochs: 8, batchSize: 16, peak: 0.03, warmupSteps: 10, patience: 3, seed: 1 };
  const { hidden, table } = await chooseHiddenSize(split(backend).train, [1, 8], {
    k: 3,
    seed: 3,
    train,
  });
  const model = await trainClassifier(split(backend).train, split(backend).validation, {
    ...train,
    hidden,
    epochs: 25,
    patience: 4,
  });
  const accuracy = await accuracyOf(model.theta, model.shape, split(backend).test);
  console.log(
    `${table.map((r) => `${r.name}: ${r.validationLoss.toFixed(3)}`).join(", ")} → ${hidden}; ` +
      `best epoch ${model.bestEpoch}; held-out accuracy ${accuracy.toFixed(3)}`,
  );
  check(
    accuracy >= 0.97,
    `held-out accuracy ${
      accuracy.toFixed(3)
    } with ${hidden} hidden units (best epoch ${model.bestEpoch}), expected ≥ 0.97`,
  );
}, needs);

/** Trains a run's settings for 10 epochs and measures it. */
async function measure(settings: RunSettings) {
  const data = penguinSplit({ seed: 12, standardize: settings.standardize });
  const model = await trainClassifier(data.train, data.validation, {
    ...settings,
    epochs: 10,
    patience: 10,
    seed: 1,
  });
  return {
    trainLoss: await lossAndGradient(model.theta, model.shape, data.train).loss.item(),
    accuracy: await accuracyOf(model.theta, model.shape, data.test),
  };
}

test("the broken run fails to train, and fixTheRun() fixes it", async () => {
  const broken = await measure(BROKEN_RUN);
  check(
    broken.trainLoss > Math.log(3),
    `the broken run was expected to stay above chance (ln 3 = 1.0986); its training loss is ${broken.trainLoss}`,
  );
  const settings = fixTheRun();
  const fixed = await measure(settings);
  const before = BROKEN_RUN as Record<string, unknown>;
  const after = settings as Record<string, unknown>;
  const changed = Object.keys(before).filter((key) => after[key] !== before[key]);
  const likely: Record<string, string> = {
    hidden:
      "Likely mistake — treating optimization as model bias: the TRAINING loss is what is high, and a larger network does not lower it here",
    warmupSteps:
      "Likely mistake — warm-up alone: a warm-up helps a step size that explodes early; this run's problem is elsewhere",
    peak:
      "Likely mistake — a different learning rate alone: larger or smaller, Adam cannot make up for inputs whose scales differ by 200×",
  };
  check(
    fixed.trainLoss < 0.1 && fixed.accuracy >= 0.97,
    `fixTheRun() = ${JSON.stringify(settings)}: training loss ${
      fixed.trainLoss.toFixed(4)
    } (expected < 0.1), held-out accuracy ${
      fixed.accuracy.toFixed(3)
    } (expected ≥ 0.97); the broken run's training loss was ${broken.trainLoss.toFixed(2)}` +
      (changed.length === 1 && likely[changed[0]] ? `\n${likely[changed[0]]}` : ""),
  );
}, needs);

test("trainClassifier() refuses a network with no hidden units", async ({ backend }) => {
  await assertRefuses(
    "trainClassifier(train, validation, { hidden: 0, … })",
    () =>
      trainClassifier(split(backend).train, split(backend).validation, {
        hidden: 0,
        epochs: 1,
        batchSize: 16,
        peak: 0.01,
        warmupSteps: 1,
        patience: 1,
        seed: 1,
      }),
    ValueError,
    /^Cannot train the classifier: hidden 0 is not an integer ≥ 1/,
    "Likely mistake — hidden 0 accepted: a network with no hidden units has nothing to learn with; refuse it first",
  );
});
