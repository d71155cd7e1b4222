// What kata 05's suite asks TensorFlow.js (recorded by `deno task oracles` into
// katas/05_adam/tensorflow_recorded.ts). The bowl is the suite's:
// L = ½ Σ c_i θ_i² with c = [1, 10, 0.1], from θ⁰ = [2, −1, 4].
import type { Recipes } from "../../lib/contract/tensorflow_oracles.ts";
import { tensorflowTrajectory } from "../../lib/testing/tfjs.ts";

const CURVATURE = [1, 10, 0.1];
const bowl = (theta: number[]) => theta.map((x, i) => CURVATURE[i] * x);
const THETA0 = [2, -1, 4];

export const recipes: Recipes = {
  adagradBowl: {
    what: "tf.train.adagrad(0.3, 0) on the bowl, θ⁰…θ⁶⁰ (accumulator started at 0)",
    run: (tf) => tensorflowTrajectory(tf.train.adagrad(0.3, 0), THETA0, bowl, 60),
  },
  adagradShrinkingGradient: {
    what:
      "tf.train.adagrad(0.3, 0) on the bowl with g^t/√(t+1), θ⁰…θ⁶⁰: what summing instead of averaging does with η/√(t+1)",
    run: (tf) =>
      tensorflowTrajectory(
        tf.train.adagrad(0.3, 0),
        THETA0,
        (theta, t) => bowl(theta).map((g) => g / Math.sqrt(t + 1)),
        60,
      ),
  },
  rmspropBowl: {
    what:
      "tf.train.rmsprop(0.05, 0.9, 0, 1e-12) on the bowl with g⁰ = 0 (TF.js starts its mean square at 0), θ⁰…θ⁴⁰",
    run: (tf) =>
      tensorflowTrajectory(
        tf.train.rmsprop(0.05, 0.9, 0, 1e-12),
        THETA0,
        (theta, t) => (t === 0 ? [0, 0, 0] : bowl(theta)),
        40,
      ),
  },
  adamBowl: {
    what: "tf.train.adam(0.05, 0.9, 0.999, 1e-8) on the bowl, θ⁰…θ¹⁰⁰",
    run: (tf) => tensorflowTrajectory(tf.train.adam(0.05, 0.9, 0.999, 1e-8), THETA0, bowl, 100),
  },
};
