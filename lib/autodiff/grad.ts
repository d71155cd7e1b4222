/**
 * Reverse-mode automatic differentiation: `grad(f)(x)`, `valueAndGrad(f)(x)`
 * and `hvp(f, x, v)`, for a function `f` from a float tensor to a 0-d tensor.
 *
 * How it works, micrograd-style: while `f` runs, every op records itself on a
 * tape (`lib/tensor/tape.ts`) with its inputs, output and backward rule (the
 * rules sit beside each op in `lib/tensor/ops/`). The backward pass walks the
 * tape from the last op to the first, giving each input the gradient its rule
 * computes and adding up the gradients of tensors used more than once. The
 * rules are written with ordinary ops, so when an outer `grad` is recording,
 * the backward pass is itself recorded: gradients of gradients work.
 *
 * Memory: every tensor created while `f` and the backward pass run is released
 * when the call returns (as in `scope()`), except the value and the gradient.
 * So `f` must not keep a tensor it creates for later.
 *
 * @module
 */
import { DtypeError, formatShape, ShapeError, ValueError } from "../core/errors.ts";
import { isFloat } from "../core/dtype.ts";
import { add, cast, mul, sum, Tensor } from "../tensor/mod.ts";
import { active, Tape } from "../tensor/tape.ts";

/** The value of `f` at `x` and its gradient there. */
export interface ValueAndGrad {
  /** `f(x)`, a 0-d tensor. */
  value: Tensor;
  /** ∂f/∂x, the shape and dtype of `x`. */
  grad: Tensor;
}

/** A function to differentiate: a float tensor in, a 0-d tensor out. */
export type ScalarFn = (x: Tensor) => Tensor;

function fill(like: Tensor, value: number): Tensor {
  return new Tensor(
    like.backend.fill(like.size, value, like.dtype),
    like.shape,
    like.dtype,
    like.backend,
  );
}

/** Gradients of the tape's tracked tensors, from the last op back to the first. */
function backward(tape: Tape, value: Tensor): Map<unknown, Tensor> {
  const grads = new Map<unknown, Tensor>([[value, fill(value, 1)]]);
  const accumulate = (x: unknown, g: unknown) => {
    if (!(g instanceof Tensor) || !tape.tracked.has(x)) return;
    const previous = grads.get(x);
    grads.set(x, previous ? add(previous, g) : g);
  };
  for (let i = tape.nodes.length - 1; i >= 0; i--) {
    const node = tape.nodes[i];
    const g = grads.get(node.output);
    if (g === undefined) continue;
    if (typeof node.backward === "string") {
      throw new ValueError(
        `Cannot take grad: ${node.name} has no gradient (${node.backward}), and its output ` +
          `of shape ${formatShape(node.output.shape)} lies on the path from x to f's value`,
      );
    }
    const needs = node.inputs.map((x) =>
      Array.isArray(x) ? x.some((y) => tape.tracked.has(y)) : tape.tracked.has(x)
    );
    const inputGrads = node.backward(g, node.inputs, node.output, needs);
    node.inputs.forEach((x, j) => {
      if (Array.isArray(x)) x.forEach((y, k) => accumulate(y, (inputGrads[j] as unknown[])[k]));
      else accumulate(x, inputGrads[j]);
    });
  }
  return grads;
}

/**
 * The value and gradient of `f` at `x`, computed by one forward and one
 * backward pass.
 *
 * @param f A function of one float tensor returning a 0-d tensor.
 * @returns A function of `x` returning `{ value, grad }`; `grad` has `x`'s
 *   shape and dtype, and is zeros where `f` does not depend on `x`.
 * @throws {DtypeError} When `x` is not a float tensor or `f` returns a non-float.
 * @throws {ShapeError} When `f` returns a tensor that is not 0-d.
 * @throws {ValueError} When an op without a gradient (argmax, a comparison, a
 *   cast to int32) lies between `x` and the value; the message names it.
 *
 * @example The gradient of Σ xᵢ² is 2x
 * ```ts
 * import { valueAndGrad } from "./grad.ts";
 * import { tensor } from "../tensor/mod.ts";
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * const { value, grad } = valueAndGrad((x) => x.square().sum())(tensor([1, -2, 3]));
 * strictEqual(await value.item(), 14);
 * deepStrictEqual(await grad.array(), [2, -4, 6]);
 * ```
 */
