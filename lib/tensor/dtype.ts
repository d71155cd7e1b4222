/**
 * Element types. `float32` is the default; `float64` lives on the CPU only;
 * `int32` holds labels and indices; `bool` is what comparisons return.
 *
 * @module
 */
import { DtypeError } from "./errors.ts";

/** The element types a tensor can hold. */
export type DType = "float32" | "float64" | "int32" | "bool";

/** The typed array that stores each dtype on the CPU. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/**
 * Allocates a zeroed typed array for a dtype.
 *
 * @param dtype The element type.
 * @param size The number of elements.
 * @returns A new typed array.
 *
 * @example
 * ```ts
 * import { allocate } from "./dtype.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(allocate("int32", 3) instanceof Int32Array, true);
 * ```
 */
export function allocate(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(size);
    case "float64":
      return new Float64Array(size);
    case "int32":
      return new Int32Array(size);
    case "bool":
      return new Uint8Array(size);
  }
}

/**
 * Whether a dtype holds real numbers (float32 or float64).
 *
 * @param dtype The element type.
 * @returns True for float32 and float64.
 *
 * @example
 * ```ts
 * import { isFloat } from "./dtype.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(isFloat("int32"), false);
 * ```
 */
export function isFloat(dtype: DType): boolean {
  return dtype === "float32" || dtype === "float64";
}

/**
 * The dtype that two operands of a binary op promote to, as in PyTorch:
 * float64 beats float32 beats int32 beats bool.
 *
 * @param a The first dtype.
 * @param b The second dtype.
 * @returns The wider of the two.
 *
 * @example
 * ```ts
 * import { promote } from "./dtype.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(promote("int32", "float32"), "float32");
 * ```
 */
export function promote(a: DType, b: DType): DType {
  const rank: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };
  return rank[a] >= rank[b] ? a : b;
}

/**
 * Refuses a non-float dtype with the library's wording.
 *
 * @param dtype The dtype to check.
 * @param action What was being done, e.g. "take exp of a tensor".
 * @throws {DtypeError} When the dtype is int32 or bool.
 *
 * @example
 * ```ts
 * import { requireFloat } from "./dtype.ts";
 * import { throws } from "node:assert";
 * throws(() => requireFloat("int32", "take exp"), /Cannot take exp: dtype int32 is not a float dtype/);
 * ```
 */
export function requireFloat(dtype: DType, action: string): void {
  if (!isFloat(dtype)) {
    throw new DtypeError(
      `Cannot ${action}: dtype ${dtype} is not a float dtype (convert with .toFloat() first)`,
    );
  }
}

/**
 * The dtype a typed array stores.
 *
 * @param values A typed array.
 * @returns Its dtype.
 *
 * @example
 * ```ts
 * import { dtypeOf } from "./dtype.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(dtypeOf(new Float64Array(1)), "float64");
 * ```
 */
export function dtypeOf(values: TypedArray): DType {
  if (values instanceof Float32Array) return "float32";
  if (values instanceof Float64Array) return "float64";
  if (values instanceof Int32Array) return "int32";
  return "bool";
}
