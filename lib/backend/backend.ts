/**
 * The one interface every backend implements. The op layer (`lib/tensor/ops/`)
 * checks arguments, works out output shapes and dtypes and casts operands to
 * a common dtype; a backend only moves numbers. Each op is defined once per
 * backend; the CPU backend is the oracle the others are tested against.
 *
 * @module
 */
import type { DType, TypedArray } from "../core/dtype.ts";
import type { Shape } from "../core/shape.ts";

/** The backends a tensor can live on. */
export type BackendName = "cpu" | "webgpu";

/**
 * A block of memory owned by a backend. Tensors that are views of each other
 * (reshape, squeeze) share one storage and count references to it.
 */
export interface Storage {
  /** How many live tensors use this storage; it is freed when this reaches 0. */
  refs: number;
}

/** What a backend needs to know about a tensor argument. */
export interface TensorInfo {
  /** The length of each axis. */
  readonly shape: Shape;
  /** The element type. */
  readonly dtype: DType;
  /** The number of elements. */
  readonly size: number;
  /** Where the values live. */
  readonly storage: Storage;
}

/** An operand of an element-wise op: a tensor, or a scalar already in the op's dtype. */
export type Operand = TensorInfo | number;

/** Element-wise ops of one argument. `identity` copies (and casts, with another out dtype). */
export type UnaryOp =
  | "identity"
  | "neg"
  | "abs"
  | "sign"
  | "exp"
  | "log"
  | "sqrt"
  | "square"
  | "isnan";

/** Element-wise ops of two arguments; comparisons write a bool tensor. */
export type BinaryOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "pow"
  | "maximum"
  | "minimum"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge";

/** Reductions over one axis; `argmax`/`argmin` write int32 indices. */
export type ReduceOp = "sum" | "max" | "min" | "argmax" | "argmin";

/**
 * A compute backend. Every method that returns a `Storage` writes a new,
 * contiguous, row-major block with one reference.
 */
export interface Backend {
  /** `cpu` or `webgpu`. */
  readonly name: BackendName;
  /** One line for people: the adapter's name, or why the CPU was chosen. */
  readonly description: string;
  /**
   * Whether storages must be released when their tensor is garbage-collected
   * (GPU buffers). A backend whose memory the JavaScript collector frees by
   * itself (the CPU) says false and skips the finalizer's cost; its
   * `liveBuffers()` then counts storages not yet released by `dispose()` or `scope()`.
   */
  readonly releaseOnCollect: boolean;
  /** Copies values into a new storage. */
  upload(values: TypedArray, dtype: DType): Storage;
  /** Reads a tensor's values back; the only synchronisation point. */
  read(x: TensorInfo): Promise<TypedArray>;
  /** Reads a tensor's values back synchronously, where the data is on the CPU. */
  readSync(x: TensorInfo): TypedArray;
  /** Releases a storage whose reference count reached 0. */
  free(storage: Storage): void;
  /** How many storages are allocated and not yet freed. */
  liveBuffers(): number;
  /** A storage of `size` elements, all `value`. */
  fill(size: number, value: number, dtype: DType): Storage;
  /** `out[i] = op(x[i])`, written as `outDtype`. */
  unary(op: UnaryOp, x: TensorInfo, outDtype: DType): Storage;
  /** `out = op(a, b)` with NumPy broadcasting to `outShape`; operands share one dtype. */
  binary(op: BinaryOp, a: Operand, b: Operand, outShape: Shape, outDtype: DType): Storage;
  /** `out = cond ? a : b` with broadcasting; cond is bool. */
  where(cond: TensorInfo, a: Operand, b: Operand, outShape: Shape, outDtype: DType): Storage;
  /** Reduces the middle axis of `x` seen as `[outer, length, inner]`. */
  reduce(
    op: ReduceOp,
    x: TensorInfo,
    outer: number,
    length: number,
    inner: number,
    outDtype: DType,
  ): Storage;
  /** `[m, k] @ [k, n]` for 2-D operands of one float dtype. */
  matmul(a: TensorInfo, b: TensorInfo, m: number, k: number, n: number): Storage;
  /** Permutes axes: output axis i is input axis `perm[i]`. */
  transpose(x: TensorInfo, perm: readonly number[], outShape: Shape): Storage;
  /** The box `[begin, begin + outShape)` of `x`. */
  slice(x: TensorInfo, begin: readonly number[], outShape: Shape): Storage;
  /**
   * Takes entries along `axis` at int32 `indices`. The op layer range-checks indices it can
   * read synchronously (CPU); a backend that cannot must report a bad index itself (WebGPU:
   * at the next read).
   */
  gather(x: TensorInfo, indices: TensorInfo, axis: number, outShape: Shape): Storage;
  /** Joins tensors of one dtype along an existing axis. */
  concat(xs: readonly TensorInfo[], axis: number, outShape: Shape): Storage;
  /** One row per int32 index, 1 at the index and 0 elsewhere; bad indices as for `gather`. */
  oneHot(indices: TensorInfo, depth: number, outDtype: DType): Storage;
}
