// Planted mistakes for kata 10: each is a slip a learner could make in
// solutions/10_overfitting/overfitting.ts. The kata contract plants each one and
// proves a case fails with a message that names it.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    name: "patience off by one",
    edits: [["if (wait >= patience) return", "if (wait > patience) return"]],
  },
  {
    name: "never stopping",
    edits: [
      ["      if (wait >= patience) return { bestEpoch, bestLoss, stopEpoch: epoch };\n", ""],
      ["    if (epoch - bestEpoch >= patience) break;", "    if (epoch < 0) break;"],
    ],
  },
  {
    name: "compared with the previous epoch",
    edits: [[
      "if (loss < bestLoss - minDelta) {",
      "if (loss < validationLosses[epoch - 1] - minDelta) {",
    ]],
  },
  {
    name: "epochs counted from 1",
    edits: [
      [
        "      bestEpoch = epoch;\n      bestLoss = loss;",
        "      bestEpoch = epoch + 1;\n      bestLoss = loss;",
      ],
      [
        "return { bestEpoch, bestLoss, stopEpoch: epoch };",
        "return { bestEpoch, bestLoss, stopEpoch: epoch + 1 };",
      ],
    ],
  },
  {
    name: "wait not reset on improvement",
    edits: [["      bestLoss = loss;\n      wait = 0;", "      bestLoss = loss;"]],
  },
  {
    name: "a tie counted as an improvement",
    edits: [["if (loss < bestLoss - minDelta) {", "if (loss <= bestLoss - minDelta) {"]],
  },
  {
    name: "minDelta ignored",
    edits: [["if (loss < bestLoss - minDelta) {", "if (loss < bestLoss) {"]],
  },
  {
    name: "patience 0 accepted",
    edits: [[
      "if (!Number.isInteger(patience) || patience < 1) {",
      "if (!Number.isInteger(patience) || patience < 0) {",
    ]],
  },
  {
    name: "returning the last parameters",
    edits: [[
      "return { params: best, bestEpoch, bestLoss, history };",
      "return { params, bestEpoch, bestLoss, history };",
    ]],
  },
  {
    name: "parameters one epoch behind",
    edits: [
      [
        "    params = await step(params, epoch);\n",
        "    const before = params;\n    params = await step(params, epoch);\n",
      ],
      ["if (bestEpoch === epoch) best = params;", "if (bestEpoch === epoch) best = before;"],
    ],
  },
  {
    name: "L2 penalty without the ½",
    edits: [[
      "return theta.square().sum().mul(lambda / 2);",
      "return theta.square().sum().mul(lambda);",
    ]],
  },
  {
    name: "L1 instead of L2",
    edits: [[
      "return theta.square().sum().mul(lambda / 2);",
      "return theta.abs().sum().mul(lambda);",
    ]],
  },
  {
    name: "L2 gradient 2λθ",
    edits: [["return theta.mul(lambda);", "return theta.mul(2 * lambda);"]],
  },
  {
    name: "L2 gradient with the wrong sign",
    edits: [["return theta.mul(lambda);", "return theta.mul(-lambda);"]],
  },
  {
    name: "weight decay without the learning rate",
    edits: [[
      "stepped.params.sub(params.mul(eta * weightDecay))",
      "stepped.params.sub(params.mul(weightDecay))",
    ]],
  },
  {
    name: "schedule read at t + 1",
    edits: [[
      "learningRateAt(learningRate, state.t);",
      "learningRateAt(learningRate, state.t + 1);",
    ]],
  },
  {
    name: "weight decay with the wrong sign",
    edits: [[
      "stepped.params.sub(params.mul(eta * weightDecay))",
      "stepped.params.add(params.mul(eta * weightDecay))",
    ]],
  },
  {
    name: "decay applied to the stepped parameters",
    edits: [[
      "stepped.params.sub(params.mul(eta * weightDecay))",
      "stepped.params.sub(stepped.params.mul(eta * weightDecay))",
    ]],
  },
  {
    name: "L2 inside the optimizer instead of decoupled decay",
    edits: [
      [
        "const stepped = optimizer.update(grad, state.inner, params);",
        "const stepped = optimizer.update(\n        grad.add(params.mul(weightDecay)),\n        state.inner,\n        params,\n      );",
      ],
      ["stepped.params.sub(params.mul(eta * weightDecay))", "stepped.params"],
    ],
  },
  {
    name: "dropout without the 1/(1−p) scaling",
    edits: [["return where(u.ge(p), x.div(1 - p), 0);", "return where(u.ge(p), x, 0);"]],
  },
  {
    name: "scaling by 1−p instead of 1/(1−p)",
    edits: [["return where(u.ge(p), x.div(1 - p), 0);", "return where(u.ge(p), x.mul(1 - p), 0);"]],
  },
  {
    name: "p read as the keep probability",
    edits: [["return where(u.ge(p), x.div(1 - p), 0);", "return where(u.lt(p), x.div(p), 0);"]],
  },
  {
    name: "non-inverted dropout in evaluation",
    edits: [[
      "if (!training || p === 0) return x;",
      "if (!training) return x.mul(1 - p);\n  if (p === 0) return x;",
    ]],
  },
  {
    name: "p = 1 accepted",
    edits: [["if (!(p >= 0 && p < 1)) {", "if (!(p >= 0 && p <= 1)) {"]],
  },
  {
    name: "the same noise for every copy",
    edits: [
      [
        "  for (let c = 0; c < copies; c++) {\n",
        "  const jitter = normal(rng, X.shape, { dtype: X.dtype }).mul(noise);\n  for (let c = 0; c < copies; c++) {\n",
      ],
      [
        "xs.push(X.add(normal(rng, X.shape, { dtype: X.dtype }).mul(noise)));",
        "xs.push(X.add(jitter));",
      ],
    ],
  },
  {
    name: "noise added to the labels too",
    edits: [[
      "    ys.push(y);\n",
      "    ys.push(y.add(normal(rng, y.shape, { dtype: y.dtype }).mul(noise)));\n",
    ]],
  },
  {
    name: "original rows left out",
    edits: [[
      "  const xs = [X];\n  const ys = [y];",
      "  const xs: Tensor[] = [];\n  const ys: Tensor[] = [];",
    ]],
  },
];
