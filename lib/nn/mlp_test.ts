import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { mlp, relu, sigmoid, tanh } from "./mod.ts";
import { grad, valueAndGrad } from "../autodiff/mod.ts";
import { oneHot, Rng, ShapeError, type Tensor, tensor, ValueError } from "../tensor/mod.ts";
import { assertAllClose, backendTest } from "../testing/mod.ts";

backendTest("mlp() lays θ out layer by layer: weight [in, out] row-major, then bias", async () => {
  const net = mlp({ sizes: [2, 3, 1], rng: new Rng(0) });
  strictEqual(net.parameterCount, 2 * 3 + 3 + 3 * 1 + 1);
  deepStrictEqual(net.layout, [
    { weight: { offset: 0, shape: [2, 3] }, bias: { offset: 6, shape: [3] } },
    { weight: { offset: 9, shape: [3, 1] }, bias: { offset: 12, shape: [1] } },
  ]);
  const theta = tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const { weight, bias } = net.view(theta, 0);
  deepStrictEqual(await weight.array(), [[0, 1, 2], [3, 4, 5]]);
  deepStrictEqual(await bias.array(), [6, 7, 8]);
  deepStrictEqual(await net.view(theta, 1).weight.array(), [[9], [10], [11]]);
});

backendTest("forward() computes relu(X·W₀ + b₀)·W₁ + b₁, worked by hand", async () => {
  const net = mlp({ sizes: [2, 2, 1], rng: new Rng(0) });
  // W₀ = [[1, −1], [2, 1]], b₀ = [0, 1], W₁ = [[3], [−2]], b₁ = [0.5]
  const theta = tensor([1, -1, 2, 1, 0, 1, 3, -2, 0.5]);
  // x = (1, 1): z₀ = (1 + 2, −1 + 1) + (0, 1) = (3, 1) → relu (3, 1) → 9 − 2 + 0.5 = 7.5
  // x = (−1, 0): z₀ = (−1, 1) + (0, 1) = (−1, 2) → relu (0, 2) → −4 + 0.5 = −3.5
  const out = net.forward(theta, tensor([[1, 1], [-1, 0]]));
  deepStrictEqual(await out.array(), [[7.5], [-3.5]]);
});

backendTest("init() is seeded: He std √(2/in), Xavier √(2/(in+out)), biases 0", async () => {
  const a = mlp({ sizes: [200, 300, 2], rng: new Rng(7) }).init();
  const b = mlp({ sizes: [200, 300, 2], rng: new Rng(7) }).init();
  deepStrictEqual(await a.data(), await b.data());
  const he = mlp({ sizes: [200, 300, 2], rng: new Rng(7) });
  const x = mlp({ sizes: [200, 300, 2], activation: "tanh", rng: new Rng(7) });
  for (const [net, std] of [[he, Math.sqrt(2 / 200)], [x, Math.sqrt(2 / 500)]] as const) {
    const theta = net.init();
    const w = [...await net.view(theta, 0).weight.data()];
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const sd = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
    ok(Math.abs(sd / std - 1) < 0.02, `std ${sd} vs ${std}`); // 60,000 draws: ±0.6% sd
    deepStrictEqual([...await net.view(theta, 0).bias.data()], new Array(300).fill(0));
  }
});

backendTest("mlp() refuses bad sizes, layers and inputs", () => {
  throws(() => mlp({ sizes: [3], rng: new Rng(0) }), ValueError);
  throws(() => mlp({ sizes: [3, 0], rng: new Rng(0) }), ValueError);
  const net = mlp({ sizes: [3, 2], rng: new Rng(0) });
  throws(() => net.view(net.init(), 1), /layers 0 to 0/);
  throws(() => net.view(tensor([1, 2]), 0), ShapeError);
  throws(() => net.forward(net.init(), tensor([[1, 2]])), /expected \[batch, 3\]/);
});

backendTest("activations and their gradients match closed forms", async () => {
  const x = tensor([-3, -0.5, 0, 0.5, 3]);
  const xs = [-3, -0.5, 0, 0.5, 3];
  await assertAllClose(tanh(x), xs.map(Math.tanh));
  await assertAllClose(grad((x) => tanh(x).sum())(x), xs.map((v) => 1 - Math.tanh(v) ** 2));
  const s = (v: number) => 1 / (1 + Math.exp(-v));
  await assertAllClose(sigmoid(x), xs.map(s));
  await assertAllClose(grad((x) => sigmoid(x).sum())(x), xs.map((v) => s(v) * (1 - s(v))));
  deepStrictEqual(await grad((x) => relu(x).sum())(x).array(), [0, 0, 0, 1, 1]);
  // far out, no NaN: the clamped forms saturate to exact 0 gradients
  const far = tensor([-1000, 1000]);
  deepStrictEqual(await grad((x) => tanh(x).sum())(far).array(), [0, 0]);
  deepStrictEqual(await grad((x) => sigmoid(x).sum())(far).array(), [0, 0]);
});

/** Plain SGD written here: the point is that θ is one tensor any optimizer can update. */
backendTest("a flat θ trains: 150 SGD steps on XOR with grad() bring the loss near 0", async () => {
  const net = mlp({ sizes: [2, 8, 1], activation: "tanh", rng: new Rng(2) });
  const X = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const y = tensor([[0], [1], [1], [0]]);
  const loss = (theta: Tensor) => net.forward(theta, X).sub(y).square().mean();
  let theta = net.init();
  const start = await loss(theta).item();
  for (let i = 0; i < 150; i++) theta = theta.sub(grad(loss)(theta).mul(0.2));
  const end = await loss(theta).item();
  ok(end < 0.02 && end < start / 5, `loss ${start} → ${end}`);
});

