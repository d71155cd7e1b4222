// Kata 02 — critical points: where the gradient vanishes, the Hessian's eigenvalues say what it is.
// All λ > 0: minimum; all < 0: maximum; both signs: saddle, escaped along a negative λ's eigenvector.
// deno-lint-ignore-file no-unused-vars require-await ban-unused-ignore -- the stubs keep the solution's imports, parameters and async
import {
  DtypeError,
  eigh,
  NotImplementedError,
  ShapeError,
  Tensor,
  tensor,
  ValueError,
} from "../../lib/mod.ts";

/** What the second-order test says about a critical point. */
export type CriticalPointKind = "local-minimum" | "local-maximum" | "saddle-point" | "degenerate";

/** The default zero tolerance of every function here: 1e-6. */
export const DEFAULT_TOLERANCE = 1e-6;

/** A symmetric matrix's eigen-decomposition as plain numbers. */
export interface Spectrum {
  /** λ_0 ≤ λ_1 ≤ … ≤ λ_{n−1}, ascending. */
  eigenvalues: number[];
  /** The n×n matrix of eigenvectors, row by row: COLUMN j is the unit eigenvector of λ_j. */
  eigenvectors: number[][];
}

/**
 * Worked example — checks that `hessian` is a square float matrix, decomposes
 * it with the library's `eigh`, and reads eigenvalues and eigenvectors back in
 * one go (on WebGPU every read is a round trip, so batch them).
 *
 * @param hessian A symmetric `[n, n]` float tensor.
 * @param action What was being done, for the message ("classify a critical point").
 * @returns Eigenvalues (ascending) and eigenvectors (as columns).
 */
export async function spectrum(hessian: Tensor, action: string): Promise<Spectrum> {
  if (!(hessian instanceof Tensor)) {
    throw new DtypeError(`Cannot ${action}: the Hessian is ${typeof hessian}, not a tensor`);
  }
  if (hessian.dtype !== "float32" && hessian.dtype !== "float64") {
    throw new DtypeError(
      `Cannot ${action}: the Hessian has dtype ${hessian.dtype}, not float32 or float64`,
    );
  }
  if (hessian.rank !== 2 || hessian.shape[0] !== hessian.shape[1] || hessian.size === 0) {
    throw new ShapeError(
      `Cannot ${action}: the Hessian has shape [${hessian.shape}], not a square matrix`,
    );
  }
  const { eigenvalues, eigenvectors } = await eigh(hessian); // ValueError if not symmetric
  const [values, vectors] = await Promise.all([eigenvalues.array(), eigenvectors.array()]);
  return { eigenvalues: values as number[], eigenvectors: vectors as number[][] };
}

/**
 * Worked example — refuses a tolerance that is negative, NaN or infinite.
 *
 * @param tol The tolerance.
 * @param action What was being done, for the message.
 */
export function checkTolerance(tol: number, action: string): void {
  if (!(typeof tol === "number" && Number.isFinite(tol) && tol >= 0)) {
    throw new ValueError(`Cannot ${action}: tol ${tol} is not a non-negative finite number`);
  }
}

/**
 * Worked example — the lecture's test quantity: vᵀHv / vᵀv, the curvature of
 * the loss along v. By the Taylor expansion at a critical point,
 * L(θ' + v) ≈ L(θ') + ½vᵀHv, so the loss rises along v when it is positive and
 * falls when it is negative. For a unit eigenvector u of λ it is exactly λ.
 *
 * @param hessian The `[n, n]` Hessian.
 * @param direction A non-zero `[n]` vector v.
 * @returns vᵀHv / vᵀv, a 0-d tensor.
 */
export function curvature(hessian: Tensor, direction: Tensor): Tensor {
  return direction.dot(hessian.matmul(direction)).div(direction.dot(direction));
}

/** How many eigenvalues are positive, negative, and zero within the tolerance. */
export interface EigenvalueSigns {
  positive: number;
  negative: number;
  zero: number;
}

/**
 * Sorts eigenvalues into positive, negative and zero. An eigenvalue counts as
 * zero when |λ| ≤ tol · max(1, max_j |λ_j|): relative to the largest, because
 * round-off in H grows with H's scale.
 *
 * @param eigenvalues The eigenvalues.
 * @param tol The relative zero tolerance.
 * @returns The three counts.
 */
export function eigenvalueSigns(eigenvalues: number[], tol = DEFAULT_TOLERANCE): EigenvalueSigns {
  // TODO(kata 02): eigenvalueSigns() — count λ > 0, λ < 0 and λ ≈ 0 with the relative zero rule
  throw new NotImplementedError(
    "kata 02: eigenvalueSigns() — see katas/02_critical_points/README.md",
  );
}

/**
 * Whether θ is a critical point: every component of the gradient is within
 * `tol` of zero, max_i |g_i| ≤ tol.
 *
 * @param gradient g = ∇L(θ), any shape.
 * @param tol The absolute tolerance (1e-6).
 * @returns True at a critical point.
 */
export async function isCriticalPoint(gradient: Tensor, tol = DEFAULT_TOLERANCE): Promise<boolean> {
  // TODO(kata 02): isCriticalPoint() — is the largest |g_i| within tol?
  throw new NotImplementedError(
    "kata 02: isCriticalPoint() — see katas/02_critical_points/README.md",
  );
}

/**
 * The second-order test at a critical point, from the signs of H's eigenvalues:
 * both signs → "saddle-point" (even if some are zero); otherwise any zero →
 * "degenerate"; all positive → "local-minimum"; all negative → "local-maximum".
 *
 * @param hessian The symmetric `[n, n]` Hessian at the critical point.
 * @param tol The relative zero tolerance (see {@linkcode eigenvalueSigns}).
 * @returns The kind of critical point.
 */
export async function classifyCriticalPoint(
  hessian: Tensor,
  tol = DEFAULT_TOLERANCE,
): Promise<CriticalPointKind> {
  // TODO(kata 02): classifyCriticalPoint() — the signs of H's eigenvalues decide
  throw new NotImplementedError(
    "kata 02: classifyCriticalPoint() — see katas/02_critical_points/README.md",
  );
}

/**
 * A direction that lowers the loss at a saddle: the unit eigenvector u of the
 * most negative eigenvalue λ, since L(θ' + u) ≈ L(θ') + ½λ < L(θ'). Its sign is
 * chosen so that its first non-zero component is positive.
 *
 * @param hessian The symmetric `[n, n]` Hessian.
 * @returns A `[n]` unit vector on the Hessian's backend and dtype, or null when
 *   no eigenvalue is negative (beyond the zero tolerance of {@linkcode eigenvalueSigns}).
 */
export async function escapeDirection(hessian: Tensor): Promise<Tensor | null> {
  // TODO(kata 02): escapeDirection() — the unit eigenvector of the most negative λ, sign fixed
  throw new NotImplementedError(
    "kata 02: escapeDirection() — see katas/02_critical_points/README.md",
  );
}

/**
 * The lecture's "minimum ratio": the share of H's eigenvalues that are positive
 * (zeros within the tolerance do not count). 1 at a strict minimum; real
 * networks' critical points rarely reach it — most are saddles.
 *
 * @param hessian The symmetric `[n, n]` Hessian.
 * @param tol The relative zero tolerance (see {@linkcode eigenvalueSigns}).
 * @returns A number in [0, 1].
 */
export async function minimumRatio(hessian: Tensor, tol = DEFAULT_TOLERANCE): Promise<number> {
  // TODO(kata 02): minimumRatio() — positive eigenvalues over all eigenvalues
  throw new NotImplementedError("kata 02: minimumRatio() — see katas/02_critical_points/README.md");
}
