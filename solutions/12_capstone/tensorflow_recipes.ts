// What kata 12's suite asks TensorFlow.js (recorded by `deno task oracles` into
// katas/12_capstone/tensorflow_recorded.ts): three full-batch Adam updates of the
// penguin network, as the suite's "same Adam steps as TensorFlow.js" case sets them up.
// The gradients are the reference's lossAndGradient() (the library's autodiff
// through kata 07's reference crossEntropy()); TensorFlow.js takes the Adam steps.
import type { Recipes } from "../../lib/contract/tensorflow_oracles.ts";
import { tensorflowTrajectory } from "../../lib/testing/tfjs.ts";
import { Rng, tensor } from "../../lib/mod.ts";
import { initNetwork, lossAndGradient, penguinSplit, type Shape } from "./capstone.ts";

export const recipes: Recipes = {
  adamFullBatch: {
    what:
      "tf.train.adam(0.05, 0.9, 0.999, 1e-8) on the first 40 training rows of penguinSplit({ seed: 12, standardize: true }), " +
      "4 → 4 → 3 from initNetwork(shape, new Rng(5)), full batch: θ⁰…θ³",
    run: async (tf) => {
      const train = penguinSplit({ seed: 12, standardize: true }).train;
      const rows = Array.from({ length: 40 }, (_, i) => i);
      const data = { X: train.X.gather(rows), labels: train.labels.gather(rows) };
      const shape: Shape = { inputs: 4, hidden: 4, classes: 3 };
      const theta0 = [...await initNetwork(shape, new Rng(5)).data()];
      return await tensorflowTrajectory(
        tf.train.adam(0.05, 0.9, 0.999, 1e-8),
        theta0,
        (theta) => [...lossAndGradient(tensor(theta), shape, data).grad.dataSync()],
        3,
      );
    },
  },
};
