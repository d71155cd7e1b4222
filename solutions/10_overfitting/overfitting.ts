// Kata 10 — the lecture's remedies for overfitting: early stopping, L2 and
// decoupled weight decay, dropout, and data augmentation; see katas/10_overfitting/README.md.
// deno-lint-ignore-file no-unused-vars require-await ban-unused-ignore -- the stubs keep the solution's imports, parameters and async
import {
  concat,
  learningRateAt,
  normal,
  NotImplementedError,
  type Optimizer,
  type Rng,
  type Tensor,
  uniform,
  ValueError,
  where,
} from "../../lib/mod.ts";

/**
 * Worked example — the gradient of the mean squared error of a linear model,
 * L(w) = (1/n)·Σ_i (x_i·w − y_i)², which is (2/n)·Xᵀ(Xw − y).
 *
 * @param X The inputs, shape [n, d].
 * @param y The targets, shape [n].
 * @param w The weights, shape [d].
 * @returns ∇L(w), shape [d].
 */
export function squaredErrorGradient(X: Tensor, y: Tensor, w: Tensor): Tensor {
  const n = X.shape[0];
  const residual = X.matmul(w.reshape([-1, 1])).reshape([n]).sub(y);
  return X.transpose().matmul(residual.reshape([n, 1])).reshape([-1]).mul(2 / n);
}

/**
 * Worked example — the mean squared error (1/n)·Σ_i (x_i·w − y_i)², as a number.
 *
 * @param X The inputs, shape [n, d].
 * @param y The targets, shape [n].
 * @param w The weights, shape [d].
 * @returns The loss.
 */
export async function meanSquaredError(X: Tensor, y: Tensor, w: Tensor): Promise<number> {
  const n = X.shape[0];
  return await X.matmul(w.reshape([-1, 1])).reshape([n]).sub(y).square().mean().item();
}

/** Options of {@linkcode earlyStopping}. */
export interface EarlyStoppingOptions {
  /** How many epochs in a row without improvement end training (an integer ≥ 1). */
  patience: number;
  /** A loss improves on the best only when it is below best − minDelta (default 0). */
  minDelta?: number;
}

/** What {@linkcode earlyStopping} returns. */
export interface EarlyStop {
  /** The epoch (index into the losses) with the lowest validation loss seen before stopping. */
  bestEpoch: number;
  /** The validation loss at `bestEpoch`. */
  bestLoss: number;
  /** The epoch after which training stops: `bestEpoch + patience`, or the last epoch. */
  stopEpoch: number;
}

/**
 * Early stopping with patience, over validation losses already measured:
 * walk the epochs in order, remember the best loss; an epoch whose loss is
 * below best − minDelta is an improvement; after `patience` epochs in a row
 * without one, stop.
 *
 * @param validationLosses The validation loss after each epoch, epoch 0 first.
 * @param options `patience` (≥ 1) and `minDelta` (0).
 * @returns The best epoch, its loss, and the epoch training stops after.
 * @throws {ValueError} For no losses, a patience that is not an integer ≥ 1, or
 *   a negative minDelta.
 */
export function earlyStopping(
  validationLosses: readonly number[],
  options: EarlyStoppingOptions,
): EarlyStop {
  const { patience, minDelta = 0 } = options;
  // #region TODO(kata 10): earlyStopping() — keep the best epoch; stop after `patience` epochs without improvement
  checkPatience(patience, minDelta);
  if (validationLosses.length === 0) {
    throw new ValueError("Cannot stop early: there are no validation losses");
  }
  let bestEpoch = 0;
  let bestLoss = validationLosses[0];
  let wait = 0; // epochs in a row without improvement
  for (let epoch = 1; epoch < validationLosses.length; epoch++) {
    const loss = validationLosses[epoch];
    // Compare with the BEST loss so far, not with the previous epoch: a loss
    // that wobbles down and up again is not an improvement. A tie is not one either.
    if (loss < bestLoss - minDelta) {
      bestEpoch = epoch;
      bestLoss = loss;
      wait = 0;
    } else {
      wait += 1;
      // `patience` epochs in a row without improvement: stop after this one.
      if (wait >= patience) return { bestEpoch, bestLoss, stopEpoch: epoch };
    }
  }
  return { bestEpoch, bestLoss, stopEpoch: validationLosses.length - 1 };
  // #endregion
}

/**
 * Worked example — refuses a patience that is not an integer ≥ 1 and a minDelta
 * that is negative or not a number.
 *
 * @param patience The patience to check.
 * @param minDelta The minDelta to check.
 * @throws {ValueError} "Cannot stop early: …".
 */
export function checkPatience(patience: number, minDelta: number): void {
  if (!Number.isInteger(patience) || patience < 1) {
    throw new ValueError(`Cannot stop early: patience ${patience} is not an integer ≥ 1`);
  }
  if (!(minDelta >= 0) || !Number.isFinite(minDelta)) {
    throw new ValueError(`Cannot stop early: minDelta ${minDelta} is not a number ≥ 0`);
  }
}

