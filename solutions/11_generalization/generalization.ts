// Kata 11 — why more data helps: when can a training set mislead, and how likely is it?
// Hoeffding's inequality and the union bound; see katas/11_generalization/README.md.
// deno-lint-ignore-file no-unused-vars -- the stubs keep the solution's imports and parameters
import { NotImplementedError, type Rng, ValueError } from "../../lib/mod.ts";

/** One example: a feature x and its label y, 0 or 1. */
export interface Example {
  x: number;
  y: number;
}

/**
 * Worked example — the threshold classifier h_θ of the lecture's one-feature
 * family: it says 1 when x ≥ θ, else 0.
 *
 * @param threshold θ.
 * @param x The feature.
 * @returns The predicted label, 0 or 1.
 */
export function classify(threshold: number, x: number): number {
  return x >= threshold ? 1 : 0;
}

/**
 * Worked example — a finite family H of |H| thresholds spread evenly over
 * [low, high]: the midpoints of |H| equal cells, so |H| = 1 gives the middle.
 *
 * @param size |H|, a whole number ≥ 1.
 * @param low The left end (0).
 * @param high The right end (1).
 * @returns The thresholds, ascending.
 */
export function thresholdFamily(size: number, low = 0, high = 1): number[] {
  if (!Number.isInteger(size) || size < 1) {
    throw new ValueError(
      `Cannot build a family of thresholds: |H| = ${size} is not a whole number ≥ 1`,
    );
  }
  return Array.from({ length: size }, (_, i) => low + (high - low) * (i + 0.5) / size);
}

/**
 * L(h_θ, D): the 0-1 loss of a threshold on a data set, the fraction of its
 * examples that h_θ labels wrongly. It lies in [0, 1], as Hoeffding needs.
 *
 * @param threshold θ.
 * @param examples D, not empty.
 * @returns The fraction misclassified.
 */
export function zeroOneLoss(threshold: number, examples: readonly Example[]): number {
  // #region TODO(kata 11): zeroOneLoss() — the fraction of examples that classify() gets wrong
  if (examples.length === 0) {
    throw new ValueError(
      `Cannot compute the loss of threshold ${threshold}: the data set is empty`,
    );
  }
  let wrong = 0;
  for (const { x, y } of examples) if (classify(threshold, x) !== y) wrong++;
  // A mean, not a sum: the loss must lie in [0, 1] whatever the size of D.
  return wrong / examples.length;
  // #endregion
}

/**
 * argmin_{h ∈ H} L(h, D): the threshold of the family with the lowest loss
 * on D, the first one in the family's order on ties. On D_train it is
 * h^train; on the whole population D_all it is h^all.
 *
 * @param family H, not empty.
 * @param examples D.
 * @returns The best threshold (the threshold itself, not its index).
 */
export function bestThreshold(family: readonly number[], examples: readonly Example[]): number {
  // #region TODO(kata 11): bestThreshold() — the lowest loss wins, the first one on ties
  if (family.length === 0) {
    throw new ValueError("Cannot pick the best threshold: the family H is empty");
  }
  let best = family[0];
  let bestLoss = zeroOneLoss(best, examples);
  for (const threshold of family.slice(1)) {
    const loss = zeroOneLoss(threshold, examples);
    // Strictly lower: on a tie the earlier threshold stays.
    if (loss < bestLoss) {
      best = threshold;
      bestLoss = loss;
    }
  }
  return best;
  // #endregion
}

/**
 * Draws a training set of n examples from the population, independently and
 * with replacement (the i.i.d. draws Hoeffding's inequality assumes): draw k
 * is `population[rng.int(0, population.length)]`, for k = 0 … n−1 in order.
 *
 * @param population D_all, not empty.
 * @param n How many examples, a whole number ≥ 1 (it may exceed |D_all|).
 * @param rng The seeded generator, advanced by exactly n draws.
 * @returns D_train.
 */
