/**
 * Starts the WebGPU backend: finds an adapter, opens a device with the
 * adapter's largest buffer limits, and names the adapter for people.
 *
 * @module
 */
import { WebGpuBackend } from "./webgpu_backend.ts";

/**
 * The adapter in one line: its description (or device id), vendor and
 * architecture, and whether it is a software fallback.
 *
 * @param info The adapter's `info`.
 * @returns E.g. `llvmpipe (LLVM 15.0.6, 256 bits) (vendor 65541, software fallback)`.
 *
 * @example
 * ```ts
 * import { describeAdapter } from "./create.ts";
 * import { strictEqual } from "node:assert";
 * const info = { vendor: "nvidia", architecture: "hopper", device: "", description: "H100" };
 * strictEqual(describeAdapter(info as GPUAdapterInfo), "H100 (vendor nvidia, hopper)");
 * ```
 */
export function describeAdapter(info: GPUAdapterInfo): string {
  const name = info.description || info.device || "unnamed adapter";
  const details = [`vendor ${info.vendor || "unknown"}`];
  if (info.architecture) details.push(info.architecture);
  if ((info as { isFallbackAdapter?: boolean }).isFallbackAdapter) {
    details.push("software fallback");
  }
  return `${name} (${details.join(", ")})`;
}

/**
 * Creates the WebGPU backend, or rejects with a one-line reason (no
 * `navigator.gpu`, no adapter, or the device request failed).
 *
 * @returns The backend.
 * @throws {Error} With the reason, when WebGPU cannot start.
 *
 * @example
 * ```ts
 * import { createWebGpuBackend } from "./create.ts";
 * import { ok } from "node:assert";
 * const outcome = await createWebGpuBackend().then((b) => b.name, (e) => String(e));
 * ok(outcome === "webgpu" || outcome.length > 0);
 * ```
 */
export async function createWebGpuBackend(): Promise<WebGpuBackend> {
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  if (!gpu) {
    // Only Deno can be told to turn WebGPU on; Node has none, a browser may not.
    const hint = "Deno" in globalThis
      ? 'Deno needs "unstable": ["webgpu"] in deno.json or --unstable-webgpu'
      : "this runtime has no WebGPU";
    throw new Error(`navigator.gpu is missing (${hint})`);
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  } catch (error) {
    throw new Error(`requesting a WebGPU adapter failed: ${messageOf(error)}`);
  }
  if (!adapter) {
    throw new Error(
      "no WebGPU adapter was found (install a GPU driver, or Mesa for a software one)",
    );
  }
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredLimits: {
        maxBufferSize: adapter.limits.maxBufferSize,
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      },
    });
  } catch (error) {
    throw new Error(`requesting a WebGPU device failed: ${messageOf(error)}`);
  }
  return new WebGpuBackend(device, describeAdapter(adapter.info));
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
