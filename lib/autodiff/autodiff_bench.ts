/**
 * Benchmarks of autodiff, each as a ratio against a peer in the same run:
 * - one training step (forward, backward, Adam) of an MLP 4→64→64→3 on a
 *   batch of 344 rows (the size of the penguins table), against TensorFlow.js's
 *   cpu backend (target: at least 2× faster) and beside its wasm backend;
 * - the cost of recording: `valueAndGrad` of a 2-element `mul().sum()`
 *   against the forward pass alone (target: within 10×).
 * The loss (softmax cross-entropy) and Adam are written inline here: the
 * library holds neither. Run with `deno bench -A lib/autodiff/autodiff_bench.ts`
 * (`-- --backend=webgpu` adds the WebGPU step against TensorFlow.js's webgpu backend).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-backend-webgpu";
import { valueAndGrad } from "./mod.ts";
import { mlp } from "../nn/mod.ts";
import {
  type BackendName,
  initWebGpu,
  oneHot,
  Rng,
  type Tensor,
  tensor,
  zerosLike,
} from "../tensor/mod.ts";

tf.env().set("PROD", true);
const B = 344;
const SIZES = [4, 64, 64, 3];
const [lr, b1, b2, eps] = [1e-3, 0.9, 0.999, 1e-8];
const rng = new Rng(344);
const xs = Float32Array.from({ length: B * 4 }, () => rng.normal());
const labels = Array.from({ length: B }, () => rng.int(0, 3));

// --- grad-dojo: θ flat, loss and Adam inline --------------------------------------------------

function libraryStep(backend: BackendName) {
  const net = mlp({ sizes: SIZES, activation: "relu", rng: new Rng(1) });
  const X = tensor(xs, { backend }).reshape([B, 4]);
  const Y = oneHot(tensor(labels, { dtype: "int32", backend }), 3);
  const loss = (theta: Tensor) => {
    const z = net.forward(theta, X);
    const shifted = z.sub(z.max(1, true));
    return shifted.sub(shifted.exp().sum(1, true).log()).mul(Y).sum().neg().div(B);
  };
  const step = valueAndGrad(loss);
  let theta = (net.init()).to(backend);
  let state: { theta: Tensor; m: Tensor; v: Tensor; t: number } | undefined;
  return async () => {
    state ??= { theta: await theta, m: zerosLike(await theta), v: zerosLike(await theta), t: 0 };
    const { value, grad } = step(state.theta);
    const t = ++state.t;
    const m = state.m.mul(b1).add(grad.mul(1 - b1));
    const v = state.v.mul(b2).add(grad.square().mul(1 - b2));
    const mHat = m.div(1 - b1 ** t);
    const vHat = v.div(1 - b2 ** t);
    const next = state.theta.sub(mHat.mul(lr).div(vHat.sqrt().add(eps)));
    await value.item(); // waits for the GPU too
    for (const x of [value, grad, mHat, vHat, state.theta, state.m, state.v]) x.dispose();
    state = { theta: next, m, v, t };
    theta = Promise.resolve(next);
  };
}

// --- TensorFlow.js: the same network as layer variables, tf.train.adam ------------------------

function tensorflowStep() {
  const init = new Rng(1);
  const weights: tf.Variable[] = [];
  for (let l = 0; l + 1 < SIZES.length; l++) {
    const std = Math.sqrt(2 / SIZES[l]);
    const w = Float32Array.from({ length: SIZES[l] * SIZES[l + 1] }, () => std * init.normal());
    weights.push(tf.variable(tf.tensor2d(w, [SIZES[l], SIZES[l + 1]])));
    weights.push(tf.variable(tf.zeros([SIZES[l + 1]])));
  }
  const X = tf.tensor2d(xs, [B, 4]);
  const Y = tf.oneHot(tf.tensor1d(labels, "int32"), 3);
  const optimizer = tf.train.adam(lr, b1, b2, eps);
  return async () => {
    const cost = optimizer.minimize(() => {
      let h: tf.Tensor = X;
      for (let l = 0; l < weights.length; l += 2) {
        h = tf.add(tf.matMul(h as tf.Tensor2D, weights[l] as tf.Tensor2D), weights[l + 1]);
        if (l + 2 < weights.length) h = tf.relu(h);
      }
      return tf.losses.softmaxCrossEntropy(Y, h) as tf.Scalar;
    }, true)!;
    await cost.data();
    cost.dispose();
  };
}

const group = "MLP 4→64→64→3 training step, batch 344";
Deno.bench({ name: "grad-dojo cpu", group, baseline: true, fn: libraryStep("cpu") });

await tf.setBackend("cpu");
const tfCpu = tensorflowStep();
Deno.bench({
  name: "TensorFlow.js cpu",
  group,
  async fn() {
    await tf.setBackend("cpu");
    await tfCpu();
  },
});

let wasmReady = false;
try {
  wasmReady = await tf.setBackend("wasm");
} catch { /* reported below */ }
if (wasmReady) {
  const tfWasm = tensorflowStep();
  Deno.bench({
    name: "TensorFlow.js wasm",
    group,
    async fn() {
      await tf.setBackend("wasm");
      await tfWasm();
    },
  });
} else {
  console.log("TensorFlow.js wasm backend unavailable: its bench is left out");
}

if (Deno.args.includes("--backend=webgpu")) {
  const gpu = await initWebGpu();
  tf.env().set("WEBGPU_CPU_FORWARD", false);
  const tfReady = await tf.setBackend("webgpu").catch(() => false);
  if (gpu && tfReady) {
    const webgpuGroup = `${group}, WebGPU`;
    Deno.bench({
      name: "grad-dojo webgpu",
      group: webgpuGroup,
      baseline: true,
      fn: libraryStep("webgpu"),
    });
    const tfGpu = tensorflowStep();
    Deno.bench({
      name: "TensorFlow.js webgpu",
      group: webgpuGroup,
      async fn() {
        await tf.setBackend("webgpu");
        await tfGpu();
      },
    });
  } else {
    console.log("WebGPU unavailable (to grad-dojo or TensorFlow.js): its benches are left out");
  }
}

// --- recording overhead ------------------------------------------------------------------------

const x2 = tensor([1, 2], { backend: "cpu" });
const y2 = tensor([3, 4], { backend: "cpu" });
const f = (x: Tensor) => x.mul(y2).sum();
const overhead = "mul().sum() of 2 elements on the cpu";
Deno.bench({
  name: "forward only",
  group: overhead,
  baseline: true,
  fn() {
    const product = x2.mul(y2);
    const total = product.sum();
    product.dispose();
    total.dispose();
  },
});
const vg = valueAndGrad(f);
Deno.bench({
  name: "valueAndGrad (forward, record, backward)",
  group: overhead,
  fn() {
    const { value, grad } = vg(x2);
    value.dispose();
    grad.dispose();
  },
});
