import { deepStrictEqual, strictEqual, throws } from "node:assert";
import {
  arange,
  DtypeError,
  eye,
  full,
  linspace,
  ones,
  ShapeError,
  tensor,
  ValueError,
  zeros,
} from "./mod.ts";
import { backendTest } from "../testing/mod.ts";

backendTest("tensor() infers shape from nested arrays and dtype from typed arrays", async () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  deepStrictEqual([x.shape, x.dtype, x.size, x.rank], [[2, 3], "float32", 6, 2]);
  deepStrictEqual(await x.array(), [[1, 2, 3], [4, 5, 6]]);
  strictEqual(tensor(new Int32Array([1, 2])).dtype, "int32");
  deepStrictEqual(tensor(new Float32Array(6), { shape: [3, 2] }).shape, [3, 2]);
  deepStrictEqual(tensor(5).shape, []);
  strictEqual(tensor([true, false]).dtype, "bool");
});

backendTest("zeros, ones, full, eye, arange and linspace", async () => {
  deepStrictEqual(await zeros([2]).array(), [0, 0]);
  deepStrictEqual(await ones([1, 2]).array(), [[1, 1]]);
  deepStrictEqual(await full([2], -3).array(), [-3, -3]);
  deepStrictEqual(await eye(2).array(), [[1, 0], [0, 1]]);
  deepStrictEqual(await arange(5).array(), [0, 1, 2, 3, 4]);
  strictEqual(arange(3).dtype, "int32");
  deepStrictEqual(await arange(0, 1, 0.25).array(), [0, 0.25, 0.5, 0.75]);
  deepStrictEqual(await linspace(-1, 1, 5).array(), [-1, -0.5, 0, 0.5, 1]);
});

Deno.test("tensor() refuses ragged arrays and non-integers for int32", () => {
  throws(
    () => tensor([[1, 2], [3]]),
    (e: Error) => e instanceof ShapeError && /ragged/.test(e.message),
  );
  throws(
    () => tensor([1.5], { dtype: "int32" }),
    (e: Error) =>
      e instanceof DtypeError && /value 1.5 at index 0 is not an integer/.test(e.message),
  );
  throws(() => tensor([1, 2, 3], { shape: [2, 2] }), /3 values do not fill shape \[2,2\]/);
});

Deno.test("creation refuses negative lengths and a zero step", () => {
  throws(() => zeros([2, -1]), ShapeError);
  throws(() => arange(0, 1, 0), ValueError);
});

Deno.test("dataSync() and item() read CPU tensors synchronously", () => {
  deepStrictEqual([...tensor([1, 2]).dataSync()], [1, 2]);
  strictEqual(tensor([[7]]).itemSync(), 7);
  throws(
    () => tensor([1, 2]).itemSync(),
    /Cannot read item: tensor has shape \[2\] \(2 elements, not 1\)/,
  );
});

Deno.test("float64 lives on the CPU", async () => {
  const x = tensor([0.1], { dtype: "float64" });
  strictEqual(await x.item(), 0.1);
});
