/**
 * What every WGSL kernel file shares on the TypeScript side: the `Kernel`
 * shape, the WGSL type of each dtype, uniform packing and workgroup grids.
 * No shader text lives here: each kernel file holds its whole shader.
 *
 * @module
 */
import type { DType } from "../../../core/dtype.ts";

/** The WGSL scalar type that stores a dtype: bool is stored as `u32` (0 or 1). */
export type WgslType = "f32" | "i32" | "u32";

/**
 * One compute kernel: a name and the WGSL source of each of its variants.
 * A variant is a small plain object (op, types, rank); the pipeline cache
 * keys on `name` plus the variant, so each variant compiles once.
 *
 * Binding convention: `@group(0) @binding(0)` is the uniform `params`; the
 * storage buffers follow at the binding numbers each kernel documents.
 */
export interface Kernel<V> {
  /** Unique kernel name, the first part of the pipeline cache key. */
  readonly name: string;
  /** The complete WGSL source of one variant; its entry point is `main`. */
  wgsl(variant: V): string;
}

/** Threads per workgroup of the one-thread-per-element kernels. */
export const WORKGROUP_SIZE = 256;

/**
 * Elements one thread of an element-wise kernel handles: 4 (as a `vec4`)
 * when the element count allows it and no operand is broadcast with strides,
 * which halves the time of those kernels on llvmpipe; else 1.
 */
export type Lanes = 1 | 4;

/**
 * The WGSL type of one lane group: `T` or `vec4<T>`.
 *
 * @param type The scalar type.
 * @param lanes 1 or 4.
 * @returns The type's name.
 *
 * @example
 * ```ts
 * import { laneType } from "./kernel.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(laneType("f32", 4), "vec4<f32>");
 * ```
 */
export function laneType(type: WgslType, lanes: Lanes): string {
  return lanes === 4 ? `vec4<${type}>` : type;
}

/**
 * The WGSL type that stores a dtype on the GPU.
 *
 * @param dtype float32, int32 or bool.
 * @returns `f32`, `i32` or `u32`.
 * @throws {Error} For float64, which the backend refuses before any kernel runs.
 *
 * @example
 * ```ts
 * import { wgslType } from "./kernel.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(wgslType("bool"), "u32");
 * ```
 */
export function wgslType(dtype: DType): WgslType {
  switch (dtype) {
    case "float32":
      return "f32";
    case "int32":
      return "i32";
    case "bool":
      return "u32";
    default:
      throw new Error(`Cannot map dtype ${dtype} to WGSL: it has no 32-bit GPU type`);
  }
}

/**
 * How many `vec4<u32>` hold `count` numbers (at least one, so every array
 * field exists even for 0-d tensors).
 *
 * @param count The number of values.
 * @returns `max(1, ceil(count / 4))`.
 *
 * @example
 * ```ts
 * import { vec4Count } from "./kernel.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(vec4Count(5), 2);
 * ```
 */
export function vec4Count(count: number): number {
  return Math.max(1, Math.ceil(count / 4));
}

const scratch = new DataView(new ArrayBuffer(4));

/**
 * The 32 bits of a number stored as a dtype, as a `u32` (WGSL `bitcast`s it back).
 * Passing bits keeps NaN, ±Infinity and -0 intact.
 *
 * @param value The number, already in the dtype's range.
 * @param dtype float32, int32 or bool.
 * @returns The bit pattern.
 *
 * @example
 * ```ts
 * import { bitsOf } from "./kernel.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(bitsOf(1, "float32"), 0x3f800000);
 * strictEqual(bitsOf(-1, "int32"), 0xffffffff);
 * ```
 */
export function bitsOf(value: number, dtype: DType): number {
  if (dtype === "float32") scratch.setFloat32(0, value, true);
  else if (dtype === "int32") scratch.setInt32(0, value, true);
  else scratch.setUint32(0, value ? 1 : 0, true);
  return scratch.getUint32(0, true);
}

