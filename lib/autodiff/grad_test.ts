import { deepStrictEqual, strictEqual, throws } from "node:assert";
import { grad, hvp, valueAndGrad } from "./mod.ts";
import {
  type BackendName,
  concat,
  DtypeError,
  getBackend,
  oneHot,
  Rng,
  ShapeError,
  stack,
  type Tensor,
  tensor,
  uniform,
  ValueError,
  where,
} from "../tensor/mod.ts";
import { assertAllClose, backendTest } from "../testing/mod.ts";

/** Asserts that `fn` throws a `kind` whose message contains `text`. */
function refuses(fn: () => unknown, kind: new (...args: never[]) => Error, text: string): void {
  throws(fn, (e: unknown) => e instanceof kind && e.message.includes(text));
}

// Closed forms worked by hand. Each comment gives the derivation.

backendTest("grad of Σ xᵢ² is 2x, and valueAndGrad returns the value", async () => {
  const { value, grad: g } = valueAndGrad((x) => x.square().sum())(tensor([1, -2, 3]));
  strictEqual(await value.item(), 14);
  deepStrictEqual(await g.array(), [2, -4, 6]);
});

backendTest("grad of a broadcast add sums the gradient over the stretched axis", async () => {
  // L = Σᵢⱼ (Aᵢⱼ + bⱼ)·Cᵢⱼ  ⇒  ∂L/∂bⱼ = Σᵢ Cᵢⱼ (the column sums of C)
  const A = tensor([[1, 2, 3], [4, 5, 6]]);
  const C = tensor([[1, 10, 100], [2, 20, 200]]);
  const g = grad((b) => A.add(b).mul(C).sum())(tensor([0.5, 0.5, 0.5]));
  deepStrictEqual(await g.array(), [3, 30, 300]);
  // and a [2,1] column stretched over 3 columns: ∂L/∂cᵢ = Σⱼ Cᵢⱼ
  const gc = grad((c) => A.add(c).mul(C).sum())(tensor([[0], [0]]));
  deepStrictEqual(await gc.array(), [[111], [222]]);
});

backendTest("grad of a matmul loss: ∂/∂W Σ G⊙(X·W) = Xᵀ·G", async () => {
  // X = [[1,2],[3,4],[5,6]], G = [[1,0],[0,1],[1,1]]
  // Xᵀ·G = [[1·1+3·0+5·1, 1·0+3·1+5·1], [2·1+4·0+6·1, 2·0+4·1+6·1]] = [[6, 8], [8, 10]]
  const X = tensor([[1, 2], [3, 4], [5, 6]]);
  const G = tensor([[1, 0], [0, 1], [1, 1]]);
  const g = grad((W) => X.matmul(W).mul(G).sum())(tensor([[0.1, 0.2], [0.3, 0.4]]));
  deepStrictEqual(await g.array(), [[6, 8], [8, 10]]);
  // and with respect to X: G·Wᵀ, W = [[1,2],[3,4]] ⇒ rows [1,3], [2,4], [3,7]
  const W = tensor([[1, 2], [3, 4]]);
  const gx = grad((x) => x.matmul(W).mul(G).sum())(X);
  deepStrictEqual(await gx.array(), [[1, 3], [2, 4], [3, 7]]);
});

backendTest("grad of softmax cross-entropy built from library ops is (p − y)/B", async () => {
  // L = −(1/B) Σᵦ Σₖ yᵦₖ log pᵦₖ with p = softmax(z) ⇒ ∂L/∂z = (p − y)/B (lecture, kata 07)
  const z0 = [[1, 2, 3], [1, -1, 0.5]];
  const labels = [2, 0];
  const y = oneHot(labels, 3);
  const loss = (z: Tensor) => {
    const shifted = z.sub(z.max(1, true));
    const logp = shifted.sub(shifted.exp().sum(1, true).log());
    return logp.mul(y).sum().neg().div(2);
  };
  const g = await grad(loss)(tensor(z0)).array() as number[][];
  const expected = z0.map((row, b) => {
    const e = row.map((v) => Math.exp(v));
    const s = e.reduce((u, v) => u + v);
    return e.map((v, k) => (v / s - (k === labels[b] ? 1 : 0)) / 2);
  });
  await assertAllClose(g, expected, { dtype: "float32" });
});

backendTest(
  "max ties share the gradient equally; maximum ties go to the first operand",
  async () => {
    // max over [1, 3, 3]: the two 3s tie, each gets 1/2
    deepStrictEqual(await grad((x) => x.max())(tensor([1, 3, 3])).array(), [0, 0.5, 0.5]);
    deepStrictEqual(await grad((x) => x.min(1).sum())(tensor([[2, 1], [0, 0]])).array(), [
      [0, 1],
      [0.5, 0.5],
    ]);
    // maximum(x, 0) at x = 0 sends the gradient to x (TensorFlow's convention)
    deepStrictEqual(await grad((x) => x.maximum(0).sum())(tensor([-1, 0, 2])).array(), [0, 1, 1]);
  },
);

