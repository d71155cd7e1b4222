/**
 * Element-wise ops with NumPy broadcasting; plain numbers act as 0-d tensors.
 *
 * @module
 */
import type { BinaryOp, UnaryOp } from "../../backend/backend.ts";
import { type DType, isFloat, requireFloat } from "../../core/dtype.ts";
import { DtypeError } from "../../core/errors.ts";
import { broadcastShapes, type Shape } from "../../core/shape.ts";
import { Tensor, type TensorLike } from "../tensor.ts";
import { backendOf, commonDtype, disposeCasts, toOperand } from "./_operands.ts";
import { active, type Backward, record } from "../tape.ts";

const COMPARISONS = new Set<BinaryOp>(["eq", "ne", "lt", "le", "gt", "ge"]);
const NAMES: Record<BinaryOp, string> = {
  add: "add",
  sub: "subtract",
  mul: "multiply",
  div: "divide",
  pow: "raise",
  maximum: "take the maximum of",
  minimum: "take the minimum of",
  eq: "compare",
  ne: "compare",
  lt: "compare",
  le: "compare",
  gt: "compare",
  ge: "compare",
};

function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function shapeOf(x: TensorLike): Shape {
  return typeof x === "number" ? [] : x.shape;
}

function binary(op: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  // Fast path: two float tensors of one shape, dtype and backend (an optimizer step).
  if (
    a instanceof Tensor && b instanceof Tensor && a.backend === b.backend &&
    a.dtype === b.dtype && isFloat(a.dtype) && sameShape(a.shape, b.shape)
  ) {
    const outDtype = COMPARISONS.has(op) ? "bool" : a.dtype;
    const out = new Tensor(
      a.backend.binary(op, a, b, a.shape, outDtype),
      a.shape,
      outDtype,
      a.backend,
    );
    if (active.length !== 0) record(op, [a, b], out, BINARY_GRAD[op]);
    return out;
  }
  const action = `${NAMES[op]} tensors`;
  const backend = backendOf([a, b], action);
  const outShape = broadcastShapes(shapeOf(a), shapeOf(b), action);
  let dtype = commonDtype([a, b]);
  if ((op === "div" || op === "pow") && !isFloat(dtype)) dtype = "float32";
  if (dtype === "bool" && !COMPARISONS.has(op)) dtype = "int32";
  const operands = [toOperand(a, dtype, backend), toOperand(b, dtype, backend)];
  const outDtype = COMPARISONS.has(op) ? "bool" : dtype;
  const storage = backend.binary(op, operands[0], operands[1], outShape, outDtype);
  disposeCasts(operands, [a, b]);
  const out = new Tensor(storage, outShape, outDtype, backend);
  if (active.length !== 0) record(op, [a, b], out, BINARY_GRAD[op]);
  return out;
}

function unary(op: UnaryOp, x: Tensor, outDtype: DType = x.dtype): Tensor {
  if (!(x instanceof Tensor)) {
    throw new DtypeError(`Cannot apply ${op}: the argument is ${typeof x}, not a tensor`);
  }
  const out = new Tensor(x.backend.unary(op, x, outDtype), x.shape, outDtype, x.backend);
  if (active.length !== 0) {
    if (op !== "identity") record(op, [x], out, UNARY_GRAD[op]);
    else if (isFloat(outDtype)) record("cast", [x], out, castGrad);
    else record(`cast to ${outDtype}`, [x], out, "its values are integers");
  }
  return out;
}

// ---- Backward rules (reverse-mode autodiff; see lib/tensor/tape.ts) -------
// `g` is the gradient of the loss with respect to the output. A broadcast
// input receives the sum of `g` over the axes it was stretched along.

/** The chainable methods that methods.ts attaches (this file cannot import it: a loop). */
type Chainable = Tensor & {
  sum(axis: number[]): Chainable;
  reshape(shape: readonly number[]): Chainable;
};

/** `g` summed back to an input's shape and cast to its dtype (null for numbers). */
function unbroadcast(g: Tensor, x: TensorLike): Tensor | null {
  if (!(x instanceof Tensor)) return null;
  let out = g;
  const lead = g.rank - x.rank;
  const axes = g.shape.flatMap((
    n,
    i,
  ) => (i < lead || (x.shape[i - lead] === 1 && n !== 1) ? [i] : []));
  if (axes.length > 0) out = (out as Chainable).sum(axes).reshape(x.shape);
  if (out.dtype !== x.dtype && isFloat(x.dtype)) out = cast(out, x.dtype);
  return out;
}

