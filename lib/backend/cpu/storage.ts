/**
 * CPU storage: a typed array with a reference count.
 *
 * @module
 */
import type { Storage, TensorInfo } from "../backend.ts";
import type { TypedArray } from "../../tensor/dtype.ts";

/** A typed array owned by the CPU backend. */
export class CpuStorage implements Storage {
  refs = 1;
  /** @param data The values, row-major. */
  constructor(readonly data: TypedArray) {}
}

/**
 * The typed array behind a CPU tensor.
 *
 * @param x A tensor on the CPU backend.
 * @returns Its values (not a copy).
 *
 * @example
 * ```ts
 * import { CpuStorage, dataOf } from "./storage.ts";
 * import { strictEqual } from "node:assert";
 * const storage = new CpuStorage(new Float32Array([1, 2]));
 * strictEqual(dataOf({ shape: [2], dtype: "float32", size: 2, storage })[1], 2);
 * ```
 */
export function dataOf(x: TensorInfo): TypedArray {
  return (x.storage as CpuStorage).data;
}
