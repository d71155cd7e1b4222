/**
 * The `Tensor`: a shape, a dtype, a backend and a storage. Ops are free
 * functions in `ops/`; the methods here read values, manage memory, and reading values and managing memory. The chainable forms of the ops
 * (`m.mul(beta1).add(g.mul(1 - beta1))`) are attached in `methods.ts`, so this
 * file imports no op and the ops import it one way.
 *
 * @module
 */
import type { Backend, BackendName, Storage, TensorInfo } from "../backend/backend.ts";
import { getBackend } from "../backend/registry.ts";
import type { DType, TypedArray } from "../core/dtype.ts";
import { BackendError, formatShape, ShapeError } from "../core/errors.ts";
import { release, track, untrack } from "./memory.ts";
import { active, deferDispose, noteCreated } from "./tape.ts";
import { type Shape, sizeOf } from "../core/shape.ts";

/** Nested arrays of numbers, as `array()` returns them. */
export type NestedArray = number | NestedArray[];

/** A tensor or a plain number, which ops treat as a 0-d tensor. */
export type TensorLike = Tensor | number;

/** Builds nested arrays from flat values. */
function nest(values: ArrayLike<number>, shape: Shape, offset = 0, axis = 0): NestedArray {
  if (axis === shape.length) return values[offset];
  const stride = sizeOf(shape.slice(axis + 1));
  const out: NestedArray[] = [];
  for (let i = 0; i < shape[axis]; i++) {
    out.push(nest(values, shape, offset + i * stride, axis + 1));
  }
  return out;
}

/**
 * An n-dimensional array of numbers on one backend.
 *
 * @example Create, compute, read
 * ```ts
 * import { tensor } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * const x = tensor([[1, 2], [3, 4]]);
 * deepStrictEqual(await x.mul(2).sum(1).array(), [6, 14]);
 * ```
 */
export class Tensor implements TensorInfo {
  /** The length of each axis. */
  readonly shape: readonly number[];
  /** The element type. */
  readonly dtype: DType;
  /** The backend whose memory holds the values. */
  readonly backend: Backend;
  /** The number of elements. */
  readonly size: number;
  #storage: Storage | null;

  /**
   * Wraps a storage; ops call this, learners use `tensor()`, `zeros()` and friends.
   *
   * @param storage The values, owned from now on by this tensor (one reference).
   * @param shape The shape.
   * @param dtype The dtype.
   * @param backend The backend that owns the storage.
   */
  constructor(storage: Storage, shape: Shape, dtype: DType, backend: Backend) {
    this.shape = shape.slice(); // a private copy: callers may reuse their array
    this.dtype = dtype;
    this.backend = backend;
    this.size = sizeOf(shape);
    this.#storage = storage;
    track(this, backend, storage);
    if (active.length !== 0) noteCreated(this);
  }

  /** The storage; throws once the tensor is disposed. */
  get storage(): Storage {
    if (this.#storage === null) {
      throw new BackendError(
        `Cannot use tensor: it was disposed (shape ${formatShape(this.shape)}, ${this.dtype})`,
      );
    }
    return this.#storage;
  }

  /** The number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** Whether `dispose()` has run. */
  get isDisposed(): boolean {
    return this.#storage === null;
  }

  /**
   * Releases the storage now; later use throws. Disposing twice is harmless.
   * While `grad()` records a tensor for its backward pass, the release waits
   * until that pass is over.
   */
  dispose(): void {
    if (this.#storage === null || deferDispose(this)) return;
    untrack(this);
    release(this.backend, this.#storage);
    this.#storage = null;
  }

  /** The values as a new flat typed array (the only synchronisation with a GPU). */
  async data(): Promise<TypedArray> {
    // async, so that reading a disposed tensor rejects rather than throws
    return await this.backend.read(this);
  }

  /** The values as nested arrays of numbers. */
  async array(): Promise<NestedArray> {
    return nest(await this.data(), this.shape);
  }

  /** The single value of a one-element tensor. */
  async item(): Promise<number> {
    this.#requireOneElement();
    return (await this.data())[0];
  }

  /** The values synchronously; on WebGPU this throws and names `await data()`. */
  dataSync(): TypedArray {
    return this.backend.readSync(this);
  }

  /** Nested arrays synchronously; on WebGPU this throws and names `await array()`. */
  arraySync(): NestedArray {
    return nest(this.dataSync(), this.shape);
  }

  /** The single value synchronously (CPU only). */
  itemSync(): number {
    this.#requireOneElement();
    return this.dataSync()[0];
  }

  #requireOneElement(): void {
    if (this.size !== 1) {
      throw new ShapeError(
        `Cannot read item: tensor has shape ${
          formatShape(this.shape)
        } (${this.size} elements, not 1)`,
      );
    }
  }

  /** A copy of this tensor on another backend (the same tensor if already there). */
  async to(name: BackendName): Promise<Tensor> {
    const target = getBackend(name);
    if (target === this.backend) return this;
    const values = await this.data();
    return new Tensor(target.upload(values, this.dtype), this.shape, this.dtype, target);
  }

  /** A short description: `Tensor(float32 [2,3] on cpu)`. */
  toString(): string {
    return `Tensor(${this.dtype} ${formatShape(this.shape)} on ${this.backend.name})`;
  }
}