const NO_GRAD = "a comparison (piecewise constant); select values with where(cond, x, y) instead";
// Ties of maximum/minimum send the gradient to `a`, as TensorFlow does.
const BINARY_GRAD: Record<BinaryOp, Backward | string> = {
  add: (g, [a, b], _, [da, db]) => [da ? unbroadcast(g, a) : null, db ? unbroadcast(g, b) : null],
  sub: (
    g,
    [a, b],
    _,
    [da, db],
  ) => [da ? unbroadcast(g, a) : null, db ? unbroadcast(neg(g), b) : null],
  mul: (g, [a, b], _, [da, db]) => [
    da ? unbroadcast(mul(g, b), a) : null,
    db ? unbroadcast(mul(g, a), b) : null,
  ],
  div: (g, [a, b], out, [da, db]) => [
    da ? unbroadcast(div(g, b), a) : null,
    db ? unbroadcast(neg(div(mul(g, out), b)), b) : null,
  ],
  pow: (g, [a, b], out, [da, db]) => [
    da ? unbroadcast(mul(g, mul(b, pow(a, typeof b === "number" ? b - 1 : sub(b, 1)))), a) : null,
    // d(aᵇ)/db = aᵇ·ln a, taken as 0 where a ≤ 0 (there aᵇ is 0 or not real)
    db ? unbroadcast(mul(g, where(gt(a, 0), mul(out, log(maximum(a, 1e-30))), 0)), b) : null,
  ],
  maximum: (g, [a, b], _, [da, db]) => [
    da ? unbroadcast(where(ge(a, b), g, 0), a) : null,
    db ? unbroadcast(where(ge(a, b), 0, g), b) : null,
  ],
  minimum: (g, [a, b], _, [da, db]) => [
    da ? unbroadcast(where(le(a, b), g, 0), a) : null,
    db ? unbroadcast(where(le(a, b), 0, g), b) : null,
  ],
  eq: NO_GRAD,
  ne: NO_GRAD,
  lt: NO_GRAD,
  le: NO_GRAD,
  gt: NO_GRAD,
  ge: NO_GRAD,
};

const UNARY_GRAD: Record<UnaryOp, Backward | string> = {
  identity: (g, [x]) => [cast(g, x.dtype)],
  neg: (g) => [neg(g)],
  abs: (g, [x]) => [mul(g, sign(x))],
  sign: (g) => [mul(g, 0)], // zero almost everywhere
  exp: (g, _, out) => [mul(g, out)],
  log: (g, [x]) => [div(g, x)],
  sqrt: (g, _, out) => [div(g, mul(out, 2))],
  square: (g, [x]) => [mul(g, mul(x, 2))],
  isnan: "a test for NaN",
};
// A cast from int32 or bool passes the gradient on, so that the error names the
// op that made the integers (argmax, a comparison, a cast to int32).
const castGrad: Backward = (g, [x]) => [isFloat(x.dtype) ? cast(g, x.dtype) : g];

const whereGrad: Backward = (g, [cond, a, b], _, [, da, db]) => [
  null,
  da ? unbroadcast(where(cond, g, 0), a) : null,
  db ? unbroadcast(where(cond, 0, g), b) : null,
];

function floatUnary(op: UnaryOp, x: Tensor): Tensor {
  if (x instanceof Tensor) requireFloat(x.dtype, `take ${op} of a tensor`);
  return unary(op, x);
}

function numericUnary(op: UnaryOp, x: Tensor): Tensor {
  if (x instanceof Tensor && x.dtype === "bool") {
    throw new DtypeError(`Cannot take ${op} of a tensor: dtype bool is not numeric`);
  }
  return unary(op, x);
}

