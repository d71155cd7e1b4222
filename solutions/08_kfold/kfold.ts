// Kata 08 — N-fold cross validation: hold each fold out once as validation, average the
// validation losses, pick the model whose average is lowest; see katas/08_kfold/README.md.
// deno-lint-ignore-file no-unused-vars require-await ban-unused-ignore -- the stubs keep the solution's imports, parameters and async
import { NotImplementedError, type Rng, ValueError } from "../../lib/mod.ts";

/** One split of the data: the indices to fit on, and the indices to score on. */
export interface Fold {
  /** The indices the model is fitted on: every index not in `validation`, ascending. */
  train: number[];
  /** The indices held out to score the fitted model. */
  validation: number[];
}

/** Options of {@linkcode kFold} and {@linkcode stratifiedKFold}. */
export interface SplitOptions {
  /** Shuffle the indices once (with `rng.permutation(n)`) before cutting them into folds. */
  shuffle?: boolean;
  /** Where the shuffle comes from; required when `shuffle` is true, untouched otherwise. */
  rng?: Rng;
}

/**
 * Worked example — how many items each of the k folds holds: ⌊n/k⌋ each, and
 * the n mod k items left over go one apiece to the *first* n mod k folds, so
 * no two folds differ by more than one item (scikit-learn's KFold does the
 * same). n and k are assumed already checked.
 *
 * @param n How many items there are.
 * @param k How many folds.
 * @returns k sizes that add up to n, e.g. `foldSizes(10, 3)` = [4, 3, 3].
 */
export function foldSizes(n: number, k: number): number[] {
  const base = Math.floor(n / k);
  const extra = n % k;
  return Array.from({ length: k }, (_, fold) => (fold < extra ? base + 1 : base));
}

/**
 * Splits the indices 0…n−1 into k folds. The indices are taken in order, or,
 * with `shuffle`, in the order of one `rng.permutation(n)`; that order is cut
 * into k consecutive validation folds whose sizes are {@linkcode foldSizes};
 * each fold's train set is every other index, ascending.
 *
 * @param n How many items (rows of the data set).
 * @param k How many folds, 2 ≤ k ≤ n.
 * @param options `shuffle` (false) and the `rng` to shuffle with.
 * @returns k folds, in order.
 * @throws {ValueError} "Cannot split into k folds: …" when n is 0 or not a
 *   non-negative integer, k is not an integer, k < 2, k > n, or shuffle is on
 *   without an rng.
 */
export function kFold(n: number, k: number, options: SplitOptions = {}): Fold[] {
  const { shuffle = false, rng } = options;
  // #region TODO(kata 08): kFold() — refuse bad n and k, cut 0…n−1 (shuffled once) into k folds
  const action = "Cannot split into k folds";
  if (!Number.isInteger(n) || n < 0) {
    throw new ValueError(`${action}: n ${n} is not a non-negative integer`);
  }
  if (n === 0) throw new ValueError(`${action}: n is 0, there is no data to split`);
  if (!Number.isInteger(k)) throw new ValueError(`${action}: k ${k} is not an integer`);
  if (k < 2) {
    throw new ValueError(`${action}: k ${k} is less than 2, nothing would be left to train on`);
  }
  if (k > n) {
    throw new ValueError(`${action}: k ${k} is more than n ${n}, some fold would be empty`);
  }
  if (shuffle && !rng) throw new ValueError(`${action}: shuffle is on but no rng was given`);
  // One permutation for the whole split, drawn once: the folds are consecutive
  // pieces of it, so every index lands in exactly one validation fold.
  const order = shuffle && rng ? rng.permutation(n) : Array.from({ length: n }, (_, i) => i);
  const folds: Fold[] = [];
  let start = 0;
  for (const size of foldSizes(n, k)) {
    const validation = order.slice(start, start + size);
    start += size;
    // Train on everything else. Walking 0…n−1 (not the shuffled order) keeps it
    // ascending, so the rows a model sees do not depend on the shuffle's order.
    const heldOut = new Set(validation);
    const train: number[] = [];
    for (let i = 0; i < n; i++) if (!heldOut.has(i)) train.push(i);
    folds.push({ train, validation });
  }
  return folds;
  // #endregion
}

