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
  // #region TODO(kata 01): numericalGradient() — central differences, with a step that suits the dtype
  const action = "take a numerical gradient";
  checkPoint(theta, h, action);
  const n = theta.size;
  const point = theta.reshape([n]);
  // Two errors pull h in opposite directions. Truncation: the central difference
  // is off by about h²·f'''/6, so h should be small. Round-off: f is stored with
  // a relative error ε, and dividing that by 2h magnifies it to ε·|f|/h, so h
  // should be large. The sum is smallest near h = ∛ε — 4.9e-3 in float32, 6.1e-6
  // in float64. Scaling by max(1, |θ_i|) keeps h above θ_i's own rounding.
  const steps = h === undefined
    ? point.abs().maximum(1).mul(Math.cbrt(machineEpsilon(theta.dtype)))
    : givenSteps(h, point);
  const differences: Tensor[] = [];
  for (let i = 0; i < n; i++) {
    // h_i·e_i moves component i only. θ ± step are NEW tensors: θ itself never
    // moves, so component i + 1 starts again from the true θ.
    const step = basisVector(i, n, point).mul(steps);
    const plus = point.add(step);
    const minus = point.sub(step);
    const lossPlus = lossAt(f, plus.reshape(theta.shape), action);
    const lossMinus = lossAt(f, minus.reshape(theta.shape), action);
    // Central: in f(θ + h·e_i) − f(θ − h·e_i) the h²·f''/2 terms of the two Taylor
    // expansions cancel, leaving an error of h²·f'''/6 after dividing by 2h; the
    // forward difference (f(θ + h·e_i) − f(θ))/h keeps an error of h·f''/2.
    differences.push(lossPlus.sub(lossMinus));
  }
  // The two points are 2h_i apart, not h_i.
  return stack(differences).div(steps.mul(2)).reshape(theta.shape);
  // #endregion
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
  // #region TODO(kata 01): numericalHessian() — differentiate the numerical gradient, then symmetrise
  const action = "take a numerical Hessian";
  checkPoint(theta, h, action);
  const n = theta.size;
  const center = theta.reshape([n]);
  // A second difference divides round-off by h² instead of h, so the best step
  // is larger: about ε^¼ (0.019 in float32, 1.2e-4 in float64).
  const columnSteps = h === undefined
    ? center.abs().maximum(1).mul(machineEpsilon(theta.dtype) ** 0.25)
    : givenSteps(h, center);
  const columns: Tensor[] = [];
  for (let j = 0; j < n; j++) {
    const step = basisVector(j, n, center).mul(columnSteps);
    // The inner gradient takes the same steps: both differences then have the
    // error balance of ε^¼ (with ∛ε inside, round-off would grow about 4× in
    // float32 and 20× in float64).
    const gradientPlus = numericalGradient(f, center.add(step).reshape(theta.shape), columnSteps);
    const gradientMinus = numericalGradient(f, center.sub(step).reshape(theta.shape), columnSteps);
    columns.push(gradientPlus.sub(gradientMinus).reshape([n]));
  }
  // Column j holds ∂g/∂θ_j: stack along axis 1, then divide column j by 2h_j.
  const jacobian = stack(columns, 1).div(columnSteps.mul(2).reshape([1, n]));
  // ∂²L/∂θi∂θj = ∂²L/∂θj∂θi, but J[i][j] and J[j][i] come from different
  // differences and round differently. Averaging J with its transpose makes the
  // result exactly symmetric (a + b = b + a in floating point too), which eigh needs.
  return jacobian.add(jacobian.transpose()).mul(0.5);
  // #endregion
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
  // #region TODO(kata 01): taylorApproximation() — L(θ') + vᵀg + ½vᵀHv with v = θ − θ'
  const action = "take a Taylor approximation";
  checkPoint(thetaPrime, undefined, action);
  checkPoint(theta, undefined, action);
  if (theta.shape.join() !== thetaPrime.shape.join() || theta.dtype !== thetaPrime.dtype) {
    throw new ShapeError(
      `Cannot ${action}: θ' is [${thetaPrime.shape}] ${thetaPrime.dtype} and θ is [${theta.shape}] ${theta.dtype}`,
    );
  }
  const n = theta.size;
  const v = theta.sub(thetaPrime).reshape([n]);
  const gradient = numericalGradient(f, thetaPrime).reshape([n]);
  const hessian = numericalHessian(f, thetaPrime);
  const firstOrder = v.dot(gradient); // (θ − θ')ᵀg: zero at a critical point
  const secondOrder = hessian.matmul(v).dot(v).mul(0.5); // ½(θ − θ')ᵀH(θ − θ')
  return lossAt(f, thetaPrime, action).add(firstOrder).add(secondOrder);
  // #endregion
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
  // #region TODO(kata 01): toyGradient() — the chain rule on L = (ŷ − w1·w2·x)²
  const [w1, w2] = toyWeights(w, x, yHat, "take the toy gradient");
  const residual = w1.mul(w2).mul(x).neg().add(yHat); // r = ŷ − w1·w2·x
  // L = r², so ∂L/∂w1 = 2r·∂r/∂w1, and ∂r/∂w1 = −w2·x: the minus sign comes from
  // the network's output being SUBTRACTED from ŷ. Likewise ∂L/∂w2 = 2r·(−w1·x).
  return concat([w2, w1]).mul(residual).mul(-2 * x);
  // #endregion
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
  // #region TODO(kata 01): toyHessian() — differentiate the toy gradient once more
  const [w1, w2] = toyWeights(w, x, yHat, "take the toy Hessian");
  const residual = w1.mul(w2).mul(x).neg().add(yHat); // r = ŷ − w1·w2·x
  // ∂/∂w1 of ∂L/∂w1 = −2x·r·w2: only r depends on w1 (∂r/∂w1 = −w2·x), so 2x²·w2².
  const h11 = w2.square().mul(2 * x * x);
  const h22 = w1.square().mul(2 * x * x);
  // ∂/∂w2 of −2x·r·w2: BOTH factors depend on w2 (product rule):
  // −2x·(∂r/∂w2·w2 + r) = −2x·(−w1·x·w2 + r) = 2x²·w1·w2 − 2x·r.
  // At the origin (x = ŷ = 1) that is −2: the lecture's saddle.
  const h12 = w1.mul(w2).mul(2 * x * x).sub(residual.mul(2 * x));
  return concat([h11, h12, h12, h22]).reshape([2, 2]);
  // #endregion
}
