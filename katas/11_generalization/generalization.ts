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
  // TODO(kata 11): zeroOneLoss() — the fraction of examples that classify() gets wrong
  throw new NotImplementedError("kata 11: zeroOneLoss() — see katas/11_generalization/README.md");
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
  // TODO(kata 11): bestThreshold() — the lowest loss wins, the first one on ties
  throw new NotImplementedError("kata 11: bestThreshold() — see katas/11_generalization/README.md");
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
  // TODO(kata 11): drawTrainingSet() — n independent draws, with replacement
  throw new NotImplementedError(
    "kata 11: drawTrainingSet() — see katas/11_generalization/README.md",
  );
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
  // TODO(kata 11): largestGap() — the worst |L(h, D_train) − L(h, D_all)| over every h
  throw new NotImplementedError("kata 11: largestGap() — see katas/11_generalization/README.md");
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
  // TODO(kata 11): badTrainingSetBound() — Hoeffding for one h, the union bound over H
  throw new NotImplementedError(
    "kata 11: badTrainingSetBound() — see katas/11_generalization/README.md",
  );
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
  // TODO(kata 11): samplesNeeded() — solve |H|·2·exp(−2Nε²) ≤ δ for N, rounded up
  throw new NotImplementedError("kata 11: samplesNeeded() — see katas/11_generalization/README.md");
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
  // TODO(kata 11): monteCarlo() — draw, measure the gap, train, compare on D_all
  throw new NotImplementedError("kata 11: monteCarlo() — see katas/11_generalization/README.md");
}
