/**
 * After the WebGPU device is lost, the registry stops handing the backend
 * out: `useBackend("auto")` falls back to the CPU saying why, and naming
 * `webgpu` throws a BackendError that names the CPU backend. Loss is
 * simulated with `device.destroy()`; this file has the registry (and so the
 * device) to itself, since `deno test` loads each test file afresh.
 *
 * @module
 */
import { deepStrictEqual, ok, rejects, strictEqual, throws } from "node:assert";
import { getBackend, initWebGpu, useBackend, webgpuUnavailableReason } from "../registry.ts";
import { BackendError } from "../../core/errors.ts";
import { caseName } from "../../core/case_name.ts";
import { tensor } from "../../tensor/mod.ts";
import type { WebGpuBackend } from "./webgpu_backend.ts";

const gpu = await initWebGpu() as WebGpuBackend | undefined;
const reason = webgpuUnavailableReason() ?? "not started";

Deno.test({
  name: caseName({
    name: 'a lost device sends auto to the cpu and makes getBackend("webgpu") throw',
    backend: "webgpu",
    skipped: gpu ? undefined : reason,
  }),
  ignore: gpu === undefined,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const before = await useBackend("auto");
    strictEqual(before.backend, gpu, "auto takes WebGPU while the device works");
    strictEqual(getBackend("webgpu"), gpu);
    const x = tensor([1, 2]);
    strictEqual(x.backend, gpu);

    gpu!.device.destroy();
    await gpu!.device.lost;
    ok(gpu!.lost, "the backend says it was lost");
    const lost = `the GPU device was lost (${gpu!.lostReason})`;

    const after = await useBackend("auto");
    strictEqual(after.backend.name, "cpu", "auto falls back to the CPU");
    strictEqual(after.note, `cpu backend (WebGPU unavailable: ${lost})`);
    strictEqual(getBackend().name, "cpu", "the CPU is the default now");
    strictEqual(await initWebGpu(), undefined, "initWebGpu no longer returns the lost backend");
    strictEqual(webgpuUnavailableReason(), lost);
    const refusal = (e: Error) =>
      e instanceof BackendError &&
      e.message === `Cannot use the webgpu backend: ${lost} (use the cpu backend instead)`;
    throws(() => getBackend("webgpu"), refusal);
    throws(() => tensor([1], { backend: "webgpu" }), refusal);
    await rejects(() => useBackend("webgpu"), refusal);
    // Tensors made before the loss fail clearly; new ones go to the CPU and work.
    throws(
      () => x.add(1),
      (e: Error) => e instanceof BackendError && /device was lost/.test(e.message),
    );
    deepStrictEqual([...await tensor([1, 2]).add(1).data()], [2, 3]);
  },
});
