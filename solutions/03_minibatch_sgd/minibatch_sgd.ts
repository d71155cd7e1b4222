// Kata 03 — minibatch SGD: cut the data into batches, make one update per batch, reshuffle each epoch.
// Linear regression (mean squared error) trained by plain SGD; see katas/03_minibatch_sgd/README.md.
// deno-lint-ignore-file no-unused-vars require-await ban-unused-ignore -- the stubs keep the solution's imports, parameters and async
import {
  formatShape,
  type LearningRate,
  learningRateAt,
  NotImplementedError,
  Rng,
  ShapeError,
  type Tensor,
  ValueError,
  zeros,
} from "../../lib/mod.ts";

/**
 * Worked example — the model: one prediction per row, ŷ = Xw + b.
 *
 * @param X The features, `[n, d]` (one row per example).
 * @param w The weights, `[d]`.
 * @param b The bias, a 0-d tensor or a number.
 * @returns ŷ, `[n]`.
 */
export function predict(X: Tensor, w: Tensor, b: Tensor | number): Tensor {
  return X.matmul(w).add(b);
}

/**
 * Worked example — refuses data whose shapes would silently give a wrong
 * answer. The classic trap: y of shape `[n, 1]` minus ŷ of shape `[n]`
 * broadcasts to `[n, n]` and the loss is then wrong without any error.
 *
 * @param action What was being done, for the message ("compute the loss").
 * @param X The features, `[n, d]`.
 * @param y The targets, `[n]`.
 * @param w The weights, `[d]` (omit when there are none yet).
 * @throws {ShapeError} When the shapes do not fit together.
 */
export function checkRegressionShapes(action: string, X: Tensor, y: Tensor, w?: Tensor): void {
  if (X.rank !== 2) {
    throw new ShapeError(`Cannot ${action}: X has shape ${formatShape(X.shape)}, not [n,d]`);
  }
  const [n, d] = X.shape;
  if (y.rank !== 1 || y.shape[0] !== n) {
    throw new ShapeError(
      `Cannot ${action}: y has shape ${formatShape(y.shape)}, not [${n}] (one target per row of X)`,
    );
  }
  if (w !== undefined && (w.rank !== 1 || w.shape[0] !== d)) {
    throw new ShapeError(
      `Cannot ${action}: w has shape ${
        formatShape(w.shape)
      }, not [${d}] (one weight per column of X)`,
    );
  }
}

/** Options of {@linkcode minibatchIndices}. */
export interface MinibatchOptions {
  /** Where the permutation comes from; needed when shuffling. */
  rng?: Rng;
  /** Shuffle the indices first (default true). */
  shuffle?: boolean;
  /** Drop the last batch when it is smaller than `batchSize` (default false). */
  dropLast?: boolean;
}

/**
 * One epoch's batches: the indices 0…n−1 (shuffled by `rng.permutation(n)`
 * unless `shuffle` is false) cut in order into batches of `batchSize`; the last
 * batch is smaller when B does not divide n, unless `dropLast` drops it.
 *
 * @param n How many examples.
 * @param batchSize B, how many examples per batch.
 * @param options `rng`, `shuffle` (true), `dropLast` (false).
 * @returns The batches, ⌈n/B⌉ of them (⌊n/B⌋ with `dropLast`).
 * @throws {ValueError} For a bad n or B, or shuffling without an rng.
 */
export function minibatchIndices(
  n: number,
  batchSize: number,
  options: MinibatchOptions = {},
): number[][] {
  const { rng, shuffle = true, dropLast = false } = options;
  // #region TODO(kata 03): minibatchIndices() — one epoch: a permutation of 0…n−1 cut into batches
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ValueError(`Cannot cut minibatches: n ${n} is not a non-negative integer`);
  }
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new ValueError(
      `Cannot cut minibatches: batch size ${batchSize} is not a positive integer`,
    );
  }
  if (shuffle && rng === undefined) {
    throw new ValueError("Cannot cut minibatches: shuffle is on but no rng was given");
  }
  // The seeded rng makes the shuffle reproducible: the same seed gives the same
  // batches on every run and every backend. Each call draws a NEW permutation.
  const order = shuffle ? rng!.permutation(n) : Array.from({ length: n }, (_, i) => i);
  const batches: number[][] = [];
  for (let start = 0; start < n; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    // Only the last batch can be short; keep it (every example is seen once
    // per epoch) unless the caller asked to drop it.
    if (batch.length < batchSize && dropLast) break;
    batches.push(batch);
  }
  return batches;
  // #endregion
}

/** What {@linkcode linearRegressionLossAndGradient} returns; all three are tensors. */
export interface LossAndGradient {
  /** L = mean over rows of (Xw + b − y)², 0-d. */
  loss: Tensor;
  /** ∂L/∂w, `[d]`. */
  gradW: Tensor;
  /** ∂L/∂b, 0-d. */
  gradB: Tensor;
}

