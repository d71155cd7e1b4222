import { strictEqual, throws } from "node:assert";
import { learningRateAt, type Optimizer, runOptimizer } from "./optimizer.ts";
import { ShapeError, tensor, ValueError } from "../tensor/mod.ts";

const sgd = (learningRate: number | ((t: number) => number)): Optimizer<number> => ({
  learningRate,
  init: () => 0,
  update: (g, t, params) => ({
    params: params.sub(g.mul(learningRateAt(learningRate, t))),
    state: t + 1,
  }),
});

Deno.test("runOptimizer() returns θ⁰…θ^steps", () => {
  // L = θ², g = 2θ, η = 0.25: θ halves each step.
  const path = runOptimizer((theta) => theta.mul(2), tensor([8]), sgd(0.25), 3);
  strictEqual(path.length, 4);
  strictEqual(path.map((p) => p.itemSync()).join(), "8,4,2,1");
});

Deno.test("runOptimizer() refuses a negative or NaN learning rate, and one a schedule turns negative", () => {
  const grad = (theta: ReturnType<typeof tensor>) => theta;
  throws(
    () => runOptimizer(grad, tensor([1]), sgd(-0.1), 1),
    (e: Error) =>
      e instanceof ValueError &&
      e.message === "Cannot step: learning rate -0.1 is not a finite non-negative number",
  );
  throws(() => runOptimizer(grad, tensor([1]), sgd(NaN), 1), ValueError);
  throws(
    () => runOptimizer(grad, tensor([1]), sgd((t) => 1 - t), 3),
    /the schedule gave -1 at t = 2/,
  );
});

Deno.test("runOptimizer() refuses a bad step count and a gradient of the wrong shape", () => {
  throws(
    () => runOptimizer((t) => t, tensor([1]), sgd(0.1), -1),
    /steps -1 is not a non-negative integer/,
  );
  throws(
    () => runOptimizer(() => tensor([1, 2]), tensor([1]), sgd(0.1), 1),
    (e: Error) =>
      e instanceof ShapeError &&
      /the gradient at step 0 has shape \[2\], not \[1\]/.test(e.message),
  );
});
