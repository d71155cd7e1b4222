import { strictEqual } from "node:assert";
import { eigh, matmul, normal, Rng, ShapeError, tensor, transpose, ValueError } from "../mod.ts";
import { assertAllClose, backendTest } from "../../testing/mod.ts";

backendTest("eigh() of a diagonal matrix gives its sorted diagonal and unit axes", async () => {
  const { eigenvalues, eigenvectors } = await eigh(tensor([[3, 0, 0], [0, -1, 0], [0, 0, 2]]));
  await assertAllClose(eigenvalues, [-1, 2, 3]);
  const v = (await eigenvectors.array()) as number[][];
  // Columns are ±e2, ±e3, ±e1.
  await assertAllClose(v.map((row) => row.map(Math.abs)), [[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
});

backendTest("eigh() of [[a, b], [b, c]] matches the closed form", async () => {
  // λ = (a + c)/2 ± sqrt(((a − c)/2)² + b²); for a = 2, b = 1, c = −1:
  // (0.5 ± sqrt(2.25 + 1)) = 0.5 ± 1.8027756.
  const { eigenvalues } = await eigh(tensor([[2, 1], [1, -1]]));
  await assertAllClose(eigenvalues, [0.5 - Math.sqrt(3.25), 0.5 + Math.sqrt(3.25)]);
});

backendTest("eigh() handles repeated eigenvalues with orthonormal vectors", async () => {
  // 2I + 𝟙𝟙ᵀ on 3 axes: eigenvalues 2, 2, 5.
  const A = tensor([[3, 1, 1], [1, 3, 1], [1, 1, 3]]);
  const { eigenvalues, eigenvectors } = await eigh(A);
  await assertAllClose(eigenvalues, [2, 2, 5]);
  await assertAllClose(matmul(transpose(eigenvectors), eigenvectors), [[1, 0, 0], [0, 1, 0], [
    0,
    0,
    1,
  ]]);
});

backendTest("eigh() reconstructs random symmetric matrices: A ≈ VΛVᵀ and VᵀV ≈ I", async () => {
  const rng = new Rng(11);
  for (const n of [2, 5, 12]) {
    const B = normal(rng, [n, n], { dtype: "float64" });
    const A = B.add(transpose(B)).div(2);
    const { eigenvalues, eigenvectors: V } = await eigh(A);
    const values = (await eigenvalues.array()) as number[];
    strictEqual(values.every((v, i) => i === 0 || values[i - 1] <= v), true, "ascending");
    const VL = V.mul(eigenvalues); // scales column j by λ_j
    await assertAllClose(matmul(VL, transpose(V)), A, { where: `reconstruction n=${n}` });
    const identity = Array.from(
      { length: n },
      (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
    );
    await assertAllClose(matmul(transpose(V), V), identity, { where: `orthonormality n=${n}` });
  }
}, { dtype: "float64" });

Deno.test("eigh() refuses NaN, non-square and non-symmetric input", async () => {
  await eigh(tensor([[1, NaN], [NaN, 1]])).then(
    () => {
      throw new Error("accepted NaN");
    },
    (e) =>
      strictEqual(
        e instanceof ValueError && /entry \[0,1\] is NaN/.test(e.message),
        true,
        String(e),
      ),
  );
  await eigh(tensor([[1, 2, 3]])).then(
    () => {
      throw new Error("accepted [1,3]");
    },
    (e) =>
      strictEqual(
        e instanceof ShapeError && /shape \[1,3\] is not a square matrix/.test(e.message),
        true,
      ),
  );
  await eigh(tensor([[1, 2], [0, 1]])).then(
    () => {
      throw new Error("accepted a non-symmetric matrix");
    },
    (e) => strictEqual(e instanceof ValueError && /is not symmetric/.test(e.message), true),
  );
});
