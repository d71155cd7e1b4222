// Planted mistakes for kata 08: each is an edit of solutions/08_kfold/kfold.ts that a
// learner could plausibly make; the kata contract proves a case catches and names each one.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    // ⌊n/k⌋ per fold and whatever is left over dumped on the last one: sizes [3, 3, 4] for n = 10, k = 3.
    name: "the remainder given to the last fold",
    edits: [[
      "for (const size of foldSizes(n, k)) {",
      "for (const size of Array.from({ length: k }, (_, f) => " +
      "f < k - 1 ? Math.floor(n / k) : n - (k - 1) * Math.floor(n / k))) {",
    ]],
  },
  {
    // Walking the shuffled order instead of 0…n−1: the right set, in shuffled order.
    name: "train indices not ascending",
    edits: [[
      "for (let i = 0; i < n; i++) if (!heldOut.has(i)) train.push(i);",
      "for (const i of order) if (!heldOut.has(i)) train.push(i);",
    ]],
  },
  {
    // Train on everything, the held-out fold included.
    name: "validation leaking into train",
    edits: [[
      "for (let i = 0; i < n; i++) if (!heldOut.has(i)) train.push(i);",
      "for (let i = 0; i < n; i++) train.push(i);",
    ]],
  },
  {
    // A fresh permutation for each fold: pieces of different orders overlap and miss indices.
    name: "a new permutation per fold",
    edits: [[
      "const validation = order.slice(start, start + size);",
      "const validation = (shuffle && rng ? rng.permutation(n) : order).slice(start, start + size);",
    ]],
  },
  {
    // shuffle: true has no effect.
    name: "shuffling ignored",
    edits: [[
      "const order = shuffle && rng ? rng.permutation(n) : Array.from({ length: n }, (_, i) => i);",
      "const order = Array.from({ length: n }, (_, i) => i);",
    ]],
  },
  {
    // No check of k against n: foldSizes(3, 4) = [1, 1, 1, 0], one fold holds out nothing.
    name: "k larger than n not refused",
    edits: [[
      "if (k > n) {\n    throw new ValueError(`${action}:",
      "if (false) {\n    throw new ValueError(`${action}:",
    ]],
  },
  {
    // stratifiedKFold that is plain kFold: sorted labels put whole classes in one fold.
    name: "stratification ignored",
    edits: [[
      "  // Group the (shuffled) positions by class, keeping their order within each class.\n",
      "  return kFold(n, k, options);\n",
    ]],
  },
  {
    // Each class dealt from fold 0: every class's leftovers pile up on the first folds.
    name: "each class dealt from fold 0",
    edits: [[
      "for (const i of members) foldOf[i] = position++ % k;",
      "for (const [j, i] of members.entries()) foldOf[i] = j % k;",
    ]],
  },
  {
    // Bessel's correction where the spec asks for the population std.
    name: "sample standard deviation (k − 1)",
    edits: [[
      "(sum, score) => sum + (score - mean) ** 2, 0) / scores.length;",
      "(sum, score) => sum + (score - mean) ** 2, 0) / (scores.length - 1);",
    ]],
  },
  {
    // Folds cut from 0…n−1: on sorted data, consecutive folds are not alike.
    name: "crossValidate without shuffling",
    edits: [[
      "folds ?? kFold(n, k, { shuffle: true, rng })",
      "folds ?? kFold(n, k, { shuffle: false, rng })",
    ]],
  },
  {
    // Every candidate draws its own split from the (moving) rng.
    name: "candidates compared on different folds",
    edits: [["      folds: shared,\n", ""]],
  },
  {
    // The fitted model scored on the rows it was fitted on.
    name: "scoring on the training folds",
    edits: [[
      "return candidate.loss(model, fold.validation);",
      "return candidate.loss(model, fold.train);",
    ]],
  },
  {
    // Keeps the maximum of a lower-is-better loss.
    name: "selecting the highest validation loss",
    edits: [[
      "if (table[c].validationLoss < table[best].validationLoss) best = c;",
      "if (table[c].validationLoss > table[best].validationLoss) best = c;",
    ]],
  },
  {
    // Picks by the loss on training rows: always the most flexible model.
    name: "selecting by training loss",
    edits: [[
      "if (table[c].validationLoss < table[best].validationLoss) best = c;",
      "if (table[c].trainLoss < table[best].trainLoss) best = c;",
    ]],
  },
];
