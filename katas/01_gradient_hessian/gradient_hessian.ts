// Kata 01 — the gradient and the Hessian by finite differences, and the lecture's toy network.
// g_i ≈ (L(θ + h·e_i) − L(θ − h·e_i)) / 2h; H is the gradient of the gradient; see the README.
// deno-lint-ignore-file no-unused-vars -- the stubs keep the solution's imports and parameters
import {
  concat,
  type DType,
  DtypeError,
  full,
  NotImplementedError,
  ShapeError,
  stack,
  Tensor,
  tensor,
  ValueError,
} from "../../lib/mod.ts";

/** A loss: parameters θ in, a 0-d tensor L(θ) out. */
export type Loss = (theta: Tensor) => Tensor;

/**
 * Worked example — machine epsilon: the gap between 1 and the next number the
 * dtype can store. Every rounding error is about ε times the value rounded.
 *
 * @param dtype float32 (ε = 2⁻²³ ≈ 1.2e-7) or float64 (ε = 2⁻⁵² ≈ 2.2e-16).
 * @returns ε.
 */
export function machineEpsilon(dtype: DType): number {
  if (dtype === "float32") return 2 ** -23;
  if (dtype === "float64") return 2 ** -52;
  throw new DtypeError(`Cannot take machine epsilon: dtype ${dtype} is not a float dtype`);
}

/** A finite-difference step: one number for every component, or a tensor of one step per component. */
export type Step = number | Tensor;

/**
 * Worked example — refuses a point θ (and a step h) that finite differences cannot use.
 *
 * @param theta The point: a float tensor with at least one element.
 * @param h The step, when one is given: a positive finite number, or a tensor
 *   with one step per component of θ.
 * @param action What was being done, for the message ("take a numerical gradient").
 */
export function checkPoint(theta: Tensor, h: Step | undefined, action: string): void {
  if (!(theta instanceof Tensor)) {
    throw new DtypeError(`Cannot ${action}: θ is ${typeof theta}, not a tensor`);
  }
  if (theta.dtype !== "float32" && theta.dtype !== "float64") {
    throw new DtypeError(`Cannot ${action}: θ has dtype ${theta.dtype}, not float32 or float64`);
  }
  if (theta.size === 0) {
    throw new ShapeError(`Cannot ${action}: θ has shape [${theta.shape}], no elements`);
  }
  if (h instanceof Tensor) {
    if (h.size !== theta.size) {
      throw new ShapeError(
        `Cannot ${action}: h has shape [${h.shape}], not one step per component of θ [${theta.shape}]`,
      );
    }
  } else if (h !== undefined && !(typeof h === "number" && Number.isFinite(h) && h > 0)) {
    throw new ValueError(`Cannot ${action}: h ${h} is not a positive finite number`);
  }
}

/**
 * Worked example — a step the caller gave, as one step per component: a `[n]`
 * tensor with the dtype and backend of `point`.
 *
 * @param h A number (the same step everywhere) or a tensor of steps.
 * @param point The point, flattened to `[n]`.
 * @returns The steps h_i, shape `[n]`.
 */
export function givenSteps(h: Step, point: Tensor): Tensor {
  if (h instanceof Tensor) return h.reshape([point.size]).cast(point.dtype);
  return full([point.size], h, { dtype: point.dtype, backend: point.backend.name });
}

/**
 * Worked example — evaluates the loss and checks that it is one number.
 *
 * @param f The loss.
 * @param theta Where to evaluate it.
 * @param action What was being done, for the message.
 * @returns L(θ), a 0-d tensor.
 */
export function lossAt(f: Loss, theta: Tensor, action: string): Tensor {
  const value = f(theta);
  if (!(value instanceof Tensor) || value.rank !== 0) {
    const got = value instanceof Tensor ? `shape [${value.shape}]` : typeof value;
    throw new ShapeError(`Cannot ${action}: f returned ${got}, not a 0-d tensor`);
  }
  return value;
}

/**
 * Worked example — e_i, the unit vector along component i: 1 at i, 0 elsewhere,
 * with the dtype and backend of `like`. `e_i.mul(steps)` is h_i·e_i.
 *
 * @param i The component, from 0.
 * @param n The length.
 * @param like A tensor whose dtype and backend the vector takes.
 * @returns A `[n]` tensor.
 */
export function basisVector(i: number, n: number, like: Tensor): Tensor {
  const values = new Array<number>(n).fill(0);
  values[i] = 1;
  return tensor(values, { dtype: like.dtype, backend: like.backend.name });
}

/**
 * Worked example — checks the toy network's arguments and splits w into w1 and w2.
 *
 * @param w The weights `[w1, w2]`.
 * @param x The input.
 * @param yHat The target ŷ.
 * @param action What was being done, for the message.
 * @returns `[w1, w2]`, each a `[1]` tensor.
 */
