/**
 * Internal: checks that tensor operands share a backend, picks the common dtype
 * and converts operands to it. Used by every op that takes several inputs.
 *
 * @module
 */
import type { Backend, Operand } from "../../backend/backend.ts";
import { getBackend } from "../../backend/registry.ts";
import { type DType, promote } from "../../core/dtype.ts";
import { BackendError, DtypeError } from "../../core/errors.ts";
import { Tensor, type TensorLike } from "../tensor.ts";

/** The one backend of a list of operands (the default one for plain numbers). */
export function backendOf(operands: readonly TensorLike[], action: string): Backend {
  let backend: Backend | undefined;
  for (const x of operands) {
    if (!(x instanceof Tensor)) {
      if (typeof x !== "number") {
        throw new DtypeError(
          `Cannot ${action}: an operand is ${describe(x)}, not a tensor or a number`,
        );
      }
      continue;
    }
    if (backend && backend !== x.backend) {
      throw new BackendError(
        `Cannot ${action}: tensors live on different backends (${backend.name} and ${x.backend.name}); move one with await t.to("${backend.name}")`,
      );
    }
    backend = x.backend;
  }
  return backend ?? getBackend();
}

function describe(x: unknown): string {
  if (Array.isArray(x)) return "an array (wrap it with tensor())";
  return x === null ? "null" : typeof x;
}

/** The dtype a plain number takes next to tensors of dtype `dtype`. */
function scalarDtype(value: number, dtype: DType | undefined): DType {
  const isInteger = Number.isInteger(value);
  if (dtype === undefined) return isInteger ? "int32" : "float32";
  if (dtype === "bool") return isInteger ? "int32" : "float32";
  if (dtype === "int32" && !isInteger) return "float32";
  return dtype;
}

/** The common dtype of operands: tensors promote; numbers adopt the tensors' dtype. */
export function commonDtype(operands: readonly TensorLike[]): DType {
  let dtype: DType | undefined;
  for (const x of operands) {
    if (x instanceof Tensor) {
      dtype = dtype ? promote(dtype, x.dtype) : x.dtype;
    }
  }
  let result = dtype ?? "float32";
  for (const x of operands) {
    if (typeof x === "number") result = promote(result, scalarDtype(x, dtype));
  }
  return result;
}

/** An operand converted to `dtype`: a cast tensor (same tensor when equal) or a rounded number. */
export function toOperand(x: TensorLike, dtype: DType, backend: Backend): Operand {
  if (typeof x === "number") return dtype === "float32" ? Math.fround(x) : x;
  if (x.dtype === dtype) return x;
  return new Tensor(backend.unary("identity", x, dtype), x.shape, dtype, backend);
}

/** Disposes the temporary casts made by {@linkcode toOperand}. */
export function disposeCasts(operands: readonly Operand[], originals: readonly TensorLike[]): void {
  operands.forEach((o, i) => {
    if (o instanceof Tensor && o !== originals[i]) o.dispose();
  });
}