backendTest(
  "forward()'s hidden hook sees each hidden layer and feeds what it returns onward",
  async () => {
    const net = mlp({ sizes: [2, 2, 2, 1], rng: new Rng(0) });
    // W₀ = I, b₀ = 0, W₁ = I, b₁ = 0, W₂ = [[1], [1]], b₂ = 0.25
    const theta = tensor([1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0.25]);
    const X = tensor([[1, -2]]);
    const layers: number[] = [];
    // relu(1, −2) = (1, 0) on both hidden layers; the hook doubles them: 2·(2·(1, 0)) → 4 + 0.25
    const out = net.forward(theta, X, { hidden: (h, layer) => (layers.push(layer), h.mul(2)) });
    deepStrictEqual(layers, [0, 1]);
    deepStrictEqual(await out.array(), [[4.25]]);
    // the hook is differentiated like the rest: d/dW₂ = (4, 0), d/db₂ = 1
    const g = await grad((t) => net.forward(t, X, { hidden: (h) => h.mul(2) }).sum())(theta).data();
    deepStrictEqual([...g.slice(12)], [4, 0, 1]);
  },
);

backendTest(
  "forward() with dropout: evaluation ignores it; training drops with a seeded, rescaled mask",
  async () => {
    const net = mlp({ sizes: [3, 400, 1], rng: new Rng(4) });
    const theta = net.init();
    const X = tensor([[0.5, -1, 2]]);
    const seen: Tensor[] = [];
    const keep = (h: Tensor) => (seen.push(h), h);
    const plain = await net.forward(theta, X, { dropout: 0.25, hidden: keep }).data();
    const a = await net.forward(theta, X, {
      training: true,
      dropout: 0.25,
      rng: new Rng(9),
      hidden: keep,
    })
      .data();
    const b = await net.forward(theta, X, { training: true, dropout: 0.25, rng: new Rng(9) })
      .data();
    deepStrictEqual(a, b);
    ok(Math.abs(a[0] - plain[0]) > 0, "training with dropout changed nothing");
    // each hidden activation is either dropped or scaled by 1/(1 − p) = 4/3
    const [evaluation, training] = await Promise.all(seen.map(async (t) => [...await t.data()]));
    ok(
      training.every((v, i) =>
        v === 0 || Math.abs(v - evaluation[i] * 4 / 3) < 1e-5 * (1 + Math.abs(v))
      ),
    );
    const dropped = training.filter((v, i) => v === 0 && evaluation[i] !== 0).length;
    const alive = evaluation.filter((v) => v !== 0).length;
    ok(Math.abs(dropped / alive - 0.25) < 0.1, `dropped ${dropped} of ${alive}`);
    throws(() => net.forward(theta, X, { training: true, dropout: 0.5 }), /needs an rng/);
    throws(() => net.forward(theta, X, { dropout: 1 }), /dropout 1 is not in \[0, 1\)/);
  },
);

// TensorFlow.js as the oracle for an MLP's loss gradient. The full
// @tensorflow/tfjs package registers gradients (tfjs-core alone does not).
// Conventions: TF's relu has gradient 0 at 0 like ours; softmaxCrossEntropy
// with its default reduction averages over the batch, as our loss does.
backendTest("the gradient of an MLP's cross-entropy loss matches TensorFlow.js", async () => {
  const tf = await import("@tensorflow/tfjs");
  tf.env().set("PROD", true);
  await tf.setBackend("cpu");
  const rng = new Rng(11);
  const [B, sizes] = [32, [4, 16, 16, 3]];
  const xs = Array.from({ length: B * 4 }, () => rng.normal());
  const labels = Array.from({ length: B }, () => rng.int(0, 3));
  for (const activation of ["relu", "tanh", "sigmoid"] as const) {
    const net = mlp({ sizes, activation, rng });
    const theta = net.init();
    const X = tensor(Float32Array.from(xs)).reshape([B, 4]);
    const Y = oneHot(labels, 3);
    const loss = (t: Tensor) => {
      const z = net.forward(t, X);
      const shifted = z.sub(z.max(1, true));
      return shifted.sub(shifted.exp().sum(1, true).log()).mul(Y).sum().neg().div(B);
    };
    const { value, grad: g } = valueAndGrad(loss)(theta);

    const tfTheta = tf.tensor1d([...await theta.data()]) as import("@tensorflow/tfjs").Tensor;
    const tfX = tf.tensor2d(xs, [B, 4]);
    const tfY = tf.oneHot(tf.tensor1d(labels, "int32"), 3);
    const act = { relu: tf.relu, tanh: tf.tanh, sigmoid: tf.sigmoid }[activation];
    const tfLoss = (t: typeof tfTheta) => {
      let h: typeof tfX = tfX;
      net.layout.forEach(({ weight, bias }, l) => {
        const W = t.slice(weight.offset, weight.shape[0] * weight.shape[1]).reshape(weight.shape);
        const z = tf.add(tf.matMul(h, W), t.slice(bias.offset, bias.shape[0]));
        h = l === net.layout.length - 1 ? z as typeof tfX : act(z) as typeof tfX;
      });
      return tf.losses.softmaxCrossEntropy(tfY, h);
    };
    const tfGrad = tf.grad(tfLoss)(tfTheta);
    const where = `MLP ${sizes.join("→")} with ${activation}`;
    await assertAllClose([await value.item()], await tfLoss(tfTheta).data(), {
      where,
      dtype: "float32",
    });
    // float32 sums over a batch of 32 in another order: 10× the float32 tolerance
    await assertAllClose(g, await tfGrad.data(), { where, looseness: 10 });
  }
});
