// Planted mistakes for kata 12: each is a slip a learner could make in
// solutions/12_capstone/capstone.ts. The kata contract plants each one and
// proves a case fails with a message that names it.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    name: "no warm-up",
    edits: [[
      "adam({ learningRate: linearWarmup({ peak, warmupSteps }) })",
      "adam({ learningRate: peak })",
    ]],
  },
  {
    name: "Adam state reset every batch",
    edits: [[
      "        const { grad } = lossAndGradient(theta, shape, rows);\n",
      "        const { grad } = lossAndGradient(theta, shape, rows);\n        state = optimizer.init(theta);\n",
    ]],
  },
  {
    name: "Adam restarted every epoch",
    edits: [
      ["  const optimizer = adam(", "  let optimizer = adam("],
      [
        "    step: (theta: Tensor) => {\n",
        "    step: (theta: Tensor) => {\n      optimizer = adam({ learningRate: linearWarmup({ peak, warmupSteps }) });\n      state = optimizer.init(theta);\n",
      ],
    ],
  },
  {
    name: "one update per epoch",
    edits: [[
      "minibatchIndices(train.X.shape[0], batchSize, { rng })",
      "[Array.from({ length: train.X.shape[0] }, (_, i) => i)]",
    ]],
  },
  {
    name: "no shuffling",
    edits: [[
      "minibatchIndices(train.X.shape[0], batchSize, { rng })",
      "minibatchIndices(train.X.shape[0], batchSize, { shuffle: false })",
    ]],
  },
  {
    name: "the same shuffle every epoch",
    edits: [[
      "minibatchIndices(train.X.shape[0], batchSize, { rng })",
      "minibatchIndices(train.X.shape[0], batchSize, { rng: new Rng(seed + 1) })",
    ]],
  },
  {
    name: "last short batch dropped",
    edits: [[
      "minibatchIndices(train.X.shape[0], batchSize, { rng })",
      "minibatchIndices(train.X.shape[0], batchSize, { rng, dropLast: true })",
    ]],
  },
  {
    name: "gradient ascent",
    edits: [["optimizer.update(grad, state, theta)", "optimizer.update(grad.neg(), state, theta)"]],
  },
  {
    name: "one rng for the initialisation and the shuffles",
    edits: [
      [
        "  const theta0 = initNetwork(shape, new Rng(seed));\n",
        "  const rng = new Rng(seed);\n  const theta0 = initNetwork(shape, rng);\n",
      ],
      ["  const rng = new Rng(seed + 1); // the shuffles: one stream for the whole run\n", ""],
    ],
  },
  {
    name: "early stopping on the training loss",
    edits: [[
      "lossAndGradient(theta, shape, validation).loss.item()",
      "lossAndGradient(theta, shape, train).loss.item()",
    ]],
  },
  {
    name: "returning the last parameters",
    edits: [
      [
        "  const result = await trainWithEarlyStopping({",
        "  let last = theta0;\n  const result = await trainWithEarlyStopping({",
      ],
      ["      return theta;\n", "      last = theta;\n      return theta;\n"],
      ["return { theta: result.params, shape,", "return { theta: last, shape,"],
    ],
  },
  {
    name: "hidden 0 accepted",
    edits: [[
      "if (!Number.isInteger(hidden) || hidden < 1) {",
      "if (!Number.isInteger(hidden) || hidden < 0) {",
    ]],
  },
  {
    name: "scored by the error rate, not the loss",
    edits: [[
      "lossAndGradient(model.theta, model.shape, rowsOf(indices)).loss.item(),",
      "accuracyOf(model.theta, model.shape, rowsOf(indices)).then((a) => 1 - a),",
    ]],
  },
  {
    name: "treating optimization as model bias",
    edits: [[
      "return { ...BROKEN_RUN, standardize: true };",
      "return { ...BROKEN_RUN, hidden: 64 };",
    ]],
  },
  {
    name: "warm-up alone",
    edits: [[
      "return { ...BROKEN_RUN, standardize: true };",
      "return { ...BROKEN_RUN, warmupSteps: 50 };",
    ]],
  },
  {
    name: "a different learning rate alone",
    edits: [[
      "return { ...BROKEN_RUN, standardize: true };",
      "return { ...BROKEN_RUN, peak: 0.1 };",
    ]],
  },
];
