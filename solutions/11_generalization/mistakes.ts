// Planted mistakes for kata 11: each is an edit of solutions/11_generalization/generalization.ts
// that a learner could plausibly make; the kata contract proves a case catches and names each one.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    // Counting mistakes and forgetting to divide: a "loss" of 2 on four examples.
    name: "loss summed instead of averaged",
    edits: [["return wrong / examples.length;", "return wrong;"]],
  },
  {
    // Counting the hits: the fraction right, 1 − L.
    name: "accuracy instead of loss",
    edits: [[
      "if (classify(threshold, x) !== y) wrong++;",
      "if (classify(threshold, x) === y) wrong++;",
    ]],
  },
  {
    // No guard: 0/0 = NaN travels on.
    name: "empty data set not refused",
    edits: [[
      "  if (examples.length === 0) {\n    throw new ValueError(\n      `Cannot compute the loss of threshold ${threshold}: the data set is empty`,\n    );\n  }\n",
      "",
    ]],
  },
  {
    // ≤ instead of <: a later threshold with the same loss takes over.
    name: "ties broken toward the last",
    edits: [["if (loss < bestLoss) {", "if (loss <= bestLoss) {"]],
  },
  {
    // Keeping the highest loss.
    name: "argmax instead of argmin",
    edits: [["if (loss < bestLoss) {", "if (loss > bestLoss) {"]],
  },
  {
    // Returning the position in the family instead of the threshold.
    name: "index instead of threshold",
    edits: [
      ["let best = family[0];", "let best = 0;"],
      [
        "let bestLoss = zeroOneLoss(best, examples);",
        "let bestLoss = zeroOneLoss(family[0], examples);",
      ],
      [
        "for (const threshold of family.slice(1)) {",
        "for (const [i, threshold] of family.entries()) {",
      ],
      [
        "      best = threshold;\n      bestLoss = loss;",
        "      best = i;\n      bestLoss = loss;",
      ],
    ],
  },
  {
    // A shuffled copy cut to length: every example at most once, and never more than |D_all|.
    name: "sampling without replacement",
    edits: [[
      "return Array.from({ length: n }, () => population[rng.int(0, population.length)]);",
      "return rng.permutation(population.length).slice(0, n).map((i) => population[i]);",
    ]],
  },
  {
    // Treating rng.int's upper end as inclusive.
    name: "last example never drawn",
    edits: [[
      "() => population[rng.int(0, population.length)]",
      "() => population[rng.int(0, population.length - 1)]",
    ]],
  },
  {
    // Only training sets that make h look worse count.
    name: "one-sided gap",
    edits: [[
      "const gap = Math.abs(zeroOneLoss(threshold, train) - zeroOneLoss(threshold, population));",
      "const gap = zeroOneLoss(threshold, train) - zeroOneLoss(threshold, population);",
    ]],
  },
  {
    // Averaging the gaps over H instead of taking the worst.
    name: "mean gap instead of the largest",
    edits: [
      ["largest = Math.max(largest, gap);", "largest += gap;"],
      ["  return largest;\n", "  return largest / family.length;\n"],
    ],
  },
  {
    // One tail of Hoeffding.
    name: "bound without the factor 2",
    edits: [[
      "hypotheses * 2 * Math.exp(-2 * n * epsilon ** 2)",
      "hypotheses * Math.exp(-2 * n * epsilon ** 2)",
    ]],
  },
  {
    // Hoeffding for one h, applied to the whole family.
    name: "union bound forgotten",
    edits: [[
      "hypotheses * 2 * Math.exp(-2 * n * epsilon ** 2)",
      "2 * Math.exp(-2 * n * epsilon ** 2)",
    ]],
  },
  {
    // exp(−Nε²).
    name: "exponent without the 2",
    edits: [[
      "hypotheses * 2 * Math.exp(-2 * n * epsilon ** 2)",
      "hypotheses * 2 * Math.exp(-n * epsilon ** 2)",
    ]],
  },
  {
    // exp(−2Nε).
    name: "ε not squared",
    edits: [[
      "hypotheses * 2 * Math.exp(-2 * n * epsilon ** 2)",
      "hypotheses * 2 * Math.exp(-2 * n * epsilon)",
    ]],
  },
  {
    // A "probability" of 2707.
    name: "bound not capped at 1",
    edits: [[
      "return Math.min(1, hypotheses * 2 * Math.exp(-2 * n * epsilon ** 2));",
      "return hypotheses * 2 * Math.exp(-2 * n * epsilon ** 2);",
    ]],
  },
  {
    // The guard forgotten: |H| = 0 gives a bound of 0, "no risk at all".
    name: "|H| < 1 not refused",
    edits: [[
      "  if (!Number.isInteger(hypotheses) || hypotheses < 1) {\n    throw new ValueError(\n      `Cannot bound P(D_train bad): |H| = ${hypotheses} is not a whole number ≥ 1`,\n    );\n  }\n",
      "",
    ]],
  },
  {
    // Rounding to the nearest (or down): 610 examples leave the bound at 0.1006 > δ.
    name: "sample size rounded down",
    edits: [["return Math.ceil(exact);", "return Math.floor(exact);"]],
  },
  {
    // ln(2|H|·δ): solving the inequality with δ on the wrong side.
    name: "δ multiplied inside the logarithm",
    edits: [["Math.log((2 * hypotheses) / delta)", "Math.log(2 * hypotheses * delta)"]],
  },
  {
    // ln(|H|/δ): the two tails forgotten when solving for N.
    name: "factor 2 dropped inside the logarithm",
    edits: [["Math.log((2 * hypotheses) / delta)", "Math.log(hypotheses / delta)"]],
  },
  {
    // Dividing by 2ε.
    name: "ε not squared in the sample size",
    edits: [["/ (2 * epsilon ** 2);", "/ (2 * epsilon);"]],
  },
  {
    // The ε guard forgotten in samplesNeeded().
    name: "ε ≤ 0 not refused",
    edits: [[
      "    throw new ValueError(`Cannot size the training set: ε = ${epsilon} is not a positive number`);\n",
      "    // (ε ≤ 0 let through)\n",
    ]],
  },
  {
    // The δ guard forgotten.
    name: "δ outside (0, 1) not refused",
    edits: [[
      "  if (!(delta > 0 && delta < 1)) {\n    throw new ValueError(`Cannot size the training set: δ = ${delta} is outside (0, 1)`);\n  }\n",
      "",
    ]],
  },
  {
    // Drawing D_train once, before the loop: every trial judges the same set.
    name: "the same training set every trial",
    edits: [
      [
        "  const records: Trial[] = [];\n",
        "  const records: Trial[] = [];\n  const train = drawTrainingSet(population, n, rng);\n",
      ],
      ["    const train = drawTrainingSet(population, n, rng);\n", ""],
    ],
  },
  {
    // Counting the good ones.
    name: "fraction of good training sets",
    edits: [["if (gap > epsilon) bad++;", "if (gap <= epsilon) bad++;"]],
  },
  {
    // Judging h^train where it was chosen.
    name: "excess loss measured on the training set",
    edits: [[
      "const excessLoss = zeroOneLoss(hTrain, population) - allLossOfBest;",
      "const excessLoss = zeroOneLoss(hTrain, train) - allLossOfBest;",
    ]],
  },
  {
    // h^all picked on D_train, so it is h^train and the excess is always 0.
    name: "h^all chosen on the training set",
    edits: [
      [
        "  const hAll = bestThreshold(family, population);\n  const allLossOfBest = zeroOneLoss(hAll, population);\n",
        "",
      ],
      [
        "const excessLoss = zeroOneLoss(hTrain, population) - allLossOfBest;",
        "const excessLoss = zeroOneLoss(hTrain, population) -\n      zeroOneLoss(bestThreshold(family, train), population);",
      ],
    ],
  },
];
