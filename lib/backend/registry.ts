/**
 * Which backends exist, which one new tensors go to, and the `auto` choice:
 * WebGPU when an adapter and a device can be had, else the CPU with one line
 * saying why.
 *
 * @module
 */
import type { Backend, BackendName } from "./backend.ts";
import { CpuBackend } from "./cpu/cpu_backend.ts";
import { BackendError } from "../tensor/errors.ts";
import { createWebGpuBackend } from "./webgpu/create.ts";

/** What a tool or test may ask for. */
export type BackendChoice = BackendName | "auto";

const cpu = new CpuBackend();
let webgpu: Backend | undefined;
let webgpuFailure: string | undefined;
let webgpuAttempt: Promise<Backend | undefined> | undefined;
let current: Backend = cpu;

/**
 * Tries once to start the WebGPU backend; later calls return the same outcome.
 *
 * @returns The backend, or `undefined` with the reason in {@linkcode webgpuUnavailableReason}.
 *
 * @example
 * ```ts
 * import { initWebGpu, webgpuUnavailableReason } from "./registry.ts";
 * import { ok } from "node:assert";
 * const gpu = await initWebGpu();
 * ok(gpu !== undefined || webgpuUnavailableReason() !== undefined);
 * ```
 */
export function initWebGpu(): Promise<Backend | undefined> {
  webgpuAttempt ??= createWebGpuBackend().then(
    (backend) => (webgpu = backend),
    (error) => {
      webgpuFailure = error instanceof Error ? error.message : String(error);
      return undefined;
    },
  );
  return webgpuAttempt;
}

/**
 * Why WebGPU could not be started, once {@linkcode initWebGpu} has failed.
 *
 * @returns The reason, or `undefined` if WebGPU works or was not tried.
 *
 * @example
 * ```ts
 * import { webgpuUnavailableReason } from "./registry.ts";
 * import { ok } from "node:assert";
 * const reason = webgpuUnavailableReason();
 * ok(reason === undefined || typeof reason === "string");
 * ```
 */
export function webgpuUnavailableReason(): string | undefined {
  return webgpuFailure;
}

/**
 * A backend by name. WebGPU must have been started with {@linkcode initWebGpu}
 * (or {@linkcode useBackend}) first, since starting it is asynchronous.
 *
 * @param name `cpu` or `webgpu`; the default backend when omitted.
 * @returns The backend.
 * @throws {BackendError} When WebGPU was not started or is unavailable.
 *
 * @example
 * ```ts
 * import { getBackend } from "./registry.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(getBackend("cpu").name, "cpu");
 * ```
 */
export function getBackend(name?: BackendName): Backend {
  if (name === undefined) return current;
  if (name === "cpu") return cpu;
  if (webgpu) return webgpu;
  throw new BackendError(
    webgpuFailure
      ? `Cannot use the webgpu backend: ${webgpuFailure} (use the cpu backend instead)`
      : 'Cannot use the webgpu backend: it was not started (await useBackend("webgpu") first)',
  );
}

/**
 * Makes a backend the default for new tensors. `auto` takes WebGPU when it
 * starts and falls back to the CPU otherwise.
 *
 * @param choice `auto`, `cpu` or `webgpu`.
 * @returns The backend now in use, and a one-line note saying why it was chosen.
 * @throws {BackendError} When `webgpu` is asked for and cannot start.
 *
 * @example
 * ```ts
 * import { useBackend } from "./registry.ts";
 * import { strictEqual } from "node:assert";
 * const { backend } = await useBackend("cpu");
 * strictEqual(backend.name, "cpu");
 * ```
 */
export async function useBackend(
  choice: BackendChoice,
): Promise<{ backend: Backend; note: string }> {
  if (choice === "cpu") {
    current = cpu;
    return { backend: cpu, note: "cpu backend (asked for)" };
  }
  const gpu = await initWebGpu();
  if (gpu) {
    current = gpu;
    return { backend: gpu, note: `webgpu backend: ${gpu.description}` };
  }
  if (choice === "webgpu") getBackend("webgpu"); // throws with the reason
  current = cpu;
  return { backend: cpu, note: `cpu backend (WebGPU unavailable: ${webgpuFailure})` };
}

/**
 * Sets the default backend synchronously, for code that already started it.
 *
 * @param backend The backend new tensors should go to.
 * @returns The previous default, so a caller can restore it.
 *
 * @example
 * ```ts
 * import { getBackend, setDefaultBackend } from "./registry.ts";
 * import { strictEqual } from "node:assert";
 * const previous = setDefaultBackend(getBackend("cpu"));
 * setDefaultBackend(previous);
 * strictEqual(getBackend().name, previous.name);
 * ```
 */
export function setDefaultBackend(backend: Backend): Backend {
  const previous = current;
  current = backend;
  return previous;
}
