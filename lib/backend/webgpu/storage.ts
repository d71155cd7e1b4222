/**
 * WebGPU storage: a pooled `GPUBuffer` with the tensor's element count and
 * dtype, and the conversions between CPU typed arrays and GPU words
 * (float32 → f32, int32 → i32, bool → u32 holding 0 or 1).
 *
 * @module
 */
import type { Storage, TensorInfo } from "../backend.ts";
import type { Binding } from "./kernels/kernel.ts";
import { allocate, type DType, type TypedArray } from "../../core/dtype.ts";
import { DtypeError } from "../../core/errors.ts";

/** Bytes per element on the GPU: every supported dtype is 32-bit. */
export const ELEMENT_BYTES = 4;

/** A block of GPU memory owned by the WebGPU backend. */
export class GpuStorage implements Storage {
  refs = 1;

  /**
   * Wraps a pooled buffer.
   *
   * @param buffer The pooled buffer (its `size` may exceed `byteSize`).
   * @param size The number of elements.
   * @param dtype The element type.
   */
  constructor(readonly buffer: GPUBuffer, readonly size: number, readonly dtype: DType) {}

  /** The bytes the elements occupy (at least 4, so a binding is never empty). */
  get byteSize(): number {
    return Math.max(this.size, 1) * ELEMENT_BYTES;
  }
}

/**
 * The GPU storage behind a tensor on the WebGPU backend.
 *
 * @param x A tensor's description.
 * @returns Its storage.
 *
 * @example
 * ```ts
 * import { GpuStorage, storageOf } from "./storage.ts";
 * import { strictEqual } from "node:assert";
 * const storage = new GpuStorage({} as GPUBuffer, 2, "float32");
 * strictEqual(storageOf({ shape: [2], dtype: "float32", size: 2, storage }), storage);
 * ```
 */
export function storageOf(x: TensorInfo): GpuStorage {
  return x.storage as GpuStorage;
}

/**
 * A tensor's storage, or a storage, bound whole: its buffer and the bytes its elements use.
 *
 * @param x A tensor on the WebGPU backend, or its storage.
 * @returns The binding.
 *
 * @example
 * ```ts
 * import { bindingOf, GpuStorage } from "./storage.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(bindingOf(new GpuStorage({} as GPUBuffer, 3, "int32")).size, 12);
 * ```
 */
export function bindingOf(x: TensorInfo | GpuStorage): Binding {
  const storage = x instanceof GpuStorage ? x : storageOf(x);
  return { buffer: storage.buffer, size: storage.byteSize };
}

/**
 * Refuses float64, which WebGPU cannot store.
 *
 * @param dtype The dtype to store.
 * @throws {DtypeError} For float64, naming the CPU backend.
 *
 * @example
 * ```ts
 * import { requireGpuDtype } from "./storage.ts";
 * import { throws } from "node:assert";
 * throws(() => requireGpuDtype("float64"), /use the cpu backend/);
 * ```
 */
export function requireGpuDtype(dtype: DType): void {
  if (dtype === "float64") {
    throw new DtypeError(
      "Cannot store float64 on the webgpu backend: WebGPU has no 64-bit floats (use the cpu backend)",
    );
  }
}

/**
 * Converts values to the words the GPU stores for `dtype`, exactly as the CPU
 * backend converts them into its typed array (float64 rounds to float32,
 * floats truncate to int32), with bool widened to u32.
 *
 * @param values Any typed array.
 * @param dtype float32, int32 or bool.
 * @returns A typed array of 32-bit words (the input itself when no conversion is needed).
 *
 * @example
 * ```ts
 * import { toGpuWords } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual([...toGpuWords(new Float64Array([0.1]), "float32")], [Math.fround(0.1)]);
 * deepStrictEqual(toGpuWords(new Uint8Array([1, 0]), "bool"), new Uint32Array([1, 0]));
 * ```
 */
export function toGpuWords(
  values: TypedArray,
  dtype: DType,
): Float32Array | Int32Array | Uint32Array {
  requireGpuDtype(dtype);
  if (dtype === "float32" && values instanceof Float32Array) return values;
  if (dtype === "int32" && values instanceof Int32Array) return values;
  const converted = allocate(dtype, values.length);
  converted.set(values);
  return dtype === "bool" ? Uint32Array.from(converted) : converted as Float32Array | Int32Array;
}

/**
 * Turns words read back from the GPU into the CPU's typed array for `dtype`.
 *
 * @param bytes The raw bytes (4 per element).
 * @param dtype float32, int32 or bool.
 * @returns Float32Array, Int32Array or Uint8Array.
 *
 * @example
 * ```ts
 * import { fromGpuBytes } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(fromGpuBytes(new Uint32Array([1, 0]).buffer, "bool"), new Uint8Array([1, 0]));
 * ```
 */
export function fromGpuBytes(bytes: ArrayBuffer, dtype: DType): TypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(bytes);
    case "int32":
      return new Int32Array(bytes);
    default:
      return Uint8Array.from(new Uint32Array(bytes));
  }
}
