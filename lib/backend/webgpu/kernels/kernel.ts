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

/** A storage buffer bound to a dispatch: the whole buffer, or its first `size` bytes. */
export interface Binding {
  /** The buffer. */
  buffer: GPUBuffer;
  /** The bytes bound, from offset 0. */
  size: number;
}

/**
 * One field of a kernel's uniform `struct Params`: a `u32`, or an
 * `array<vec4u, N>` whose length N depends on the variant (its rank).
 */
export type ParamField<V> =
  | { readonly name: string; readonly type: "u32" }
  | {
    readonly name: string;
    readonly type: "array<vec4u>";
    /** N, the array's length in `vec4u`s, for a variant. */
    vec4s(variant: V): number;
  };

/**
 * One compute kernel: its name, the WGSL of each variant, and the layout the
 * WGSL declares — the fields of `struct Params` in order and the binding
 * number of each storage buffer — so that the host side packs exactly what
 * the shader reads (`layout_test.ts` parses the WGSL to prove they agree).
 * A variant is a small plain object (op, types, rank); the pipeline cache
 * keys on `name` plus the variant, so each variant compiles once.
 *
 * Binding convention: `@group(0) @binding(0)` is the uniform `params`; the
 * storage buffers follow at the numbers in `bindings`.
 */
export interface Kernel<V> {
  /** Unique kernel name, the first part of the pipeline cache key. */
  readonly name: string;
  /** The complete WGSL source of one variant; its entry point is `main`. */
  wgsl(variant: V): string;
  /** The fields of `struct Params`, in the order the WGSL declares them. */
  readonly params: readonly ParamField<V>[];
  /** Each storage buffer's name in the WGSL and its binding number (1, 2, …). */
  readonly bindings: Readonly<Record<string, number>>;
}

/** One kernel run, planned by the kernel's file: what to compile, pack, bind and launch. */
export interface Dispatch<V> {
  /** The kernel. */
  kernel: Kernel<V>;
  /** Which compiled form. */
  variant: V;
  /** The value of each field of `struct Params`, by name. */
  params: Readonly<Record<string, number | readonly number[]>>;
  /** The storage buffers, by their name in the WGSL (an unbound one is left out). */
  buffers: Readonly<Record<string, Binding>>;
  /** Workgroups: a count (spread over x and y by {@linkcode gridFor}) or a grid. */
  groups: number | readonly [number, number, number];
}

/** A buffer-to-buffer copy that a plan uses instead of a kernel (contiguous data). */
export interface CopyStep {
  /** What to copy, byte offsets and a byte count, all multiples of 4. */
  copy: { from: GPUBuffer; fromOffset: number; to: GPUBuffer; toOffset: number; bytes: number };
}

/** Zeroing a range of a buffer. */
export interface ClearStep {
  /** The buffer and the byte range. */
  clear: { buffer: GPUBuffer; offset: number; bytes: number };
}

/** One step of GPU work, in program order. */
export type Step = Dispatch<unknown> | CopyStep | ClearStep;

/**
 * Packs a dispatch's `params` in the order its kernel declares them.
 *
 * @param dispatch The kernel, its variant and the values by field name.
 * @returns The uniform words.
 * @throws {Error} When a value is missing, unknown, of the wrong kind, or an
 *   array longer than its field: a bug in the kernel's plan, not in user input.
 *
 * @example
 * ```ts
 * import { type Kernel, packParams } from "./kernel.ts";
 * import { deepStrictEqual } from "node:assert";
 * const kernel: Kernel<{ rank: number }> = {
 *   name: "k",
 *   wgsl: () => "",
 *   params: [{ name: "size", type: "u32" }, { name: "shape", type: "array<vec4u>", vec4s: () => 1 }],
 *   bindings: {},
 * };
 * const words = packParams({ kernel, variant: { rank: 2 }, params: { size: 6, shape: [2, 3] }, buffers: {}, groups: 1 });
 * deepStrictEqual([...words], [6, 0, 0, 0, 2, 3, 0, 0]);
 * ```
 */
