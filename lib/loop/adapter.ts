/**
 * The WebGPU adapter's name, for the line that says which backend ran.
 *
 * @module
 */

/**
 * Asks for a WebGPU adapter and names it; never throws.
 *
 * @param timeoutMs Give up after this long.
 * @returns "NVIDIA H100 80GB HBM3" or similar, or `undefined` when there is none.
 *
 * @example
 * ```ts
 * import { adapterName } from "./adapter.ts";
 * import { ok } from "node:assert";
 * const name = await adapterName(2000);
 * ok(name === undefined || name.length > 0);
 * ```
 */
export async function adapterName(timeoutMs = 3000): Promise<string | undefined> {
  const gpu = (navigator as { gpu?: GPU }).gpu;
  if (!gpu) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) =>
    timer = setTimeout(() => resolve(undefined), timeoutMs)
  );
  try {
    const adapter = await Promise.race([gpu.requestAdapter().catch(() => null), timeout]);
    if (!adapter) return undefined;
    const info = adapter.info;
    const name = info.description ||
      [info.vendor, info.device || info.architecture].filter(Boolean).join(" ");
    return name || "unnamed adapter";
  } finally {
    clearTimeout(timer);
  }
}
