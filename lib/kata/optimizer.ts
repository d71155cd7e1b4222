/**
 * The shapes the optimizer and schedule katas fill in, and `runOptimizer`,
 * which drives any optimizer and records its trajectory.
 *
 * @module
 */
import { formatShape, ShapeError, ValueError } from "../core/errors.ts";
import { Tensor } from "../tensor/tensor.ts";

/** A learning-rate schedule: η^t for update t, counted from 0. */
export type Schedule = (t: number) => number;

/** A fixed learning rate or a schedule. */
export type LearningRate = number | Schedule;

/**
 * An optimizer: `init` makes the state for some parameters; `update` takes the
 * gradient at `params` and returns the next parameters and state, without
 * changing its arguments.
 */
export interface Optimizer<S> {
  /** The learning rate it was made with, so drivers can check it. */
  readonly learningRate?: LearningRate;
  /** The state before the first update. */
  init(params: Tensor): S;
  /** One update. */
  update(grad: Tensor, state: S, params: Tensor): { params: Tensor; state: S };
}

/**
 * η^t: the learning rate for update t, checked.
 *
 * @param learningRate A number or a schedule.
 * @param t The update index, from 0.
 * @returns The learning rate.
 * @throws {ValueError} When it is negative, NaN or infinite.
 *
 * @example
 * ```ts
 * import { learningRateAt } from "./optimizer.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(learningRateAt((t) => 0.1 / (t + 1), 1), 0.05);
 * ```
 */
export function learningRateAt(learningRate: LearningRate, t: number): number {
  const value = typeof learningRate === "function" ? learningRate(t) : learningRate;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    const source = typeof learningRate === "function"
      ? `the schedule gave ${value} at t = ${t}`
      : `${value}`;
    throw new ValueError(
      `Cannot step: learning rate ${source} is not a finite non-negative number`,
    );
  }
  return value;
}

/**
 * Runs `steps` updates of `optimizer` from `theta0`, with the gradient from
 * `gradientFn`, and returns every point visited: θ⁰, θ¹, …, θ^steps.
 *
 * @param gradientFn The gradient at θ (same shape as θ).
 * @param theta0 The starting point.
 * @param optimizer Any optimizer.
 * @param steps How many updates.
 * @returns The trajectory, `steps + 1` tensors.
 * @throws {ValueError} For a bad step count or learning rate.
 * @throws {ShapeError} When a gradient's shape differs from θ's.
 *
 * @example Gradient descent on L(θ) = θ², g = 2θ
 * ```ts
 * import { runOptimizer, type Optimizer } from "./optimizer.ts";
 * import { tensor } from "../tensor/mod.ts";
 * import { strictEqual } from "node:assert";
 * const sgd: Optimizer<null> = {
 *   learningRate: 0.25,
 *   init: () => null,
 *   update: (g, state, params) => ({ params: params.sub(g.mul(0.25)), state }),
 * };
 * const path = runOptimizer((theta) => theta.mul(2), tensor([4]), sgd, 2);
 * strictEqual(path[2].itemSync(), 1);
 * ```
 */
export function runOptimizer<S>(
  gradientFn: (theta: Tensor) => Tensor,
  theta0: Tensor,
  optimizer: Optimizer<S>,
  steps: number,
): Tensor[] {
  if (!Number.isInteger(steps) || steps < 0) {
    throw new ValueError(`Cannot run optimizer: steps ${steps} is not a non-negative integer`);
  }
  if (!(theta0 instanceof Tensor)) {
    throw new ValueError(`Cannot run optimizer: theta0 is ${typeof theta0}, not a tensor`);
  }
  const trajectory = [theta0];
  let params = theta0;
  let state = optimizer.init(params);
  for (let t = 0; t < steps; t++) {
    if (optimizer.learningRate !== undefined) learningRateAt(optimizer.learningRate, t);
    const grad = gradientFn(params);
    if (!(grad instanceof Tensor) || grad.shape.join() !== params.shape.join()) {
      const got = grad instanceof Tensor ? formatShape(grad.shape) : typeof grad;
      throw new ShapeError(
        `Cannot run optimizer: the gradient at step ${t} has shape ${got}, not ${
          formatShape(params.shape)
        }`,
      );
    }
    ({ params, state } = optimizer.update(grad, state, params));
    trajectory.push(params);
  }
  return trajectory;
}
