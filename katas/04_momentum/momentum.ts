// Kata 04 — momentum: a ball rolling downhill keeps its speed, so it rolls through
// saddles and over small bumps where gradient descent stops; see katas/04_momentum/README.md.
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
 * Worked example — refuses a learning rate that would give a wrong answer or a
 * NaN later: a number must be finite and non-negative; a schedule is checked
 * at each update, by `learningRateAt(learningRate, t)`.
 *
 * @param optimizer The optimizer's name, for the message.
 * @param learningRate η: a number or a schedule.
 * @throws {ValueError} When η is negative, NaN, infinite, or neither a number nor a function.
 */
export function checkLearningRate(optimizer: string, learningRate: LearningRate): void {
  if (typeof learningRate === "function") return;
  if (typeof learningRate !== "number" || !Number.isFinite(learningRate) || learningRate < 0) {
    throw new ValueError(
      `Cannot create ${optimizer}: learning rate ${learningRate} is not a finite non-negative number or a schedule`,
    );
  }
}

/** Gradient descent's state: how many updates were made (to read η^t from a schedule). */
export interface GradientDescentState {
  t: number;
}

/** Options of {@linkcode gradientDescent}. */
export interface GradientDescentOptions {
  /** η, or a schedule η^t. */
  learningRate: LearningRate;
}

/**
 * Worked example — plain gradient descent, θ^{t+1} = θ^t − η^t·g^t: each step
 * goes straight downhill and forgets every earlier step.
 *
 * @param options η (number or schedule).
 * @returns The optimizer.
 * @throws {ValueError} For a bad learning rate.
 */
export function gradientDescent(options: GradientDescentOptions): Optimizer<GradientDescentState> {
  const { learningRate } = options;
  checkLearningRate("gradientDescent", learningRate);
  return {
    learningRate,
    init: () => ({ t: 0 }),
    update(grad, state, params) {
      const next = params.sub(grad.mul(learningRateAt(learningRate, state.t)));
      // A new state object: the caller's state stays as it was.
      return { params: next, state: { t: state.t + 1 } };
    },
  };
}

/** Momentum's state: how many updates were made, and the movement m^t (the last step taken). */
export interface MomentumState {
  t: number;
  movement: Tensor;
}

/** Options of {@linkcode momentum}. */
export interface MomentumOptions {
  /** η, or a schedule η^t. */
  learningRate: LearningRate;
  /** λ in [0, 1): how much of the last movement carries over (0 is gradient descent). */
  momentum: number;
}

/**
 * Momentum in the lecture's form: m⁰ = 0; m^{t+1} = λ·m^t − η^t·g^t;
 * θ^{t+1} = θ^t + m^{t+1}. The movement is a weighted sum of every earlier
 * gradient: m¹ = −η·g⁰, m² = −λ·η·g⁰ − η·g¹, …
 *
 * @param options η (number or schedule) and λ (`momentum`, in [0, 1)).
 * @returns The optimizer; its state holds the movement.
 * @throws {ValueError} For a bad learning rate or a λ outside [0, 1).
 */
export function momentum(options: MomentumOptions): Optimizer<MomentumState> {
  const { learningRate, momentum: lambda } = options;
  // TODO(kata 04): momentum() — m^{t+1} = λ·m^t − η^t·g^t, then θ^{t+1} = θ^t + m^{t+1}
  throw new NotImplementedError("kata 04: momentum() — see katas/04_momentum/README.md");
}

/**
 * Stretch — Nesterov momentum: the same movement as {@linkcode momentum},
 * m^{t+1} = λ·m^t − η^t·g^t, but the step looks ahead to where the movement is
 * about to carry θ: θ^{t+1} = θ^t + λ·m^{t+1} − η^t·g^t. This is the form of
 * PyTorch's `SGD(nesterov=True)` and TensorFlow.js's `momentum(η, λ, true)`,
 * written with the lecture's m.
 *
 * @param options η (number or schedule) and λ (`momentum`, in [0, 1)), as for momentum().
 * @returns The optimizer; its state holds the movement m^t.
 * @throws {ValueError} For a bad learning rate or a λ outside [0, 1), as momentum() does.
 */
export function nesterov(options: MomentumOptions): Optimizer<MomentumState> {
  const { learningRate, momentum: lambda } = options;
  // TODO(kata 04): nesterov() — stretch: momentum's movement, then the look-ahead step θ^t + λ·m^{t+1} − η^t·g^t
  throw new NotImplementedError("kata 04: nesterov() — see katas/04_momentum/README.md");
}