/**
 * `a + b`, broadcast.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns The sum.
 * @throws {ShapeError} When the shapes do not broadcast.
 *
 * @example
 * ```ts
 * import { add, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await add(tensor([[1], [2]]), tensor([10, 20])).array(), [[11, 21], [12, 22]]);
 * ```
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return binary("add", a, b);
}

/**
 * `a - b`, broadcast.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns The difference.
 *
 * @example
 * ```ts
 * import { sub, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await sub(1, tensor([1, 2])).array(), [0, -1]);
 * ```
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return binary("sub", a, b);
}

/**
 * `a * b`, element-wise and broadcast.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns The product.
 *
 * @example
 * ```ts
 * import { mul, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await mul(tensor([1, 2]), 3).array(), [3, 6]);
 * ```
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binary("mul", a, b);
}

/**
 * `a / b`, broadcast; integers divide as floats.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns The quotient.
 *
 * @example
 * ```ts
 * import { div, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await div(tensor([1, 3]), 2).array(), [0.5, 1.5]);
 * ```
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return binary("div", a, b);
}

/**
 * `a ** b`, broadcast; the result is a float.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns The power.
 *
 * @example
 * ```ts
 * import { pow, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await pow(tensor([2, 3]), 2).array(), [4, 9]);
 * ```
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return binary("pow", a, b);
}

/**
 * The larger of `a` and `b`, element-wise; NaN wins.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns The maximum.
 *
 * @example
 * ```ts
 * import { maximum, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await maximum(tensor([-1, 2]), 0).array(), [0, 2]);
 * ```
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binary("maximum", a, b);
}

/**
 * The smaller of `a` and `b`, element-wise; NaN wins.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns The minimum.
 *
 * @example
 * ```ts
 * import { minimum, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await minimum(tensor([-1, 2]), 0).array(), [-1, 0]);
 * ```
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binary("minimum", a, b);
}

/**
 * `a == b`, element-wise, as a bool tensor.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns 1 where equal.
 *
 * @example
 * ```ts
 * import { eq, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await eq(tensor([1, 2]), 2).array(), [0, 1]);
 * ```
 */
export function eq(a: TensorLike, b: TensorLike): Tensor {
  return binary("eq", a, b);
}

/**
 * `a != b`, element-wise, as a bool tensor.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns 1 where different.
 *
 * @example
 * ```ts
 * import { ne, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await ne(tensor([1, 2]), 2).array(), [1, 0]);
 * ```
 */
export function ne(a: TensorLike, b: TensorLike): Tensor {
  return binary("ne", a, b);
}

/**
 * `a < b`, element-wise, as a bool tensor.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns 1 where less.
 *
 * @example
 * ```ts
 * import { lt, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await lt(tensor([1, 2]), 2).array(), [1, 0]);
 * ```
 */
export function lt(a: TensorLike, b: TensorLike): Tensor {
  return binary("lt", a, b);
}

/**
 * `a <= b`, element-wise, as a bool tensor.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns 1 where less or equal.
 *
 * @example
 * ```ts
 * import { le, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await le(tensor([1, 3]), 2).array(), [1, 0]);
 * ```
 */
export function le(a: TensorLike, b: TensorLike): Tensor {
  return binary("le", a, b);
}

/**
 * `a > b`, element-wise, as a bool tensor.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns 1 where greater.
 *
 * @example
 * ```ts
 * import { gt, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await gt(tensor([1, 3]), 2).array(), [0, 1]);
 * ```
 */
export function gt(a: TensorLike, b: TensorLike): Tensor {
  return binary("gt", a, b);
}

/**
 * `a >= b`, element-wise, as a bool tensor.
 *
 * @param a A tensor or number.
 * @param b A tensor or number.
 * @returns 1 where greater or equal.
 *
 * @example
 * ```ts
 * import { ge, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await ge(tensor([1, 2]), 2).array(), [0, 1]);
 * ```
 */
export function ge(a: TensorLike, b: TensorLike): Tensor {
  return binary("ge", a, b);
}

