/**
 * Benchmarks of the CPU backend, each as a ratio against a peer in the same run:
 * a plain typed-array loop (the floor), and TensorFlow.js's CPU and WASM backends.
 * Run with `deno task bench`.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { matmul, Rng, scope, type Tensor, tensor, uniform, zerosLike } from "./mod.ts";

tf.env().set("PROD", true);
const N = 100_000;
const rng = new Rng(1);
const theta0 = uniform(rng, [N], { low: -1, high: 1 });
const grad = uniform(rng, [N], { low: -1, high: 1 });
const [lr, b1, b2, eps] = [1e-3, 0.9, 0.999, 1e-8];

// --- Adam update on 1e5 float32 parameters -------------------------------------------------

let theta = theta0;
let m = zerosLike(theta0);
let v = zerosLike(theta0);
let t = 0;
/** One Adam step with library ops, the way kata 05's solution writes it. */
function libraryAdam(): void {
  t++;
  const next = {
    m: m.mul(b1).add(grad.mul(1 - b1)),
    v: v.mul(b2).add(grad.square().mul(1 - b2)),
  };
  const mHat = next.m.div(1 - b1 ** t);
  const vHat = next.v.div(1 - b2 ** t);
  const nextTheta = theta.sub(mHat.mul(lr).div(vHat.sqrt().add(eps)));
  theta = nextTheta;
  m = next.m;
  v = next.v;
}

const loop = {
  theta: theta0.dataSync().slice() as Float32Array,
  m: new Float32Array(N),
  v: new Float32Array(N),
  t: 0,
};
const g = grad.dataSync() as Float32Array;
/** The same arithmetic in one fused typed-array loop: the floor. */
function loopAdam(): void {
  loop.t++;
  const c1 = 1 - b1 ** loop.t;
  const c2 = 1 - b2 ** loop.t;
  const { theta, m, v } = loop;
  for (let i = 0; i < N; i++) {
    m[i] = b1 * m[i] + (1 - b1) * g[i];
    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
    theta[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
  }
}

await tf.setBackend("cpu");
const tfCpu = {
  variable: tf.variable(tf.tensor1d(theta0.dataSync() as Float32Array)),
  grad: tf.tensor1d(g),
  optimizer: tf.train.adam(lr, b1, b2, eps),
};

Deno.bench({
  name: "adam step, 1e5 params: plain typed-array loop",
  group: "adam",
  baseline: true,
  fn: loopAdam,
});
Deno.bench({ name: "adam step, 1e5 params: grad-dojo cpu ops", group: "adam", fn: libraryAdam });
Deno.bench({
  name: "adam step, 1e5 params: grad-dojo cpu ops inside scope()",
  group: "adam",
  async fn() {
    const [oldTheta, oldM, oldV] = [theta, m, v];
    await scope(() => {
      libraryAdam();
      return [theta, m, v];
    });
    // The previous step's tensors are dead now: release them for reuse.
    if (oldTheta !== theta0) oldTheta.dispose();
    oldM.dispose();
    oldV.dispose();
  },
});
Deno.bench({
  name: "adam step, 1e5 params: TensorFlow.js cpu",
  group: "adam",
  async fn() {
    await tf.setBackend("cpu");
    tfCpu.optimizer.applyGradients([{ name: tfCpu.variable.name, tensor: tfCpu.grad }]);
    await tfCpu.variable.data();
  },
});

let wasmReady = false;
try {
  wasmReady = await tf.setBackend("wasm");
} catch { /* reported below */ }
if (wasmReady) {
  const tfWasm = {
    variable: tf.variable(tf.tensor1d(theta0.dataSync() as Float32Array)),
    grad: tf.tensor1d(g),
    optimizer: tf.train.adam(lr, b1, b2, eps),
  };
  Deno.bench({
    name: "adam step, 1e5 params: TensorFlow.js wasm",
    group: "adam",
    async fn() {
      await tf.setBackend("wasm");
      tfWasm.optimizer.applyGradients([{ name: tfWasm.variable.name, tensor: tfWasm.grad }]);
      await tfWasm.variable.data();
    },
  });
} else {
  console.log("TensorFlow.js wasm backend unavailable: its benches are left out");
}

// --- matmul 256×256 ------------------------------------------------------------------------

const S = 256;
const A = uniform(rng, [S, S]);
const B = uniform(rng, [S, S]);
const a = A.dataSync() as Float32Array;
const b = B.dataSync() as Float32Array;
Deno.bench({
  name: "matmul 256×256: plain i-k-j typed-array loop",
  group: "matmul",
  baseline: true,
  fn() {
    const c = new Float32Array(S * S);
    for (let i = 0; i < S; i++) {
      for (let k = 0; k < S; k++) {
        const aik = a[i * S + k];
        for (let j = 0; j < S; j++) c[i * S + j] += aik * b[k * S + j];
      }
    }
  },
});
Deno.bench({ name: "matmul 256×256: grad-dojo cpu", group: "matmul", fn: () => void matmul(A, B) });
await tf.setBackend("cpu");
const tA = tf.tensor2d(a, [S, S]);
const tB = tf.tensor2d(b, [S, S]);
Deno.bench({
  name: "matmul 256×256: TensorFlow.js cpu",
  group: "matmul",
  async fn() {
    await tf.setBackend("cpu");
    const c = tf.matMul(tA, tB);
    await c.data();
    c.dispose();
  },
});
if (wasmReady) {
  // Tensors of its own: TF.js moves a tensor's data to the backend that last used it.
  await tf.setBackend("wasm");
  const wA = tf.tensor2d(a, [S, S]);
  const wB = tf.tensor2d(b, [S, S]);
  Deno.bench({
    name: "matmul 256×256: TensorFlow.js wasm (single thread)",
    group: "matmul",
    async fn() {
      await tf.setBackend("wasm");
      const c = tf.matMul(wA, wB);
      await c.data();
      c.dispose();
    },
  });
}

// --- per-op overhead -----------------------------------------------------------------------

const x2 = tensor([1, 2]);
const y2 = tensor([3, 4]);
const fx = new Float32Array([1, 2]);
const fy = new Float32Array([3, 4]);
Deno.bench({
  name: "add two 2-element tensors: plain typed arrays",
  group: "overhead",
  baseline: true,
  fn() {
    const out = new Float32Array(2);
    out[0] = fx[0] + fy[0];
    out[1] = fx[1] + fy[1];
  },
});
Deno.bench({
  name: "add two 2-element tensors: grad-dojo cpu",
  group: "overhead",
  fn: () => void x2.add(y2),
});
Deno.bench({
  name: "add two 2-element tensors: grad-dojo cpu, inside scope()",
  group: "overhead",
  async fn() {
    await scope(() => x2.add(y2) as Tensor);
  },
});
