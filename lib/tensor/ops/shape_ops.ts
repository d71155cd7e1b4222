/**
 * Shape ops: reshape, transpose, squeeze, unsqueeze, concat, stack, slice,
 * gather, oneHot, clone. Reshape-like ops are views that share storage.
 *
 * @module
 */
import {
  BackendError,
  DtypeError,
  formatShape,
  ShapeError,
  ValueError,
} from "../../core/errors.ts";
import { checkShape, normalizeAxis, sizeOf } from "../../core/shape.ts";
import { Tensor } from "../tensor.ts";
import { backendOf } from "./_operands.ts";
import { cast } from "./elementwise.ts";
import { active, type Backward, record } from "../tape.ts";
import type { DType } from "../../core/dtype.ts";

function checkTensor(x: Tensor, action: string): void {
  if (!(x instanceof Tensor)) {
    throw new DtypeError(`Cannot ${action}: the argument is ${typeof x}, not a tensor`);
  }
}

/** A new tensor sharing `x`'s storage with another shape. */
function view(x: Tensor, shape: readonly number[]): Tensor {
  const storage = x.storage;
  storage.refs++;
  const out = new Tensor(storage, shape, x.dtype, x.backend);
  if (active.length !== 0) record("reshape", [x], out, reshapeGrad);
  return out;
}

// ---- Backward rules (reverse-mode autodiff; see lib/tensor/tape.ts) -------
// reshape, squeeze and unsqueeze are views; their gradient takes the input's shape back.
const reshapeGrad: Backward = (g, [x]) => [reshape(g, x.shape)];

/** transpose: the gradient goes back through the inverse permutation. */
const transposeGrad = (order: readonly number[]): Backward => (g) => {
  const inverse: number[] = [];
  order.forEach((a, i) => (inverse[a] = i));
  return [transpose(g, inverse)];
};

/** concat: each input takes its slab of the gradient. */
const concatGrad = (axis: number): Backward => (g, [xs]) => {
  let start = 0;
  return [xs.map((x: Tensor) => {
    const begin = g.shape.map((_: number, i: number) => (i === axis ? start : 0));
    start += x.shape[axis];
    return slice(g, begin, x.shape);
  })];
};

/** slice: the gradient lands in the box, zeros elsewhere (padded axis by axis with concat). */
const sliceGrad = (start: readonly number[]): Backward => (g, [x]) => {
  let out: Tensor = g;
  x.shape.forEach((n: number, axis: number) => {
    const after = n - start[axis] - out.shape[axis];
    if (start[axis] === 0 && after === 0) return;
    const zerosOf = (length: number) => {
      const shape = out.shape.map((m, i) => (i === axis ? length : m));
      return new Tensor(g.backend.fill(sizeOf(shape), 0, g.dtype), shape, g.dtype, g.backend);
    };
    out = concat([zerosOf(start[axis]), out, zerosOf(after)], axis);
  });
  return [out];
};

/**
 * gather: rows taken several times add up. Written as a matmul with the
 * one-hot matrix of the indices, so it runs on every backend and can itself
 * be differentiated: with g seen as [before, n, after] (n indices),
 * grad[:, l, :] = Σ_j [index_j = l] · g[:, j, :].
 */
const gatherGrad = (axis: number): Backward => (g, [x, index]) => {
  const before = sizeOf(x.shape.slice(0, axis));
  const after = sizeOf(x.shape.slice(axis + 1));
  const n = index.size;
  const rows = transpose(reshape(g, [before, n, after]), [1, 0, 2]);
  const hot = transpose(oneHot(reshape(index, [n]), x.shape[axis], g.dtype));
  const summed = matmul2d(hot, reshape(rows, [n, before * after]));
  const back = transpose(reshape(summed, [x.shape[axis], before, after]), [1, 0, 2]);
  return [reshape(back, x.shape), null];
};

