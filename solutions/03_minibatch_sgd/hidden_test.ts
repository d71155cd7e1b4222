// Kata 03 hidden cases: graded, never released. Written as if this file sat in
// katas/03_minibatch_sgd/ (it imports ./minibatch_sgd.ts): run here it checks the reference
// (`deno test -A solutions/03_minibatch_sgd/hidden_test.ts`); the grader copies it next
// to a submission's code. Written against SPEC §6, not against the public suite,
// to catch what a suite that is still changing may let through. What students
// see of a failure: ./hidden.json.
import {
  linearRegressionLossAndGradient,
  minibatchIndices,
  trainLinearRegression,
} from "./minibatch_sgd.ts";
import { Rng, tensor } from "../../lib/mod.ts";
import { assertAllClose, check, defineKata } from "../../lib/testing/mod.ts";

const test = defineKata(3);
const plain = { tensors: false } as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

test(
  "minibatchIndices() without shuffle cuts 0…n−1 in order; dropLast drops the short batch",
  () => {
    const kept = minibatchIndices(10, 4, { shuffle: false });
    check(
      same(kept, [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]),
      `minibatchIndices(10, 4, { shuffle: false }): got ${JSON.stringify(kept)}`,
    );
    const dropped = minibatchIndices(10, 4, { shuffle: false, dropLast: true });
    check(
      same(dropped, [[0, 1, 2, 3], [4, 5, 6, 7]]),
      `with dropLast: got ${JSON.stringify(dropped)}`,
    );
    const exact = minibatchIndices(8, 4, { shuffle: false, dropLast: true });
    check(
      exact.length === 2,
      `8 items in batches of 4 with dropLast: 2 batches, got ${exact.length}`,
    );
  },
  plain,
);

test("minibatchIndices() with shuffle cuts rng.permutation(n) in order, drawing it once", () => {
  const permutation = new Rng(3).permutation(10);
  const batches = minibatchIndices(10, 3, { rng: new Rng(3) });
  check(
    same(batches.flat(), permutation) && same(batches.map((b) => b.length), [3, 3, 3, 1]),
    `expected rng.permutation(10) = ${permutation} cut into 3, 3, 3, 1; got ${
      JSON.stringify(batches)
    }`,
  );
}, plain);

test("linearRegressionLossAndGradient() on one feature, worked by hand", async () => {
  // X = [[1], [2]], y = [1, 1], w = [0], b = 0: residuals Xw + b − y = [−1, −1].
  // loss = mean(1, 1) = 1; ∂L/∂w = (2/n)·Σ r·x = (−1 − 2) = −3; ∂L/∂b = (2/n)·Σ r = −2.
  const { loss, gradW, gradB } = linearRegressionLossAndGradient(
    tensor([[1], [2]]),
    tensor([1, 1]),
    tensor([0]),
    0,
  );
  await assertAllClose(loss, 1, { where: "loss" });
  await assertAllClose(gradW, [-3], {
    where: "gradW",
    mistakes: [{
      name: "gradient without the factor 2",
      explanation: "d(r²)/dr = 2r: the gradient of the mean square is (2/n)·Xᵀr",
      values: [-1.5],
    }],
  });
  await assertAllClose(gradB, -2, { where: "gradB" });
});

test("linearRegressionLossAndGradient() with two features and a bias", async () => {
  // X = [[1, 0], [0, 1], [1, 1]], y = [1, 2, 3], w = [1, 1], b = 0.5:
  // Xw + b = [1.5, 1.5, 2.5], r = [0.5, −0.5, −0.5], loss = 0.75/3 = 0.25;
  // gradW = (2/3)·Xᵀr = (2/3)·[0, −1]; gradB = (2/3)·(−0.5) = −1/3.
  const { loss, gradW, gradB } = linearRegressionLossAndGradient(
    tensor([[1, 0], [0, 1], [1, 1]]),
    tensor([1, 2, 3]),
    tensor([1, 1]),
    tensor(0.5),
  );
  await assertAllClose(loss, 0.25, { where: "loss" });
  await assertAllClose(gradW, [0, -2 / 3], { where: "gradW" });
  await assertAllClose(gradB, -1 / 3, { where: "gradB" });
});

test("trainLinearRegression() indexes the schedule by UPDATE and reshuffles every epoch", async () => {
  // n = 2, batchSize 1: two updates per epoch. η^t = 0.1 for t < 3, then 0, so
  // epoch 0's two updates and epoch 1's first move w and b (seed 2 draws the
  // permutations [1, 0] then [0, 1]: which row comes first in epoch 1 matters).
  // Below, the same run in numbers, with the same generator: one
  // rng.permutation(2) per epoch.
  const X = [1, 2];
  const y = [1, 3];
  const rng = new Rng(2);
  let w = 0;
  let b = 0;
  let t = 0;
  for (let epoch = 0; epoch < 2; epoch++) {
    for (const i of rng.permutation(2)) {
      const eta = t < 3 ? 0.1 : 0;
      const r = w * X[i] + b - y[i];
      w -= eta * 2 * r * X[i];
      b -= eta * 2 * r;
      t++;
    }
  }
  const result = await trainLinearRegression(tensor([[1], [2]]), tensor([1, 3]), {
    batchSize: 1,
    learningRate: (update) => (update < 3 ? 0.1 : 0),
    epochs: 2,
    seed: 2,
  });
  check(result.updates === 4, `2 epochs of 2 updates: expected updates = 4, got ${result.updates}`);
  check(result.lossHistory.length === 2, `one loss per epoch, got ${result.lossHistory.length}`);
  await assertAllClose(result.w, [w], { where: "w after training" });
  await assertAllClose(result.b, b, { where: "b after training" });
});

test("trainLinearRegression() with η = 0 keeps w = 0, b = 0 and a flat loss of mean(y²)", async () => {
  const result = await trainLinearRegression(
    tensor([[1, 2], [3, 4], [5, 6]]),
    tensor([1, -2, 2]),
    { batchSize: 2, learningRate: 0, epochs: 3, seed: 1 },
  );
  check(result.updates === 6, `⌈3/2⌉ = 2 updates per epoch, 3 epochs: got ${result.updates}`);
  await assertAllClose(result.lossHistory, [3, 3, 3], { where: "lossHistory", dtype: "float32" });
  await assertAllClose(result.w, [0, 0], { where: "w" });
});
