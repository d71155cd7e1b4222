// Kata 10's experiment, shared by its suite ("each remedy lowers the validation loss")
// and by its figures (`deno task show 10`): nothing here for you to write.
import { normal, Rng, type Tensor, tensor, zeros } from "../../lib/mod.ts";
import type * as Kata10 from "./overfitting.ts";

/** The runs: 150 epochs of gradient descent from w = 0 at η = 0.08; early stopping with patience 10. */
export const OVERFIT_RUNS = { epochs: 150, learningRate: 0.08, patience: 10 } as const;

/**
 * A model that overfits: y = 2x₀ − x₁ + 0.5x₂ + N(0, 1), with 12 input features of
 * which 9 are irrelevant, and only 12 training rows — as many weights as examples,
 * so a linear model can fit the noise exactly. Validation: 200 rows of the same
 * kind. Drawn from `new Rng(1)`.
 *
 * @returns The training and validation sets.
 */
export function overfittingSetup(): Record<"train" | "validation", { X: Tensor; y: Tensor }> {
  const rng = new Rng(1);
  const d = 12;
  const wTrue = tensor([2, -1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0]).reshape([d, 1]);
  const draw = (n: number) => {
    const X = normal(rng, [n, d]);
    const y = X.matmul(wTrue).reshape([n]).add(normal(rng, [n]));
    return { X, y };
  };
  return { train: draw(12), validation: draw(200) };
}

/** The pieces of kata 10 that {@linkcode fitLinear} trains with (yours, in the suite and the figures). */
export interface FitPieces {
  squaredErrorGradient: typeof Kata10.squaredErrorGradient;
  l2Gradient: typeof Kata10.l2Gradient;
  dropout: typeof Kata10.dropout;
}

/**
 * Gradient descent on the linear model from w = 0 for `epochs` (150) epochs at
 * η = 0.08, with optional L2 (λ) and dropout on the inputs (p, masks from `new Rng(11)`).
 *
 * @param pieces The gradient, the L2 gradient and dropout to train with.
 * @param X Inputs [n, d].
 * @param y Targets [n].
 * @param options Epochs, λ and the dropout rate.
 * @returns The weights, [d].
 */
export function fitLinear(
  pieces: FitPieces,
  X: Tensor,
  y: Tensor,
  options: { epochs?: number; lambda?: number; dropoutP?: number } = {},
): Tensor {
  const { epochs = OVERFIT_RUNS.epochs, lambda = 0, dropoutP = 0 } = options;
  const rng = new Rng(11);
  let w = zeros([X.shape[1]]);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const Xe = dropoutP > 0 ? pieces.dropout(X, dropoutP, { training: true, rng }) : X;
    let g = pieces.squaredErrorGradient(Xe, y, w);
    if (lambda > 0) g = g.add(pieces.l2Gradient(w, lambda));
    w = w.sub(g.mul(OVERFIT_RUNS.learningRate));
  }
  return w;
}