backendTest(
  "shape ops route the gradient back: reshape, transpose, slice, concat, stack, gather",
  async () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    const w = tensor([[1, 2], [3, 4], [5, 6]]);
    // Σ xᵀ⊙w ⇒ ∂/∂x = wᵀ
    deepStrictEqual(await grad((x) => x.transpose().mul(w).sum())(x).array(), [[1, 3, 5], [
      2,
      4,
      6,
    ]]);
    deepStrictEqual(await grad((x) => x.reshape([3, 2]).mul(w).sum())(x).array(), [[1, 2, 3], [
      4,
      5,
      6,
    ]]);
    // a slice takes the gradient in its box only
    deepStrictEqual(await grad((x) => x.slice([0, 1], [2, 1]).mul(10).sum())(x).array(), [
      [0, 10, 0],
      [0, 10, 0],
    ]);
    // concat [x, 2x] along axis 1, weighted by column index 0..5
    const cols = tensor([0, 1, 2, 3, 4, 5]);
    const gc = grad((x) => concat([x, x.mul(2)], 1).mul(cols).sum())(x);
    deepStrictEqual(await gc.array(), [[6, 9, 12], [6, 9, 12]]); // j + 2(j + 3)
    const gs = grad((x) => stack([x, x], 0).sum())(x);
    deepStrictEqual(await gs.array(), [[2, 2, 2], [2, 2, 2]]);
    // gather rows 1, 1, 0: row 1 counted twice
    deepStrictEqual(await grad((x) => x.gather([1, 1, 0]).sum())(x).array(), [[1, 1, 1], [
      2,
      2,
      2,
    ]]);
    // gather along axis 1 with a 2-D index
    const gi = grad((x) => x.gather(tensor([[2, 2], [0, 1]], { dtype: "int32" }), 1).sum())(x);
    deepStrictEqual(await gi.array(), [[1, 1, 2], [1, 1, 2]]); // columns 2, 2, 0, 1 of each row
    deepStrictEqual(await grad((x) => x.unsqueeze(0).squeeze(0).sum())(x).array(), [
      [1, 1, 1],
      [1, 1, 1],
    ]);
  },
);

backendTest("where sends the gradient to the branch it took; numbers take none", async () => {
  const x = tensor([-2, 3]);
  const g = grad((x) => where(x.gt(0), x.mul(5), x.square()).sum())(x);
  deepStrictEqual(await g.array(), [-4, 5]);
});

backendTest("element-wise math: exp, log, sqrt, abs, neg, div, pow, sub", async () => {
  const x = tensor([1, 4]);
  // d/dx [eˣ + ln x + √x + |x| − x + 1/x + x³] = eˣ + 1/x + 1/(2√x) + 1 − 1 − 1/x² + 3x²
  const f = (x: Tensor) =>
    x.exp().add(x.log()).add(x.sqrt()).add(x.abs()).add(x.neg()).add(tensor(1).div(x))
      .add(x.pow(3)).sum();
  const expected = [1, 4].map((v) =>
    Math.exp(v) + 1 / v + 1 / (2 * Math.sqrt(v)) - 1 / v ** 2 + 3 * v * v
  );
  await assertAllClose(grad(f)(x), expected);
  // d/db aᵇ = aᵇ ln a with a = 2, b = 3
  await assertAllClose(grad((b) => tensor(2).pow(b).sum())(tensor([3])), [8 * Math.log(2)]);
});

backendTest(
  "float64 gradients stay float64, and a cast to float64 passes the gradient back",
  async ({ backend }) => {
    if (backend !== "cpu") return;
    const x = tensor([1, 2], { dtype: "float64" });
    const g = grad((x) => x.mul(1 / 3).sum())(x);
    strictEqual(g.dtype, "float64");
    deepStrictEqual(await g.array(), [1 / 3, 1 / 3]);
    const g32 = grad((x) => x.cast("float64").mul(1 / 3).sum())(tensor([1, 2]));
    strictEqual(g32.dtype, "float32");
  },
  { dtype: "float64" },
);

backendTest("an input f does not use gets zeros", async () => {
  deepStrictEqual(await grad(() => tensor(1).reshape([]))(tensor([1, 2])).array(), [0, 0]);
  deepStrictEqual(await grad((x) => x.sum().mul(0))(tensor([1, 2])).array(), [0, 0]);
});