/** Options of {@linkcode trainWithEarlyStopping}. */
export interface EarlyStoppingTraining<P> {
  /** The parameters before training. */
  params: P;
  /** One epoch of training: returns the new parameters (epoch counts from 0). */
  step(params: P, epoch: number): P | Promise<P>;
  /** The validation loss of some parameters. */
  validationLoss(params: P): number | Promise<number>;
  /** The most epochs to run. */
  maxEpochs: number;
  /** As in {@linkcode earlyStopping}. */
  patience: number;
  /** As in {@linkcode earlyStopping}. */
  minDelta?: number;
}

/** What {@linkcode trainWithEarlyStopping} returns. */
export interface EarlyStoppingResult<P> {
  /** The parameters after `bestEpoch`: the ones to keep. */
  params: P;
  /** The epoch with the lowest validation loss. */
  bestEpoch: number;
  /** Its validation loss. */
  bestLoss: number;
  /** The validation loss after each epoch that ran. */
  history: number[];
}

/**
 * Trains epoch by epoch, measures the validation loss after each, and stops
 * as {@linkcode earlyStopping} says; returns the parameters of the best epoch,
 * not the last.
 *
 * @param options The starting parameters, `step`, `validationLoss`, `maxEpochs`,
 *   `patience` and `minDelta`.
 * @returns The best parameters, the best epoch and its loss, and the losses seen.
 * @throws {ValueError} As {@linkcode earlyStopping}, or for maxEpochs < 1.
 */
export async function trainWithEarlyStopping<P>(
  options: EarlyStoppingTraining<P>,
): Promise<EarlyStoppingResult<P>> {
  const { step, validationLoss, maxEpochs, patience, minDelta = 0 } = options;
  // #region TODO(kata 10): trainWithEarlyStopping() — train, watch the validation loss, keep the best parameters
  checkPatience(patience, minDelta);
  if (!Number.isInteger(maxEpochs) || maxEpochs < 1) {
    throw new ValueError(`Cannot stop early: maxEpochs ${maxEpochs} is not an integer ≥ 1`);
  }
  let params = options.params;
  let best = params;
  const history: number[] = [];
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    params = await step(params, epoch);
    history.push(await validationLoss(params));
    const { bestEpoch } = earlyStopping(history, { patience, minDelta });
    // Keep a reference to the best parameters as they come: once training
    // moves on they are gone.
    if (bestEpoch === epoch) best = params;
    if (epoch - bestEpoch >= patience) break; // `patience` epochs without improvement
  }
  const { bestEpoch, bestLoss } = earlyStopping(history, { patience, minDelta });
  return { params: best, bestEpoch, bestLoss, history };
  // #endregion
}

/**
 * Worked example — refuses a λ that is negative or not a finite number.
 *
 * @param action What was being done, for the message.
 * @param lambda λ.
 * @throws {ValueError} "Cannot <action>: lambda … is not a finite number ≥ 0".
 */
export function checkLambda(action: string, lambda: number): void {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new ValueError(`Cannot ${action}: lambda ${lambda} is not a finite number ≥ 0`);
  }
}

/**
 * The L2 penalty (λ/2)·Σ_i θ_i², added to the loss to keep the weights small.
 *
 * @param theta θ.
 * @param lambda λ ≥ 0.
 * @returns A 0-d tensor.
 * @throws {ValueError} For a bad λ.
 */
export function l2Penalty(theta: Tensor, lambda: number): Tensor {
  // #region TODO(kata 10): l2Penalty() — (λ/2)·Σ θ²
  checkLambda("add an L2 penalty", lambda);
  return theta.square().sum().mul(lambda / 2);
  // #endregion
}

/**
 * The gradient of {@linkcode l2Penalty}: λ·θ (the ½ cancels the 2 of θ²).
 *
 * @param theta θ.
 * @param lambda λ ≥ 0.
 * @returns λθ, shaped like θ.
 * @throws {ValueError} For a bad λ.
 */
export function l2Gradient(theta: Tensor, lambda: number): Tensor {
  // #region TODO(kata 10): l2Gradient() — the penalty's gradient λθ
  checkLambda("add an L2 gradient", lambda);
  return theta.mul(lambda);
  // #endregion
}

/** Options of {@linkcode decoupledWeightDecay}. */
export interface WeightDecayOptions {
  /** λ ≥ 0: each update also subtracts η^t·λ·θ. */
  weightDecay: number;
}

/** The state of {@linkcode decoupledWeightDecay}: updates made, and the inner optimizer's state. */
export interface WeightDecayState<S> {
  t: number;
  inner: S;
}

