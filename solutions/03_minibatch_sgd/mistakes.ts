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
];
