// Kata 07 hidden cases: graded, never released. Written as if this file sat in
// katas/07_softmax_cross_entropy/ (it imports ./softmax_cross_entropy.ts): run here it checks the reference
// (`deno test -A solutions/07_softmax_cross_entropy/hidden_test.ts`); the grader copies it next
// to a submission's code. Written against SPEC §6, not against the public suite,
// to catch what a suite that is still changing may let through. What students
// see of a failure: ./hidden.json.
import {
  crossEntropy,
  crossEntropyGradient,
  logSoftmax,
  mseOnSoftmax,
  mseOnSoftmaxGradient,
  softmax,
} from "./softmax_cross_entropy.ts";
import { tensor } from "../../lib/mod.ts";
import { assertAllClose, defineKata } from "../../lib/testing/mod.ts";

const test = defineKata(7);
const labels = (values: number[]) => tensor(values, { dtype: "int32" });

test("softmax() shifts each ROW by its own maximum: a row far below another stays finite", async () => {
  // Row 2 is row 1 − 1001: the same probabilities. Shifting by the maximum of
  // the whole batch would leave exp(−1001) = 0 in every entry of row 2: 0/0.
  const e = [Math.exp(-2), Math.exp(-1), 1];
  const total = e[0] + e[1] + e[2];
  const expected = e.map((x) => x / total);
  await assertAllClose(softmax(tensor([[1, 2, 3], [-1000, -999, -998]])), [expected, expected], {
    where: "softmax() of two rows 1001 apart",
  });
});

test("logSoftmax() keeps −1e4 where log(softmax) would give −Infinity", async () => {
  await assertAllClose(logSoftmax(tensor([[0, -1e4]])), [[0, -1e4]], {
    where: "logSoftmax([[0, −1e4]])",
  });
});

test("crossEntropy() is the MEAN over the batch, not the sum", async () => {
  // Three rows of equal logits over 2 classes: −log ½ each; mean ln 2, sum 3 ln 2.
  await assertAllClose(
    crossEntropy(tensor([[0, 0], [0, 0], [0, 0]]), labels([0, 1, 0])),
    Math.LN2,
    {
      where: "crossEntropy() of 3 rows of [0, 0]",
      mistakes: [{
        name: "cross-entropy summed over the batch",
        explanation: "divide the sum of −log p_label by the batch size B",
        values: [3 * Math.LN2],
      }],
    },
  );
});

test("crossEntropyGradient() is (softmax − oneHot)/B, the label's column negative", async () => {
  await assertAllClose(
    crossEntropyGradient(tensor([[0, 0], [0, 0]]), labels([0, 1])),
    [[-0.25, 0.25], [0.25, -0.25]],
    {
      where: "crossEntropyGradient() of 2 rows of [0, 0], labels [0, 1]",
      mistakes: [{
        name: "gradient not divided by B",
        explanation: "the loss is a mean over the batch, so its gradient is divided by B",
        values: [[-0.5, 0.5], [0.5, -0.5]],
      }],
    },
  );
});

test("mseOnSoftmax() at equal logits and its gradient at [0, ln 3], 2 classes (worked by hand)", async () => {
  // ŷ = [½, ½], y' = [1, 0]: Σ (ŷ − y')² = ¼ + ¼ = ½ per row.
  await assertAllClose(mseOnSoftmax(tensor([[0, 0], [0, 0]]), labels([0, 0])), 0.5, {
    where: "mseOnSoftmax() of 2 rows of [0, 0]",
  });
  // Logits [0, ln 3]: ŷ = [¼, ¾], label 0, dL/dŷ = 2(ŷ − y') = [−1.5, 1.5].
  // Softmax's Jacobian diag(ŷ) − ŷŷᵀ = [[3/16, −3/16], [−3/16, 3/16]]; J·[−1.5, 1.5] = [−9/16, 9/16].
  await assertAllClose(mseOnSoftmaxGradient(tensor([[0, Math.log(3)]]), labels([0])), [[
    -9 / 16,
    9 / 16,
  ]], {
    where: "mseOnSoftmaxGradient() of [[0, ln 3]], label 0",
    mistakes: [{
      name: "MSE gradient without the −ppᵀ part of the Jacobian",
      explanation: "softmax's Jacobian is diag(p) − ppᵀ, not diag(p)",
      values: [[-0.375, 1.125]],
    }],
  });
});

test("crossEntropy() at logits ±1e4 is finite: 2e4 for the wrong class, 0 for the right one", async () => {
  await assertAllClose(crossEntropy(tensor([[1e4, -1e4]]), labels([1])), 2e4, {
    where: "crossEntropy([[1e4, −1e4]], label 1)",
  });
  await assertAllClose(crossEntropy(tensor([[1e4, -1e4]]), labels([0])), 0, {
    where: "crossEntropy([[1e4, −1e4]], label 0)",
  });
});
