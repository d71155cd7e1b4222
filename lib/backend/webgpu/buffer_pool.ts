/**
 * A pool of GPU buffers of one usage, bucketed by size so that a freed buffer
 * serves the next request of about the same size instead of a new allocation.
 *
 * @module
 */

/** The smallest buffer the pool hands out, in bytes. */
export const MIN_BUCKET_BYTES = 16;

/**
 * The bucket a request of `bytes` falls in: four buckets per power of two,
 * so a buffer is at most 25% larger than asked for.
 *
 * @param bytes The bytes needed.
 * @returns The bucket's size in bytes, a multiple of 4.
 *
 * @example
 * ```ts
 * import { bucketBytes } from "./buffer_pool.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual([1, 16, 17, 4000, 4096].map(bucketBytes), [16, 16, 20, 4096, 4096]);
 * ```
 */
export function bucketBytes(bytes: number): number {
  if (bytes <= MIN_BUCKET_BYTES) return MIN_BUCKET_BYTES;
  const step = 2 ** Math.floor(Math.log2(bytes)) / 4;
  return Math.ceil(bytes / step) * step;
}

/**
 * Buffers of one usage, reused by size bucket.
 *
 * @example
 * ```ts ignore
 * import { BufferPool } from "./buffer_pool.ts";
 * const device = await (await navigator.gpu.requestAdapter())!.requestDevice();
 * const pool = new BufferPool(device, GPUBufferUsage.STORAGE, 1 << 30);
 * const buffer = pool.acquire(100);
 * pool.release(buffer);
 * if (pool.acquire(90) !== buffer) throw new Error("the freed buffer was not reused");
 * ```
 */
export class BufferPool {
  #device: GPUDevice;
  #usage: number;
  #maxBytes: number;
  #free = new Map<number, GPUBuffer[]>();
  #idleBytes = 0;
  #maxIdleBytes: number;

  /**
   * An empty pool.
   *
   * @param device The device that allocates.
   * @param usage The `GPUBufferUsage` flags of every buffer in the pool.
   * @param maxBytes The largest buffer the device allows (`maxBufferSize`).
   * @param maxIdleBytes Beyond this many idle bytes, released buffers are destroyed.
   */
  constructor(device: GPUDevice, usage: number, maxBytes: number, maxIdleBytes = 512 << 20) {
    this.#device = device;
    this.#usage = usage;
    this.#maxBytes = maxBytes;
    this.#maxIdleBytes = maxIdleBytes;
  }

  /**
   * A buffer of at least `bytes` bytes, reused when one is idle.
   *
   * @param bytes The bytes needed (at most `maxBytes`).
   * @returns A buffer whose `size` is the bucket's.
   */
  acquire(bytes: number): GPUBuffer {
    const size = Math.max(bytes, Math.min(bucketBytes(bytes), this.#maxBytes));
    const idle = this.#free.get(size)?.pop();
    if (idle) {
      this.#idleBytes -= size;
      return idle;
    }
    return this.#device.createBuffer({ size, usage: this.#usage });
  }

  /**
   * Returns a buffer for reuse. The caller guarantees that no unsubmitted
   * command still uses it; submitted ones are ordered before any reuse.
   *
   * @param buffer A buffer from {@linkcode BufferPool.acquire}.
   */
  release(buffer: GPUBuffer): void {
    if (this.#idleBytes + buffer.size > this.#maxIdleBytes) {
      buffer.destroy();
      return;
    }
    const list = this.#free.get(buffer.size);
    if (list) list.push(buffer);
    else this.#free.set(buffer.size, [buffer]);
    this.#idleBytes += buffer.size;
  }

  /** Bytes held by idle buffers. */
  get idleBytes(): number {
    return this.#idleBytes;
  }
}