/** A 2-D matmul through the backend, for gather's rule (linalg.ts imports this file). */
function matmul2d(a: Tensor, b: Tensor): Tensor {
  const [m, k] = a.shape;
  const n = b.shape[1];
  const out = new Tensor(a.backend.matmul(a, b, m, k, n), [m, n], a.dtype, a.backend);
  if (active.length !== 0) {
    record("matmul", [a, b], out, (g, [a, b], _, [da, db]) => [
      da ? matmul2d(g, transpose(b)) : null,
      db ? matmul2d(transpose(a), g) : null,
    ]);
  }
  return out;
}
/**
 * The same values with another shape; one length may be -1 (inferred).
 *
 * @param x A tensor.
 * @param shape The new shape.
 * @returns A view sharing `x`'s storage.
 * @throws {ShapeError} When the sizes differ.
 *
 * @example
 * ```ts
 * import { arange, reshape } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await reshape(arange(6), [2, -1]).array(), [[0, 1, 2], [3, 4, 5]]);
 * ```
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const action = "reshape";
  checkTensor(x, action);
  const inferred = shape.indexOf(-1);
  let target = [...shape];
  if (inferred >= 0 && shape.indexOf(-1, inferred + 1) < 0) {
    const known = sizeOf(shape.filter((_, i) => i !== inferred));
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(
        `Cannot reshape: ${x.size} elements of shape ${formatShape(x.shape)} do not fit shape ${
          formatShape(shape)
        }`,
      );
    }
    target = shape.map((n) => (n === -1 ? x.size / known : n));
  }
  checkShape(target, action);
  if (sizeOf(target) !== x.size) {
    throw new ShapeError(
      `Cannot reshape: shape ${formatShape(x.shape)} has ${x.size} elements and shape ${
        formatShape(shape)
      } has ${sizeOf(target)}`,
    );
  }
  return view(x, target);
}

/**
 * Permutes the axes (reverses them when `perm` is omitted).
 *
 * @param x A tensor.
 * @param perm Output axis i is input axis `perm[i]`.
 * @returns A transposed copy.
 * @throws {ShapeError} When perm is not a permutation of the axes.
 *
 * @example
 * ```ts
 * import { tensor, transpose } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await transpose(tensor([[1, 2, 3]])).array(), [[1], [2], [3]]);
 * ```
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const action = "transpose";
  checkTensor(x, action);
  const order = perm ?? x.shape.map((_, i) => x.rank - 1 - i);
  const sorted = [...order].sort((a, b) => a - b);
  if (order.length !== x.rank || sorted.some((a, i) => a !== i)) {
    throw new ShapeError(
      `Cannot transpose: ${
        formatShape(order)
      } is not a permutation of the ${x.rank} axes of shape ${formatShape(x.shape)}`,
    );
  }
  const outShape = order.map((a) => x.shape[a]);
  const out = new Tensor(x.backend.transpose(x, order, outShape), outShape, x.dtype, x.backend);
  if (active.length !== 0) record("transpose", [x], out, transposeGrad(order));
  return out;
}

/**
 * Removes an axis of length 1 (all of them when `axis` is omitted).
 *
 * @param x A tensor.
 * @param axis The axis to remove.
 * @returns A view.
 * @throws {ShapeError} When that axis is not of length 1.
 *
 * @example
 * ```ts
 * import { squeeze, zeros } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(squeeze(zeros([1, 3, 1])).shape, [3]);
 * ```
 */
export function squeeze(x: Tensor, axis?: number): Tensor {
  const action = "squeeze";
  checkTensor(x, action);
  if (axis === undefined) return view(x, x.shape.filter((n) => n !== 1));
  const a = normalizeAxis(axis, x.rank, action);
  if (x.shape[a] !== 1) {
    throw new ShapeError(
      `Cannot squeeze: axis ${axis} of shape ${formatShape(x.shape)} has length ${
        x.shape[a]
      }, not 1`,
    );
  }
  return view(x, x.shape.filter((_, i) => i !== a));
}

/**
 * Inserts an axis of length 1 at `axis`.
 *
 * @param x A tensor.
 * @param axis Where the new axis goes (-1: last).
 * @returns A view.
 *
 * @example
 * ```ts
 * import { unsqueeze, zeros } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(unsqueeze(zeros([3]), 0).shape, [1, 3]);
 * ```
 */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const action = "unsqueeze";
  checkTensor(x, action);
  const a = normalizeAxis(axis, x.rank + 1, action);
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return view(x, shape);
}

