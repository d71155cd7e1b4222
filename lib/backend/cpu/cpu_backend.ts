/**
 * The CPU backend: typed arrays and plain TypeScript loops. It is the oracle
 * every other backend is tested against.
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
import type { DType, TypedArray } from "../../core/dtype.ts";
import { type Shape, sizeOf } from "../../core/shape.ts";
import { binaryKernel, unaryKernel, whereKernel } from "./elementwise.ts";
import { reduceKernel } from "./reduce.ts";
import { matmulKernel } from "./matmul.ts";
import {
  concatKernel,
  gatherKernel,
  oneHotKernel,
  sliceKernel,
  transposeKernel,
} from "./layout.ts";
import { CpuStorage, dataOf, outputArray, recycle } from "./storage.ts";
import { matmulWasm } from "./wasm_kernels.ts";
import {
  DEFAULT_FUSION,
  finalize,
  type FusionOptions,
  pendingBinary,
  pendingUnary,
} from "./fusion.ts";

/** How a CPU backend computes: the fused, compiled paths or the plain TypeScript oracle. */
export interface CpuOptions {
  /**
   * Fused element-wise chains (see `fusion.ts`): the policy, or false for one
   * eager pass per op. Default: {@linkcode DEFAULT_FUSION}.
   */
  readonly fusion?: Partial<FusionOptions> | false;
  /**
   * The WebAssembly SIMD kernels (float32 matmul), where WebAssembly runs; false
   * for the TypeScript kernels only. Default: true.
   */
  readonly wasm?: boolean;
}

/**
 * The CPU backend.
 *
 * @example Add two vectors on the CPU
 * ```ts
 * import { CpuBackend } from "./cpu_backend.ts";
 * import { deepStrictEqual } from "node:assert";
 * const cpu = new CpuBackend();
 * const storage = cpu.upload(new Float32Array([1, 2]), "float32");
 * const x = { shape: [2], dtype: "float32" as const, size: 2, storage };
 * const y = { ...x, storage: cpu.binary("add", x, x, [2], "float32") };
 * deepStrictEqual([...cpu.readSync(y)], [2, 4]);
 * ```
 */
export class CpuBackend implements Backend {
  readonly name = "cpu" as const;
  readonly releaseOnCollect = false;
  #live = 0;
  readonly #fusion: FusionOptions | null;
  readonly #wasm: boolean;

  /**
   * @param description Why the CPU is in use, for people.
   * @param options Which paths compute; the default is the fastest.
   */
  constructor(readonly description = "CPU (typed arrays)", options: CpuOptions = {}) {
    this.#wasm = options.wasm !== false;
    this.#fusion = options.fusion === false
      ? null
      : { ...DEFAULT_FUSION, ...options.fusion, wasm: this.#wasm };
  }

  #wrap(data: TypedArray): Storage {
    this.#live++;
    return new CpuStorage(data);
  }

  #wrapStorage(storage: CpuStorage): Storage {
    this.#live++;
    return storage;
  }

  upload(values: TypedArray, dtype: DType): Storage {
    const data = outputArray(dtype, values.length);
    data.set(values);
    return this.#wrap(data);
  }

  read(x: TensorInfo): Promise<TypedArray> {
    return Promise.resolve(this.readSync(x));
  }

  readSync(x: TensorInfo): TypedArray {
    return dataOf(x).slice();
  }

  free(storage: Storage): void {
    this.#live--;
    const s = storage as CpuStorage;
    // A pending op still reads it: the array goes back when that op has run.
    if (s.holds > 0) s.released = true;
    else finalize(s);
  }

  liveBuffers(): number {
    return this.#live;
  }

  fill(size: number, value: number, dtype: DType): Storage {
    const data = outputArray(dtype, size, value === 0);
    if (value !== 0) data.fill(value);
    return this.#wrap(data);
  }

  unary(op: UnaryOp, x: TensorInfo, outDtype: DType): Storage {
    if (this.#fusion !== null && x.size >= this.#fusion.minSize) {
      const pending = pendingUnary(op, x, outDtype, this.#fusion);
      if (pending !== null) return this.#wrapStorage(pending);
    }
    return this.#wrap(unaryKernel(op, x, outDtype));
  }

  binary(op: BinaryOp, a: Operand, b: Operand, outShape: Shape, outDtype: DType): Storage {
    const fusion = this.#fusion;
    if (fusion !== null && (typeof a !== "number" || typeof b !== "number")) {
      const size = typeof a === "number" ? (b as TensorInfo).size : a.size;
      if (size >= fusion.minSize || (typeof b !== "number" && b.size >= fusion.minSize)) {
        const pending = pendingBinary(op, a, b, sizeOf(outShape), outDtype, fusion);
        if (pending !== null) return this.#wrapStorage(pending);
      }
    }
    return this.#wrap(binaryKernel(op, a, b, outShape, outDtype));
  }

  where(cond: TensorInfo, a: Operand, b: Operand, outShape: Shape, outDtype: DType): Storage {
    return this.#wrap(whereKernel(cond, a, b, outShape, outDtype));
  }

  reduce(
    op: ReduceOp,
    x: TensorInfo,
    outer: number,
    length: number,
    inner: number,
    outDtype: DType,
  ): Storage {
    return this.#wrap(reduceKernel(op, x, outer, length, inner, outDtype));
  }

  matmul(a: TensorInfo, b: TensorInfo, m: number, k: number, n: number): Storage {
    if (this.#wasm && a.dtype === "float32" && m * n > 0) {
      const out = outputArray("float32", m * n) as Float32Array;
      const A = dataOf(a) as Float32Array;
      if (matmulWasm(A, dataOf(b) as Float32Array, m, k, n, out)) return this.#wrap(out);
      recycle(out);
    }
    return this.#wrap(matmulKernel(a, b, m, k, n));
  }

  transpose(x: TensorInfo, perm: readonly number[], outShape: Shape): Storage {
    return this.#wrap(transposeKernel(x, perm, outShape));
  }

  slice(x: TensorInfo, begin: readonly number[], outShape: Shape): Storage {
    return this.#wrap(sliceKernel(x, begin, outShape));
  }

  gather(x: TensorInfo, indices: TensorInfo, axis: number, outShape: Shape): Storage {
    return this.#wrap(gatherKernel(x, indices, axis, outShape));
  }

  concat(xs: readonly TensorInfo[], axis: number, outShape: Shape): Storage {
    return this.#wrap(concatKernel(xs, axis, outShape));
  }

  oneHot(indices: TensorInfo, depth: number, outDtype: DType): Storage {
    return this.#wrap(oneHotKernel(indices, depth, outDtype));
  }
}
