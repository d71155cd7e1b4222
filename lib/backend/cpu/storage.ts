/**
 * CPU storage: a typed array with a reference count.
 *
 * @module
 */
import type { Storage, TensorInfo } from "../backend.ts";
import { allocate, type DType, dtypeOf, type TypedArray } from "../../core/dtype.ts";

/**
 * Element-wise work not yet done: the op, its operands (storages or numbers
 * already in the op's dtype) and the output's dtype and length. The CPU
 * backend builds these for large element-wise ops (see `fusion.ts`) and runs
 * a whole chain of them in one pass when the values are first needed.
 */
export interface Pending {
  /** `unary` or `binary`. */
  readonly kind: "unary" | "binary";
  /** The op's name (a `UnaryOp` or a `BinaryOp`). */
  readonly op: string;
  /** The first operand. */
  readonly a: CpuStorage | number;
  /** The second operand (binary ops only). */
  readonly b: CpuStorage | number;
  /** The output dtype. */
  readonly dtype: DType;
  /** The number of elements. */
  readonly size: number;
  /** An upper bound on the pending nodes this chain holds, itself included. */
  readonly nodes: number;
  /** Computes the values; the storage keeps them and drops the pending work. */
  readonly run: (storage: CpuStorage) => TypedArray;
}

/**
 * A typed array owned by the CPU backend, or element-wise work that will fill
 * one when its values are first read.
 */
export class CpuStorage implements Storage {
  refs = 1;
  /** How many pending consumers still read this storage's values. */
  holds = 0;
  /** How many pending ops use this storage as an operand. */
  consumers = 0;
  /** True once the last tensor released it while pending consumers still hold it. */
  released = false;
  /** Scratch while a fused pass runs (the current chunk of this node's values). */
  scratch: TypedArray | null = null;
  #data: TypedArray | null;
  #pending: Pending | null;

  /**
   * @param data The values, row-major, or null when `pending` computes them.
   * @param pending The element-wise work that computes the values.
   */
  constructor(data: TypedArray | null, pending: Pending | null = null) {
    this.#data = data;
    this.#pending = pending;
  }

  /** The values, computed now if they were pending. */
  get data(): TypedArray {
    return this.#data ?? this.#force();
  }

  /** The work still to do, or null once the values exist. */
  get pending(): Pending | null {
    return this.#pending;
  }

  /** The values if they exist, without computing them. */
  get computed(): TypedArray | null {
    return this.#data;
  }

  #force(): TypedArray {
    const data = this.#pending!.run(this);
    this.#data = data;
    this.#pending = null;
    return data;
  }
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