/**
 * `cond ? a : b`, element-wise and broadcast over all three.
 *
 * @param cond A bool tensor (from a comparison).
 * @param a Taken where cond holds.
 * @param b Taken elsewhere.
 * @returns The selection.
 * @throws {DtypeError} When cond is not bool.
 *
 * @example
 * ```ts
 * import { gt, tensor, where } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * const x = tensor([-1, 2]);
 * deepStrictEqual(await where(gt(x, 0), x, 0).array(), [0, 2]);
 * ```
 */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  const action = "select with where";
  if (!(cond instanceof Tensor) || cond.dtype !== "bool") {
    const got = cond instanceof Tensor ? `dtype ${cond.dtype}` : typeof cond;
    throw new DtypeError(
      `Cannot ${action}: the condition is ${got}, not a bool tensor (use a comparison such as gt(x, 0))`,
    );
  }
  const backend = backendOf([cond, a, b], action);
  const outShape = broadcastShapes(
    broadcastShapes(cond.shape, shapeOf(a), action),
    shapeOf(b),
    action,
  );
  const dtype = commonDtype([a, b]);
  const operands = [toOperand(a, dtype, backend), toOperand(b, dtype, backend)];
  const storage = backend.where(cond, operands[0], operands[1], outShape, dtype);
  disposeCasts(operands, [a, b]);
  const out = new Tensor(storage, outShape, dtype, backend);
  if (active.length !== 0) record("where", [cond, a, b], out, whereGrad);
  return out;
}

/**
 * `-x`.
 *
 * @param x A numeric tensor.
 * @returns The negation.
 *
 * @example
 * ```ts
 * import { neg, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await neg(tensor([1, -2])).array(), [-1, 2]);
 * ```
 */
export function neg(x: Tensor): Tensor {
  return numericUnary("neg", x);
}

/**
 * `|x|`.
 *
 * @param x A numeric tensor.
 * @returns The absolute value.
 *
 * @example
 * ```ts
 * import { abs, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await abs(tensor([1, -2])).array(), [1, 2]);
 * ```
 */
export function abs(x: Tensor): Tensor {
  return numericUnary("abs", x);
}

/**
 * The sign: -1, 0 or 1 (NaN stays NaN).
 *
 * @param x A numeric tensor.
 * @returns The sign.
 *
 * @example
 * ```ts
 * import { sign, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await sign(tensor([3, 0, -2])).array(), [1, 0, -1]);
 * ```
 */
export function sign(x: Tensor): Tensor {
  return numericUnary("sign", x);
}

/**
 * `x²`.
 *
 * @param x A numeric tensor.
 * @returns The square.
 *
 * @example
 * ```ts
 * import { square, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await square(tensor([3, -2])).array(), [9, 4]);
 * ```
 */
export function square(x: Tensor): Tensor {
  return numericUnary("square", x);
}

/**
 * `eˣ`.
 *
 * @param x A float tensor.
 * @returns The exponential.
 * @throws {DtypeError} For int32 or bool.
 *
 * @example
 * ```ts
 * import { exp, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await exp(tensor([0])).array(), [1]);
 * ```
 */
export function exp(x: Tensor): Tensor {
  return floatUnary("exp", x);
}

/**
 * The natural logarithm.
 *
 * @param x A float tensor.
 * @returns `ln x` (NaN below 0, -Infinity at 0).
 * @throws {DtypeError} For int32 or bool.
 *
 * @example
 * ```ts
 * import { log, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await log(tensor([1])).array(), [0]);
 * ```
 */
export function log(x: Tensor): Tensor {
  return floatUnary("log", x);
}

/**
 * The square root.
 *
 * @param x A float tensor.
 * @returns `√x` (NaN below 0).
 * @throws {DtypeError} For int32 or bool.
 *
 * @example
 * ```ts
 * import { sqrt, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await sqrt(tensor([4, 9])).array(), [2, 3]);
 * ```
 */
export function sqrt(x: Tensor): Tensor {
  return floatUnary("sqrt", x);
}

/**
 * Where `x` is NaN, as a bool tensor.
 *
 * @param x A tensor.
 * @returns 1 at each NaN.
 *
 * @example
 * ```ts
 * import { isNaN, tensor } from "../mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await isNaN(tensor([0, NaN])).array(), [0, 1]);
 * ```
 */
export function isNaN(x: Tensor): Tensor {
  return unary("isnan", x, "bool");
}

/**
 * Converts to another dtype (floats to int32 truncate toward zero).
 *
 * @param x A tensor.
 * @param dtype The new dtype.
 * @returns A converted copy.
 *
 * @example
 * ```ts
 * import { cast, tensor } from "../mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(cast(tensor([1.7]), "int32").dataSync()[0], 1);
 * ```
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (dtype === "bool" && x instanceof Tensor && x.dtype !== "bool") return ne(x, 0);
  return unary("identity", x, dtype);
}
