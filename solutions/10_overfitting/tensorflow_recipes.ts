// What kata 10's suite asks TensorFlow.js (recorded by `deno task oracles` into
// katas/10_overfitting/tensorflow_recorded.ts).
import type { Recipes } from "../../lib/contract/tensorflow_oracles.ts";

export const recipes: Recipes = {
  l2Gradient: {
    what:
      "tf.grad of (0.3/2)·Σθ² at θ = [0.5, −1.25, 2, 0.125, −3] (an autodiff we did not write; @tensorflow/tfjs registers the gradients)",
    run: async () => {
      const tf = await import("@tensorflow/tfjs");
      await tf.setBackend("cpu");
      const theta = tf.tensor1d([0.5, -1.25, 2, 0.125, -3]);
      return await tf.grad((t) => tf.mul(tf.sum(tf.square(t)), 0.3 / 2))(theta).data();
    },
  },
  dropoutValues: {
    what:
      "the distinct values of tf.dropout(fill([4000], 2), 0.5, seed 7), to 4 decimals: dropped entries are 0, kept ones 2/(1 − 0.5)",
    run: async (tf) => {
      const values = await tf.dropout(tf.fill([4000], 2), 0.5, undefined, 7).data();
      return [...new Set([...values].map((v) => Math.round(v * 1e4) / 1e4))].sort((a, b) => a - b);
    },
  },
};