backendTest("errors: non-scalar value, integer input, ops without a gradient", async () => {
  const x = tensor([1, 2, 3]);
  refuses(
    () => grad((x) => x.mul(2))(x),
    ShapeError,
    "Cannot take grad: f returned shape [3]; expected a scalar",
  );
  refuses(() => grad((x) => x.sum())(tensor([1, 2], { dtype: "int32" })), DtypeError, "int32");
  refuses(() => grad((x) => x.argmax().cast("float32"))(x), ValueError, "argmax");
  refuses(() => grad((x) => x.gt(1).cast("float32").mul(x).sum())(x), ValueError, "gt");
  refuses(
    () => grad((x) => x.cast("int32").cast("float32").sum())(x),
    ValueError,
    "cast to int32",
  );
  // a comparison used as a condition is fine: no gradient flows into it
  deepStrictEqual(await grad((x) => where(x.gt(1), x, 0).sum())(x).array(), [0, 1, 1]);
});

backendTest(
  "gradients of gradients: hvp of a cubic, and grad(grad) of a scalar function",
  async () => {
    // f(x) = x₀²x₁ + x₁³ ⇒ H = [[2x₁, 2x₀], [2x₀, 6x₁]]; at (1, 2): H·(1, 1) = (4 + 2, 2 + 12)
    const f = (x: Tensor) => {
      const [a, b] = [x.slice([0], [1]), x.slice([1], [1])];
      return a.square().mul(b).add(b.pow(3)).sum();
    };
    deepStrictEqual(await hvp(f, tensor([1, 2]), tensor([1, 1])).array(), [6, 14]);
    // d²/dx² sum(exp(x)) = exp(x), through tanh-free math only
    const second = grad((x) => grad((y) => y.exp().sum())(x).sum());
    await assertAllClose(second(tensor([0, 1])), [1, Math.E]);
    // third order: d³/dx³ x⁴ = 24x
    const third = grad((x) => grad((y) => grad((z) => z.pow(4).sum())(y).sum())(x).sum());
    await assertAllClose(third(tensor([0.5, 2])), [12, 48]);
  },
);

backendTest("hvp refuses a direction of another shape", () => {
  refuses(
    () => hvp((x) => x.sum(), tensor([1, 2]), tensor([1])),
    ShapeError,
    "v has shape [1] and x has shape [2]",
  );
});

/** Runs `calls` valueAndGrad calls (after 3 to warm caches up) and returns liveBuffers() before and after. */
function liveBuffersAround(
  backend: BackendName,
  f: (x: Tensor) => Tensor,
  x: Tensor,
  calls: number,
) {
  const run = () => {
    const { value, grad: g } = valueAndGrad(f)(x);
    value.dispose();
    g.dispose();
  };
  for (let i = 0; i < 3; i++) run();
  const before = getBackend(backend).liveBuffers();
  for (let i = 0; i < calls; i++) run();
  return { before, after: getBackend(backend).liveBuffers() };
}

backendTest(
  "no leaks: 10,000 valueAndGrad calls leave liveBuffers() where they were",
  ({ backend }) => {
    const rng = new Rng(1);
    const X = uniform(rng, [8, 4], { low: -1 });
    const w = uniform(rng, [4, 3], { low: -1 });
    const f = (w: Tensor) => X.matmul(w).maximum(0).square().mean();
    const calls = backend === "cpu" ? 10_000 : 500; // llvmpipe is slow; the count must not move either way
    const { before, after } = liveBuffersAround(backend, f, w, calls);
    strictEqual(after, before);
    // and a failing f leaks nothing either
    throws(() => grad((w) => X.matmul(w))(w), ShapeError);
    strictEqual(getBackend(backend).liveBuffers(), before);
    // tensors of 1,024 entries and more come from (and go back to) the CPU's pool of
    // released arrays, not its small-array slab: that path leaks nothing either
    const big = uniform(rng, [256, 8], { low: -1 });
    const wide = uniform(rng, [8, 4], { low: -1 });
    const bigLoss = (w: Tensor) => big.matmul(w).maximum(0).square().mean();
    const pooled = liveBuffersAround(backend, bigLoss, wide, backend === "cpu" ? 1000 : 50);
    strictEqual(pooled.after, pooled.before);
  },
);

backendTest("ops after grad() are not recorded, and f's intermediates are released", async () => {
  const x = tensor([1, 2]);
  let inside: Tensor | undefined;
  grad((x) => {
    inside = x.mul(2);
    return inside.sum();
  })(x);
  strictEqual(inside!.isDisposed, true);
  strictEqual(x.isDisposed, false);
  deepStrictEqual(await x.mul(3).array(), [3, 6]);
});
