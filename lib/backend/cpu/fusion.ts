/**
 * Fused element-wise work on the CPU. A large unary or binary op does not run
 * at once: it returns a storage that remembers the op (a `Pending`). When the
 * values are first read (by `read`, or by a kernel that is not element-wise:
 * matmul, a reduction, a layout op), the whole chain of pending ops behind it
 * runs in one pass, in chunks that stay in the cache: every op of the chain
 * runs over chunk k before any op moves to chunk k + 1, and only the chain's
 * output is written to memory.
 *
 * Each op computes exactly what the eager kernel in `elementwise.ts` computes
 * (the same scalar function, the same operand order, each result rounded to
 * the op's dtype by storing it in a typed array of that dtype), so fused and
 * eager results are bit-for-bit equal. No code is generated at run time.
 *
 * Policy:
 * - ops under `minSize` elements run eagerly, so tiny ops pay one comparison;
 * - a pending storage used by a second pending op is computed first, so
 *   shared work runs once (an optimizer's new `m` feeds `mHat` and next step's `m`);
 * - a chain longer than `maxNodes` ops computes its inputs first, so chains
 *   that are never read (a loop that only updates) stay bounded;
 * - operands that broadcast (other than a one-element tensor) run eagerly.
 *
 * @module
 */
import type { BinaryOp, Operand, TensorInfo, UnaryOp } from "../backend.ts";
import type { DType, TypedArray } from "../../core/dtype.ts";
import { allocate } from "../../core/dtype.ts";
import { BINARY, UNARY } from "./elementwise.ts";
import { CpuStorage, outputArray, type Pending, recycle } from "./storage.ts";
import { type ElementwiseKernel, type WasmKernels, wasmKernels } from "./wasm_kernels.ts";

/** When and how the CPU backend fuses element-wise ops. */
export interface FusionOptions {
  /** Ops with fewer output elements run eagerly. */
  readonly minSize: number;
  /** Elements per chunk of a fused pass. */
  readonly chunk: number;
  /** The most pending ops one chain may hold before its inputs are computed. */
  readonly maxNodes: number;
  /** Whether float32 chains run their hot ops with the WebAssembly SIMD kernels. */
  readonly wasm: boolean;
}

/**
 * The defaults: chains of ops over at least 4,096 elements, in chunks of
 * 1,024 (4 KiB of float32 per op, so a chain of a dozen ops stays in L1/L2).
 */
export const DEFAULT_FUSION: FusionOptions = {
  minSize: 4096,
  chunk: 1024,
  maxNodes: 32,
  wasm: true,
};

/**
 * A pending unary op, or null when it should run eagerly (too small).
 *
 * @param op The unary op.
 * @param x The input.
 * @param outDtype The output dtype.
 * @param options The fusion policy.
 * @returns The pending storage, or null.
 *
 * @example
 * ```ts
 * import { DEFAULT_FUSION, pendingUnary } from "./fusion.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { strictEqual } from "node:assert";
 * const storage = new CpuStorage(new Float32Array([1, 4, 9]));
 * const x = { shape: [3], dtype: "float32" as const, size: 3, storage };
 * const y = pendingUnary("sqrt", x, "float32", { ...DEFAULT_FUSION, minSize: 1 })!;
 * strictEqual(y.pending !== null, true);
 * strictEqual(y.data[2], 3); // computed on first read
 * ```
 */
export function pendingUnary(
  op: UnaryOp,
  x: TensorInfo,
  outDtype: DType,
  options: FusionOptions,
): CpuStorage | null {
  if (x.size < options.minSize) return null;
  const a = capture(x.storage as CpuStorage, 0, options);
  return makePending("unary", op, a, 0, outDtype, x.size, options);
}

/**
 * A pending binary op, or null when it should run eagerly (too small, or an
 * operand broadcasts).
 *
 * @param op The binary op.
 * @param a Left operand.
 * @param b Right operand.
 * @param size The number of output elements.
 * @param outDtype The output dtype.
 * @param options The fusion policy.
 * @returns The pending storage, or null.
 *
 * @example
 * ```ts
 * import { DEFAULT_FUSION, pendingBinary } from "./fusion.ts";
 * import { CpuStorage } from "./storage.ts";
 * import { deepStrictEqual } from "node:assert";
 * const storage = new CpuStorage(new Float32Array([1, 2]));
 * const x = { shape: [2], dtype: "float32" as const, size: 2, storage };
 * const y = pendingBinary("mul", x, 3, 2, "float32", { ...DEFAULT_FUSION, minSize: 1 })!;
 * deepStrictEqual([...y.data], [3, 6]);
 * ```
 */