/**
 * Joins tensors along an existing axis.
 *
 * @param xs Tensors whose shapes agree except along `axis`.
 * @param axis The axis to join along.
 * @returns The joined tensor.
 * @throws {ShapeError} When the list is empty or the shapes disagree.
 *
 * @example
 * ```ts
 * import { concat, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await concat([tensor([1]), tensor([2, 3])]).array(), [1, 2, 3]);
 * ```
 */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  const action = "concat tensors";
  if (xs.length === 0) throw new ShapeError(`Cannot ${action}: the list of tensors is empty`);
  xs.forEach((x) => checkTensor(x, action));
  const backend = backendOf(xs, action);
  const first = xs[0];
  const a = normalizeAxis(axis, first.rank, action);
  for (const x of xs) {
    if (x.rank !== first.rank || x.shape.some((n, i) => i !== a && n !== first.shape[i])) {
      throw new ShapeError(
        `Cannot ${action}: shapes ${formatShape(first.shape)} and ${
          formatShape(x.shape)
        } differ outside axis ${a}`,
      );
    }
    if (x.dtype !== first.dtype) {
      throw new DtypeError(
        `Cannot ${action}: dtypes ${first.dtype} and ${x.dtype} differ (cast one first)`,
      );
    }
  }
  const outShape = [...first.shape];
  outShape[a] = xs.reduce((n, x) => n + x.shape[a], 0);
  const out = new Tensor(backend.concat(xs, a, outShape), outShape, first.dtype, backend);
  if (active.length !== 0) record("concat", [[...xs]], out, concatGrad(a));
  return out;
}

/**
 * Stacks tensors of one shape along a new axis.
 *
 * @param xs Tensors of equal shape.
 * @param axis Where the new axis goes.
 * @returns The stacked tensor.
 *
 * @example
 * ```ts
 * import { stack, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await stack([tensor([1, 2]), tensor([3, 4])]).array(), [[1, 2], [3, 4]]);
 * ```
 */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  const action = "stack tensors";
  if (xs.length === 0) throw new ShapeError(`Cannot ${action}: the list of tensors is empty`);
  xs.forEach((x) => checkTensor(x, action));
  for (const x of xs) {
    if (x.shape.length !== xs[0].shape.length || x.shape.some((n, i) => n !== xs[0].shape[i])) {
      throw new ShapeError(
        `Cannot ${action}: shapes ${formatShape(xs[0].shape)} and ${formatShape(x.shape)} differ`,
      );
    }
  }
  const expanded = xs.map((x) => unsqueeze(x, axis));
  const result = concat(expanded, axis);
  expanded.forEach((x) => x.dispose());
  return result;
}

/**
 * The box starting at `begin` with lengths `size` (-1 or omitted: to the end).
 *
 * @param x A tensor.
 * @param begin The first index along each axis (missing axes start at 0).
 * @param size The lengths (missing axes or -1 run to the end).
 * @returns A copy of the box.
 * @throws {ShapeError} When the box leaves the tensor.
 *
 * @example
 * ```ts
 * import { arange, slice } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await slice(arange(5), [1], [3]).array(), [1, 2, 3]);
 * ```
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  const action = "slice";
  checkTensor(x, action);
  if (begin.length > x.rank || (size && size.length > x.rank)) {
    throw new ShapeError(
      `Cannot ${action}: begin ${formatShape(begin)} has more axes than shape ${
        formatShape(x.shape)
      }`,
    );
  }
  const start = x.shape.map((_, i) => begin[i] ?? 0);
  const lengths = x.shape.map((n, i) => {
    const s = size?.[i] ?? -1;
    return s === -1 ? n - start[i] : s;
  });
  x.shape.forEach((n, i) => {
    if (
      !Number.isInteger(start[i]) || start[i] < 0 || lengths[i] < 0 || start[i] + lengths[i] > n
    ) {
      throw new ShapeError(
        `Cannot ${action}: box from ${formatShape(start)} with lengths ${
          formatShape(lengths)
        } leaves shape ${formatShape(x.shape)}`,
      );
    }
  });
  const out = new Tensor(x.backend.slice(x, start, lengths), lengths, x.dtype, x.backend);
  if (active.length !== 0) record("slice", [x], out, sliceGrad(start));
  return out;
}

/**
 * Takes entries along `axis` by index: `gather(X, [2, 0])` takes rows 2 and 0.
 *
 * @param x A tensor.
 * @param indices int32 tensor or array of indices in `[0, x.shape[axis])`.
 * @param axis The axis the indices address.
 * @returns `x.shape` with `axis` replaced by the indices' shape.
 * @throws {ShapeError} When an index is out of range: at once for an array or
 * a CPU tensor; for an int32 tensor on WebGPU, the GPU checks and the next read
 * on that device rejects with this error (ops never wait for the GPU).
 *
 * @example Take rows by index
 * ```ts
 * import { gather, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await gather(tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]).array(), [[5, 6], [1, 2]]);
 * ```
 */
