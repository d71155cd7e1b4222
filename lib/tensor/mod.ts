/**
 * The grad-dojo tensor library: tensors on the CPU or WebGPU, with NumPy
 * broadcasting and PyTorch's names.
 *
 * @example
 * ```ts
 * import { tensor } from "./mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(await tensor([3, 4]).norm().item(), 5);
 * ```
 *
 * @module
 */
export * from "../core/errors.ts";
export * from "../core/dtype.ts";
export * from "../core/shape.ts";
export * from "./tensor.ts";
export * from "./creation.ts";
export * from "./rng.ts";
export * from "./memory.ts";
export * from "./ops/elementwise.ts";
export * from "./ops/reduce.ts";
export * from "./ops/shape_ops.ts";
export * from "./ops/linalg.ts";
export * from "./ops/eigh.ts";
export * from "../backend/backend.ts";
export {
  type BackendChoice,
  getBackend,
  initWebGpu,
  setDefaultBackend,
  useBackend,
  webgpuUnavailableReason,
} from "../backend/registry.ts";