export function pendingBinary(
  op: BinaryOp,
  a: Operand,
  b: Operand,
  size: number,
  outDtype: DType,
  options: FusionOptions,
): CpuStorage | null {
  if (size < options.minSize) return null;
  const left = operand(a, size);
  const right = operand(b, size);
  if (left === null || right === null) return null;
  if (typeof left === "number" && typeof right === "number") return null;
  let nodes = 1;
  if (typeof left !== "number" && left.pending) nodes += left.pending.nodes;
  if (typeof right !== "number" && right.pending) nodes += right.pending.nodes;
  const tooLong = nodes > options.maxNodes;
  const first = typeof left === "number" ? left : capture(left, tooLong ? Infinity : 0, options);
  const second = typeof right === "number"
    ? right
    : capture(right, tooLong ? Infinity : 0, options);
  return makePending("binary", op, first, second, outDtype, size, options);
}

/** A storage of `size` elements, a one-element tensor as its number, or null (broadcast). */
function operand(x: Operand, size: number): CpuStorage | number | null {
  if (typeof x === "number") return x;
  if (x.size === size) return x.storage as CpuStorage;
  if (x.size === 1) return (x.storage as CpuStorage).data[0];
  return null;
}

/**
 * Takes a storage as an operand: computes it first when it is pending and
 * already used (shared work runs once) or its chain is too long.
 */
function capture(s: CpuStorage, extra: number, options: FusionOptions): CpuStorage {
  const pending = s.pending;
  if (pending !== null && (s.consumers > 0 || pending.nodes + extra > options.maxNodes)) {
    void s.data;
  }
  s.holds++;
  s.consumers++;
  return s;
}

function makePending(
  kind: "unary" | "binary",
  op: string,
  a: CpuStorage | number,
  b: CpuStorage | number,
  dtype: DType,
  size: number,
  options: FusionOptions,
): CpuStorage {
  let nodes = 1;
  if (typeof a !== "number" && a.pending) nodes += a.pending.nodes;
  if (typeof b !== "number" && b.pending) nodes += b.pending.nodes;
  const chunk = options.chunk;
  const wasm = options.wasm;
  const pending: Pending = {
    kind,
    op,
    a,
    b,
    dtype,
    size,
    nodes,
    run: (root) => runChain(root, chunk, wasm),
  };
  return new CpuStorage(null, pending);
}

/**
 * Frees a storage nothing uses any more: its array goes back to the pool, or,
 * if it never ran, its operands are let go.
 *
 * @param s The storage.
 *
 * @example
 * ```ts
 * import { finalize } from "./fusion.ts";
 * import { CpuStorage } from "./storage.ts";
 * finalize(new CpuStorage(new Float32Array(2)));
 * ```
 */
export function finalize(s: CpuStorage): void {
  const data = s.computed;
  if (data !== null) {
    recycle(data);
    return;
  }
  const pending = s.pending;
  if (pending === null) return;
  if (typeof pending.a !== "number") dropHold(pending.a);
  if (typeof pending.b !== "number") dropHold(pending.b);
}

function dropHold(s: CpuStorage): void {
  s.holds--;
  if (s.holds === 0 && s.released) finalize(s);
}

/** Chunk-sized scratch arrays by dtype and chunk length, reused across passes. */
const scratchPool = new Map<string, TypedArray[]>();

/** Runs the chain behind `root` in chunks and returns its values. */
function runChain(root: CpuStorage, chunk: number, wasm: boolean): TypedArray {
  const order: CpuStorage[] = [];
  collect(root, root, order, chunk);
  const p = root.pending!;
  const size = p.size;
  const result = outputArray(p.dtype, size);
  const kernels = wasm ? wasmKernels() : null;
  if (kernels !== null && allFloat32(order)) runWasm(order, result as Float32Array, chunk, kernels);
  else runTypeScript(order, result, chunk);
  // Give the scratch back (the intermediate nodes stay pending), and let the operands go.
  const last = order.length - 1;
  for (let k = 0; k < last; k++) {
    const node = order[k];
    const key = `${node.pending!.dtype}:${chunk}`;
    scratchPool.get(key)!.push(node.scratch!);
    node.scratch = null;
  }
  if (typeof p.a !== "number") dropHold(p.a);
  if (typeof p.b !== "number") dropHold(p.b);
  return result;
}

/** Whether every node and every operand of a chain is float32. */
function allFloat32(order: CpuStorage[]): boolean {
  for (const node of order) {
    const q = node.pending!;
    if (q.dtype !== "float32") return false;
    for (const x of [q.a, q.b]) {
      if (typeof x === "number") continue;
      if (
        x.pending === null ? !(x.computed instanceof Float32Array) : x.pending.dtype !== "float32"
      ) {
        return false;
      }
    }
  }
  return true;
}

