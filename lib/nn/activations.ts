/**
 * The activations an MLP can use, built from library ops so that autodiff
 * differentiates them: relu, tanh and sigmoid.
 *
 * @module
 */
import { gt, type Tensor, ValueError, where } from "../tensor/mod.ts";

/** The names `mlp()` accepts. */
export type Activation = "relu" | "tanh" | "sigmoid";

/**
 * max(x, 0); its gradient is 1 where x > 0 and 0 elsewhere (0 at x = 0, as in
 * TensorFlow and PyTorch).
 *
 * @param x A float tensor.
 * @returns The rectified values.
 *
 * @example
 * ```ts
 * import { relu } from "./activations.ts";
 * import { tensor } from "../tensor/mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await relu(tensor([-1, 0, 2])).array(), [0, 0, 2]);
 * ```
 */
export function relu(x: Tensor): Tensor {
  return where(gt(x, 0), x, 0);
}

/**
 * The logistic function 1 / (1 + e⁻ˣ). The input is clamped to [−80, 80]
 * first, where σ is 0 or 1 to float64's precision, so that e⁻ˣ never
 * overflows and the gradient never becomes 0·∞ = NaN.
 *
 * @param x A float tensor.
 * @returns Values in [0, 1].
 *
 * @example
 * ```ts
 * import { sigmoid } from "./activations.ts";
 * import { tensor } from "../tensor/mod.ts";
 * import { deepStrictEqual, ok } from "node:assert";
 * const [half, low, high] = await sigmoid(tensor([0, -1000, 1000])).data();
 * deepStrictEqual([half, high], [0.5, 1]);
 * ok(low >= 0 && low < 1e-30, "far left is 0 to float precision, not NaN");
 * ```
 */
export function sigmoid(x: Tensor): Tensor {
  return x.maximum(-80).minimum(80).neg().exp().add(1).pow(-1);
}

/**
 * The hyperbolic tangent (1 − e⁻²ˣ) / (1 + e⁻²ˣ), with x clamped to
 * [−40, 40] (where tanh is ±1 to float64's precision) so nothing overflows.
 *
 * @param x A float tensor.
 * @returns Values in [−1, 1].
 *
 * @example
 * ```ts
 * import { tanh } from "./activations.ts";
 * import { tensor } from "../tensor/mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await tanh(tensor([0, -1000, 1000])).array(), [0, -1, 1]);
 * ```
 */
export function tanh(x: Tensor): Tensor {
  const e = x.maximum(-40).minimum(40).mul(-2).exp();
  return e.neg().add(1).div(e.add(1));
}

/**
 * The activation of a name.
 *
 * @param name relu, tanh or sigmoid.
 * @returns The function.
 * @throws {ValueError} For another name.
 *
 * @example
 * ```ts
 * import { activation, relu } from "./activations.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(activation("relu"), relu);
 * ```
 */
export function activation(name: Activation): (x: Tensor) => Tensor {
  const found = ({ relu, tanh, sigmoid } as Record<string, (x: Tensor) => Tensor>)[name];
  if (found === undefined || !Object.hasOwn({ relu, tanh, sigmoid }, name)) {
    throw new ValueError(
      `Cannot pick an activation: "${name}" is not one of "relu", "tanh", "sigmoid"`,
    );
  }
  return found;
}