export function valueAndGrad(f: ScalarFn): (x: Tensor) => ValueAndGrad {
  return (x: Tensor): ValueAndGrad => {
    if (!(x instanceof Tensor)) {
      throw new DtypeError(`Cannot take grad: x is ${typeof x}, not a tensor`);
    }
    if (!isFloat(x.dtype)) {
      throw new DtypeError(
        `Cannot take grad: x has dtype ${x.dtype}; expected a float tensor (cast it with x.cast("float32"))`,
      );
    }
    const tape = new Tape();
    tape.tracked.add(x);
    active.push(tape);
    let value: Tensor | undefined;
    let grad: Tensor | undefined;
    let done = false;
    try {
      value = f(x);
      if (!(value instanceof Tensor)) {
        const got = (value as unknown) instanceof Promise
          ? "a Promise (f must be synchronous)"
          : typeof value;
        throw new DtypeError(`Cannot take grad: f returned ${got}, not a tensor`);
      }
      if (value.rank !== 0) {
        throw new ShapeError(
          `Cannot take grad: f returned shape ${
            formatShape(value.shape)
          }; expected a scalar (a 0-d tensor, e.g. from .sum() or .mean())`,
        );
      }
      if (!isFloat(value.dtype)) {
        throw new DtypeError(
          `Cannot take grad: f returned dtype ${value.dtype}; expected a float scalar`,
        );
      }
      tape.recording = false;
      const found = backward(tape, value).get(x);
      grad = found === undefined
        ? fill(x, 0)
        : found.dtype === x.dtype
        ? found
        : cast(found, x.dtype);
      if (grad === x || grad === value) grad = cast(grad, grad.dtype); // a fresh tensor to own
      done = true;
      return { value, grad };
    } finally {
      active.splice(active.lastIndexOf(tape), 1);
      tape.release();
      for (const t of tape.created) {
        if (!done || (t !== value && t !== grad)) t.dispose();
      }
    }
  };
}

/**
 * The gradient of `f`: `grad(f)(x)` is ∂f/∂x at `x`. The value is computed
 * and released.
 *
 * @param f A function of one float tensor returning a 0-d tensor.
 * @returns A function of `x` returning ∂f/∂x, of `x`'s shape and dtype.
 * @throws {DtypeError} When `x` is not a float tensor.
 * @throws {ShapeError} When `f` returns a tensor that is not 0-d.
 * @throws {ValueError} When an op without a gradient lies on the path.
 *
 * @example The gradient of a matmul loss is Xᵀ·1
 * ```ts
 * import { grad } from "./grad.ts";
 * import { tensor } from "../tensor/mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * const X = tensor([[1, 2], [3, 4]]);
 * const g = grad((w) => X.matmul(w).sum())(tensor([0.5, -1]));
 * deepStrictEqual(await g.array(), [4, 6]); // column sums of X
 * ```
 */
export function grad(f: ScalarFn): (x: Tensor) => Tensor {
  const both = valueAndGrad(f);
  return (x: Tensor): Tensor => {
    const { value, grad } = both(x);
    value.dispose();
    return grad;
  };
}

/**
 * The Hessian-vector product H·v of `f` at `x`, without forming H: the
 * gradient of x ↦ ⟨∇f(x), v⟩, so it costs about two gradients.
 *
 * @param f A function of one float tensor returning a 0-d tensor.
 * @param x Where to take the Hessian.
 * @param v A direction of `x`'s shape.
 * @returns H(x)·v, of `x`'s shape.
 * @throws {ShapeError} When `v` and `x` differ in shape.
 *
 * @example f(x) = x₀²·x₁ has H = [[2x₁, 2x₀], [2x₀, 0]]
 * ```ts
 * import { hvp } from "./grad.ts";
 * import { type Tensor, tensor } from "../tensor/mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * const f = (x: Tensor) => x.slice([0], [1]).square().mul(x.slice([1], [1])).sum();
 * const hv = hvp(f, tensor([1, 3]), tensor([1, 0]));
 * deepStrictEqual(await hv.array(), [6, 2]); // H's first column at (1, 3)
 * ```
 */
export function hvp(f: ScalarFn, x: Tensor, v: Tensor): Tensor {
  if (
    !(v instanceof Tensor) || v.shape.length !== x.shape.length ||
    v.shape.some((n, i) => n !== x.shape[i])
  ) {
    throw new ShapeError(
      `Cannot take a Hessian-vector product: v has shape ${
        v instanceof Tensor ? formatShape(v.shape) : typeof v
      } and x has shape ${formatShape(x.shape)}`,
    );
  }
  return grad((y) => sum(mul(grad(f)(y), v)))(x);
}