export function gather(x: Tensor, indices: Tensor | readonly number[], axis = 0): Tensor {
  const action = "gather";
  checkTensor(x, action);
  const a = normalizeAxis(axis, x.rank, action);
  const length = x.shape[a];
  let index: Tensor;
  if (indices instanceof Tensor) {
    if (indices.dtype !== "int32") {
      throw new DtypeError(`Cannot ${action}: indices have dtype ${indices.dtype}, not int32`);
    }
    index = indices;
  } else {
    const bad = indices.findIndex((i) => !Number.isInteger(i) || i < 0 || i >= length);
    if (bad >= 0) {
      throw new ShapeError(
        `Cannot ${action}: index ${
          indices[bad]
        } (at position ${bad}) is out of range for axis ${a} of length ${length}`,
      );
    }
    index = new Tensor(
      x.backend.upload(Int32Array.from(indices), "int32"),
      [indices.length],
      "int32",
      x.backend,
    );
  }
  if (index.backend !== x.backend) {
    throw new BackendError(
      `Cannot ${action}: indices live on ${index.backend.name} and the tensor on ${x.backend.name}`,
    );
  }
  // On the CPU the values are at hand. On WebGPU reading them would make this
  // op wait for the GPU: the gather kernel checks them and the next read refuses.
  if (indices instanceof Tensor && index.backend.name === "cpu") {
    const values = index.dataSync();
    const bad = values.findIndex((i) => i < 0 || i >= length);
    if (bad >= 0) {
      throw new ShapeError(
        `Cannot ${action}: index ${
          values[bad]
        } (at position ${bad}) is out of range for axis ${a} of length ${length}`,
      );
    }
  }
  const outShape = [...x.shape.slice(0, a), ...index.shape, ...x.shape.slice(a + 1)];
  const result = new Tensor(x.backend.gather(x, index, a, outShape), outShape, x.dtype, x.backend);
  if (active.length !== 0) record("gather", [x, index], result, gatherGrad(a));
  if (index !== indices) index.dispose();
  return result;
}

/**
 * One-hot rows: `oneHot([2, 0], 3)` is `[[0, 0, 1], [1, 0, 0]]`.
 *
 * @param indices int32 tensor or array of class indices in `[0, depth)`.
 * @param depth The number of classes.
 * @param dtype The output dtype (float32 by default).
 * @returns `[...indices.shape, depth]`.
 * @throws {ShapeError} When an index is out of range: at once for an array or
 * a CPU tensor; for an int32 tensor on WebGPU, the GPU checks and the next read
 * on that device rejects with this error (ops never wait for the GPU).
 *
 * @example
 * ```ts
 * import { oneHot } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await oneHot([2, 0], 3).array(), [[0, 0, 1], [1, 0, 0]]);
 * ```
 */
export function oneHot(
  indices: Tensor | readonly number[],
  depth: number,
  dtype: DType = "float32",
): Tensor {
  const action = "one-hot encode";
  if (!Number.isInteger(depth) || depth < 1) {
    throw new ValueError(`Cannot ${action}: depth ${depth} is not a positive integer`);
  }
  const index = indices instanceof Tensor ? indices : new Tensor(
    backendOf([], action).upload(Int32Array.from(indices), "int32"),
    [indices.length],
    "int32",
    backendOf([], action),
  );
  if (index.dtype !== "int32") {
    throw new DtypeError(`Cannot ${action}: indices have dtype ${index.dtype}, not int32`);
  }
  // As in gather(): checked here on the CPU, by the kernel on WebGPU.
  if (index.backend.name === "cpu") {
    const values = index.dataSync();
    const bad = values.findIndex((i) => i < 0 || i >= depth);
    if (bad >= 0) {
      throw new ShapeError(
        `Cannot ${action}: index ${
          values[bad]
        } (at position ${bad}) is out of range for depth ${depth}`,
      );
    }
  }
  const outShape = [...index.shape, depth];
  const result = new Tensor(
    index.backend.oneHot(index, depth, dtype),
    outShape,
    dtype,
    index.backend,
  );
  if (active.length !== 0) record("oneHot", [index], result, "an encoding of integer indices");
  if (index !== indices) index.dispose();
  return result;
}

/**
 * A copy with its own storage.
 *
 * @param x A tensor.
 * @returns The copy.
 *
 * @example
 * ```ts
 * import { clone, tensor } from "../mod.ts";
 * import { notStrictEqual } from "node:assert";
 * const x = tensor([1]);
 * notStrictEqual(clone(x).storage, x.storage);
 * ```
 */
export function clone(x: Tensor): Tensor {
  checkTensor(x, "clone");
  return cast(x, x.dtype);
}
