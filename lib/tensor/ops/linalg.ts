/**
 * Linear algebra: matmul, dot, outer. (`eigh` lives in `eigh.ts`.)
 *
 * @module
 */
import { DtypeError, formatShape, ShapeError } from "../../core/errors.ts";
import { requireFloat } from "../../core/dtype.ts";
import { Tensor } from "../tensor.ts";
import { backendOf } from "./_operands.ts";
import { reshape, transpose } from "./shape_ops.ts";
import { active, type Backward, record } from "../tape.ts";

/**
 * The backward rule of the 2-D core of matmul, [m, k]·[k, n]: ∂/∂a = g·bᵀ and
 * ∂/∂b = aᵀ·g. Vectors are reshaped to matrices around it, and reshape carries
 * its own rule; dot and outer are built on matmul.
 */
const matmulGrad: Backward = (g, [a, b], _, [da, db]) => [
  da ? matmul(g, transpose(b)) : null,
  db ? matmul(transpose(a), g) : null,
];

function checkPair(a: Tensor, b: Tensor, action: string): void {
  for (const x of [a, b]) {
    if (!(x instanceof Tensor)) {
      throw new DtypeError(`Cannot ${action}: an argument is ${typeof x}, not a tensor`);
    }
    requireFloat(x.dtype, action);
  }
  if (a.dtype !== b.dtype) {
    throw new DtypeError(
      `Cannot ${action}: dtypes ${a.dtype} and ${b.dtype} differ (cast one first)`,
    );
  }
  backendOf([a, b], action);
}

/**
 * The matrix product. 2-D @ 2-D gives `[m, n]`; a 1-D operand is treated as a
 * row (left) or column (right) vector and that axis is dropped, as in PyTorch.
 *
 * @param a `[m, k]` or `[k]`.
 * @param b `[k, n]` or `[k]`.
 * @returns The product.
 * @throws {ShapeError} When the inner dimensions differ or an operand has more than 2 axes.
 *
 * @example
 * ```ts
 * import { matmul, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await matmul(tensor([[1, 2], [3, 4]]), tensor([[1], [1]])).array(), [[3], [7]]);
 * ```
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const action = "multiply matrices";
  checkPair(a, b, action);
  if (a.rank < 1 || a.rank > 2 || b.rank < 1 || b.rank > 2) {
    throw new ShapeError(
      `Cannot ${action}: shapes ${formatShape(a.shape)} and ${
        formatShape(b.shape)
      } must have 1 or 2 axes`,
    );
  }
  const a2 = a.rank === 1 ? reshape(a, [1, a.shape[0]]) : a;
  const b2 = b.rank === 1 ? reshape(b, [b.shape[0], 1]) : b;
  const [m, k] = a2.shape;
  const [k2, n] = b2.shape;
  if (k !== k2) {
    throw new ShapeError(
      `Cannot ${action}: inner dimensions of shapes ${formatShape(a.shape)} and ${
        formatShape(b.shape)
      } differ (${k} and ${k2})`,
    );
  }
  const out = new Tensor(a.backend.matmul(a2, b2, m, k, n), [m, n], a.dtype, a.backend);
  if (active.length !== 0) record("matmul", [a2, b2], out, matmulGrad);
  if (a2 !== a) a2.dispose();
  if (b2 !== b) b2.dispose();
  if (a.rank === 2 && b.rank === 2) return out;
  const shape = [...(a.rank === 2 ? [m] : []), ...(b.rank === 2 ? [n] : [])];
  const result = reshape(out, shape);
  out.dispose();
  return result;
}

/**
 * The dot product of two vectors, a 0-d tensor.
 *
 * @param a `[n]`.
 * @param b `[n]`.
 * @returns `Σ a_i b_i`.
 * @throws {ShapeError} When they are not vectors of one length.
 *
 * @example
 * ```ts
 * import { dot, tensor } from "../mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(await dot(tensor([1, 2]), tensor([3, 4])).item(), 11);
 * ```
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  const action = "take the dot product";
  checkPair(a, b, action);
  if (a.rank !== 1 || b.rank !== 1 || a.shape[0] !== b.shape[0]) {
    throw new ShapeError(
      `Cannot ${action}: shapes ${formatShape(a.shape)} and ${
        formatShape(b.shape)
      } are not vectors of one length`,
    );
  }
  return matmul(a, b);
}

/**
 * The outer product `a bᵀ` of two vectors.
 *
 * @param a `[m]`.
 * @param b `[n]`.
 * @returns `[m, n]`.
 * @throws {ShapeError} When an operand is not a vector.
 *
 * @example
 * ```ts
 * import { outer, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await outer(tensor([1, 2]), tensor([3, 4])).array(), [[3, 4], [6, 8]]);
 * ```
 */
export function outer(a: Tensor, b: Tensor): Tensor {
  const action = "take the outer product";
  checkPair(a, b, action);
  if (a.rank !== 1 || b.rank !== 1) {
    throw new ShapeError(
      `Cannot ${action}: shapes ${formatShape(a.shape)} and ${
        formatShape(b.shape)
      } are not both vectors`,
    );
  }
  const column = reshape(a, [a.shape[0], 1]);
  const row = reshape(b, [1, b.shape[0]]);
  const result = matmul(column, row);
  column.dispose();
  row.dispose();
  return result;
}