/**
 * Splits the positions of `labels` into k folds so that every class is spread
 * over the folds as evenly as it can be: each fold's count of a class differs
 * by at most one from every other fold's, and the folds' sizes differ by at
 * most one. Train and validation are both ascending.
 *
 * @param labels The class of each item (numbers or strings).
 * @param k How many folds, 2 ≤ k ≤ labels.length.
 * @param options `shuffle` (false) and the `rng` to shuffle with (one
 *   `rng.permutation(labels.length)`).
 * @returns k folds, in order.
 * @throws {ValueError} "Cannot split into stratified k folds: …" for no labels,
 *   a non-integer k, k < 2, k > n, or shuffle without an rng.
 */
export function stratifiedKFold(
  labels: readonly (number | string)[],
  k: number,
  options: SplitOptions = {},
): Fold[] {
  const { shuffle = false, rng } = options;
  // #region TODO(kata 08): stratifiedKFold() — stretch goal: deal each class's items round-robin over the folds
  const cannot = "Cannot split into stratified k folds";
  if (!Array.isArray(labels)) throw new ValueError(`${cannot}: labels is not an array`);
  const n = labels.length;
  if (n === 0) throw new ValueError(`${cannot}: labels is empty, there is no data to split`);
  if (!Number.isInteger(k)) throw new ValueError(`${cannot}: k ${k} is not an integer`);
  if (k < 2) {
    throw new ValueError(`${cannot}: k ${k} is less than 2, nothing would be left to train on`);
  }
  if (k > n) {
    throw new ValueError(`${cannot}: k ${k} is more than n ${n}, some fold would be empty`);
  }
  if (shuffle && !rng) throw new ValueError(`${cannot}: shuffle is on but no rng was given`);
  const shuffled = shuffle && rng ? rng.permutation(n) : Array.from({ length: n }, (_, i) => i);
  // Group the (shuffled) positions by class, keeping their order within each class.
  const byClass = new Map<number | string, number[]>();
  for (const i of shuffled) {
    const members = byClass.get(labels[i]);
    if (members) members.push(i);
    else byClass.set(labels[i], [i]);
  }
  // Deal the classes one after another like cards: position p goes to fold
  // p mod k. A class's count then differs by at most one between folds, and
  // because the count carries on from one class to the next (instead of
  // restarting at fold 0), the leftovers of different classes go to different
  // folds and the folds' sizes stay within one of each other too.
  const foldOf = new Array<number>(n);
  let position = 0;
  for (const members of byClass.values()) {
    for (const i of members) foldOf[i] = position++ % k;
  }
  const folds: Fold[] = Array.from({ length: k }, () => ({ train: [], validation: [] }));
  for (let i = 0; i < n; i++) {
    for (let fold = 0; fold < k; fold++) {
      (fold === foldOf[i] ? folds[fold].validation : folds[fold].train).push(i);
    }
  }
  return folds;
  // #endregion
}

/** Options of {@linkcode crossValidate}. */
export interface CrossValidateOptions {
  /** How many items. */
  n: number;
  /** How many folds. */
  k: number;
  /** Shuffles the items once: the folds are `kFold(n, k, { shuffle: true, rng })`. */
  rng: Rng;
  /** Fits a model on `fold.train` and returns its loss on `fold.validation` (lower is better). */
  fitAndScore: (fold: Fold, index: number) => number | Promise<number>;
  /** Use these folds instead of drawing new ones (so several models share one split). */
  folds?: readonly Fold[];
}

/** What {@linkcode crossValidate} returns. */
export interface CrossValidation {
  /** The validation loss of each fold, in fold order. */
  scores: number[];
  /** Their mean: the cross-validated loss. */
  mean: number;
  /** Their population standard deviation: sqrt(Σ (score − mean)² / k). */
  std: number;
}

/**
 * N-fold cross validation of one model: for each fold, in order and one at a
 * time, fit on its train indices and score on its validation indices; report
 * the k scores, their mean and their *population* standard deviation (divide
 * by k, as NumPy's `np.std` does by default on scikit-learn's scores).
 *
 * @param options n, k, the rng that shuffles, `fitAndScore`, and optional fixed `folds`.
 * @returns The scores, their mean and std.
 * @throws {ValueError} For bad n or k (as {@linkcode kFold}), or
 *   "Cannot cross-validate: fold i scored …, not a finite number".
 */
