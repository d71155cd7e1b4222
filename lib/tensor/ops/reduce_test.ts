import { deepStrictEqual, strictEqual, throws } from "node:assert";
import {
  argmax,
  argmin,
  DtypeError,
  max,
  mean,
  min,
  norm,
  Rng,
  ShapeError,
  sum,
  tensor,
  uniform,
  ValueError,
  zeros,
} from "../mod.ts";
import { assertAllClose, assertClose, backendTest } from "../../testing/mod.ts";

const X = [[1, 2, 3], [4, 5, 6]];

backendTest("sum() over all axes, one axis, several, with keepDims", async () => {
  const x = tensor(X);
  strictEqual(await sum(x).item(), 21);
  deepStrictEqual(await sum(x, 0).array(), [5, 7, 9]);
  deepStrictEqual(await sum(x, -1).array(), [6, 15]);
  deepStrictEqual(await sum(x, 1, true).array(), [[6], [15]]);
  deepStrictEqual(sum(x, [0, 1], true).shape, [1, 1]);
});

backendTest("mean(), max(), min() over an axis", async () => {
  const x = tensor(X);
  deepStrictEqual(await mean(x, 0).array(), [2.5, 3.5, 4.5]);
  deepStrictEqual(await max(x, 1).array(), [3, 6]);
  deepStrictEqual(await min(x, 0).array(), [1, 2, 3]);
  strictEqual(await max(x).item(), 6);
});

backendTest("argmax() and argmin() give int32 indices, the first on ties", async () => {
  const x = tensor([[1, 7, 7], [9, 0, 9]]);
  const index = argmax(x, 1);
  strictEqual(index.dtype, "int32");
  deepStrictEqual(await index.array(), [1, 0]);
  deepStrictEqual(await argmin(x, 1).array(), [0, 1]);
  strictEqual(await argmax(x).item(), 3);
});

backendTest("norm() is the Euclidean length", async () => {
  await assertClose(norm(tensor([3, 4])), 5);
  await assertAllClose(norm(tensor([[3, 4], [6, 8]]), 1), [5, 10]);
});

backendTest(
  "sum() of a million float32 values is within 1e-5 relative of the float64 sum",
  async () => {
    const x = uniform(new Rng(1), [1_000_000]);
    const exact = Array.from(await x.data()).reduce((acc, v) => acc + v, 0); // float64 accumulation
    const total = await sum(x).item();
    const relative = Math.abs(total - exact) / exact;
    strictEqual(relative < 1e-5, true, `relative error ${relative}`);
  },
);

backendTest("max() propagates NaN", async () => {
  strictEqual(Number.isNaN(await max(tensor([1, NaN, 3])).item()), true);
});

Deno.test("reductions that need elements refuse an empty tensor", () => {
  const empty = zeros([0, 3]);
  for (
    const f of [() => mean(empty, 0), () => max(empty, 0), () => argmax(empty, 0), () => min(empty)]
  ) {
    throws(
      f,
      (e: Error) =>
        e instanceof ValueError &&
        /Cannot take the (mean|max|min|argmax) of a tensor: .*\[0,3\]/.test(e.message),
    );
  }
  deepStrictEqual(sum(empty, 0).dataSync(), new Float32Array([0, 0, 0]));
});

Deno.test("reductions refuse an axis out of range", () => {
  throws(
    () => sum(tensor(X), 2),
    (e: Error) =>
      e instanceof ShapeError &&
      e.message === "Cannot sum a tensor: axis 2 is out of range for a tensor with 2 axes",
  );
});

Deno.test("mean() and norm() refuse int32 (a float is needed)", () => {
  const i = tensor([1, 2], { dtype: "int32" });
  throws(() => mean(i), DtypeError);
  throws(() => norm(i), DtypeError);
});
