// Kata 05 — adaptive learning rates: Adagrad, RMSProp and Adam.
// Each parameter gets its own step size η^t/σ^t_i; see katas/05_adam/README.md.
// deno-lint-ignore-file no-unused-vars -- the stubs keep the solution's imports and parameters
import {
  type LearningRate,
  learningRateAt,
  NotImplementedError,
  type Optimizer,
  type Tensor,
  ValueError,
  zerosLike,
} from "../../lib/mod.ts";

/**
 * Worked example — the update every optimizer in this kata shares, the
 * lecture's θ^{t+1} = θ^t − η^t/(σ^t + ε) · g^t, with ε added to σ, outside the root.
 *
 * @param params θ^t.
 * @param grad The gradient g^t (or Adam's corrected momentum m̂).
 * @param learningRate η^t, already resolved for this update.
 * @param sigma σ^t, one entry per parameter.
 * @param epsilon ε, which keeps the division finite when σ is 0.
 * @returns θ^{t+1}.
 */
export function adaptiveStep(
  params: Tensor,
  grad: Tensor,
  learningRate: number,
  sigma: Tensor,
  epsilon: number,
): Tensor {
  return params.sub(grad.mul(learningRate).div(sigma.add(epsilon)));
}

/**
 * Worked example — refuses hyperparameters that would give a wrong answer or a
 * NaN later. Call it first in each optimizer.
 *
 * @param optimizer The optimizer's name, for the message.
 * @param learningRate η: a non-negative number or a schedule.
 * @param ranges Each other hyperparameter with the open interval it must lie in.
 */
export function checkHyperparameters(
  optimizer: string,
  learningRate: LearningRate,
  ranges: Record<string, [value: number, low: number, high: number]>,
): void {
  const isRate = typeof learningRate === "function" ||
    (typeof learningRate === "number" && Number.isFinite(learningRate) && learningRate >= 0);
  if (!isRate) {
    throw new ValueError(
      `Cannot create ${optimizer}: learning rate ${learningRate} is not a non-negative number or a schedule`,
    );
  }
  for (const [name, [value, low, high]] of Object.entries(ranges)) {
    if (!(value > low && value < high)) {
      throw new ValueError(
        `Cannot create ${optimizer}: ${name} ${value} is outside (${low}, ${high})`,
      );
    }
  }
}

/** Adagrad's state: how many updates were made, and Σ_k (g^k)² so far. */
export interface AdagradState {
  t: number;
  sumOfSquares: Tensor;
}

/** Options of {@linkcode adagrad}. */
export interface AdagradOptions {
  learningRate: LearningRate;
  epsilon?: number;
}

/**
 * Adagrad in the lecture's form: σ^t = sqrt( (1/(t+1)) Σ_{k≤t} (g^k)² ), the
 * root *mean* square of every gradient so far; θ^{t+1} = θ^t − η^t/(σ^t + ε)·g^t.
 *
 * @param options η (number or schedule) and ε (1e-8).
 * @returns The optimizer.
 */
export function adagrad(options: AdagradOptions): Optimizer<AdagradState> {
  const { learningRate, epsilon = 1e-8 } = options;
  // TODO(kata 05): adagrad() — σ is the root mean square of all gradients so far
  throw new NotImplementedError("kata 05: adagrad() — see katas/05_adam/README.md");
}

/** RMSProp's state: how many updates were made, and σ^{t−1} (null before the first). */
export interface RmspropState {
  t: number;
  sigma: Tensor | null;
}

/** Options of {@linkcode rmsprop}. */
export interface RmspropOptions {
  learningRate: LearningRate;
  alpha?: number;
  epsilon?: number;
}

/**
 * RMSProp in the lecture's form: σ⁰ = |g⁰|, then
 * σ^t = sqrt( α(σ^{t−1})² + (1−α)(g^t)² ); θ^{t+1} = θ^t − η^t/(σ^t + ε)·g^t.
 *
 * @param options η (number or schedule), α (0.99) and ε (1e-8).
 * @returns The optimizer.
 */
export function rmsprop(options: RmspropOptions): Optimizer<RmspropState> {
  const { learningRate, alpha = 0.99, epsilon = 1e-8 } = options;
  // TODO(kata 05): rmsprop() — σ⁰ = |g⁰|, then an exponential average of (g^t)²
  throw new NotImplementedError("kata 05: rmsprop() — see katas/05_adam/README.md");
}

/** Adam's state: updates made so far, and the moving averages m (of the gradients) and v (of their squares). */
export interface AdamState {
  t: number;
  m: Tensor;
  v: Tensor;
}

/** Options of {@linkcode adam}. */
export interface AdamOptions {
  learningRate?: LearningRate;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * Adam (Kingma & Ba) = RMSProp + momentum, with bias correction; its step
 * counter starts at 1: m_t = β1 m_{t−1} + (1−β1) g_t, v_t = β2 v_{t−1} + (1−β2) (g_t)²,
 * m̂ = m_t/(1−β1^t), v̂ = v_t/(1−β2^t), θ_t = θ_{t−1} − η·m̂/(sqrt(v̂) + ε).
 *
 * @param options η (1e-3, number or schedule), β1 (0.9), β2 (0.999), ε (1e-8).
 * @returns The optimizer.
 */
export function adam(options: AdamOptions = {}): Optimizer<AdamState> {
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
  // TODO(kata 05): adam() — momentum m, RMSProp's v, bias correction from step 1
  throw new NotImplementedError("kata 05: adam() — see katas/05_adam/README.md");
}
