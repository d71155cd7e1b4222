/**
 * Dropout with an explicit `training` flag and a seeded mask.
 *
 * @module
 */
import { allocate } from "../core/dtype.ts";
import { type Rng, type Tensor, tensor, ValueError } from "../tensor/mod.ts";

/** How `dropout()` runs. */
export interface DropoutOptions {
  /** Whether to drop (training) or pass `x` through unchanged (evaluation). */
  training: boolean;
  /** Draws the mask; required when training with p > 0. */
  rng?: Rng;
}

/**
 * Inverted dropout: while training, each entry is kept with probability
 * 1 − p and scaled by 1/(1 − p), so the expected value is unchanged and
 * evaluation needs no rescaling; otherwise `x` itself is returned. The mask
 * is drawn from `rng` (one `rng.float()` per entry, row-major), so equal seeds
 * drop the same entries on every backend. Differentiable: the gradient is the
 * same mask times the upstream gradient.
 *
 * @param x A float tensor.
 * @param p The probability of dropping an entry, in [0, 1).
 * @param options `training`, and the `rng` for the mask.
 * @returns The masked, rescaled tensor (or `x` when not training or p = 0).
 * @throws {ValueError} When p is outside [0, 1), or training with p > 0 without an rng.
 *
 * @example
 * ```ts
 * import { dropout } from "./dropout.ts";
 * import { ones, Rng } from "../tensor/mod.ts";
 * import { ok, strictEqual } from "node:assert";
 * const x = ones([1000]);
 * const y = dropout(x, 0.5, { training: true, rng: new Rng(0) });
 * const values = await y.data();
 * ok(values.every((v) => v === 0 || v === 2)); // dropped, or kept and scaled by 1/(1 − p)
 * strictEqual(dropout(x, 0.5, { training: false }), x);
 * ```
 */
export function dropout(x: Tensor, p: number, options: DropoutOptions): Tensor {
  if (!(typeof p === "number" && p >= 0 && p < 1)) {
    throw new ValueError(`Cannot apply dropout: p = ${p} is not in [0, 1)`);
  }
  if (!options.training || p === 0) return x;
  if (options.rng === undefined) {
    throw new ValueError(
      `Cannot apply dropout: training with p = ${p} needs an rng for the mask ({ training: true, rng })`,
    );
  }
  const mask = allocate(x.dtype, x.size);
  const scale = 1 / (1 - p);
  for (let i = 0; i < mask.length; i++) mask[i] = options.rng.float() < p ? 0 : scale;
  const m = tensor(mask, { backend: x.backend.name }).reshape(x.shape);
  return x.mul(m);
}