export function toyWeights(w: Tensor, x: number, yHat: number, action: string): [Tensor, Tensor] {
  checkPoint(w, undefined, action);
  if (w.rank !== 1 || w.shape[0] !== 2) {
    throw new ShapeError(`Cannot ${action}: w has shape [${w.shape}], not [2]`);
  }
  if (!Number.isFinite(x) || !Number.isFinite(yHat)) {
    throw new ValueError(`Cannot ${action}: x ${x} and ŷ ${yHat} must be finite numbers`);
  }
  return [w.slice([0], [1]), w.slice([1], [1])];
}

/**
 * Worked example — the lecture's toy network y = w1·w2·x on one training pair
 * (x, ŷ), with the squared error L(w) = (ŷ − w1·w2·x)².
 *
 * @param w The weights `[w1, w2]`.
 * @param x The input (1 in the lecture).
 * @param yHat The target ŷ (1 in the lecture).
 * @returns L(w), a 0-d tensor.
 */
export function toyLoss(w: Tensor, x = 1, yHat = 1): Tensor {
  const [w1, w2] = toyWeights(w, x, yHat, "evaluate the toy loss");
  const residual = w1.mul(w2).mul(x).neg().add(yHat); // r = ŷ − y
  return residual.square().reshape([]);
}

/**
 * The gradient of f at θ by central differences, one component at a time:
 * g_i ≈ (f(θ + h_i·e_i) − f(θ − h_i·e_i)) / (2·h_i).
 *
 * @param f The loss; it returns a 0-d tensor.
 * @param theta The point (any shape; float32 or float64).
 * @param h The step: a number, or a tensor of one step per component.
 *   Default: ∛ε of θ's dtype times max(1, |θ_i|), per component.
 * @returns The gradient, same shape, dtype and backend as θ.
 */
export function numericalGradient(f: Loss, theta: Tensor, h?: Step): Tensor {
  // TODO(kata 01): numericalGradient() — central differences, with a step that suits the dtype
  throw new NotImplementedError(
    "kata 01: numericalGradient() — see katas/01_gradient_hessian/README.md",
  );
}

/**
 * The Hessian of f at θ: the Jacobian of the numerical gradient, symmetrised.
 * Column j is (g(θ + h_j·e_j) − g(θ − h_j·e_j)) / (2·h_j).
 *
 * @param f The loss; it returns a 0-d tensor.
 * @param theta The point (any shape, read as a vector of n = θ.size components).
 * @param h The step: a number, or a tensor of one step per component.
 *   Default: ε^¼ of θ's dtype times max(1, |θ_j|), per component.
 * @returns The `[n, n]` Hessian, exactly symmetric, θ's dtype and backend.
 */
export function numericalHessian(f: Loss, theta: Tensor, h?: Step): Tensor {
  // TODO(kata 01): numericalHessian() — differentiate the numerical gradient, then symmetrise
  throw new NotImplementedError(
    "kata 01: numericalHessian() — see katas/01_gradient_hessian/README.md",
  );
}

/**
 * The lecture's second-order Taylor approximation of L around θ':
 * L(θ) ≈ L(θ') + (θ − θ')ᵀg + ½(θ − θ')ᵀH(θ − θ'), with g and H taken numerically at θ'.
 *
 * @param f The loss; it returns a 0-d tensor.
 * @param thetaPrime θ', where g and H are taken.
 * @param theta θ, where the approximation is evaluated (same shape and dtype).
 * @returns The approximate L(θ), a 0-d tensor.
 */
export function taylorApproximation(f: Loss, thetaPrime: Tensor, theta: Tensor): Tensor {
  // TODO(kata 01): taylorApproximation() — L(θ') + vᵀg + ½vᵀHv with v = θ − θ'
  throw new NotImplementedError(
    "kata 01: taylorApproximation() — see katas/01_gradient_hessian/README.md",
  );
}

/**
 * The toy network's gradient, by hand: with r = ŷ − w1·w2·x,
 * ∂L/∂w1 = −2x·r·w2 and ∂L/∂w2 = −2x·r·w1.
 *
 * @param w The weights `[w1, w2]`.
 * @param x The input (1 in the lecture).
 * @param yHat The target ŷ (1 in the lecture).
 * @returns `[∂L/∂w1, ∂L/∂w2]`, w's dtype and backend.
 */
export function toyGradient(w: Tensor, x = 1, yHat = 1): Tensor {
  // TODO(kata 01): toyGradient() — the chain rule on L = (ŷ − w1·w2·x)²
  throw new NotImplementedError("kata 01: toyGradient() — see katas/01_gradient_hessian/README.md");
}

/**
 * The toy network's Hessian, derived by hand: differentiate each component of
 * the toy gradient by w1 and by w2. At the origin (x = ŷ = 1) it is the
 * lecture's [[0, −2], [−2, 0]].
 *
 * @param w The weights `[w1, w2]`.
 * @param x The input (1 in the lecture).
 * @param yHat The target ŷ (1 in the lecture).
 * @returns The `[2, 2]` Hessian, w's dtype and backend.
 */
export function toyHessian(w: Tensor, x = 1, yHat = 1): Tensor {
  // TODO(kata 01): toyHessian() — differentiate the toy gradient once more
  throw new NotImplementedError("kata 01: toyHessian() — see katas/01_gradient_hessian/README.md");
}
