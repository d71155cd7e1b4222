// Kata 12 hidden cases: graded, never released. Written as if this file sat in
// katas/12_capstone/ (it imports ./capstone.ts): run here it checks the
// reference (`deno test solutions/12_capstone/hidden_test.ts`); the grader
// copies it next to a submission's capstone.ts. What students see of a
// failure: ./hidden.json.
import {
  accuracyOf,
  BROKEN_RUN,
  chooseHiddenSize,
  type Dataset,
  fixTheRun,
  penguinSplit,
  trainClassifier,
} from "./capstone.ts";
import { assertRefuses, check, defineKata } from "../../lib/testing/mod.ts";
import { ValueError } from "../../lib/mod.ts";

const test = defineKata(12);

const TRAIN = { epochs: 12, batchSize: 16, peak: 0.03, warmupSteps: 10, patience: 4 };

test("trainClassifier() reaches ≥ 97% held-out accuracy with another split and seed", async () => {
  const data = penguinSplit({ seed: 99, standardize: true });
  const model = await trainClassifier(data.train, data.validation, {
    ...TRAIN,
    hidden: 8,
    seed: 4,
  });
  const accuracy = await accuracyOf(model.theta, model.shape, data.test);
  check(accuracy >= 0.97, `held-out accuracy ${accuracy}, expected ≥ 0.97`);
});

test("trainClassifier() gives the same θ for the same seed", async () => {
  const data = penguinSplit({ seed: 12, standardize: true });
  const run = () =>
    trainClassifier(data.train, data.validation, { ...TRAIN, epochs: 2, hidden: 4, seed: 7 });
  const [a, b] = await Promise.all([(await run()).theta.data(), (await run()).theta.data()]);
  check(a.every((x, i) => x === b[i]), "two runs with seed 7 gave different parameters");
});

test("trainClassifier() with epochs 1 returns epoch 0 and one validation loss", async () => {
  const data = penguinSplit({ seed: 12, standardize: true });
  const model = await trainClassifier(data.train, data.validation, {
    ...TRAIN,
    epochs: 1,
    hidden: 4,
    seed: 1,
  });
  check(
    model.bestEpoch === 0 && model.history.length === 1 && Number.isFinite(model.history[0]),
    `expected bestEpoch 0 and one finite loss, got ${model.bestEpoch} and [${model.history}]`,
  );
});

test("chooseHiddenSize() with one candidate returns it and a one-row table", async () => {
  const data = penguinSplit({ seed: 12, standardize: true });
  const small: Dataset = {
    X: data.train.X.slice([0, 0], [45, 4]),
    labels: data.train.labels.slice([0], [45]),
  };
  const result = await chooseHiddenSize(small, [3], {
    k: 3,
    seed: 1,
    train: { ...TRAIN, epochs: 2, seed: 1 },
  });
  check(
    result.hidden === 3 && result.table.length === 1,
    `expected 3 and one row, got ${result.hidden} and ${result.table.length} rows`,
  );
});

test("fixTheRun() also trains from another seed", async () => {
  const settings = fixTheRun();
  const data = penguinSplit({ seed: 31, standardize: settings.standardize });
  const model = await trainClassifier(data.train, data.validation, {
    ...settings,
    epochs: 10,
    patience: 10,
    seed: 2,
  });
  const accuracy = await accuracyOf(model.theta, model.shape, data.test);
  check(
    accuracy >= 0.95 && JSON.stringify(settings) !== JSON.stringify(BROKEN_RUN),
    `fixTheRun() from seed 2 on split 31: held-out accuracy ${accuracy}, expected ≥ 0.95`,
  );
});

test("trainClassifier() refuses a fractional number of hidden units", async () => {
  const data = penguinSplit({ seed: 12, standardize: true });
  await assertRefuses(
    "trainClassifier(…, { hidden: 2.5 })",
    () => trainClassifier(data.train, data.validation, { ...TRAIN, hidden: 2.5, seed: 1 }),
    ValueError,
    /^Cannot train the classifier: hidden 2\.5 is not an integer ≥ 1/,
    "refuse a hidden size that is not a positive integer",
  );
});
