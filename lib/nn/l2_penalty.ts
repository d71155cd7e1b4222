/**
 * The L2 penalty (weight decay as a loss term).
 *
 * @module
 */
import { type Tensor, ValueError } from "../tensor/mod.ts";

/**
 * (λ/2)·‖θ‖², a 0-d tensor to add to a loss. With the ½ its gradient is λθ, so
 * λ is the "weight decay" of SGD with weight decay. It covers every entry of
 * θ, biases included; to spare the biases, penalise `mlp.view(θ, l).weight`
 * of each layer instead.
 *
 * @param theta The parameters.
 * @param lambda The strength λ ≥ 0.
 * @returns (λ/2)·Σ θᵢ².
 * @throws {ValueError} When λ is negative or not finite.
 *
 * @example
 * ```ts
 * import { l2Penalty } from "./l2_penalty.ts";
 * import { tensor } from "../tensor/mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(await l2Penalty(tensor([3, 4]), 0.5).item(), 0.25 * 25);
 * ```
 */
export function l2Penalty(theta: Tensor, lambda: number): Tensor {
  if (!(typeof lambda === "number" && Number.isFinite(lambda) && lambda >= 0)) {
    throw new ValueError(
      `Cannot take an L2 penalty: lambda = ${lambda} is not a finite number ≥ 0`,
    );
  }
  return theta.square().sum().mul(lambda / 2);
}
