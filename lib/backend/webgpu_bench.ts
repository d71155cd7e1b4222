/**
 * grad-dojo's WebGPU backend against TensorFlow.js's WebGPU backend on the
 * same adapter: a 512 × 512 matmul, and 1,000 pipelined Adam steps on 1e5
 * parameters (no read-back until the last step). Both sides synchronise with
 * `await data()`; TensorFlow.js runs with `WEBGPU_CPU_FORWARD` off so that
 * small ops are not moved to the CPU.
 *
 * Run: `deno bench --allow-read --allow-env lib/backend/webgpu_bench.ts`.
 * Without an adapter every benchmark is skipped.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-webgpu";
import { initWebGpu, setDefaultBackend } from "./registry.ts";
import { matmul, Rng, scope, type Tensor, uniform } from "../tensor/mod.ts";

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