export function drawTrainingSet(
  population: readonly Example[],
  n: number,
  rng: Rng,
): Example[] {
  // #region TODO(kata 11): drawTrainingSet() — n independent draws, with replacement
  if (population.length === 0) {
    throw new ValueError(`Cannot draw a training set of ${n}: the population is empty`);
  }
  if (!Number.isInteger(n) || n < 1) {
    throw new ValueError(`Cannot draw a training set: N = ${n} is not a whole number ≥ 1`);
  }
  // rng.int(lo, hi) is uniform on [lo, hi): hi = population.length reaches the last example.
  return Array.from({ length: n }, () => population[rng.int(0, population.length)]);
  // #endregion
}

/**
 * max_{h ∈ H} |L(h, D_train) − L(h, D_all)|: how far the training set's
 * verdict strays from the population's, for the worst h of the family. D_train
 * is "good" when this is at most ε, "bad" when it exceeds ε.
 *
 * @param family H, not empty.
 * @param train D_train.
 * @param population D_all.
 * @returns The largest gap, in [0, 1].
 */
export function largestGap(
  family: readonly number[],
  train: readonly Example[],
  population: readonly Example[],
): number {
  // #region TODO(kata 11): largestGap() — the worst |L(h, D_train) − L(h, D_all)| over every h
  if (family.length === 0) {
    throw new ValueError("Cannot measure the gap: the family H is empty");
  }
  let largest = 0;
  for (const threshold of family) {
    // Both directions count: a training set that makes h look too good misleads
    // as much as one that makes it look too bad.
    const gap = Math.abs(zeroOneLoss(threshold, train) - zeroOneLoss(threshold, population));
    largest = Math.max(largest, gap);
  }
  return largest;
  // #endregion
}

/**
 * P(D_train is bad) ≤ |H| · 2·exp(−2Nε²), capped at 1 (a probability): for
 * one h, Hoeffding's inequality bounds P(|L(h, D_train) − L(h, D_all)| > ε) by
 * 2·exp(−2Nε²) when losses lie in [0, 1]; the union bound adds that up over
 * the |H| hypotheses.
 *
 * @param hypotheses |H|, a whole number ≥ 1.
 * @param n N, the training set's size, a whole number ≥ 0.
 * @param epsilon ε > 0.
 * @returns The bound, in [0, 1].
 */
export function badTrainingSetBound(hypotheses: number, n: number, epsilon: number): number {
  // #region TODO(kata 11): badTrainingSetBound() — Hoeffding for one h, the union bound over H
  if (!Number.isInteger(hypotheses) || hypotheses < 1) {
    throw new ValueError(
      `Cannot bound P(D_train bad): |H| = ${hypotheses} is not a whole number ≥ 1`,
    );
  }
  if (!Number.isInteger(n) || n < 0) {
    throw new ValueError(`Cannot bound P(D_train bad): N = ${n} is not a whole number ≥ 0`);
  }
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new ValueError(`Cannot bound P(D_train bad): ε = ${epsilon} is not a positive number`);
  }
  // Two tails of Hoeffding (too good or too bad), times |H| for the union bound;
  // past 1 the bound says nothing, and a probability never exceeds 1.
  return Math.min(1, hypotheses * 2 * Math.exp(-2 * n * epsilon ** 2));
  // #endregion
}

/**
 * The smallest N with |H| · 2·exp(−2Nε²) ≤ δ: N = ⌈ln(2|H|/δ) / (2ε²)⌉.
 *
 * @param hypotheses |H|, a whole number ≥ 1.
 * @param epsilon ε > 0.
 * @param delta δ in (0, 1), the chance of a bad training set we accept.
 * @returns N, a whole number.
 */