const WASM_UNARY = new Set(["neg", "sqrt", "abs", "square"]);
const WASM_BINARY = new Set(["add", "sub", "mul", "div"]);

/**
 * Runs a float32 chain in WebAssembly memory: per chunk, the computed operands
 * are copied in, each op runs (add, sub, mul, div, neg, sqrt, abs, square with
 * f32x4; any other op with the TypeScript loop over the same memory), and the
 * root's chunk is copied out.
 */
function runWasm(order: CpuStorage[], result: Float32Array, chunk: number, w: WasmKernels): void {
  const ops = w as unknown as Record<string, ElementwiseKernel>;
  const slot = (chunk + 3) & ~3; // floats per slot, so every slot is 16-byte aligned
  const slots = new Map<CpuStorage, number>();
  const inputs: Float32Array[] = [];
  const inputSlots: number[] = [];
  for (const node of order) {
    const q = node.pending!;
    for (const x of [q.a, q.b]) {
      if (typeof x === "number" || x.pending !== null || slots.has(x)) continue;
      slots.set(x, slots.size * slot);
      inputs.push(x.computed as Float32Array);
      inputSlots.push(slots.get(x)!);
    }
  }
  for (const node of order) slots.set(node, slots.size * slot);
  const bytes = slots.size * slot * 4;
  const have = w.memory.buffer.byteLength;
  if (have < bytes) w.memory.grow(Math.ceil((bytes - have) / 65536));
  const mem = new Float32Array(w.memory.buffer);
  const root = order[order.length - 1];
  const rootSlot = slots.get(root)!;
  const size = result.length;
  for (let start = 0; start < size; start += chunk) {
    const n = Math.min(chunk, size - start);
    const n4 = (n + 3) & ~3;
    for (let i = 0; i < inputs.length; i++) {
      mem.set(inputs[i].subarray(start, start + n), inputSlots[i]);
    }
    for (const node of order) {
      const q = node.pending!;
      const o = slots.get(node)!;
      const a = q.a;
      if (q.kind === "unary") {
        const ia = slots.get(a as CpuStorage)!;
        if (WASM_UNARY.has(q.op)) ops[`${q.op}_f32`](ia * 4, o * 4, n4);
        else unaryInto(q.op as UnaryOp, mem, ia, mem, o, n);
        continue;
      }
      const b = q.b;
      const op = q.op as BinaryOp;
      const simd = WASM_BINARY.has(op);
      if (typeof a === "number") {
        const ib = slots.get(b as CpuStorage)!;
        if (simd && Math.fround(a) === a) {
          if (op === "add" || op === "mul") ops[`${op}_scalar_f32`](ib * 4, a, o * 4, n4);
          else ops[`scalar_${op}_f32`](a, ib * 4, o * 4, n4);
        } else scalarFirstInto(op, a, mem, ib, mem, o, n);
      } else if (typeof b === "number") {
        const ia = slots.get(a)!;
        if (simd && Math.fround(b) === b) ops[`${op}_scalar_f32`](ia * 4, b, o * 4, n4);
        else scalarSecondInto(op, mem, ia, b, mem, o, n);
      } else {
        const ia = slots.get(a)!;
        const ib = slots.get(b)!;
        if (simd) ops[`${op}_f32`](ia * 4, ib * 4, o * 4, n4);
        else binaryInto(op, mem, ia, mem, ib, mem, o, n);
      }
    }
    result.set(mem.subarray(rootSlot, rootSlot + n), start);
  }
}

/** Runs a chain with the TypeScript loops, intermediate chunks in scratch arrays. */
function runTypeScript(order: CpuStorage[], result: TypedArray, chunk: number): void {
  const size = result.length;
  const last = order.length - 1;
  for (let start = 0; start < size; start += chunk) {
    const n = Math.min(chunk, size - start);
    for (let k = 0; k <= last; k++) {
      const node = order[k];
      const q = node.pending!;
      const out = k === last ? result : node.scratch!;
      const oo = k === last ? start : 0;
      const a = q.a;
      if (q.kind === "unary") {
        const s = a as CpuStorage;
        unaryInto(
          q.op as UnaryOp,
          chunkValues(s),
          chunkOffset(s, start),
          out,
          oo,
          n,
        );
        continue;
      }
      const b = q.b;
      if (typeof a === "number") {
        const s = b as CpuStorage;
        scalarFirstInto(
          q.op as BinaryOp,
          a,
          chunkValues(s),
          chunkOffset(s, start),
          out,
          oo,
          n,
        );
      } else if (typeof b === "number") {
        scalarSecondInto(
          q.op as BinaryOp,
          chunkValues(a),
          chunkOffset(a, start),
          b,
          out,
          oo,
          n,
        );
      } else {
        binaryInto(
          q.op as BinaryOp,
          chunkValues(a),
          chunkOffset(a, start),
          chunkValues(b),
          chunkOffset(b, start),
          out,
          oo,
          n,
        );
      }
    }
  }
}

