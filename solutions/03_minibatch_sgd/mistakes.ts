// Planted mistakes for kata 03: each edit of the solution is a slip a learner could
// make; the kata contract proves that a case fails and names it.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    // Re-seeding every epoch replays the first shuffle: the order never changes.
    name: "no reshuffle between epochs",
    edits: [[
      "minibatchIndices(n, batchSize, { rng }); // a fresh permutation every epoch",
      "minibatchIndices(n, batchSize, { rng: new Rng(seed) });",
    ]],
  },
  {
    // The same mistake made another way: the batches are cut once, before the
    // epoch loop, and walked again every epoch. Its output is identical to a new
    // Rng(seed) every epoch (both repeat the first permutation), so no case can
    // tell the two apart and they share one name.
    name: "no reshuffle between epochs",
    edits: [
      [
        "    const batches = minibatchIndices(n, batchSize, { rng }); // a fresh permutation every epoch\n",
        "",
      ],
      [
        "const rng = new Rng(seed); // one generator for the whole run",
        "const rng = new Rng(seed);\n  const batches = minibatchIndices(n, batchSize, { rng });",
      ],
    ],
  },
  {
    name: "summing instead of averaging the batch gradient",
    edits: [
      ["X.transpose().matmul(residual).mul(2 / n)", "X.transpose().matmul(residual).mul(2)"],
      ["const gradB = residual.mean().mul(2);", "const gradB = residual.sum().mul(2);"],
    ],
  },
  {
    name: "the last partial batch dropped silently",
    edits: [[
      "if (batch.length < batchSize && dropLast) break;",
      "if (batch.length < batchSize) break;",
    ]],
  },
  {
    name: "loss history recorded per batch instead of per epoch",
    edits: [
      ["    epochLosses.push(linearRegressionLossAndGradient(X, y, w, b).loss);\n  }", "  }"],
      [
        "      updates += 1;\n",
        "      updates += 1;\n      epochLosses.push(linearRegressionLossAndGradient(X, y, w, b).loss);\n",
      ],
    ],
  },
  {
    name: "the bias gradient missing its factor 2",
    edits: [["const gradB = residual.mean().mul(2);", "const gradB = residual.mean();"]],
  },
  {
    name: "batches in file order (no shuffle at all)",
    edits: [[
      "minibatchIndices(n, batchSize, { rng }); // a fresh permutation every epoch",
      "minibatchIndices(n, batchSize, { rng, shuffle: false });",
    ]],
  },
  {
    name: "the residual taken as y − ŷ",
    edits: [["predict(X, w, b).sub(y)", "y.sub(predict(X, w, b))"]],
  },
  {
    name: "the loss summed instead of averaged",
    edits: [["residual.square().mean()", "residual.square().sum()"]],
  },
  {
    name: "shuffling with Math.random instead of the seeded rng",
    edits: [[
      "rng!.permutation(n)",
      "Array.from({ length: n }, (_, i) => i).sort(() => Math.random() - 0.5)",
    ]],
  },
  {
    name: "the schedule indexed by epoch instead of by update",
    edits: [["learningRateAt(learningRate, updates)", "learningRateAt(learningRate, epoch)"]],
  },
  // A second pass, as a learner who half understood the lecture would slip.
  {
    // "Drop the last batch" read without "when it is short".
    name: "dropLast dropping a full last batch",
    edits: [[
      "if (batch.length < batchSize && dropLast) break;",
      "if (dropLast && start + batchSize >= n) break;",
    ]],
  },
  {
    // The rng taken as the switch: given an rng, it shuffles whatever shuffle says.
    name: "shuffle: false ignored when an rng is given",
    edits: [[
      "const order = shuffle ? rng!.permutation(n)",
      "const order = rng ? rng.permutation(n)",
    ]],
  },
  {
    name: "the weight gradient missing its factor 2",
    edits: [[
      "X.transpose().matmul(residual).mul(2 / n)",
      "X.transpose().matmul(residual).mul(1 / n)",
    ]],
  },
  {
    // The loss pushed at the top of the epoch loop, before its updates.
    name: "the loss recorded before each epoch instead of after",
    edits: [
      [
        "    const batches = minibatchIndices(n, batchSize, { rng }); // a fresh permutation every epoch\n",
        "    epochLosses.push(linearRegressionLossAndGradient(X, y, w, b).loss);\n    const batches = minibatchIndices(n, batchSize, { rng }); // a fresh permutation every epoch\n",
      ],
      ["    epochLosses.push(linearRegressionLossAndGradient(X, y, w, b).loss);\n  }", "  }"],
    ],
  },
  {
    // "Update 1" for the first update: every η^t is read one step late, and the count is one too many.
    name: "the update count t started at 1",
    edits: [["let updates = 0;", "let updates = 1;"]],
  },
  {
    // zeros([1]): a bias with a length, which broadcasts, so the training still works.
    name: "b as a [1] tensor instead of a scalar",
    edits: [["let b = zeros([], where);", "let b = zeros([1], where);"]],
  },
  {
    // zeros() without the input's dtype is float32.
    name: "a float32 result for float64 input",
    edits: [["let w = zeros([d], where);", "let w = zeros([d]);"]],
  },
];