export function samplesNeeded(hypotheses: number, epsilon: number, delta: number): number {
  // #region TODO(kata 11): samplesNeeded() — solve |H|·2·exp(−2Nε²) ≤ δ for N, rounded up
  if (!Number.isInteger(hypotheses) || hypotheses < 1) {
    throw new ValueError(
      `Cannot size the training set: |H| = ${hypotheses} is not a whole number ≥ 1`,
    );
  }
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new ValueError(`Cannot size the training set: ε = ${epsilon} is not a positive number`);
  }
  if (!(delta > 0 && delta < 1)) {
    throw new ValueError(`Cannot size the training set: δ = ${delta} is outside (0, 1)`);
  }
  // |H|·2·exp(−2Nε²) ≤ δ  ⇔  −2Nε² ≤ ln(δ/(2|H|))  ⇔  N ≥ ln(2|H|/δ)/(2ε²).
  const exact = Math.log((2 * hypotheses) / delta) / (2 * epsilon ** 2);
  // Round UP: one example fewer than the exact N leaves the bound above δ.
  return Math.ceil(exact);
  // #endregion
}

/** One Monte-Carlo trial: a training set drawn, judged and trained on. */
export interface Trial {
  /** max_h |L(h, D_train) − L(h, D_all)|. */
  largestGap: number;
  /** h^train = bestThreshold(family, D_train). */
  trainedThreshold: number;
  /** largestGap > ε: the training set is bad. */
  bad: boolean;
  /** L(h^train, D_all) − L(h^all, D_all): what training on D_train costs on the population. */
  excessLoss: number;
}

/** Options of {@linkcode monteCarlo}. */
export interface MonteCarloOptions {
  /** D_all. */
  population: readonly Example[];
  /** H, the thresholds. */
  family: readonly number[];
  /** N, the size of each training set. */
  n: number;
  /** ε: a training set is bad when some h strays by more than ε. */
  epsilon: number;
  /** How many training sets to draw. */
  trials: number;
  /** The seeded generator the training sets come from. */
  rng: Rng;
}

/** What {@linkcode monteCarlo} measured. */
export interface MonteCarloResult {
  /** The fraction of trials whose training set was bad: the estimate of P(D_train bad). */
  badProbability: number;
  /** Each trial, in order. */
  trials: Trial[];
}

/**
 * Estimates P(D_train bad) by drawing `trials` training sets of size N, one
 * `drawTrainingSet(population, n, rng)` call per trial, in order; records each
 * one's largest gap, whether it is bad (gap > ε), and its excess loss
 * L(h^train, D_all) − L(h^all, D_all).
 *
 * @param options Population, family, N, ε, trials and rng.
 * @returns The estimate and every trial.
 */
export function monteCarlo(options: MonteCarloOptions): MonteCarloResult {
  const { population, family, n, epsilon, trials, rng } = options;
  // #region TODO(kata 11): monteCarlo() — draw, measure the gap, train, compare on D_all
  if (!Number.isInteger(trials) || trials < 1) {
    throw new ValueError(
      `Cannot run the Monte-Carlo check: ${trials} trials is not a whole number ≥ 1`,
    );
  }
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new ValueError(
      `Cannot run the Monte-Carlo check: ε = ${epsilon} is not a positive number`,
    );
  }
  // h^all is the best of H on the whole population: it does not depend on the trial.
  const hAll = bestThreshold(family, population);
  const allLossOfBest = zeroOneLoss(hAll, population);
  const records: Trial[] = [];
  let bad = 0;
  for (let trial = 0; trial < trials; trial++) {
    // A fresh training set every trial: the probability is over the draw of D_train.
    const train = drawTrainingSet(population, n, rng);
    const gap = largestGap(family, train, population);
    const hTrain = bestThreshold(family, train);
    // Trained on D_train, but judged where it matters: on D_all.
    const excessLoss = zeroOneLoss(hTrain, population) - allLossOfBest;
    records.push({ largestGap: gap, trainedThreshold: hTrain, bad: gap > epsilon, excessLoss });
    if (gap > epsilon) bad++;
  }
  return { badProbability: bad / trials, trials: records };
  // #endregion
}