/** An operand's values for the current chunk: its scratch chunk while pending, else its array. */
function chunkValues(s: CpuStorage): TypedArray {
  return s.scratch ?? s.computed!;
}

/** Where the current chunk starts in {@linkcode chunkValues}: 0 in a scratch chunk. */
function chunkOffset(s: CpuStorage, start: number): number {
  return s.scratch !== null ? 0 : start;
}

/** Post-order walk of the pending nodes behind `node`, giving each but the root a scratch chunk. */
function collect(
  node: CpuStorage,
  root: CpuStorage,
  order: CpuStorage[],
  chunk: number,
): void {
  const p = node.pending!;
  for (const x of [p.a, p.b]) {
    if (typeof x === "number" || x.pending === null || x.scratch !== null) continue;
    collect(x, root, order, chunk);
  }
  if (node !== root) {
    const key = `${p.dtype}:${chunk}`;
    let list = scratchPool.get(key);
    if (list === undefined) scratchPool.set(key, list = []);
    node.scratch = list.pop() ?? allocate(p.dtype, chunk);
  }
  order.push(node);
}

/** `out[oo + i] = op(x[xo + i])`, as `unaryKernel` computes it. */
function unaryInto(
  op: UnaryOp,
  x: TypedArray,
  xo: number,
  out: TypedArray,
  oo: number,
  n: number,
): void {
  switch (op) {
    case "identity":
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i];
      return;
    case "neg":
      for (let i = 0; i < n; i++) out[oo + i] = -x[xo + i];
      return;
    case "sqrt":
      for (let i = 0; i < n; i++) out[oo + i] = Math.sqrt(x[xo + i]);
      return;
    case "square":
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i] * x[xo + i];
      return;
    case "exp":
      for (let i = 0; i < n; i++) out[oo + i] = Math.exp(x[xo + i]);
      return;
    default: {
      const f = UNARY[op];
      for (let i = 0; i < n; i++) out[oo + i] = f(x[xo + i]);
    }
  }
}

/** `out[oo + i] = op(a[ao + i], b[bo + i])`, as `binaryKernel` computes it. */
function binaryInto(
  op: BinaryOp,
  a: TypedArray,
  ao: number,
  b: TypedArray,
  bo: number,
  out: TypedArray,
  oo: number,
  n: number,
): void {
  switch (op) {
    case "add":
      for (let i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
      return;
    case "sub":
      for (let i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
      return;
    case "mul":
      for (let i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
      return;
    case "div":
      for (let i = 0; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i];
      return;
    default: {
      const f = BINARY[op];
      for (let i = 0; i < n; i++) out[oo + i] = f(a[ao + i], b[bo + i]);
    }
  }
}

/** `out[oo + i] = op(a[ao + i], s)`. */
function scalarSecondInto(
  op: BinaryOp,
  a: TypedArray,
  ao: number,
  s: number,
  out: TypedArray,
  oo: number,
  n: number,
): void {
  switch (op) {
    case "add":
      for (let i = 0; i < n; i++) out[oo + i] = a[ao + i] + s;
      return;
    case "sub":
      for (let i = 0; i < n; i++) out[oo + i] = a[ao + i] - s;
      return;
    case "mul":
      for (let i = 0; i < n; i++) out[oo + i] = a[ao + i] * s;
      return;
    case "div":
      for (let i = 0; i < n; i++) out[oo + i] = a[ao + i] / s;
      return;
    default: {
      const f = BINARY[op];
      for (let i = 0; i < n; i++) out[oo + i] = f(a[ao + i], s);
    }
  }
}

/** `out[oo + i] = op(s, b[bo + i])`. */
function scalarFirstInto(
  op: BinaryOp,
  s: number,
  b: TypedArray,
  bo: number,
  out: TypedArray,
  oo: number,
  n: number,
): void {
  switch (op) {
    case "sub":
      for (let i = 0; i < n; i++) out[oo + i] = s - b[bo + i];
      return;
    case "div":
      for (let i = 0; i < n; i++) out[oo + i] = s / b[bo + i];
      return;
    default: {
      const f = BINARY[op];
      for (let i = 0; i < n; i++) out[oo + i] = f(s, b[bo + i]);
    }
  }
}
