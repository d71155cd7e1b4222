/**
 * Tolerances come from the dtype, here and nowhere else.
 *
 * @module
 */
import type { DType } from "../core/dtype.ts";

/** `|actual − expected| ≤ atol + rtol·|expected|`. */
export interface Tolerance {
  /** Relative tolerance. */
  rtol: number;
  /** Absolute tolerance. */
  atol: number;
}

/**
 * The tolerance for comparing values of a dtype against a float64 reference.
 * float32 carries about 7 significant digits; a few dozen ops of rounding
 * leave about 1e-5 relative, so 1e-4 leaves room without hiding real errors.
 *
 * @param dtype The dtype of the values under test.
 * @param looseness A multiplier for computations that lose accuracy by design
 *   (finite differences); 1 for everything else.
 * @returns The tolerance.
 *
 * @example
 * ```ts
 * import { toleranceFor } from "./tolerance.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(toleranceFor("int32").atol, 0);
 * ```
 */
export function toleranceFor(dtype: DType, looseness = 1): Tolerance {
  switch (dtype) {
    case "float32":
      return { rtol: 1e-4 * looseness, atol: 1e-5 * looseness };
    case "float64":
      return { rtol: 1e-9 * looseness, atol: 1e-12 * looseness };
    default:
      return { rtol: 0, atol: 0 };
  }
}

let caseDtype: DType | undefined;

/**
 * The dtype of the kata case now running (its `KataContext.dtype`), which
 * {@linkcode toleranceFor} callers use when no dtype is passed by hand.
 * `defineKata` sets it around each case; outside a case it is `undefined`.
 *
 * @returns The running case's dtype, or `undefined` outside a case.
 *
 * @example
 * ```ts
 * import { currentCaseDtype, setCaseDtype } from "./tolerance.ts";
 * import { strictEqual } from "node:assert";
 * const previous = setCaseDtype("float64");
 * strictEqual(currentCaseDtype(), "float64");
 * setCaseDtype(previous);
 * ```
 */
export function currentCaseDtype(): DType | undefined {
  return caseDtype;
}

/**
 * Sets the dtype of the case now running (done by `defineKata` around each case).
 *
 * @param dtype The case's dtype, or `undefined` when no case runs.
 * @returns The previous value, so a caller can restore it.
 *
 * @example
 * ```ts
 * import { currentCaseDtype, setCaseDtype } from "./tolerance.ts";
 * import { strictEqual } from "node:assert";
 * const previous = setCaseDtype("float32");
 * strictEqual(setCaseDtype(previous), "float32");
 * strictEqual(currentCaseDtype(), previous);
 * ```
 */
export function setCaseDtype(dtype: DType | undefined): DType | undefined {
  const previous = caseDtype;
  caseDtype = dtype;
  return previous;
}
