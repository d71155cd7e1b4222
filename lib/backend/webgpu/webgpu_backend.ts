/**
 * The WebGPU backend: tensors in GPU buffers, ops as WGSL compute kernels
 * (one file each in `kernels/`). Every op only records work, so calling it
 * is synchronous and cheap; `read` is the one synchronisation. Buffers come
 * from a size-bucketed pool and return to it when a tensor is freed.
 *
 * Same results as the CPU backend (the conformance suite checks each op
 * against it), except:
 * - float64 is refused with a DtypeError, and `readSync` with a BackendError;
 * - int32 indices given as a tensor to gather/oneHot are range-checked on the
 *   GPU, not when the op is called (ops never wait for the GPU): the kernel
 *   records the first bad index in a small check buffer, and the next `read`
 *   on the device rejects with the ShapeError the CPU would have thrown, plus
 *   "(detected on the GPU at the next read)" (see `kernels/index_check.ts`);
 * - sums are added in a different order (a tree), so they differ from the
 *   CPU's float64-accumulated sums in the last bits, and float32 `exp`, `log`,
 *   `pow` and division carry WGSL's accuracy (a few ulp), not JavaScript's.
 *
 * NaN and Infinity. WGSL lets implementations assume that NaN and Infinity
 * never occur. The kernels therefore test NaN from the bits and spell out the
 * IEEE/JavaScript result where a built-in is undefined: comparisons with NaN
 * (false, `ne` true), `maximum`/`minimum`/`max`/`argmax` (NaN wins, the first
 * one for arg-ops), `sign(NaN)`, `log` of 0 and negatives, `sqrt` of
 * negatives, every special case of `pow`, and float→int32 casts (NaN and
 * ±Infinity give 0, others wrap modulo 2³² as in an Int32Array). What is left
 * to the hardware: Infinity from overflow (`exp(100)`, `1e30 * 1e30`) and from
 * division by zero, NaN from `0 / 0` or `Infinity - Infinity`, and subnormal
 * numbers, which some GPUs flush to zero. All of these follow IEEE 754 on
 * Mesa's llvmpipe, where the suite runs in CI.
 *
 * Each kernel file in `kernels/` owns its WGSL, its uniform layout, its
 * bindings and a `plan…()` that says how to dispatch it; the methods here
 * allocate the output, ask the plan, and record its steps.
 *
 * @module
 */
import type {
  Backend,
  BinaryOp,
  Operand,
  ReduceOp,
  Storage,
  TensorInfo,
  UnaryOp,
} from "../backend.ts";
import { allocate, type DType, type TypedArray } from "../../core/dtype.ts";
import { BackendError } from "../../core/errors.ts";
import { type Shape, sizeOf, stridesOf } from "../../core/shape.ts";
import { BufferPool } from "./buffer_pool.ts";
import { CommandQueue } from "./command_queue.ts";
import { bindingSlots, gridFor, packParams, type Step } from "./kernels/kernel.ts";
import { planBinary } from "./kernels/binary.ts";
import { planConcat } from "./kernels/concat.ts";
import { planFill } from "./kernels/fill.ts";
import { planGather } from "./kernels/gather.ts";
import { IndexChecks } from "./kernels/index_check.ts";
import { planMatmul } from "./kernels/matmul_small.ts";
import { planOneHot } from "./kernels/one_hot.ts";
import { planReduce } from "./kernels/reduce_plan.ts";
import { planStridedCopy } from "./kernels/strided_copy.ts";
import { planUnary } from "./kernels/unary.ts";
import { planWhere } from "./kernels/where.ts";
import {
  ELEMENT_BYTES,
  fromGpuBytes,
  GpuStorage,
  requireGpuDtype,
  storageOf,
  toGpuWords,
} from "./storage.ts";

