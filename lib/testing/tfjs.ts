/**
 * TensorFlow.js as an oracle for tests: its CPU backend, loaded quietly.
 * Import this file only where a test compares against TensorFlow.js; it takes
 * a few hundred milliseconds to load, so it is loaded on first use, not on import.
 *
 * @module
 */
import type * as tfTypes from "@tensorflow/tfjs-core";

type Tf = typeof tfTypes;
let ready: Promise<Tf> | undefined;

/**
 * TensorFlow.js with its CPU backend selected and its console banners off.
 *
 * @returns The `tf` namespace.
 *
 * @example
 * ```ts
 * import { loadTensorflow } from "./tfjs.ts";
 * import { strictEqual } from "node:assert";
 * const tf = await loadTensorflow();
 * strictEqual((await tf.add(1, 2).data())[0], 3);
 * ```
 */
export function loadTensorflow(): Promise<Tf> {
  ready ??= (async () => {
    const tf = await import("@tensorflow/tfjs-core");
    await import("@tensorflow/tfjs-backend-cpu");
    tf.env().set("PROD", true); // silences "looks like you are running TensorFlow.js in Node.js"
    await tf.setBackend("cpu");
    return tf;
  })();
  return ready;
}

/**
 * Runs a TensorFlow.js optimizer from `theta0` for `steps` updates with the
 * gradient from `gradient(theta, t)` (plain numbers in, plain numbers out),
 * and returns the trajectory θ⁰…θ^steps as arrays of numbers.
 *
 * @param optimizer A `tf.train.*` optimizer.
 * @param theta0 The starting point.
 * @param gradient The gradient at θ for update t.
 * @param steps How many updates.
 * @returns The trajectory.
 *
 * @example Plain SGD on L = θ²
 * ```ts
 * import { loadTensorflow, tensorflowTrajectory } from "./tfjs.ts";
 * import { strictEqual } from "node:assert";
 * const tf = await loadTensorflow();
 * const path = await tensorflowTrajectory(tf.train.sgd(0.25), [4], (theta) => theta.map((x) => 2 * x), 2);
 * strictEqual(path[2][0], 1);
 * ```
 */
export async function tensorflowTrajectory(
  optimizer: tfTypes.Optimizer,
  theta0: number[],
  gradient: (theta: number[], t: number) => number[],
  steps: number,
): Promise<number[][]> {
  const tf = await loadTensorflow();
  const variable = tf.variable(tf.tensor1d(theta0, "float32"));
  const path = [theta0];
  for (let t = 0; t < steps; t++) {
    const theta = [...path[t]];
    const grad = tf.tensor1d(gradient(theta, t), "float32");
    optimizer.applyGradients([{ name: variable.name, tensor: grad }]);
    grad.dispose();
    path.push([...(await variable.data())]);
  }
  variable.dispose();
  optimizer.dispose();
  return path;
}