/**
 * Decoupled weight decay (Loshchilov & Hutter; Adam + this = AdamW): the inner
 * optimizer steps on the loss gradient alone, and θ shrinks by η^t·λ·θ beside
 * it: θ^{t+1} = inner(θ^t, g^t) − η^t·λ·θ^t. Inside Adam an L2 term λθ added to
 * g would be divided by σ like the rest of g; decoupled, it is not.
 *
 * @param optimizer The inner optimizer; its `learningRate` gives η^t.
 * @param options `weightDecay` λ.
 * @returns The optimizer with decay.
 * @throws {ValueError} For a bad λ or an inner optimizer without a learning rate.
 */
export function decoupledWeightDecay<S>(
  optimizer: Optimizer<S>,
  options: WeightDecayOptions,
): Optimizer<WeightDecayState<S>> {
  const { weightDecay } = options;
  // #region TODO(kata 10): decoupledWeightDecay() — step on g alone, then subtract η^t·λ·θ^t
  checkLambda("decay weights", weightDecay);
  const learningRate = optimizer.learningRate;
  if (learningRate === undefined) {
    throw new ValueError("Cannot decay weights: the optimizer has no learningRate to scale λ by");
  }
  return {
    learningRate,
    init: (params) => ({ t: 0, inner: optimizer.init(params) }),
    update(grad, state, params) {
      // The loss gradient alone goes through the optimizer (and its σ) …
      const stepped = optimizer.update(grad, state.inner, params);
      // … and the decay is applied beside it, to θ^t, scaled by η^t only.
      const eta = learningRateAt(learningRate, state.t);
      const decayed = stepped.params.sub(params.mul(eta * weightDecay));
      return { params: decayed, state: { t: state.t + 1, inner: stepped.state } };
    },
  };
  // #endregion
}

/** Options of {@linkcode dropout}. */
export interface DropoutOptions {
  /** True while training (drop and rescale), false in evaluation (identity). */
  training: boolean;
  /** Where the mask comes from; needed while training with p > 0. */
  rng?: Rng;
}

/**
 * Inverted dropout: while training, draw u = uniform(rng, x.shape), keep x_i
 * where u_i ≥ p and scale it by 1/(1 − p), zero it elsewhere; in evaluation,
 * return x as it is. The scaling keeps every entry's expected value equal to x_i,
 * so evaluation needs no change.
 *
 * @param x The activations (or inputs).
 * @param p The probability of dropping an entry, in [0, 1).
 * @param options `training`, and the `rng` for the mask.
 * @returns x with dropped entries zeroed and kept ones scaled, or x itself.
 * @throws {ValueError} For p outside [0, 1), or training without an rng.
 */
export function dropout(x: Tensor, p: number, options: DropoutOptions): Tensor {
  const { training, rng } = options;
  // #region TODO(kata 10): dropout() — keep where u ≥ p, scale by 1/(1−p); identity in evaluation
  if (!(p >= 0 && p < 1)) {
    throw new ValueError(`Cannot apply dropout: p ${p} is outside [0, 1)`);
  }
  if (!training || p === 0) return x;
  if (rng === undefined) {
    throw new ValueError("Cannot apply dropout: training is on but no rng was given");
  }
  const u = uniform(rng, x.shape, { dtype: x.dtype });
  // Inverted dropout: scale the survivors now, so evaluation is the identity.
  return where(u.ge(p), x.div(1 - p), 0);
  // #endregion
}

/** Options of {@linkcode augmentWithNoise}. */
export interface AugmentOptions {
  /** How many noisy copies of the data to add (an integer ≥ 1). */
  copies: number;
  /** The standard deviation σ of the Gaussian noise added to X (≥ 0). */
  noise: number;
  /** Where the noise comes from. */
  rng: Rng;
}

/**
 * Data augmentation by jitter: the original rows, then `copies` copies of X
 * with Gaussian noise of std σ added to every input (a fresh draw
 * normal(rng, X.shape) per copy, in order), each with the ORIGINAL targets.
 *
 * @param X Inputs, shape [n, d].
 * @param y Targets, shape [n].
 * @param options `copies`, `noise` σ, `rng`.
 * @returns `{ X, y }` with n·(copies + 1) rows.
 * @throws {ValueError} For copies not an integer ≥ 1 or a negative noise.
 */
export function augmentWithNoise(
  X: Tensor,
  y: Tensor,
  options: AugmentOptions,
): { X: Tensor; y: Tensor } {
  const { copies, noise, rng } = options;
  // #region TODO(kata 10): augmentWithNoise() — the original rows, then noisy copies of X with the same y
  if (!Number.isInteger(copies) || copies < 1) {
    throw new ValueError(`Cannot augment: copies ${copies} is not an integer ≥ 1`);
  }
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw new ValueError(`Cannot augment: noise ${noise} is not a finite number ≥ 0`);
  }
  const xs = [X];
  const ys = [y];
  for (let c = 0; c < copies; c++) {
    // A fresh draw per copy; the labels stay as they were (a jittered input is
    // still the same example).
    xs.push(X.add(normal(rng, X.shape, { dtype: X.dtype }).mul(noise)));
    ys.push(y);
  }
  return { X: concat(xs, 0), y: concat(ys, 0) };
  // #endregion
}
