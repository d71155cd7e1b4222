/**
 * CPU storage: a typed array with a reference count.
 *
 * @module
 */
import type { Storage, TensorInfo } from "../backend.ts";
import { allocate, type DType, dtypeOf, type TypedArray } from "../../core/dtype.ts";

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

/** Arrays shorter than this come from the slab allocator in `allocate`, not the pool. */
const MIN_POOLED = 1024;
const MAX_PER_SIZE = 16;
const MAX_POOLED_BYTES = 64 * 1024 * 1024;

/**
 * Arrays released by `dispose()`/`scope()`, by dtype and length, for reuse: in
 * a hot loop, allocating (and zeroing) fresh memory costs more than the
 * arithmetic. Arrays the garbage collector frees never come back here.
 */
const pool = new Map<string, TypedArray[]>();
let pooledBytes = 0;

/**
 * An array for a kernel's output: recycled when one of this dtype and length
 * was released, else new. A recycled array holds stale values, so a kernel
 * that does not write every element must ask for `zeroed`.
 *
 * @param dtype The element type.
 * @param size The number of elements.
 * @param zeroed Whether every element must start at 0.
 * @returns The array.
 *
 * @example
 * ```ts
 * import { outputArray } from "./storage.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(outputArray("float32", 4, true).every((x) => x === 0), true);
 * ```
 */
export function outputArray(dtype: DType, size: number, zeroed = false): TypedArray {
  if (size >= MIN_POOLED) {
    const array = pool.get(`${dtype}:${size}`)?.pop();
    if (array) {
      pooledBytes -= array.byteLength;
      if (zeroed) array.fill(0);
      return array;
    }
  }
  return allocate(dtype, size);
}

/**
 * Offers a released array for reuse (small arrays and a full pool drop it).
 *
 * @param data The array of a storage whose last reference was released.
 *
 * @example
 * ```ts
 * import { outputArray, recycle } from "./storage.ts";
 * import { strictEqual } from "node:assert";
 * const a = new Float32Array(2048);
 * recycle(a);
 * strictEqual(outputArray("float32", 2048), a);
 * ```
 */
export function recycle(data: TypedArray): void {
  if (data.length < MIN_POOLED || pooledBytes + data.byteLength > MAX_POOLED_BYTES) return;
  const key = `${dtypeOf(data)}:${data.length}`;
  const list = pool.get(key) ?? [];
  if (list.length >= MAX_PER_SIZE) return;
  list.push(data);
  pool.set(key, list);
  pooledBytes += data.byteLength;
}