/**
 * Tensors in GPU buffers, ops as WGSL kernels.
 *
 * @example Add on the GPU and read back
 * ```ts ignore
 * import { createWebGpuBackend } from "./create.ts";
 * import { deepStrictEqual } from "node:assert";
 * const gpu = await createWebGpuBackend();
 * const storage = gpu.upload(new Float32Array([1, 2]), "float32");
 * const x = { shape: [2], dtype: "float32" as const, size: 2, storage };
 * const y = { ...x, storage: gpu.binary("add", x, 10, [2], "float32") };
 * deepStrictEqual([...await gpu.read(y)], [11, 12]);
 * ```
 */
export class WebGpuBackend implements Backend {
  readonly name = "webgpu" as const;
  readonly releaseOnCollect = true;
  /**
   * Which matmul kernel to use: `auto` picks the small one for small products
   * (see `useSmallMatmul`) and the tiled one otherwise; benchmarks and tests
   * force one to compare them.
   */
  matmulKernel: "auto" | "small" | "tiled" = "auto";
  #device: GPUDevice;
  #queue: CommandQueue;
  #storagePool: BufferPool;
  #stagingPool: BufferPool;
  #live = 0;
  #lost: string | undefined;
  #gpuError: string | undefined;
  #maxBindingBytes: number;
  #maxGroups: number;
  /** Range checks of gather/oneHot indices, reported at the next read. */
  #checks: IndexChecks;

  /**
   * Wraps a device; {@linkcode createWebGpuBackend} in `create.ts` makes one.
   *
   * @param device A device from `adapter.requestDevice()`.
   * @param description The adapter, in words, for people.
   */
  constructor(device: GPUDevice, readonly description: string) {
    this.#device = device;
    const maxBuffer = device.limits.maxBufferSize;
    this.#maxBindingBytes = Math.min(device.limits.maxStorageBufferBindingSize, maxBuffer);
    this.#maxGroups = device.limits.maxComputeWorkgroupsPerDimension;
    // GPUBufferUsage is read here, not at import: the module must load without WebGPU.
    const { STORAGE, COPY_SRC, COPY_DST, MAP_READ, UNIFORM } = GPUBufferUsage;
    this.#storagePool = new BufferPool(device, STORAGE | COPY_SRC | COPY_DST, maxBuffer);
    this.#stagingPool = new BufferPool(device, MAP_READ | COPY_DST, maxBuffer, 64 << 20);
    const uniformPool = new BufferPool(device, UNIFORM | COPY_DST, maxBuffer);
    this.#queue = new CommandQueue(device, this.#storagePool, uniformPool);
    this.#checks = new IndexChecks(device);
    device.lost.then((info) => {
      // Deno says "device was lost" for every cause; the reason is the useful part.
      this.#lost = info.reason === "destroyed"
        ? "destroyed"
        : info.message || info.reason || "unknown reason";
    });
    device.addEventListener("uncapturederror", (event) => {
      this.#gpuError ??= (event as GPUUncapturedErrorEvent).error.message;
    });
  }

  /** The device, for tests that need to lose it on purpose. */
  get device(): GPUDevice {
    return this.#device;
  }

  /** Whether the device was lost (destroyed, driver reset): every op then fails. */
  get lost(): boolean {
    return this.#lost !== undefined;
  }

  /** Why the device was lost, or `undefined` while it works. */
  get lostReason(): string | undefined {
    return this.#lost;
  }

  /** Batches submitted so far. */
  get submits(): number {
    return this.#queue.submits;
  }

