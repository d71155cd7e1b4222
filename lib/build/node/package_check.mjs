// Runs under Node's own test runner (`node --test`) against the npm package
// installed from its packed tarball, as @deno/dnt's generated tests would: a
// representative subset of the library's tests on the CPU backend. Expected
// values that must match Deno's (the seeded Rng) come from expected.json,
// written by lib/build/test_npm.ts from the same code running in Deno.
import { test } from "node:test";
import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { readFileSync } from "node:fs";
import {
  arange,
  DtypeError,
  eigh,
  eye,
  Rng,
  ShapeError,
  Tensor,
  tensor,
  uniform,
  useBackend,
  zeros,
} from "@grad-dojo/grad-dojo";
import * as tensorEntry from "@grad-dojo/grad-dojo/tensor";

const expected = JSON.parse(readFileSync(new URL("./expected.json", import.meta.url), "utf8"));

/** Rounds to float32 precision's worth of digits for comparisons. */
const close = (a, b, tol = 1e-5) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test("auto picks the CPU where Node has no navigator.gpu, printing nothing", async () => {
  const printed = [];
  const saved = { log: console.log, warn: console.warn, error: console.error };
  for (const k of Object.keys(saved)) console[k] = (...a) => printed.push(a.join(" "));
  try {
    const { backend, note } = await useBackend("auto");
    strictEqual(backend.name, "cpu");
    ok(
      /navigator\.gpu is missing \(this runtime has no WebGPU\)/.test(note),
      `the note says why: ${note}`,
    );
  } finally {
    Object.assign(console, saved);
  }
  deepStrictEqual(printed, []);
});

test("creation: tensor, zeros, eye, arange keep shape and dtype", async () => {
  const t = tensor([[1, 2, 3], [4, 5, 6]]);
  deepStrictEqual(t.shape, [2, 3]);
  strictEqual(t.dtype, "float32");
  deepStrictEqual(await zeros([2], { dtype: "int32" }).array(), [0, 0]);
  deepStrictEqual(await eye(2).array(), [[1, 0], [0, 1]]);
  deepStrictEqual(await arange(0, 4).array(), [0, 1, 2, 3]);
  ok(t instanceof Tensor);
  strictEqual(tensorEntry.Tensor, Tensor, "one Tensor class behind every entry point");
});

test("element-wise ops broadcast a row over a column, with numbers as scalars", async () => {
  const column = tensor([[1], [2]]);
  const row = tensor([10, 20, 30]);
  deepStrictEqual(await column.add(row).array(), [[11, 21, 31], [12, 22, 32]]);
  deepStrictEqual(await row.mul(2).sub(1).array(), [19, 39, 59]);
});

test("reductions over an axis, with keepDims", async () => {
  const x = tensor([[1, 2], [3, 4]]);
  strictEqual(await x.sum().item(), 10);
  deepStrictEqual(await x.mean(0).array(), [2, 3]);
  deepStrictEqual(await x.max(1, true).array(), [[2], [4]]);
});

test("matmul of [2,3] by [3,2] matches the hand-worked product", async () => {
  const a = tensor([[1, 2, 3], [4, 5, 6]]);
  const b = tensor([[7, 8], [9, 10], [11, 12]]);
  // [1·7+2·9+3·11, 1·8+2·10+3·12] = [58, 64]; [4·7+5·9+6·11, …] = [139, 154]
  deepStrictEqual(await a.matmul(b).array(), [[58, 64], [139, 154]]);
});

test("eigh of [[2,1],[1,2]] gives eigenvalues 1 and 3, ascending", async () => {
  const { eigenvalues: values, eigenvectors: vectors } = await eigh(tensor([[2, 1], [1, 2]]));
  const v = await values.array();
  ok(close(v[0], 1) && close(v[1], 3), `eigenvalues ${v}`);
  deepStrictEqual(vectors.shape, [2, 2]);
});

test("errors keep their class and the 'Cannot …' wording", () => {
  throws(() => tensor([[1, 2, 3], [4, 5, 6]]).add(tensor([[1, 2], [3, 4], [5, 6]])), (e) => {
    ok(e instanceof ShapeError, e.name);
    ok(/^Cannot add tensors: shapes \[2,3\] and \[3,2\] do not broadcast/.test(e.message));
    return true;
  });
  throws(() => tensor([1, 2], { dtype: "int32" }).exp(), DtypeError);
});

test("a seeded Rng draws the same numbers as in Deno", async () => {
  const drawn = await uniform(new Rng(expected.seed), [5]).data();
  for (let i = 0; i < 5; i++) {
    strictEqual(drawn[i], expected.uniform[i], `uniform[${i}]`);
  }
  deepStrictEqual(new Rng(expected.seed).permutation(6), expected.permutation);
});

test("autodiff: grad of Σx² is 2x, and an MLP's θ has the documented size", async () => {
  const { grad } = await import("@grad-dojo/grad-dojo/autodiff");
  const { mlp } = await import("@grad-dojo/grad-dojo/nn");
  const x = tensor([1, -2, 3]);
  deepStrictEqual(await grad((v) => v.square().sum())(x).array(), [2, -4, 6]);
  // 4→5→3: weights 4·5 + 5·3 = 35, biases 5 + 3 = 8.
  strictEqual(
    mlp({ sizes: [4, 5, 3], activation: "relu", init: "he", rng: new Rng(1) })
      .parameterCount,
    43,
  );
});
