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
 *   "(detected on the GPU at the next read)";
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
import { BackendError, ShapeError } from "../../core/errors.ts";
import { type Shape, sizeOf, stridesOf } from "../../core/shape.ts";
import { BufferPool } from "./buffer_pool.ts";
import { type Binding, CommandQueue } from "./command_queue.ts";
import { KERNELS } from "./kernels/mod.ts";
import {
  bitsOf,
  coalesce,
  gridFor,
  type Kernel,
  type Lanes,
  Uniforms,
  vec4Count,
  wgslType,
  WORKGROUP_SIZE,
} from "./kernels/kernel.ts";
import type { OperandMode } from "./kernels/binary.ts";
import { ITEMS_PER_THREAD, MAX_WORKGROUP_SIZE } from "./kernels/reduce.ts";
import { SHORT_AXIS } from "./kernels/reduce_short.ts";
import { TILE_M, TILE_N } from "./kernels/matmul.ts";
import { rowsPerThread, SMALL_WORKGROUP_SIZE, useSmallMatmul } from "./kernels/matmul_small.ts";
import {
  CHECK_BYTES,
  firstBadIndex,
  SLOT_WORDS,
  SLOTS,
  SUMMARY_WORDS,
} from "./kernels/index_check.ts";
import { ELEMENT_BYTES, fromGpuBytes, GpuStorage, requireGpuDtype, toGpuWords } from "./storage.ts";

/** The GPU buffer behind a tensor. */
function storageOf(x: TensorInfo): GpuStorage {
  return x.storage as GpuStorage;
}

/** A storage bound whole: its buffer and the bytes its elements use. */
function bind(storage: GpuStorage): Binding {
  return { buffer: storage.buffer, size: storage.byteSize };
}

/** A tensor's storage bound whole. */
function bindTensor(x: TensorInfo): Binding {
  return bind(storageOf(x));
}

/** How an element-wise kernel reads an operand, for an output of `size` elements. */
function modeOf(x: Operand, size: number): OperandMode {
  if (typeof x === "number") return "scalar";
  if (x.size === size) return "same";
  return x.size === 1 ? "first" : "strided";
}

/** Strides of `shape` along the axes of `outShape`, 0 where broadcast. */
function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const strides = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, axis) => {
    const own = axis - offset;
    return own < 0 || shape[own] === 1 ? 0 : strides[own];
  });
}

/** Elements per thread of an element-wise kernel over `size` contiguous elements. */
function lanesFor(size: number): Lanes {
  return size % 4 === 0 ? 4 : 1;
}

/** What an index-checked op was asked, to word its error when an index was out of range. */
type IndexCheck =
  | { op: "gather"; axis: number; length: number }
  | { op: "oneHot"; depth: number };

/** The ShapeError of a bad index found on the GPU, in the op layer's wording. */
function indexError(
  check: IndexCheck,
  value: number | undefined,
  position: number,
): ShapeError {
  const where = check.op === "gather"
    ? `for axis ${check.axis} of length ${check.length}`
    : `for depth ${check.depth}`;
  const action = check.op === "gather" ? "gather" : "one-hot encode";
  // Past 2^24 - 1 positions the kernel keeps the position but not the value.
  const index = value === undefined ? "an index" : `index ${value}`;
  return new ShapeError(
    `Cannot ${action}: ${index} (at position ${position}) is out of range ${where} (detected on the GPU at the next read)`,
  );
}

