import { deepStrictEqual, throws } from "node:assert";
import { dot, matmul, normal, outer, Rng, ShapeError, tensor } from "../mod.ts";
import { assertAllClose, assertClose, backendTest } from "../../testing/mod.ts";

/** The textbook triple loop in float64: the reference for matmul. */
function naiveMatmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((acc, v, k) => acc + v * b[k][j], 0)));
}

backendTest("matmul() of 2-D operands matches the triple loop", async () => {
  const rng = new Rng(3);
  for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [17, 9, 4]]) {
    const a = normal(rng, [m, k]);
    const b = normal(rng, [k, n]);
    const expected = naiveMatmul(await a.array() as number[][], await b.array() as number[][]);
    await assertAllClose(matmul(a, b), expected, { where: `matmul [${m},${k}]@[${k},${n}]` });
  }
});

backendTest("matmul() treats 1-D operands as row and column vectors", async () => {
  const A = tensor([[1, 2], [3, 4]]);
  const v = tensor([1, 1]);
  deepStrictEqual((matmul(A, v)).shape, [2]);
  deepStrictEqual(await matmul(A, v).array(), [3, 7]);
  deepStrictEqual(await matmul(v, A).array(), [4, 6]);
});

backendTest("dot() and outer() of vectors", async () => {
  await assertClose(dot(tensor([1, 2, 3]), tensor([4, 5, 6])), 32);
  deepStrictEqual(await outer(tensor([1, 2]), tensor([3, 4, 5])).array(), [[3, 4, 5], [6, 8, 10]]);
});

Deno.test("matmul() refuses mismatched inner dimensions, quoting both shapes", () => {
  throws(
    () => matmul(tensor([[1, 2, 3]]), tensor([[1, 2]])),
    (e: Error) =>
      e instanceof ShapeError &&
      e.message ===
        "Cannot multiply matrices: inner dimensions of shapes [1,3] and [1,2] differ (3 and 1)",
  );
});

Deno.test("dot() refuses vectors of different lengths", () => {
  throws(() => dot(tensor([1, 2]), tensor([1, 2, 3])), ShapeError);
});
