/**
 * `eigh`: the eigen-decomposition of a symmetric matrix, by cyclic Jacobi
 * rotations in float64. It is the one asynchronous op: on a GPU backend it
 * reads the matrix back, decomposes it on the CPU and uploads the result.
 *
 * @module
 */
import { DtypeError, formatShape, ShapeError, ValueError } from "../../core/errors.ts";
import { requireFloat } from "../../core/dtype.ts";
import { Tensor } from "../tensor.ts";

/** The result of {@linkcode eigh}. */
export interface Eigh {
  /** `[n]`, ascending. */
  eigenvalues: Tensor;
  /** `[n, n]`; column j is the unit eigenvector of eigenvalue j (its sign is arbitrary). */
  eigenvectors: Tensor;
}

const MAX_SWEEPS = 100;

/** Jacobi on a row-major n×n float64 copy; returns values and column vectors. */
function jacobi(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        total += a[i * n + j] ** 2;
        if (i !== j) off += a[i * n + j] ** 2;
      }
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        // Rotation angle that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.4.1).
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i * n + i] - a[j * n + j]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src];
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src];
  });
  return { values, vectors };
}

/**
 * The eigenvalues (ascending) and unit eigenvectors of a symmetric matrix.
 *
 * @param matrix A symmetric `[n, n]` float tensor without NaN or Infinity.
 * @returns `{ eigenvalues, eigenvectors }` on the matrix's backend and dtype.
 * @throws {ShapeError} When the matrix is not square.
 * @throws {ValueError} When it holds NaN or Infinity, or is not symmetric.
 *
 * @example The lecture's saddle: eigenvalues -2 and 2
 * ```ts
 * import { eigh, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * const { eigenvalues } = await eigh(tensor([[0, -2], [-2, 0]], { dtype: "float64" }));
 * deepStrictEqual((await eigenvalues.array() as number[]).map(Math.round), [-2, 2]);
 * ```
 */
export async function eigh(matrix: Tensor): Promise<Eigh> {
  const action = "decompose with eigh";
  if (!(matrix instanceof Tensor)) {
    throw new DtypeError(`Cannot ${action}: the argument is ${typeof matrix}, not a tensor`);
  }
  requireFloat(matrix.dtype, action);
  if (matrix.rank !== 2 || matrix.shape[0] !== matrix.shape[1]) {
    throw new ShapeError(
      `Cannot ${action}: shape ${formatShape(matrix.shape)} is not a square matrix`,
    );
  }
  const n = matrix.shape[0];
  const a = Float64Array.from(await matrix.data());
  const bad = a.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) {
    throw new ValueError(
      `Cannot ${action}: entry [${Math.floor(bad / n)},${bad % n}] is ${a[bad]}`,
    );
  }
  const scale = a.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  const tolerance = (matrix.dtype === "float32" ? 1e-5 : 1e-10) * Math.max(scale, 1e-30);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gap = Math.abs(a[i * n + j] - a[j * n + i]);
      if (gap > tolerance) {
        throw new ValueError(
          `Cannot ${action}: the matrix is not symmetric (entry [${i},${j}] is ${
            a[i * n + j]
          } and [${j},${i}] is ${a[j * n + i]})`,
        );
      }
      a[i * n + j] = a[j * n + i] = (a[i * n + j] + a[j * n + i]) / 2;
    }
  }
  const { values, vectors } = jacobi(a, n);
  const backend = matrix.backend;
  return {
    eigenvalues: new Tensor(backend.upload(values, matrix.dtype), [n], matrix.dtype, backend),
    eigenvectors: new Tensor(backend.upload(vectors, matrix.dtype), [n, n], matrix.dtype, backend),
  };
}
