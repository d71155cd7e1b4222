// Planted mistakes for kata 07: each edit of solutions/07_softmax_cross_entropy/softmax_cross_entropy.ts
// is one a learner could make; the kata contract proves a case fails and names it, and
// that no message names another. The first nine came with the kata; the rest are a second
// pass written as a learner who half understood the lecture: keepDims, which max, signs,
// which mean, the factor 2, and the stability of the gradients as well as the values.
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

  // --- second pass ---
  {
    // sum(-1) without keepDims: [B] broadcasts as a row (silently wrong when B = C).
    name: "row sums without keepDims",
    edits: [["return exps.div(exps.sum(-1, true));", "return exps.div(exps.sum(-1));"]],
  },
  {
    // "subtract the max" read as the largest logit of the whole batch.
    name: "the batch's maximum subtracted instead of each row's",
    edits: [[
      "const shifted = logits.sub(logits.max(-1, true));",
      "const shifted = logits.sub(logits.max());",
    ]],
  },
  {
    // z = y − max, then y − log Σ exp(z): the max never comes back.
    name: "log-sum-exp without adding the max back",
    edits: [[
      "return z.sub(z.exp().sum(-1, true).log());",
      "return logits.sub(z.exp().sum(-1, true).log());",
    ]],
  },
  {
    name: "cross-entropy with the sign flipped",
    edits: [[
      "target.mul(logSoftmax(logits)).sum(-1).neg();",
      "target.mul(logSoftmax(logits)).sum(-1);",
    ]],
  },
  {
    // The lecture's −Σ ŷ ln y' written literally, with the kata's own softmax().
    name: "crossEntropy() taking the log of softmax()",
    edits: [[
      "target.mul(logSoftmax(logits)).sum(-1).neg();",
      "target.mul(softmax(logits).log()).sum(-1).neg();",
    ]],
  },
  {
    name: "a gradient with the sign flipped",
    edits: [[
      "return softmax(logits).sub(yHat).div(batch);",
      "return yHat.sub(softmax(logits)).div(batch);",
    ]],
  },
  {
    // B and C mixed up: "divide by the size".
    name: "a gradient divided by C instead of B",
    edits: [[
      "return softmax(logits).sub(yHat).div(batch);",
      "return softmax(logits).sub(yHat).div(classes);",
    ]],
  },
  {
    // "the loss is in logs, so is its gradient".
    name: "a gradient from logSoftmax instead of softmax",
    edits: [[
      "return softmax(logits).sub(yHat).div(batch);",
      "return logSoftmax(logits).sub(yHat).div(batch);",
    ]],
  },
  {
    // exp(y)/Σ exp(y) written inline, without the kata's stable softmax().
    name: "crossEntropyGradient() with an unstable softmax of its own",
    edits: [[
      "return softmax(logits).sub(yHat).div(batch);",
      "return logits.exp().div(logits.exp().sum(-1, true)).sub(yHat).div(batch);",
    ]],
  },
  {
    name: "averaging over the classes too",
    edits: [[
      "softmax(logits).sub(yHat).square().sum(-1);",
      "softmax(logits).sub(yHat).square().mean(-1);",
    ]],
  },
  {
    name: "mseOnSoftmax() summing over the batch",
    edits: [["return squaredErrors.mean();", "return squaredErrors.sum();"]],
  },
  {
    // d(r²)/dr = 2r, the 2 forgotten.
    name: "MSE gradient missing the factor 2",
    edits: [[
      "return p.mul(residual.sub(pDotResidual)).mul(2 / batch);",
      "return p.mul(residual.sub(pDotResidual)).mul(1 / batch);",
    ]],
  },
];
