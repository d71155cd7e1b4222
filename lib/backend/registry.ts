/**
 * Which backends exist, which one new tensors go to, and the `auto` choice:
 * WebGPU when an adapter and a device can be had, else the CPU with one line
 * saying why. A WebGPU device that was lost (destroyed, driver reset) counts
 * as unavailable from then on: `auto` falls back to the CPU and naming
 * `webgpu` throws, both saying so.
 *
 * @module
 */
import type { Backend, BackendName } from "./backend.ts";
import { CpuBackend } from "./cpu/cpu_backend.ts";
import { BackendError } from "../core/errors.ts";
import { createWebGpuBackend } from "./webgpu/create.ts";
import type { WebGpuBackend } from "./webgpu/webgpu_backend.ts";

/** What a tool or test may ask for. */
export type BackendChoice = BackendName | "auto";

const cpu = new CpuBackend();
let webgpu: WebGpuBackend | undefined;
let webgpuFailure: string | undefined;
let webgpuAttempt: Promise<WebGpuBackend | undefined> | undefined;
let current: Backend = cpu;

/** Why WebGPU cannot be used now: it failed to start, or its device was lost since. */
function webgpuProblem(): string | undefined {
  if (webgpu?.lost) return `the GPU device was lost (${webgpu.lostReason})`;
  return webgpuFailure;
}

/**
 * Tries once to start the WebGPU backend; later calls return the same outcome,
 * except that a backend whose device was lost since is no longer returned.
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
export async function initWebGpu(): Promise<Backend | undefined> {
  webgpuAttempt ??= createWebGpuBackend().then(
    (backend) => (webgpu = backend),
    (error) => {
      webgpuFailure = error instanceof Error ? error.message : String(error);
      return undefined;
    },
  );
  const backend = await webgpuAttempt;
  return backend?.lost ? undefined : backend;
}

/**
 * Why WebGPU cannot be used: it failed to start in {@linkcode initWebGpu}, or
 * its device was lost since.
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
  return webgpuProblem();
}

/**
 * A backend by name. WebGPU must have been started with {@linkcode initWebGpu}
 * (or {@linkcode useBackend}) first, since starting it is asynchronous.
 *
 * @param name `cpu` or `webgpu`; the default backend when omitted.
 * @returns The backend.
 * @throws {BackendError} When WebGPU was not started, is unavailable, or its device was lost.
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
  const problem = webgpuProblem();
  if (webgpu && problem === undefined) return webgpu;
  throw new BackendError(
    problem
      ? `Cannot use the webgpu backend: ${problem} (use the cpu backend instead)`
      : 'Cannot use the webgpu backend: it was not started (await useBackend("webgpu") first)',
  );
}

/**
 * Makes a backend the default for new tensors. `auto` takes WebGPU when it
 * starts (and its device was not lost since) and falls back to the CPU otherwise.
 *
 * @param choice `auto`, `cpu` or `webgpu`.
 * @returns The backend now in use, and a one-line note saying why it was chosen.
 * @throws {BackendError} When `webgpu` is asked for and cannot start or was lost.
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
  return { backend: cpu, note: `cpu backend (WebGPU unavailable: ${webgpuProblem()})` };
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
