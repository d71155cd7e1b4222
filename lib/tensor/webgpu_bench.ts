/**
 * grad-dojo's WebGPU backend against TensorFlow.js's WebGPU backend on the
 * same adapter: a 512 × 512 matmul, and 1,000 pipelined Adam steps on 1e5
 * parameters (no read-back until the last step). Both sides synchronise with
 * `await data()`; TensorFlow.js runs with `WEBGPU_CPU_FORWARD` off so that
 * small ops are not moved to the CPU.
 *
 * Then the two matmul kernels against each other (see "matmul kernels" below).
 *
 * Run: `deno bench --allow-read --allow-env lib/tensor/webgpu_bench.ts`.
 * Without an adapter every benchmark is skipped.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-webgpu";
import { initWebGpu, setDefaultBackend } from "../backend/registry.ts";
import { matmul, Rng, scope, type Tensor, uniform } from "./mod.ts";
import type { WebGpuBackend } from "../backend/webgpu/webgpu_backend.ts";

const gpu = await initWebGpu();
let tfReady = false;
if (gpu) {
  tf.env().set("WEBGPU_CPU_FORWARD", false);
  tfReady = await tf.setBackend("webgpu").catch(() => false);
}
const ignore = !gpu || !tfReady;
if (ignore) console.log("webgpu benchmarks skipped: no WebGPU adapter for both libraries");
else console.log(`adapter: ${gpu!.description}`);

const SIZE = 512;
const PARAMETERS = 100_000;
const STEPS = 1_000;
const matmulRuns = { n: 10, warmup: 2 };
const adamRuns = { n: 3, warmup: 1 };

// ---- matmul 512 × 512 ----

let a: Tensor | undefined;
let b: Tensor | undefined;
let tfA: tf.Tensor | undefined;
let tfB: tf.Tensor | undefined;
if (!ignore) {
  setDefaultBackend(gpu!);
  const rng = new Rng(1);
  a = uniform(rng, [SIZE, SIZE]);
  b = uniform(rng, [SIZE, SIZE]);
  tfA = tf.tensor(await a.data(), [SIZE, SIZE]);
  tfB = tf.tensor(await b.data(), [SIZE, SIZE]);
}

Deno.bench({
  name: "matmul 512x512 — grad-dojo webgpu",
  group: "matmul",
  baseline: true,
  ignore,
  ...matmulRuns,
  async fn() {
    const c = matmul(a!, b!);
    await c.data();
    c.dispose();
  },
});

Deno.bench({
  name: "matmul 512x512 — tfjs webgpu",
  group: "matmul",
  ignore,
  ...matmulRuns,
  async fn() {
    const c = tf.matMul(tfA!, tfB!);
    await c.data();
    c.dispose();
  },
});

// ---- 1,000 Adam steps on 1e5 parameters, g = 2θ ----

/** One Adam step with library ops (β1 0.9, β2 0.999, η 0.001, no bias correction). */
function adamStep(theta: Tensor, m: Tensor, v: Tensor): { theta: Tensor; m: Tensor; v: Tensor } {
  const g = theta.mul(2);
  const m2 = m.mul(0.9).add(g.mul(0.1));
  const v2 = v.mul(0.999).add(g.square().mul(0.001));
  const theta2 = theta.sub(m2.div(v2.sqrt().add(1e-8)).mul(0.001));
  return { theta: theta2, m: m2, v: v2 };
}

Deno.bench({
  name: "adam 1,000 steps, 1e5 parameters — grad-dojo webgpu",
  group: "adam",
  baseline: true,
  ignore,
  ...adamRuns,
  async fn() {
    let state = await scope(() => {
      const theta = uniform(new Rng(2), [PARAMETERS]);
      return { theta, m: theta.mul(0), v: theta.mul(0) };
    });
    for (let step = 0; step < STEPS; step++) {
      const previous = state;
      state = await scope(() => adamStep(previous.theta, previous.m, previous.v));
      for (const t of Object.values(previous)) t.dispose();
    }
    await state.theta.data();
    for (const t of Object.values(state)) t.dispose();
  },
});