export async function crossValidate(options: CrossValidateOptions): Promise<CrossValidation> {
  const { n, k, rng, fitAndScore, folds } = options;
  // #region TODO(kata 08): crossValidate() — fit and score every fold, then the mean and std
  // The items are shuffled before they are cut: data often arrives sorted (by
  // class, by date, by x), and consecutive folds of sorted data are not alike.
  const splits = folds ?? kFold(n, k, { shuffle: true, rng });
  const scores: number[] = [];
  for (const [index, fold] of splits.entries()) {
    const score = await fitAndScore(fold, index);
    if (typeof score !== "number" || !Number.isFinite(score)) {
      throw new ValueError(
        `Cannot cross-validate: fold ${index} scored ${score}, not a finite number`,
      );
    }
    scores.push(score);
  }
  const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
  // Divide by k (NumPy's default np.std), not k − 1: a convention. The k scores are
  // a sample of the possible splits, but their training sets overlap, so they are
  // not independent and neither formula gives an unbiased spread anyway.
  const variance = scores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / scores.length;
  return { scores, mean, std: Math.sqrt(variance) };
  // #endregion
}

/**
 * A model to compare: how to fit it on some rows, and its loss on some rows.
 * `M` is whatever `fit` returns (weights, a closure, …).
 */
export interface Candidate<M = unknown> {
  /** Shown in the table, e.g. "degree 3". */
  name: string;
  /** Fits the model on the rows `train`. */
  fit(train: number[]): M | Promise<M>;
  /** The fitted model's loss on the rows `indices` (lower is better). */
  loss(model: M, indices: number[]): number | Promise<number>;
}

/** Options of {@linkcode selectModel}. */
export interface SelectOptions {
  /** How many items. */
  n: number;
  /** How many folds. */
  k: number;
  /** Shuffles the items once, for every candidate. */
  rng: Rng;
}

/** One row of {@linkcode selectModel}'s table. */
export interface ModelScore {
  /** The candidate's name. */
  name: string;
  /** Mean over the folds of the loss on the fold's own train indices. */
  trainLoss: number;
  /** Mean over the folds of the loss on the held-out indices: what selection uses. */
  validationLoss: number;
  /** Population standard deviation of the per-fold validation losses. */
  std: number;
  /** The per-fold validation losses. */
  scores: number[];
}

/** What {@linkcode selectModel} returns. */
export interface Selection<C> {
  /** The candidate with the lowest mean validation loss (the first one on a tie). */
  best: C;
  /** One row per candidate, in the candidates' order. */
  table: ModelScore[];
}

/**
 * Model selection by N-fold cross validation, as in the lecture: split once,
 * cross-validate every candidate on the same folds, pick the lowest mean
 * validation loss. (Afterwards, retrain the winner on all the data.)
 *
 * @param candidates The models to compare, at least one.
 * @param options n, k and the rng that shuffles (drawn from once).
 * @returns `{ best, table }`: the winning candidate and one row per candidate.
 * @throws {ValueError} "Cannot select a model: there are no candidates", or as
 *   {@linkcode crossValidate}.
 */
export async function selectModel<C extends Candidate>(
  candidates: readonly C[],
  options: SelectOptions,
): Promise<Selection<C>> {
  const { n, k, rng } = options;
  // #region TODO(kata 08): selectModel() — cross-validate every candidate on one split, pick the lowest
  if (!Array.isArray(candidates) || candidates.length === 0) {
    throw new ValueError("Cannot select a model: there are no candidates");
  }
  // One split for every candidate: compared on different folds, the luck of
  // each split would be mixed into the comparison.
  const shared = kFold(n, k, { shuffle: true, rng });
  const table: ModelScore[] = [];
  for (const candidate of candidates) {
    const trainLosses: number[] = [];
    const { scores, mean, std } = await crossValidate({
      n,
      k,
      rng,
      folds: shared,
      fitAndScore: async (fold) => {
        const model = await candidate.fit(fold.train);
        // Training loss is only reported (it keeps falling as the model grows);
        // the score that selects is the loss on rows the model never saw.
        trainLosses.push(await candidate.loss(model, fold.train));
        return candidate.loss(model, fold.validation);
      },
    });
    const trainLoss = trainLosses.reduce((sum, loss) => sum + loss, 0) / trainLosses.length;
    table.push({ name: candidate.name, trainLoss, validationLoss: mean, std, scores });
  }
  let best = 0;
  for (let c = 1; c < table.length; c++) {
    if (table[c].validationLoss < table[best].validationLoss) best = c;
  }
  return { best: candidates[best], table };
  // #endregion
}
