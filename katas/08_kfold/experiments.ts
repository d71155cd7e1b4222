// Kata 08's degree experiment, shared by its suite (the lecture's picture: choosing a
// polynomial degree) and by its figures (`deno task show 08`): nothing here for you to write.
import { gather, matmul, Rng, tensor, transpose } from "../../lib/mod.ts";
import type { Candidate } from "./kfold.ts";

/** The experiment: 30 samples of the noisy sine (seed 12), degrees 0…9, 5 folds from `new Rng(112)`. */
export const DEGREE_RUNS = { n: 30, k: 5, maxDegree: 9, dataSeed: 12, foldSeed: 112 } as const;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Solves A·w = b (small, symmetric positive definite): Gaussian elimination, partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const m = b.length;
  const rows = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) {
      if (Math.abs(rows[r][c]) > Math.abs(rows[pivot][c])) pivot = r;
    }
    [rows[c], rows[pivot]] = [rows[pivot], rows[c]];
    for (let r = c + 1; r < m; r++) {
      const factor = rows[r][c] / rows[c][c];
      for (let j = c; j <= m; j++) rows[r][j] -= factor * rows[c][j];
    }
  }
  const w = new Array<number>(m).fill(0);
  for (let r = m - 1; r >= 0; r--) {
    let rest = rows[r][m];
    for (let j = r + 1; j < m; j++) rest -= rows[r][j] * w[j];
    w[r] = rest / rows[r][r];
  }
  return w;
}

/**
 * Polynomials of degree 0…maxDegree fitted by least squares (the normal equations
 * XᵀX w = Xᵀy, in float64), each a candidate whose loss is the mean squared error.
 * The features are powers of 2x − 1 ∈ [−1, 1], which keeps XᵀX well conditioned up
 * to degree 9.
 *
 * @param x The inputs, in [0, 1).
 * @param y The targets.
 * @param maxDegree The highest degree.
 * @returns One candidate per degree, 0…maxDegree.
 */
export function polynomialCandidates(
  x: number[],
  y: number[],
  maxDegree: number,
): Candidate<number[]>[] {
  const targets = tensor(y.map((v) => [v]), { dtype: "float64" });
  return range(maxDegree + 1).map((degree) => {
    const features = x.map((v) => range(degree + 1).map((p) => (2 * v - 1) ** p));
    const design = tensor(features, { dtype: "float64" });
    return {
      name: `degree ${degree}`,
      async fit(train) {
        const rows = gather(design, train);
        const gram = (await matmul(transpose(rows), rows).array()) as number[][];
        const moment = await matmul(transpose(rows), gather(targets, train)).data();
        return solve(gram, [...moment]);
      },
      async loss(w, rows) {
        const weights = tensor(w.map((v) => [v]), { dtype: "float64" });
        const residual = matmul(gather(design, rows), weights).sub(gather(targets, rows));
        return await residual.square().mean().item();
      },
    };
  });
}

/**
 * Noisy samples of y = sin(2πx) + N(0, 0.3²), x uniform in [0, 1), from `new Rng(seed)`.
 *
 * @param seed The seed.
 * @param n How many samples.
 * @returns The inputs and targets.
 */
export function noisySine(seed: number, n: number = DEGREE_RUNS.n): { x: number[]; y: number[] } {
  const rng = new Rng(seed);
  const x = range(n).map(() => rng.float());
  const y = x.map((v) => Math.sin(2 * Math.PI * v) + 0.3 * rng.normal());
  return { x, y };
}
