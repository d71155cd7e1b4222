// Kata 10 hidden cases: graded, never released. Written as if this file sat in
// katas/10_overfitting/ (it imports ./overfitting.ts): run here it checks the
// reference (`deno test solutions/10_overfitting/hidden_test.ts`); the grader
// copies it next to a submission's overfitting.ts. What students see of a
// failure: ./hidden.json.
import {
  augmentWithNoise,
  decoupledWeightDecay,
  dropout,
  earlyStopping,
  l2Gradient,
  trainWithEarlyStopping,
} from "./overfitting.ts";
import { type Optimizer, Rng, tensor, uniform, where } from "../../lib/mod.ts";
import { assertAllClose, check, defineKata } from "../../lib/testing/mod.ts";

const test = defineKata(10);
const numbers = { tensors: false } as const;

test("earlyStopping() with patience 1 stops at the first epoch without improvement", async () => {
  // [3, 2, 2.5, 1]: epoch 2 does not improve on 2 → stop after epoch 2.
  const s = earlyStopping([3, 2, 2.5, 1], { patience: 1 });
  await assertAllClose([s.bestEpoch, s.bestLoss, s.stopEpoch], [1, 2, 2], {
    where: "earlyStopping([3, 2, 2.5, 1], { patience: 1 })",
  });
}, numbers);

test("earlyStopping() on a loss that only falls never stops early", async () => {
  const losses = [5, 4, 3, 2, 1, 0.5];
  const s = earlyStopping(losses, { patience: 3 });
  await assertAllClose([s.bestEpoch, s.bestLoss, s.stopEpoch], [5, 0.5, 5], {
    where: "earlyStopping([5, 4, 3, 2, 1, 0.5], { patience: 3 })",
  });
}, numbers);

test(
  "trainWithEarlyStopping() stops at maxEpochs and keeps the best when patience never runs out",
  async () => {
    // Loss after epoch e = (e − 3)², maxEpochs 5, patience 10: best epoch 3, params 4.
    const result = await trainWithEarlyStopping({
      params: 0,
      step: (p: number) => p + 1,
      validationLoss: (p: number) => (p - 1 - 3) ** 2,
      maxEpochs: 5,
      patience: 10,
    });
    check(
      result.params === 4 && result.bestEpoch === 3 && result.history.length === 5,
      `expected params 4, bestEpoch 3 and 5 epochs run; got ${result.params}, ${result.bestEpoch}, ${result.history.length}`,
    );
  },
  numbers,
);

test("l2Gradient() with λ = 0 is zero and keeps θ's shape", async () => {
  await assertAllClose(l2Gradient(tensor([[1, -2], [3, 4]]), 0), [[0, 0], [0, 0]], {
    where: "l2Gradient([[1, −2], [3, 4]], 0)",
    dtype: "float32",
  });
});

test("decoupledWeightDecay() with λ = 0 follows the inner optimizer exactly", async () => {
  const sgd: Optimizer<null> = {
    learningRate: 0.1,
    init: () => null,
    update: (g, state, params) => ({ params: params.sub(g.mul(0.1)), state }),
  };
  const o = decoupledWeightDecay(sgd, { weightDecay: 0 });
  const params = tensor([1, 2]);
  const { params: next } = o.update(tensor([1, -1]), o.init(params), params);
  await assertAllClose(next, [0.9, 2.1], { where: "step 1", dtype: "float32" });
});

test("dropout() with p = 0.9 keeps about a tenth and scales them by 10", async () => {
  const x = tensor(Array.from({ length: 50 }, (_, i) => i + 1));
  const u = uniform(new Rng(9), [50]);
  await assertAllClose(
    dropout(x, 0.9, { training: true, rng: new Rng(9) }),
    where(u.ge(0.9), x.mul(10), 0),
    { where: "dropout(1…50, 0.9, { training: true, rng: new Rng(9) })", dtype: "float32" },
  );
});

test("augmentWithNoise() with σ = 0 repeats the rows exactly", async () => {
  const out = augmentWithNoise(tensor([[1, 2]]), tensor([3]), {
    copies: 3,
    noise: 0,
    rng: new Rng(1),
  });
  await assertAllClose(out.X, [[1, 2], [1, 2], [1, 2], [1, 2]], { dtype: "float32" });
  await assertAllClose(out.y, [3, 3, 3, 3], { dtype: "float32" });
});
