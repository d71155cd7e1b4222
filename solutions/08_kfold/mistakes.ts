// Planted mistakes for kata 08: each is an edit of solutions/08_kfold/kfold.ts that a
// learner could plausibly make; the kata contract proves a case catches and names each one,
// and that no message names another. The first fourteen came with the kata; the rest are a
// second pass written as a learner who half understood the lecture: a flag that follows
// another option, boundaries, n vs k, ties, concurrency, and what the caller gave.
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

  // --- second pass ---
  {
    // "an rng was passed, so shuffle": the flag made to follow another option.
    name: "shuffling whenever an rng is given",
    edits: [[
      "const order = shuffle && rng ? rng.permutation(n) : Array.from({ length: n }, (_, i) => i);",
      "const order = rng ? rng.permutation(n) : Array.from({ length: n }, (_, i) => i);",
    ]],
  },
  {
    // "at least one fold": k = 1 leaves nothing to train on.
    name: "k = 1 accepted",
    edits: [[
      "if (k < 2) {\n    throw new ValueError(`${action}:",
      "if (k < 1) {\n    throw new ValueError(`${action}:",
    ]],
  },
  {
    // n and k mixed up in the mean.
    name: "mean divided by n instead of k",
    edits: [[
      "const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;",
      "const mean = scores.reduce((sum, score) => sum + score, 0) / n;",
    ]],
  },
  {
    // ≤ instead of <: a tie goes to the later (usually bigger) model.
    name: "ties broken towards the last candidate",
    edits: [[
      "if (table[c].validationLoss < table[best].validationLoss) best = c;",
      "if (table[c].validationLoss <= table[best].validationLoss) best = c;",
    ]],
  },
  {
    // "faster": every fold's fit started at once.
    name: "folds fitted all at once",
    edits: [[
      "for (const [index, fold] of splits.entries()) {\n    const score = await fitAndScore(fold, index);",
      "const all = await Promise.all(splits.map((fold, index) => fitAndScore(fold, index)));\n  for (const [index] of splits.entries()) {\n    const score = all[index];",
    ]],
  },
  {
    // The best found by sorting the table in place.
    name: "table sorted by validation loss",
    edits: [[
      "  let best = 0;\n  for (let c = 1; c < table.length; c++) {\n    if (table[c].validationLoss < table[best].validationLoss) best = c;\n  }\n  return { best: candidates[best], table };",
      "  table.sort((a, b) => a.validationLoss - b.validationLoss);\n  return { best: candidates.find((c) => c.name === table[0].name)!, table };",
    ]],
  },
  {
    // options.folds never read: every call draws its own split.
    name: "given folds ignored",
    edits: [[
      "const splits = folds ?? kFold(n, k, { shuffle: true, rng });",
      "const splits = kFold(n, k, { shuffle: true, rng });",
    ]],
  },
  {
    // Stretch: the stratified split's shuffle flag does nothing.
    name: "stratified shuffling ignored",
    edits: [[
      "const shuffled = shuffle && rng ? rng.permutation(n) : Array.from({ length: n }, (_, i) => i);",
      "const shuffled = Array.from({ length: n }, (_, i) => i);",
    ]],
  },
];
