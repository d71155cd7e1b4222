// What kata 07's suite asks TensorFlow.js (recorded by `deno task oracles` into
// katas/07_softmax_cross_entropy/tensorflow_recorded.ts), with the logits it asks
// about: seeded normal draws rounded to float32, as the suite's randomLogits() makes them.
import type { Recipes } from "../../lib/contract/tensorflow_oracles.ts";
import { Rng } from "../../lib/mod.ts";

function randomLogits(seed: number, batch: number, classes: number, std: number): number[][] {
  const rng = new Rng(seed);
  return Array.from(
    { length: batch },
    () => Array.from({ length: classes }, () => Math.fround(std * rng.normal())),
  );
}

export const recipes: Recipes = {
  softmaxRandom: {
    what:
      "logits: seed 2, [5, 4], std 3; softmax and logSoftmax: tf.softmax and tf.logSoftmax of them (last axis)",
    run: async (tf) => {
      const logits = randomLogits(2, 5, 4, 3);
      const theirs = tf.tensor2d(logits);
      const answer = {
        logits,
        softmax: (await tf.softmax(theirs).array()) as number[][],
        logSoftmax: (await tf.logSoftmax(theirs).array()) as number[][],
      };
      theirs.dispose();
      return answer;
    },
  },
  crossEntropyRandom: {
    what:
      "logits: seed 4, [3, 3], std 2; loss: tf.losses.softmaxCrossEntropy of one-hot labels [2, 0, 1] and them (mean over the batch)",
    run: async (tf) => {
      const logits = randomLogits(4, 3, 3, 2);
      const onehot = tf.oneHot(tf.tensor1d([2, 0, 1], "int32"), 3);
      const loss = (await tf.losses.softmaxCrossEntropy(onehot, tf.tensor2d(logits)).data())[0];
      return { logits, loss };
    },
  },
};