/** The dtype the operands of a binary op are stored in. */
function operandDtype(a: Operand, b: Operand, outDtype: DType): DType {
  if (typeof a !== "number") return a.dtype;
  if (typeof b !== "number") return b.dtype;
  if (outDtype !== "bool") return outDtype;
  return Number.isInteger(a) && Number.isInteger(b) ? "int32" : "float32";
}

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
  /** Where gather/oneHot kernels record a bad index; see `kernels/index_check.ts`. */
  #checkBuffer: GPUBuffer;
  /** Every checked op since the last read, in order: serial = position + 1. */
  #checks: IndexCheck[] = [];
  /** Slots written since the last fold (the last `#slotsUsed` entries of `#checks`). */
  #slotsUsed = 0;
  /** One description per distinct check, so that `#checks` holds shared objects. */
  #checkKinds = new Map<string, IndexCheck>();

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
    this.#checkBuffer = device.createBuffer({
      size: CHECK_BYTES,
      usage: STORAGE | COPY_SRC | COPY_DST,
    });
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

  /** A scratch buffer for partial results; not counted as live. */
  #scratch(size: number): Binding {
    const bytes = Math.max(size, 1) * ELEMENT_BYTES;
    return { buffer: this.#storagePool.acquire(bytes), size: bytes };
  }

  #run<V>(
    kernel: Kernel<V>,
    variant: V,
    uniforms: Uniforms,
    bindings: [number, Binding][],
    groups: number | [number, number, number],
  ): void {
    const grid = typeof groups === "number" ? gridFor(groups, this.#maxGroups) : groups;
    this.#queue.dispatch(kernel, variant, uniforms.finish(), new Map(bindings), grid);
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
    const checks = this.#checks;
    const used = this.#slotsUsed;
    const checkOffset = Math.ceil(bytes / 8) * 8; // getMappedRange wants multiples of 8
    const checkBytes = (SUMMARY_WORDS + used * SLOT_WORDS) * 4;
    const mapped = checks.length > 0 ? checkOffset + checkBytes : bytes;
    if (checks.length > 0) {
      this.#checks = [];
      this.#slotsUsed = 0;
      this.#checkKinds.clear();
    }
    const staging = this.#stagingPool.acquire(mapped);
    this.#queue.copy(storage.buffer, 0, staging, 0, bytes);
    if (checks.length > 0) {
      this.#queue.copy(this.#checkBuffer, 0, staging, checkOffset, checkBytes);
      this.#queue.clear(this.#checkBuffer, 0, checkBytes);
    }
    this.#queue.submit();
    try {
      await staging.mapAsync(GPUMapMode.READ, 0, mapped);
    } catch (error) {
      const reason = this.#lost ?? (error instanceof Error ? error.message : String(error));
      throw new BackendError(`Cannot ${action} from the webgpu backend: ${reason}`);
    }
    const raw = staging.getMappedRange(0, bytes).slice(0);
    const record = checks.length > 0
      ? new Uint32Array(staging.getMappedRange(checkOffset, checkBytes).slice(0))
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
    const bad = record ? firstBadIndex(record, used, checks.length - used + 1) : undefined;
    if (bad) throw indexError(checks[bad.serial - 1], bad.value, bad.position);
    return fromGpuBytes(raw, x.dtype);
  }

  /**
   * Registers a checked op and returns the first word of its slot, folding the
   * slots into the summary first when they are all taken.
   */
  #checkSlot(check: IndexCheck): number {
    const key = JSON.stringify(check);
    let kind = this.#checkKinds.get(key);
    if (!kind) this.#checkKinds.set(key, kind = check);
    if (this.#slotsUsed === SLOTS) {
      const firstSerial = this.#checks.length - SLOTS + 1;
      this.#run(
        KERNELS.indexCheckFold,
        {},
        new Uniforms().u32(firstSerial).u32(SLOTS),
        [[1, this.#checkBinding()]],
        1,
      );
      this.#queue.clear(this.#checkBuffer, SUMMARY_WORDS * 4, SLOTS * SLOT_WORDS * 4);
      this.#slotsUsed = 0;
    }
    this.#checks.push(kind);
    return SUMMARY_WORDS + SLOT_WORDS * this.#slotsUsed++;
  }

  /** The check buffer, bound whole. */
  #checkBinding(): Binding {
    return { buffer: this.#checkBuffer, size: CHECK_BYTES };
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
    this.#fill(out, value);
    return out;
  }

  /** Writes `value` into every element of `out`. */
  #fill(out: GpuStorage, value: number): void {
    if (out.size === 0) return;
    const lanes = lanesFor(out.size);
    const groups = out.size / lanes;
    const uniforms = new Uniforms().u32(groups).u32(bitsOf(value, out.dtype));
    const variant = { type: wgslType(out.dtype), lanes };
    this.#run(
      KERNELS.fill,
      variant,
      uniforms,
      [[1, bind(out)]],
      Math.ceil(groups / WORKGROUP_SIZE),
    );
  }

  unary(op: UnaryOp, x: TensorInfo, outDtype: DType): Storage {
    const out = this.#allocate(x.size, outDtype, `apply ${op}`);
    if (x.size === 0) return out;
    const input = storageOf(x);
    if (op === "identity" && x.dtype === outDtype) {
      this.#queue.copy(input.buffer, 0, out.buffer, 0, x.size * ELEMENT_BYTES);
      return out;
    }
    const lanes = lanesFor(x.size);
    const groups = x.size / lanes;
    const variant = { op, type: wgslType(x.dtype), outType: wgslType(outDtype), lanes };
    const uniforms = new Uniforms().u32(groups);
    this.#run(
      KERNELS.unary,
      variant,
      uniforms,
      [[1, bind(input)], [2, bind(out)]],
      Math.ceil(groups / WORKGROUP_SIZE),
    );
    return out;
  }

  binary(op: BinaryOp, a: Operand, b: Operand, outShape: Shape, outDtype: DType): Storage {
    const size = sizeOf(outShape);
    const out = this.#allocate(size, outDtype, `apply ${op}`);
    if (size === 0) return out;
    const type = wgslType(operandDtype(a, b, outDtype));
    const modes = [modeOf(a, size), modeOf(b, size)];
    const layout = this.#broadcastLayout([a, b], modes, outShape);
    const outType = wgslType(outDtype);
    const lanes = layout.rank === 0 ? lanesFor(size) : 1;
    const groups = size / lanes;
    const variant = { op, type, outType, a: modes[0], b: modes[1], rank: layout.rank, lanes };
    const uniforms = new Uniforms()
      .u32(groups)
      .u32(typeof a === "number" ? bitsOf(a, operandDtype(a, b, outDtype)) : 0)
      .u32(typeof b === "number" ? bitsOf(b, operandDtype(a, b, outDtype)) : 0)
      .array(layout.shape, vec4Count(layout.rank));
    for (const strides of layout.strides) uniforms.array(strides, vec4Count(layout.rank));
    const bindings = this.#operandBindings([[1, a], [2, b]]);
    bindings.push([3, bind(out)]);
    this.#run(KERNELS.binary, variant, uniforms, bindings, Math.ceil(groups / WORKGROUP_SIZE));
    return out;
  }

  where(cond: TensorInfo, a: Operand, b: Operand, outShape: Shape, outDtype: DType): Storage {
    const size = sizeOf(outShape);
    const out = this.#allocate(size, outDtype, "select with where");
    if (size === 0) return out;
    const modes = [modeOf(cond, size), modeOf(a, size), modeOf(b, size)];
    const layout = this.#broadcastLayout([cond, a, b], modes, outShape);
    const variant = {
      type: wgslType(outDtype),
      cond: modes[0] as Exclude<OperandMode, "scalar">,
      a: modes[1],
      b: modes[2],
      rank: layout.rank,
    };
    const uniforms = new Uniforms()
      .u32(size)
      .u32(typeof a === "number" ? bitsOf(a, outDtype) : 0)
      .u32(typeof b === "number" ? bitsOf(b, outDtype) : 0)
      .array(layout.shape, vec4Count(layout.rank));
    for (const strides of layout.strides) uniforms.array(strides, vec4Count(layout.rank));
    const bindings = this.#operandBindings([[1, cond], [2, a], [3, b]]);
    bindings.push([4, bind(out)]);
    this.#run(KERNELS.where, variant, uniforms, bindings, Math.ceil(size / WORKGROUP_SIZE));
    return out;
  }

  /** The coalesced output shape and each operand's strides (zeros unless strided). */
  #broadcastLayout(
    operands: Operand[],
    modes: OperandMode[],
    outShape: Shape,
  ): { rank: number; shape: number[]; strides: number[][] } {
    const strided = operands.map((x, i) =>
      modes[i] === "strided" ? broadcastStrides((x as TensorInfo).shape, outShape) : null
    );
    if (strided.every((s) => s === null)) {
      return { rank: 0, shape: [], strides: operands.map(() => []) };
    }
    const merged = coalesce(outShape, strided.filter((s) => s !== null));
    let next = 0;
    const strides = strided.map((s) => (s === null ? [] : merged.strides[next++]));
    return { rank: merged.shape.length, shape: merged.shape, strides };
  }

  /** Storage bindings of the tensor operands (scalars have none). */
  #operandBindings(operands: [number, Operand][]): [number, Binding][] {
    return operands
      .filter(([, x]) => typeof x !== "number")
      .map(([slot, x]) => [slot, bindTensor(x as TensorInfo)]);
  }

  reduce(
    op: ReduceOp,
    x: TensorInfo,
    outer: number,
    length: number,
    inner: number,
    outDtype: DType,
  ): Storage {
    const size = outer * inner;
    const out = this.#allocate(size, outDtype, `reduce with ${op}`);
    if (size === 0) return out;
    if (length === 0) { // only sum gets here: the op layer refuses empty max/min/argmax
      this.#fill(out, 0);
      return out;
    }
    const isArg = op === "argmax" || op === "argmin";
    const valueType = wgslType(isArg ? x.dtype : outDtype);
    const scratch: Binding[] = [];
    const result = bind(out);
    let values: Binding = bindTensor(x);
    let indices: Binding | null = null;
    let type = wgslType(x.dtype);
    let remaining = length;
    for (;;) {
      const threads = Math.ceil(remaining / ITEMS_PER_THREAD);
      const workgroupSize = Math.min(
        MAX_WORKGROUP_SIZE,
        Math.max(32, 2 ** Math.ceil(Math.log2(threads))),
      );
      const chunks = remaining <= SHORT_AXIS
        ? 1
        : Math.ceil(remaining / (workgroupSize * ITEMS_PER_THREAD));
      const last = chunks === 1;
      const count = outer * chunks * inner;
      let valuesOut: Binding;
      let indicesOut: Binding | null = null;
      if (last) {
        valuesOut = isArg ? this.#scratch(count) : result;
        if (isArg) indicesOut = result;
      } else {
        valuesOut = this.#scratch(count);
        if (isArg) indicesOut = this.#scratch(count);
      }
      if (valuesOut !== result) scratch.push(valuesOut);
      if (indicesOut && indicesOut !== result) scratch.push(indicesOut);
      const variant = { op, type, valueType, workgroupSize, indexed: indices !== null };
      const bindings: [number, Binding][] = [[1, values], [3, valuesOut]];
      if (indices) bindings.push([2, indices]);
      if (indicesOut) bindings.push([4, indicesOut]);
      if (remaining <= SHORT_AXIS) {
        const uniforms = new Uniforms().u32(outer).u32(remaining).u32(inner);
        this.#run(
          KERNELS.reduceShort,
          { ...variant, workgroupSize: WORKGROUP_SIZE },
          uniforms,
          bindings,
          Math.ceil(count / WORKGROUP_SIZE),
        );
      } else {
        const uniforms = new Uniforms().u32(outer).u32(remaining).u32(inner).u32(chunks);
        this.#run(KERNELS.reduce, variant, uniforms, bindings, count);
      }
      if (last) break;
      values = valuesOut;
      indices = indicesOut;
      type = valueType;
      remaining = chunks;
    }
    for (const { buffer } of scratch) this.#queue.release(buffer);
    return out;
  }

  matmul(a: TensorInfo, b: TensorInfo, m: number, k: number, n: number): Storage {
    const out = this.#allocate(m * n, a.dtype, "multiply matrices");
    if (m * n === 0) return out;
    if (k === 0) {
      this.#fill(out, 0);
      return out;
    }
    const bindings: [number, Binding][] = [[1, bindTensor(a)], [2, bindTensor(b)], [3, bind(out)]];
    const choice = this.matmulKernel;
    if (choice === "small" || (choice === "auto" && useSmallMatmul(m, k, n))) {
      const lanes = n % 4 === 0 ? 4 : 1;
      const rows = rowsPerThread(m);
      const blocks = Math.ceil(m / rows) * (n / lanes);
      const uniforms = new Uniforms().u32(m).u32(k).u32(n / lanes).u32(blocks);
      const groups = Math.ceil(blocks / SMALL_WORKGROUP_SIZE);
      this.#run(KERNELS.matmulSmall, { lanes, rows }, uniforms, bindings, groups);
      return out;
    }
    const uniforms = new Uniforms().u32(m).u32(k).u32(n);
    const grid: [number, number, number] = [Math.ceil(n / TILE_N), Math.ceil(m / TILE_M), 1];
    this.#run(KERNELS.matmul, {}, uniforms, bindings, grid);
    return out;
  }

  transpose(x: TensorInfo, perm: readonly number[], outShape: Shape): Storage {
    const strides = stridesOf(x.shape);
    return this.#stridedCopy(x, outShape, perm.map((p) => strides[p]), 0, "transpose");
  }

  slice(x: TensorInfo, begin: readonly number[], outShape: Shape): Storage {
    const strides = stridesOf(x.shape);
    const offset = begin.reduce((sum, start, axis) => sum + start * strides[axis], 0);
    return this.#stridedCopy(x, outShape, strides, offset, "slice");
  }

  /** `out[i] = x[offset + Σ coordinate(i)·strides]`, or a plain copy when contiguous. */
  #stridedCopy(
    x: TensorInfo,
    outShape: Shape,
    strides: number[],
    offset: number,
    action: string,
  ): Storage {
    const size = sizeOf(outShape);
    const out = this.#allocate(size, x.dtype, action);
    if (size === 0) return out;
    const merged = coalesce(outShape, [strides]);
    const input = storageOf(x);
    if (merged.shape.length === 0 || (merged.shape.length === 1 && merged.strides[0][0] === 1)) {
      this.#queue.copy(input.buffer, offset * ELEMENT_BYTES, out.buffer, 0, size * ELEMENT_BYTES);
      return out;
    }
    const rank = merged.shape.length;
    const uniforms = new Uniforms()
      .u32(size)
      .u32(offset)
      .array(merged.shape, vec4Count(rank))
      .array(merged.strides[0], vec4Count(rank));
    const variant = { type: wgslType(x.dtype), rank };
    this.#run(
      KERNELS.stridedCopy,
      variant,
      uniforms,
      [[1, bind(input)], [2, bind(out)]],
      Math.ceil(size / WORKGROUP_SIZE),
    );
    return out;
  }

  gather(x: TensorInfo, indices: TensorInfo, axis: number, outShape: Shape): Storage {
    const size = sizeOf(outShape);
    const out = this.#allocate(size, x.dtype, "gather");
    if (size === 0) return out;
    const length = x.shape[axis]; // 0 is possible: then every index is out of range
    const inner = sizeOf(x.shape.slice(axis + 1));
    const slot = this.#checkSlot({ op: "gather", axis, length });
    const uniforms = new Uniforms().u32(size).u32(length).u32(indices.size).u32(inner).u32(slot);
    const bindings: [number, Binding][] = [[1, bindTensor(x)], [2, bindTensor(indices)]];
    bindings.push([3, bind(out)], [4, this.#checkBinding()]);
    this.#run(
      KERNELS.gather,
      { type: wgslType(x.dtype) },
      uniforms,
      bindings,
      Math.ceil(size / WORKGROUP_SIZE),
    );
    return out;
  }

  concat(xs: readonly TensorInfo[], axis: number, outShape: Shape): Storage {
    const size = sizeOf(outShape);
    const out = this.#allocate(size, xs[0].dtype, "concat tensors");
    if (size === 0) return out;
    const outer = sizeOf(outShape.slice(0, axis));
    const outChunk = sizeOf(outShape.slice(axis));
    let offset = 0;
    for (const x of xs) {
      const chunk = sizeOf(x.shape.slice(axis));
      if (x.size > 0 && outer === 1) {
        this.#queue.copy(
          storageOf(x).buffer,
          0,
          out.buffer,
          offset * ELEMENT_BYTES,
          x.size * ELEMENT_BYTES,
        );
      } else if (x.size > 0) {
        const uniforms = new Uniforms().u32(x.size).u32(chunk).u32(outChunk).u32(offset);
        const variant = { type: wgslType(x.dtype) };
        this.#run(
          KERNELS.concat,
          variant,
          uniforms,
          [[1, bindTensor(x)], [2, bind(out)]],
          Math.ceil(x.size / WORKGROUP_SIZE),
        );
      }
      offset += chunk;
    }
    return out;
  }

  oneHot(indices: TensorInfo, depth: number, outDtype: DType): Storage {
    const size = indices.size * depth;
    const out = this.#allocate(size, outDtype, "one-hot encode");
    if (size === 0) return out;
    const slot = this.#checkSlot({ op: "oneHot", depth });
    const uniforms = new Uniforms().u32(size).u32(depth).u32(slot);
    const variant = { outType: wgslType(outDtype) };
    this.#run(
      KERNELS.oneHot,
      variant,
      uniforms,
      [[1, bindTensor(indices)], [2, bind(out)], [3, this.#checkBinding()]],
      Math.ceil(size / WORKGROUP_SIZE),
    );
    return out;
  }
}
