/**
 * The library's error classes. Every message follows one rule:
 * "Cannot <action>: <current state>", sentence case, values and shapes quoted,
 * no trailing period.
 *
 * @module
 */

/**
 * Base class of every error the library throws on purpose.
 *
 * @example Catch any grad-dojo error
 * ```ts
 * import { GradDojoError, ShapeError } from "./errors.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(new ShapeError("Cannot add tensors: shapes [2] and [3] do not broadcast") instanceof GradDojoError, true);
 * ```
 */
export class GradDojoError extends Error {
  /**
   * Creates the error.
   *
   * @param message "Cannot <action>: <current state>"
   */
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Shapes that do not fit together: broadcasting, matmul, reshape, axes, indices.
 *
 * @example
 * ```ts
 * import { ShapeError } from "./errors.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(new ShapeError("Cannot reshape: x").name, "ShapeError");
 * ```
 */
export class ShapeError extends GradDojoError {}

/**
 * A dtype that an operation cannot take (int32 where a float is needed, float64 on WebGPU).
 *
 * @example
 * ```ts
 * import { DtypeError } from "./errors.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(new DtypeError("Cannot exp: x").name, "DtypeError");
 * ```
 */
export class DtypeError extends GradDojoError {}

/**
 * A backend problem: unknown backend, tensors on two backends, a disposed tensor,
 * a synchronous read of GPU data, a lost device.
 *
 * @example
 * ```ts
 * import { BackendError } from "./errors.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(new BackendError("Cannot read: x").name, "BackendError");
 * ```
 */
export class BackendError extends GradDojoError {}

/**
 * An argument whose value is out of its domain: a negative learning rate, NaN in
 * `eigh`, an empty tensor where a reduction needs elements, k larger than n.
 *
 * @example
 * ```ts
 * import { ValueError } from "./errors.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(new ValueError("Cannot step: learning rate -1 is negative").name, "ValueError");
 * ```
 */
export class ValueError extends GradDojoError {}

/**
 * Formats a shape the way every message quotes it: `[2,3]`.
 *
 * @param shape The shape to format.
 * @returns The shape in brackets, without spaces.
 *
 * @example
 * ```ts
 * import { formatShape } from "./errors.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(formatShape([2, 3]), "[2,3]");
 * ```
 */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}