/**
 * The mean squared error of the linear model on (X, y) and its gradient:
 * with r = Xw + b − y, L = (1/n)·Σ r², ∂L/∂w = (2/n)·Xᵀr, ∂L/∂b = (2/n)·Σ r.
 *
 * @param X The features of a batch, `[n, d]`.
 * @param y The targets, `[n]`.
 * @param w The weights, `[d]`.
 * @param b The bias, a 0-d tensor or a number.
 * @returns `{ loss, gradW, gradB }`.
 * @throws {ShapeError} When the shapes do not fit (y must be `[n]`, not `[n,1]`).
 */
export function linearRegressionLossAndGradient(
  X: Tensor,
  y: Tensor,
  w: Tensor,
  b: Tensor | number,
): LossAndGradient {
  // #region TODO(kata 03): linearRegressionLossAndGradient() — mean squared error and its gradient
  checkRegressionShapes("compute the loss", X, y, w);
  const n = X.shape[0];
  const residual = predict(X, w, b).sub(y); // r = ŷ − y, one per row
  const loss = residual.square().mean(); // the MEAN, so the loss does not grow with n
  // d/dw of (1/n)Σ r_i² is (1/n)Σ 2·r_i·x_i = (2/n)·Xᵀr: each row pulls w along its
  // own features, weighted by how wrong it is. Averaging (not summing) keeps the
  // step size independent of the batch size, so one η works for every B.
  const gradW = X.transpose().matmul(residual).mul(2 / n);
  // ∂r_i/∂b = 1, so ∂L/∂b = (2/n)·Σ r_i = 2·mean(r): the factor 2 is the chain rule
  // of the square, exactly as for w.
  const gradB = residual.mean().mul(2);
  return { loss, gradW, gradB };
  // #endregion
}

/** Options of {@linkcode trainLinearRegression}. */
export interface TrainOptions {
  /** B, examples per batch (the last batch of an epoch may be smaller). */
  batchSize: number;
  /** η, or a schedule η^t indexed by the update count t (from 0). */
  learningRate: LearningRate;
  /** How many passes over the data. */
  epochs: number;
  /** The seed of the one `Rng` that shuffles every epoch. */
  seed: number;
}

/** What {@linkcode trainLinearRegression} returns. */
export interface TrainResult {
  /** The trained weights, `[d]`. */
  w: Tensor;
  /** The trained bias, 0-d. */
  b: Tensor;
  /** `lossHistory[e]`: the loss on ALL the data after epoch e (one entry per epoch). */
  lossHistory: number[];
  /** How many updates were made: ⌈n/B⌉ per epoch. */
  updates: number;
}

/**
 * Plain minibatch SGD for linear regression, from w = 0 and b = 0: every epoch
 * draws a fresh permutation from one `new Rng(seed)` (through
 * {@linkcode minibatchIndices}), makes one update θ ← θ − η^t·g per batch, and
 * records the full-data loss after the epoch.
 *
 * @param X The features, `[n, d]`.
 * @param y The targets, `[n]`.
 * @param options `batchSize`, `learningRate`, `epochs`, `seed`.
 * @returns `{ w, b, lossHistory, updates }`.
 * @throws {ShapeError} When X and y do not fit.
 * @throws {ValueError} For a bad batch size, epoch count or learning rate.
 */
export async function trainLinearRegression(
  X: Tensor,
  y: Tensor,
  options: TrainOptions,
): Promise<TrainResult> {
  const { batchSize, learningRate, epochs, seed } = options;
  // #region TODO(kata 03): trainLinearRegression() — one update per batch, a fresh shuffle every epoch
  checkRegressionShapes("train", X, y);
  if (!Number.isSafeInteger(epochs) || epochs < 0) {
    throw new ValueError(`Cannot train: epochs ${epochs} is not a non-negative integer`);
  }
  const [n, d] = X.shape;
  const where = { dtype: X.dtype, backend: X.backend.name };
  let w = zeros([d], where);
  let b = zeros([], where);
  const rng = new Rng(seed); // one generator for the whole run
  const epochLosses: Tensor[] = [];
  let updates = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const batches = minibatchIndices(n, batchSize, { rng }); // a fresh permutation every epoch
    for (const batch of batches) {
      const { gradW, gradB } = linearRegressionLossAndGradient(
        X.gather(batch),
        y.gather(batch),
        w,
        b,
      );
      // η^t is indexed by the update count t (from 0 over the whole run), not the epoch.
      const eta = learningRateAt(learningRate, updates);
      w = w.sub(gradW.mul(eta));
      b = b.sub(gradB.mul(eta));
      updates += 1;
    }
    // The loss on ALL the data, once per epoch. Kept as a tensor for now: on
    // WebGPU every read waits for the GPU, so all epochs are read once, below.
    epochLosses.push(linearRegressionLossAndGradient(X, y, w, b).loss);
  }
  const lossHistory = await Promise.all(epochLosses.map((loss) => loss.item()));
  return { w, b, lossHistory, updates };
  // #endregion
}
