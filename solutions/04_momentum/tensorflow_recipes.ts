// What kata 04's suite asks TensorFlow.js (recorded by `deno task oracles` into
// katas/04_momentum/tensorflow_recorded.ts). The bowl is the suite's:
// L = ½ Σ c_i θ_i² with c = [1, 10, 0.1], from θ⁰ = [2, −1, 4].
import type { Recipes } from "../../lib/contract/tensorflow_oracles.ts";
import { tensorflowTrajectory } from "../../lib/testing/tfjs.ts";

const CURVATURE = [1, 10, 0.1];
const bowl = (theta: number[]) => theta.map((x, i) => CURVATURE[i] * x);
const THETA0 = [2, -1, 4];

export const recipes: Recipes = {
  momentumBowl: {
    what: "tf.train.momentum(0.05, 0.9) on the bowl, θ⁰…θ⁶⁰",
    run: (tf) => tensorflowTrajectory(tf.train.momentum(0.05, 0.9), THETA0, bowl, 60),
  },
  nesterovBowl: {
    what: "tf.train.momentum(0.05, 0.9, useNesterov = true) on the bowl, θ⁰…θ⁶⁰",
    run: (tf) => tensorflowTrajectory(tf.train.momentum(0.05, 0.9, true), THETA0, bowl, 60),
  },
};
