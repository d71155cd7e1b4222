import { deepStrictEqual, strictEqual, throws } from "node:assert";
import {
  arange,
  BackendError,
  concat,
  DtypeError,
  gather,
  oneHot,
  reshape,
  ShapeError,
  slice,
  squeeze,
  stack,
  tensor,
  transpose,
  unsqueeze,
  zeros,
} from "../mod.ts";
import { backendTest } from "../../testing/mod.ts";

backendTest("reshape() infers one -1 length and shares storage", async () => {
  const x = arange(6);
  const y = reshape(x, [-1, 3]);
  deepStrictEqual(y.shape, [2, 3]);
  strictEqual(y.storage, x.storage);
  deepStrictEqual(await y.array(), [[0, 1, 2], [3, 4, 5]]);
});

backendTest("transpose() reverses axes or follows a permutation", async () => {
  const x = reshape(arange(6), [1, 2, 3]);
  deepStrictEqual(await transpose(reshape(arange(6), [2, 3])).array(), [[0, 3], [1, 4], [2, 5]]);
  const y = transpose(x, [2, 0, 1]);
  deepStrictEqual(y.shape, [3, 1, 2]);
  deepStrictEqual(await y.array(), [[[0, 3]], [[1, 4]], [[2, 5]]]);
});

backendTest("squeeze() and unsqueeze() add and drop axes of length 1", () => {
  deepStrictEqual(squeeze(zeros([1, 3, 1])).shape, [3]);
  deepStrictEqual(squeeze(zeros([1, 3, 1]), -1).shape, [1, 3]);
  deepStrictEqual(unsqueeze(zeros([3]), -1).shape, [3, 1]);
});

backendTest("concat() and stack() join along an axis", async () => {
  const a = tensor([[1, 2]]);
  const b = tensor([[3, 4], [5, 6]]);
  deepStrictEqual(await concat([a, b]).array(), [[1, 2], [3, 4], [5, 6]]);
  deepStrictEqual(await concat([tensor([[1], [2]]), tensor([[3], [4]])], 1).array(), [[1, 3], [
    2,
    4,
  ]]);
  deepStrictEqual(await stack([tensor([1, 2]), tensor([3, 4])], 1).array(), [[1, 3], [2, 4]]);
});

backendTest("slice() takes a box; -1 runs to the end", async () => {
  const x = reshape(arange(12), [3, 4]);
  deepStrictEqual(await slice(x, [1, 1], [2, 2]).array(), [[5, 6], [9, 10]]);
  deepStrictEqual(await slice(x, [2]).array(), [[8, 9, 10, 11]]);
});

backendTest("gather() takes rows by index, repeats allowed", async () => {
  const x = tensor([[1, 2], [3, 4], [5, 6]]);
  deepStrictEqual(await gather(x, [2, 0, 2]).array(), [[5, 6], [1, 2], [5, 6]]);
  deepStrictEqual(await gather(x, tensor([1], { dtype: "int32" }), 1).array(), [[2], [4], [6]]);
});

backendTest("oneHot() writes one row per label", async () => {
  deepStrictEqual(await oneHot(tensor([2, 0], { dtype: "int32" }), 3).array(), [[0, 0, 1], [
    1,
    0,
    0,
  ]]);
});

Deno.test("reshape() refuses a different number of elements", () => {
  throws(
    () => reshape(zeros([2, 3]), [4, 2]),
    (e: Error) =>
      e instanceof ShapeError &&
      e.message === "Cannot reshape: shape [2,3] has 6 elements and shape [4,2] has 8",
  );
});

Deno.test("gather() refuses an index out of range, naming it", () => {
  throws(
    () => gather(zeros([3, 2]), [0, 3]),
    (e: Error) =>
      e instanceof ShapeError &&
      e.message === "Cannot gather: index 3 (at position 1) is out of range for axis 0 of length 3",
  );
  throws(() => gather(zeros([3]), tensor([0.5])), DtypeError);
});

Deno.test("oneHot() refuses a label out of range", () => {
  throws(
    () => oneHot([0, 5], 3),
    (e: Error) => e instanceof ShapeError && /index 5 .* depth 3/.test(e.message),
  );
});

Deno.test("concat() refuses mismatched shapes and an empty list", () => {
  throws(
    () => concat([zeros([1, 2]), zeros([1, 3])]),
    /Cannot concat tensors: shapes \[1,2\] and \[1,3\] differ outside axis 0/,
  );
  throws(() => concat([]), /Cannot concat tensors: the list of tensors is empty/);
});

Deno.test("squeeze() refuses an axis whose length is not 1", () => {
  throws(
    () => squeeze(zeros([2, 3]), 0),
    /Cannot squeeze: axis 0 of shape \[2,3\] has length 2, not 1/,
  );
});

Deno.test("a disposed tensor refuses to be used", () => {
  const x = tensor([1, 2]);
  x.dispose();
  throws(
    () => x.add(1),
    (e: Error) => e instanceof BackendError && /Cannot use tensor: it was disposed/.test(e.message),
  );
});
