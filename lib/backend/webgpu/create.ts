/**
 * Starts the WebGPU backend. Until the WebGPU kernels land (issue "WebGPU
 * backend"), this reports that the backend is not built, so every WebGPU case
 * is skipped with that reason.
 *
 * @module
 */
import type { Backend } from "../backend.ts";

/**
 * Creates the WebGPU backend, or rejects with the reason it cannot.
 *
 * @returns The backend.
 *
 * @example
 * ```ts
 * import { createWebGpuBackend } from "./create.ts";
 * import { ok } from "node:assert";
 * const outcome = await createWebGpuBackend().then(() => "ok", (e) => String(e));
 * ok(outcome.length > 0);
 * ```
 */
export function createWebGpuBackend(): Promise<Backend> {
  return Promise.reject(new Error("the WebGPU kernels are not built yet"));
}
