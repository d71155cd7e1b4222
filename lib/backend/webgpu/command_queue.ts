/**
 * Records GPU work lazily. Ops append dispatches to one open compute pass;
 * the batch is submitted when it holds {@linkcode MAX_DISPATCHES_PER_SUBMIT}
 * dispatches, when its uniform space runs out, or when a read needs it. The
 * uniforms of a whole batch live in one buffer written once, just before
 * submission. Buffers released while an unsubmitted command may still use
 * them return to their pool only after that submission.
 *
 * @module
 */
import type { BufferPool } from "./buffer_pool.ts";
import type { Binding, Kernel } from "./kernels/kernel.ts";

export type { Binding };

/** Dispatches recorded before a batch is submitted. */
export const MAX_DISPATCHES_PER_SUBMIT = 64;
/** Uniform bytes one batch can hold. */
export const UNIFORM_BATCH_BYTES = 64 * 1024;

interface CachedPipeline {
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

/**
 * The recorder of one device's work.
 *
 * @example
 * ```ts ignore
 * // Used by WebGpuBackend; see webgpu_backend.ts.
 * ```
 */
export class CommandQueue {
  #device: GPUDevice;
  #storagePool: BufferPool;
  #uniformPool: BufferPool;
  #pipelines = new Map<string, CachedPipeline>();
  #alignment: number;
  #encoder: GPUCommandEncoder | null = null;
  #pass: GPUComputePassEncoder | null = null;
  #dispatches = 0;
  #uniformWords = new Uint32Array(UNIFORM_BATCH_BYTES / 4);
  #uniformBytes = 0;
  #uniformBuffer: GPUBuffer | null = null;
  #deferred: GPUBuffer[] = [];
  #submits = 0;

  /**
   * An empty queue.
   *
   * @param device The device.
   * @param storagePool Where released storage buffers go.
   * @param uniformPool Where each batch's uniform buffer comes from.
   */
  constructor(device: GPUDevice, storagePool: BufferPool, uniformPool: BufferPool) {
    this.#device = device;
    this.#storagePool = storagePool;
    this.#uniformPool = uniformPool;
    this.#alignment = device.limits.minUniformBufferOffsetAlignment;
  }

  /** How many batches were submitted so far (for tests and benchmarks). */
  get submits(): number {
    return this.#submits;
  }

  /** The pipeline of a kernel variant, compiled on first use. */
  #pipeline<V>(kernel: Kernel<V>, variant: V): CachedPipeline {
    const key = `${kernel.name}:${JSON.stringify(variant)}`;
    let cached = this.#pipelines.get(key);
    if (!cached) {
      const module = this.#device.createShaderModule({ label: key, code: kernel.wgsl(variant) });
      const pipeline = this.#device.createComputePipeline({
        label: key,
        layout: "auto",
        compute: { module, entryPoint: "main" },
      });
      cached = { pipeline, layout: pipeline.getBindGroupLayout(0) };
      this.#pipelines.set(key, cached);
    }
    return cached;
  }

  #open(): GPUCommandEncoder {
    this.#encoder ??= this.#device.createCommandEncoder();
    return this.#encoder;
  }

  /**
   * Records one dispatch.
   *
   * @param kernel The kernel.
   * @param variant Which compiled form.
   * @param uniforms The `params` struct, packed.
   * @param bindings Storage buffers by binding number (1, 2, …).
   * @param grid Workgroups along x, y, z.
   */
  dispatch<V>(
    kernel: Kernel<V>,
    variant: V,
    uniforms: Uint32Array,
    bindings: ReadonlyMap<number, Binding>,
    grid: readonly [number, number, number],
  ): void {
    const { pipeline, layout } = this.#pipeline(kernel, variant);
    const bytes = uniforms.byteLength;
    let offset = Math.ceil(this.#uniformBytes / this.#alignment) * this.#alignment;
    if (offset + bytes > UNIFORM_BATCH_BYTES) {
      this.submit();
      offset = 0;
    }
    this.#uniformBuffer ??= this.#uniformPool.acquire(UNIFORM_BATCH_BYTES);
    this.#uniformWords.set(uniforms, offset / 4);
    this.#uniformBytes = offset + bytes;
    const entries: GPUBindGroupEntry[] = [
      { binding: 0, resource: { buffer: this.#uniformBuffer, offset, size: bytes } },
    ];
    for (const [binding, { buffer, size }] of bindings) {
      entries.push({ binding, resource: { buffer, offset: 0, size } });
    }
    const bindGroup = this.#device.createBindGroup({ layout, entries });
    this.#pass ??= this.#open().beginComputePass();
    this.#pass.setPipeline(pipeline);
    this.#pass.setBindGroup(0, bindGroup);
    this.#pass.dispatchWorkgroups(grid[0], grid[1], grid[2]);
    if (++this.#dispatches >= MAX_DISPATCHES_PER_SUBMIT) this.submit();
  }

  /**
   * Records a buffer-to-buffer copy, in order with the dispatches.
   *
   * @param source Where from.
   * @param sourceOffset Byte offset in `source` (a multiple of 4).
   * @param target Where to.
   * @param targetOffset Byte offset in `target` (a multiple of 4).
   * @param bytes How many bytes (a multiple of 4).
   */
  copy(
    source: GPUBuffer,
    sourceOffset: number,
    target: GPUBuffer,
    targetOffset: number,
    bytes: number,
  ): void {
    this.#pass?.end();
    this.#pass = null;
    this.#open().copyBufferToBuffer(source, sourceOffset, target, targetOffset, bytes);
    if (++this.#dispatches >= MAX_DISPATCHES_PER_SUBMIT) this.submit();
  }

  /**
   * Records zeroing a range of a buffer, in order with the dispatches.
   *
   * @param buffer The buffer.
   * @param offset Byte offset (a multiple of 4).
   * @param bytes How many bytes (a multiple of 4).
   */
  clear(buffer: GPUBuffer, offset: number, bytes: number): void {
    this.#pass?.end();
    this.#pass = null;
    this.#open().clearBuffer(buffer, offset, bytes);
    if (++this.#dispatches >= MAX_DISPATCHES_PER_SUBMIT) this.submit();
  }

  /**
   * Returns a storage buffer to the pool once no unsubmitted command uses it.
   *
   * @param buffer The buffer.
   */
  release(buffer: GPUBuffer): void {
    if (this.#encoder) this.#deferred.push(buffer);
    else this.#storagePool.release(buffer);
  }

  /** Submits the recorded batch, if any. */
  submit(): void {
    if (!this.#encoder) return;
    this.#pass?.end();
    this.#pass = null;
    const uniformBuffer = this.#uniformBuffer;
    if (uniformBuffer) {
      this.#device.queue.writeBuffer(
        uniformBuffer,
        0,
        this.#uniformWords,
        0,
        Math.ceil(this.#uniformBytes / 4),
      );
    }
    this.#device.queue.submit([this.#encoder.finish()]);
    this.#submits++;
    this.#encoder = null;
    this.#dispatches = 0;
    this.#uniformBytes = 0;
    this.#uniformBuffer = null;
    // Later writes and commands are ordered after this submission: reuse is safe.
    if (uniformBuffer) this.#uniformPool.release(uniformBuffer);
    for (const buffer of this.#deferred) this.#storagePool.release(buffer);
    this.#deferred = [];
  }
}