export function packParams<V>(dispatch: Dispatch<V>): Uint32Array {
  const { kernel, variant, params } = dispatch;
  const uniforms = new Uniforms();
  const where = `kernel ${kernel.name}`;
  for (const field of kernel.params) {
    const value = params[field.name];
    if (field.type === "u32") {
      if (typeof value !== "number") {
        throw new Error(`Cannot pack the params of ${where}: u32 "${field.name}" is ${value}`);
      }
      uniforms.u32(value);
    } else {
      const vec4s = field.vec4s(variant);
      if (!Array.isArray(value) || value.length > vec4s * 4) {
        throw new Error(
          `Cannot pack the params of ${where}: "${field.name}" must be an array of at most ${
            vec4s * 4
          } numbers, not ${JSON.stringify(value)}`,
        );
      }
      uniforms.array(value, vec4s);
    }
  }
  const unknown = Object.keys(params).filter((name) => !kernel.params.some((f) => f.name === name));
  if (unknown.length) {
    throw new Error(`Cannot pack the params of ${where}: it has no field ${unknown.join(", ")}`);
  }
  return uniforms.finish();
}

/**
 * A dispatch's buffers by binding number.
 *
 * @param dispatch The planned dispatch.
 * @returns Binding number → buffer.
 * @throws {Error} For a buffer name the kernel does not declare (a bug in its plan).
 *
 * @example
 * ```ts
 * import { type Binding, bindingSlots, type Kernel } from "./kernel.ts";
 * import { strictEqual } from "node:assert";
 * const kernel: Kernel<Record<string, never>> = { name: "k", wgsl: () => "", params: [], bindings: { out: 2 } };
 * const out = { buffer: {} as GPUBuffer, size: 4 } satisfies Binding;
 * strictEqual(bindingSlots({ kernel, variant: {}, params: {}, buffers: { out }, groups: 1 }).get(2), out);
 * ```
 */
export function bindingSlots<V>(dispatch: Dispatch<V>): Map<number, Binding> {
  const slots = new Map<number, Binding>();
  for (const [name, binding] of Object.entries(dispatch.buffers)) {
    const slot = dispatch.kernel.bindings[name];
    if (slot === undefined) {
      throw new Error(`Cannot bind "${name}": kernel ${dispatch.kernel.name} has no such buffer`);
    }
    slots.set(slot, binding);
  }
  return slots;
}

/** A `u32` field of `struct Params`. */
export function u32Field<V>(name: string): ParamField<V> {
  return { name, type: "u32" };
}

/** An `array<vec4u, max(1, ceil(rank / 4))>` field of `struct Params`, sized by the variant's rank. */
export function rankArrayField<V extends { rank: number }>(name: string): ParamField<V> {
  return { name, type: "array<vec4u>", vec4s: (variant) => vec4Count(variant.rank) };
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
 * Elements per thread of an element-wise kernel over `size` contiguous elements.
 *
 * @param size The element count.
 * @returns 4 when `size` is a multiple of 4, else 1.
 *
 * @example
 * ```ts
 * import { lanesFor } from "./kernel.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(lanesFor(8), 4);
 * strictEqual(lanesFor(6), 1);
 * ```
 */
export function lanesFor(size: number): Lanes {
  return size % 4 === 0 ? 4 : 1;
}

/**
 * Workgroups of {@linkcode WORKGROUP_SIZE} threads for `threads` threads.
 *
 * @param threads One per element (or lane group).
 * @returns `ceil(threads / WORKGROUP_SIZE)`.
 *
 * @example
 * ```ts
 * import { groupsFor } from "./kernel.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(groupsFor(257), 2);
 * ```
 */
export function groupsFor(threads: number): number {
  return Math.ceil(threads / WORKGROUP_SIZE);
}

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