/**
 * Packs a uniform struct in WGSL layout: 4-byte scalars first, then arrays of
 * `vec4<u32>` (16-byte aligned). Fields must be written in the order the
 * shader's `struct Params` declares them.
 *
 * @example
 * ```ts
 * import { Uniforms } from "./kernel.ts";
 * import { deepStrictEqual } from "node:assert";
 * const u = new Uniforms().u32(7).array([2, 3], 1);
 * deepStrictEqual([...u.finish()], [7, 0, 0, 0, 2, 3, 0, 0]);
 * ```
 */
export class Uniforms {
  #words: number[] = [];

  /**
   * Appends a `u32` field.
   *
   * @param value A non-negative integer below 2³².
   * @returns This writer.
   */
  u32(value: number): this {
    this.#words.push(value >>> 0);
    return this;
  }

  /**
   * Appends an `array<vec4<u32>, vec4s>` field, zero-padded.
   *
   * @param values The numbers (non-negative integers).
   * @param vec4s The array's length in `vec4`s, as the shader declares it.
   * @returns This writer.
   */
  array(values: readonly number[], vec4s: number): this {
    while (this.#words.length % 4 !== 0) this.#words.push(0);
    for (let i = 0; i < vec4s * 4; i++) this.#words.push((values[i] ?? 0) >>> 0);
    return this;
  }

  /**
   * The packed words, padded to a multiple of 16 bytes.
   *
   * @returns The uniform data.
   */
  finish(): Uint32Array {
    while (this.#words.length % 4 !== 0 || this.#words.length === 0) this.#words.push(0);
    return Uint32Array.from(this.#words);
  }
}

/**
 * The workgroup grid for `groups` workgroups: at most `maxPerDimension` along
 * x, the rest along y. Shaders recover the flat index as
 * `id.x + id.y * groups.x * WORKGROUP_SIZE` (or `group.x + group.y * groups.x`).
 *
 * @param groups The number of workgroups needed.
 * @param maxPerDimension The device's `maxComputeWorkgroupsPerDimension`.
 * @returns `[x, y, 1]`.
 *
 * @example
 * ```ts
 * import { gridFor } from "./kernel.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(gridFor(70000, 65535), [35000, 2, 1]);
 * ```
 */
export function gridFor(groups: number, maxPerDimension: number): [number, number, number] {
  if (groups <= maxPerDimension) return [Math.max(groups, 1), 1, 1];
  const y = Math.ceil(groups / maxPerDimension);
  return [Math.ceil(groups / y), y, 1];
}

/**
 * Merges adjacent axes that every operand walks contiguously, and drops axes
 * of length 1, so broadcast kernels loop over as few axes as possible.
 * `[64, 100] + [100]` stays 2-D; `[2, 3, 4]` copied whole becomes `[24]`.
 *
 * @param shape The output shape.
 * @param strides Per operand, its stride along each output axis (0 where broadcast).
 * @returns The merged shape and strides.
 *
 * @example
 * ```ts
 * import { coalesce } from "./kernel.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(coalesce([2, 3, 4], [[12, 4, 1]]), { shape: [24], strides: [[1]] });
 * deepStrictEqual(coalesce([2, 1, 3], [[3, 0, 1], [0, 0, 1]]), { shape: [2, 3], strides: [[3, 1], [0, 1]] });
 * ```
 */
export function coalesce(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let axis = 0; axis < shape.length; axis++) {
    const n = shape[axis];
    if (n === 1) continue;
    const last = outShape.length - 1;
    const mergeable = last >= 0 &&
      strides.every((s, j) => outStrides[j][last] === s[axis] * n);
    if (mergeable) {
      outShape[last] *= n;
      strides.forEach((s, j) => (outStrides[j][last] = s[axis]));
    } else {
      outShape.push(n);
      strides.forEach((s, j) => outStrides[j].push(s[axis]));
    }
  }
  return { shape: outShape, strides: outStrides };
}