Deno.bench({
  name: "adam 1,000 steps, 1e5 parameters — tfjs webgpu",
  group: "adam",
  ignore,
  ...adamRuns,
  async fn() {
    let theta = tf.randomUniform([PARAMETERS]);
    let m = tf.zerosLike(theta);
    let v = tf.zerosLike(theta);
    for (let step = 0; step < STEPS; step++) {
      const next = tf.tidy(() => {
        const g = tf.mul(theta, 2);
        const m2 = tf.add(tf.mul(m, 0.9), tf.mul(g, 0.1));
        const v2 = tf.add(tf.mul(v, 0.999), tf.mul(tf.square(g), 0.001));
        const theta2 = tf.sub(theta, tf.mul(tf.div(m2, tf.add(tf.sqrt(v2), 1e-8)), 0.001));
        return [theta2, m2, v2];
      });
      tf.dispose([theta, m, v]);
      [theta, m, v] = next;
    }
    await theta.data();
    tf.dispose([theta, m, v]);
  },
});

// ---- matmul kernels: small products vs the tiled kernel ----
//
// Each iteration records PIPELINED products (nothing read in between), then
// reads the last one: a read costs 10–12 ms in Deno 2.9 whatever the GPU does
// (ext/webgpu/buffer.rs polls the device, then sleeps 10 ms, until the map is
// done), which would hide the kernels' cost. "auto" is what the backend does
// (the small kernel for small products, see `useSmallMatmul`); "tiled" forces
// the 64 × 64 tiled kernel, which every product used before. An element-wise
// `add` over the output's size is the yardstick.
//
// Per product on llvmpipe (LLVM 15.0.6, 256 bits; 2 shared cores), medians of
// three runs of 100 pipelined products (3 for 512):
//
//   product                  before: tiled   after: auto           add of [m, n]
//   [342,4] @ [4,3]          0.84–0.94 ms    0.27–0.28 ms (small)  0.26–0.27 ms
//   [64,64] @ [64,64]        0.99–1.01 ms    0.66–0.72 ms (small)  0.24 ms
//   [512,512] @ [512,512]    196–205 ms      198–203 ms (tiled)    1.9–2.1 ms
//
// With a read after every product, as in a loop that looks at each result,
// a call costs 12–13 ms before and 12.0–12.4 ms after, against 12 ms for an
// `add` and its read: the read dominates, and 20–45 ms per call means two to
// four reads per call.

const PIPELINED = 20;
const KERNEL_SIZES: [number, number, number][] = [[342, 4, 3], [64, 64, 64], [512, 512, 512]];

for (const [m, k, n] of KERNEL_SIZES) {
  let x: Tensor | undefined;
  let y: Tensor | undefined;
  let z: Tensor | undefined;
  if (gpu) {
    setDefaultBackend(gpu);
    const rng = new Rng(m + k + n);
    x = uniform(rng, [m, k]);
    y = uniform(rng, [k, n]);
    z = uniform(rng, [m, n]);
  }
  const count = m === 512 ? 2 : PIPELINED;
  const runs = m === 512 ? { n: 3, warmup: 1 } : { n: 20, warmup: 3 };
  const group = `matmul [${m},${k}]@[${k},${n}], ${count} pipelined`;
  for (const kernel of ["auto", "tiled"] as const) {
    Deno.bench({
      name: `${group} — ${kernel} kernel`,
      group,
      baseline: kernel === "auto",
      ignore: !gpu,
      ...runs,
      async fn() {
        const backend = gpu as WebGpuBackend;
        backend.matmulKernel = kernel;
        let last: Tensor | undefined;
        for (let i = 0; i < count; i++) {
          last?.dispose();
          last = matmul(x!, y!);
        }
        await last!.data();
        last!.dispose();
        backend.matmulKernel = "auto";
      },
    });
  }
  Deno.bench({
    name: `${group} — add of [${m},${n}] (yardstick)`,
    group,
    ignore: !gpu,
    ...runs,
    async fn() {
      let last: Tensor | undefined;
      for (let i = 0; i < count; i++) {
        last?.dispose();
        last = z!.add(1);
      }
      await last!.data();
      last!.dispose();
    },
  });
}
