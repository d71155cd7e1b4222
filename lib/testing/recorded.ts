/**
 * Recorded answers for kata suites: values computed ahead of time by a trusted
 * program (TensorFlow.js, see `lib/contract/tensorflow_oracles.ts`) and frozen
 * as the module that holds them is evaluated — before any code that imports
 * it can reach them — so that no code running beside a suite can change what
 * the suite compares with.
 *
 * @module
 */

/**
 * Freezes a value and everything reachable from it (arrays and plain objects),
 * and returns it.
 *
 * @param value Numbers, strings, arrays and plain objects of them.
 * @returns The same value, frozen all the way down.
 * @throws {TypeError} If it holds a number that is not finite: a recorded
 *   answer is never NaN or ±Infinity.
 *
 * @example
 * ```ts
 * import { recorded } from "./recorded.ts";
 * import { strictEqual, throws } from "node:assert";
 * const answers = recorded({ path: [[1, 2], [3, 4]] });
 * strictEqual(Object.isFrozen(answers.path[1]), true);
 * throws(() => answers.path[1].push(5), TypeError);
 * ```
 */
export function recorded<T>(value: T): T {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new TypeError(`Cannot record ${value}: a recorded answer must be a finite number`);
  }
  if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) recorded(item);
    Object.freeze(value);
  }
  return value;
}
