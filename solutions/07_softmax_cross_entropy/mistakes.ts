// Planted mistakes for kata 07: each edit of solutions/07_softmax_cross_entropy/softmax_cross_entropy.ts
// is one a learner could make; the kata contract proves a case fails and names it.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    name: "softmax without subtracting the row maximum",
    edits: [["const shifted = logits.sub(logits.max(-1, true));", "const shifted = logits;"]],
  },
  {
    name: "normalising over the wrong axis",
    edits: [["return exps.div(exps.sum(-1, true));", "return exps.div(exps.sum(0, true));"]],
  },
  {
    name: "log of softmax instead of log-softmax",
    edits: [["return z.sub(z.exp().sum(-1, true).log());", "return softmax(logits).log();"]],
  },
  {
    name: "summing instead of averaging over the batch",
    edits: [["return lossPerExample.mean();", "return lossPerExample.sum();"]],
  },
  {
    name: "a gradient missing the 1/B",
    edits: [["return softmax(logits).sub(yHat).div(batch);", "return softmax(logits).sub(yHat);"]],
  },
  {
    name: "a gradient missing the one-hot term",
    edits: [["return softmax(logits).sub(yHat).div(batch);", "return softmax(logits).div(batch);"]],
  },
  {
    name: "labels treated as one-hot rows",
    edits: [[
      "const target = oneHot(labels, classes, logits.dtype);",
      "const target = labels.cast(logits.dtype);",
    ]],
  },
  {
    name: "MSE gradient without the softmax Jacobian",
    edits: [[
      "return p.mul(residual.sub(pDotResidual)).mul(2 / batch);",
      "return residual.mul(2 / batch);",
    ]],
  },
  {
    name: "MSE gradient without the −ppᵀ part of the Jacobian",
    edits: [[
      "return p.mul(residual.sub(pDotResidual)).mul(2 / batch);",
      "return p.mul(residual).mul(2 / batch);",
    ]],
  },
];
