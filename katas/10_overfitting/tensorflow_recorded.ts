// TensorFlow.js 4.22.0's answers (CPU backend, float32) that this kata's suite
// compares with, recorded ahead of time by `deno task oracles` so that no run of
// your code loads TensorFlow.js beside it. Generated: do not edit. The instructor's
// copy re-runs TensorFlow.js in its checks and fails when a number here differs.
import { recorded } from "../../lib/testing/recorded.ts";

/** TensorFlow.js's answers for kata 10, frozen. */
export const TENSORFLOW = recorded({
  /** tf.grad of (0.3/2)·Σθ² at θ = [0.5, −1.25, 2, 0.125, −3] (an autodiff we did not write; @tensorflow/tfjs registers the gradients) */
  l2Gradient: [
    0.15000000596046448,
    -0.375,
    0.6000000238418579,
    0.03750000149011612,
    -0.9000000357627869,
  ],
  /** the distinct values of tf.dropout(fill([4000], 2), 0.5, seed 7), to 4 decimals: dropped entries are 0, kept ones 2/(1 − 0.5) */
  dropoutValues: [0, 4],
});