  /** Throws when the device is gone; every op calls this first. */
  #usable(action: string): void {
    if (this.#lost !== undefined) {
      throw new BackendError(
        `Cannot ${action} on the webgpu backend: the GPU device was lost (${this.#lost}); the cpu backend still works`,
      );
    }
  }

  /** A new storage of `size` elements, counted as live. */
  #allocate(size: number, dtype: DType, action: string): GpuStorage {
    requireGpuDtype(dtype);
    this.#usable(action);
    const bytes = Math.max(size, 1) * ELEMENT_BYTES;
    if (bytes > this.#maxBindingBytes) {
      throw new BackendError(
        `Cannot ${action} on the webgpu backend: ${size} ${dtype} values take ${bytes} bytes, more than the adapter's maxStorageBufferBindingSize of ${this.#maxBindingBytes} (split the tensor or use the cpu backend)`,
      );
    }
    this.#live++;
    return new GpuStorage(this.#storagePool.acquire(bytes), size, dtype);
  }

  /** Records planned steps, in order. */
  #run(steps: Step | readonly Step[]): void {
    for (const step of Array.isArray(steps) ? steps : [steps]) {
      if ("copy" in step) {
        const { from, fromOffset, to, toOffset, bytes } = step.copy;
        this.#queue.copy(from, fromOffset, to, toOffset, bytes);
      } else if ("clear" in step) {
        this.#queue.clear(step.clear.buffer, step.clear.offset, step.clear.bytes);
      } else {
        const grid = typeof step.groups === "number"
          ? gridFor(step.groups, this.#maxGroups)
          : step.groups;
        this.#queue.dispatch(step.kernel, step.variant, packParams(step), bindingSlots(step), grid);
      }
    }
  }

  upload(values: TypedArray, dtype: DType): Storage {
    const words = toGpuWords(values, dtype);
    const storage = this.#allocate(values.length, dtype, "upload values");
    if (words.length > 0) this.#device.queue.writeBuffer(storage.buffer, 0, words as BufferSource);
    return storage;
  }

  async read(x: TensorInfo): Promise<TypedArray> {
    const storage = storageOf(x);
    if (x.size === 0) return allocate(x.dtype, 0);
    const action = "read a tensor";
    this.#usable(action);
    const bytes = x.size * ELEMENT_BYTES;
    // Index checks recorded since the last read travel with this one: the
    // check buffer is copied behind the values, in the same submission, and cleared.
    const checks = this.#checks.take();
    const checkOffset = Math.ceil(bytes / 8) * 8; // getMappedRange wants multiples of 8
    const mapped = checks ? checkOffset + checks.bytes : bytes;
    const staging = this.#stagingPool.acquire(mapped);
    this.#queue.copy(storage.buffer, 0, staging, 0, bytes);
    if (checks) {
      this.#queue.copy(checks.buffer, 0, staging, checkOffset, checks.bytes);
      this.#queue.clear(checks.buffer, 0, checks.bytes);
    }
    this.#queue.submit();
    try {
      await staging.mapAsync(GPUMapMode.READ, 0, mapped);
    } catch (error) {
      const reason = this.#lost ?? (error instanceof Error ? error.message : String(error));
      throw new BackendError(`Cannot ${action} from the webgpu backend: ${reason}`);
    }
    const raw = staging.getMappedRange(0, bytes).slice(0);
    const record = checks
      ? new Uint32Array(staging.getMappedRange(checkOffset, checks.bytes).slice(0))
      : null;
    staging.unmap();
    this.#stagingPool.release(staging);
    if (this.#gpuError !== undefined) {
      const message = this.#gpuError;
      this.#gpuError = undefined;
      throw new BackendError(
        `Cannot ${action} from the webgpu backend: the GPU reported "${message}"`,
      );
    }
    const bad = checks && record ? checks.error(record) : undefined;
    if (bad) throw bad;
    return fromGpuBytes(raw, x.dtype);
  }

  readSync(_x: TensorInfo): TypedArray {
    throw new BackendError(
      "Cannot read synchronously: the tensor lives on the webgpu backend (use await t.data())",
    );
  }

  free(storage: Storage): void {
    this.#live--;
    this.#queue.release((storage as GpuStorage).buffer);
  }

  liveBuffers(): number {
    return this.#live;
  }

  fill(size: number, value: number, dtype: DType): Storage {
    const out = this.#allocate(size, dtype, "fill a tensor");
    if (size > 0) this.#run(planFill(out, value));
    return out;
  }

  unary(op: UnaryOp, x: TensorInfo, outDtype: DType): Storage {
    const out = this.#allocate(x.size, outDtype, `apply ${op}`);
    if (x.size > 0) this.#run(planUnary(op, x, out));
    return out;
  }

  binary(op: BinaryOp, a: Operand, b: Operand, outShape: Shape, outDtype: DType): Storage {
    const out = this.#allocate(sizeOf(outShape), outDtype, `apply ${op}`);
    if (out.size > 0) this.#run(planBinary(op, a, b, outShape, out));
    return out;
  }

  where(cond: TensorInfo, a: Operand, b: Operand, outShape: Shape, outDtype: DType): Storage {
    const out = this.#allocate(sizeOf(outShape), outDtype, "select with where");
    if (out.size > 0) this.#run(planWhere(cond, a, b, outShape, out));
    return out;
  }

  reduce(
    op: ReduceOp,
    x: TensorInfo,
    outer: number,
    length: number,
    inner: number,
    outDtype: DType,
  ): Storage {
    const out = this.#allocate(outer * inner, outDtype, `reduce with ${op}`);
    if (out.size === 0) return out;
    const scratch: GPUBuffer[] = [];
    this.#run(planReduce({ op, x, outer, length, inner, out }, (size) => {
      // Partial results: not counted as live, released once the passes are recorded.
      const bytes = Math.max(size, 1) * ELEMENT_BYTES;
      scratch.push(this.#storagePool.acquire(bytes));
      return { buffer: scratch[scratch.length - 1], size: bytes };
    }));
    for (const buffer of scratch) this.#queue.release(buffer);
    return out;
  }

  matmul(a: TensorInfo, b: TensorInfo, m: number, k: number, n: number): Storage {
    const out = this.#allocate(m * n, a.dtype, "multiply matrices");
    if (m * n === 0) return out;
    this.#run(k === 0 ? planFill(out, 0) : planMatmul(a, b, m, k, n, out, this.matmulKernel));
    return out;
  }

  transpose(x: TensorInfo, perm: readonly number[], outShape: Shape): Storage {
    const out = this.#allocate(sizeOf(outShape), x.dtype, "transpose");
    const strides = stridesOf(x.shape);
    if (out.size > 0) this.#run(planStridedCopy(x, perm.map((p) => strides[p]), 0, outShape, out));
    return out;
  }

  slice(x: TensorInfo, begin: readonly number[], outShape: Shape): Storage {
    const out = this.#allocate(sizeOf(outShape), x.dtype, "slice");
    const strides = stridesOf(x.shape);
    const offset = begin.reduce((sum, start, axis) => sum + start * strides[axis], 0);
    if (out.size > 0) this.#run(planStridedCopy(x, strides, offset, outShape, out));
    return out;
  }

  gather(x: TensorInfo, indices: TensorInfo, axis: number, outShape: Shape): Storage {
    const out = this.#allocate(sizeOf(outShape), x.dtype, "gather");
    if (out.size === 0) return out;
    const check = this.#checks.register({ op: "gather", axis, length: x.shape[axis] });
    this.#run([...check.before, planGather(x, indices, axis, out, check)]);
    return out;
  }

  concat(xs: readonly TensorInfo[], axis: number, outShape: Shape): Storage {
    const out = this.#allocate(sizeOf(outShape), xs[0].dtype, "concat tensors");
    if (out.size > 0) this.#run(planConcat(xs, axis, outShape, out));
    return out;
  }

  oneHot(indices: TensorInfo, depth: number, outDtype: DType): Storage {
    const out = this.#allocate(indices.size * depth, outDtype, "one-hot encode");
    if (out.size === 0) return out;
    const check = this.#checks.register({ op: "oneHot", depth });
    this.#run([...check.before, planOneHot(indices, depth, out, check)]);
    return out;
  }
}
