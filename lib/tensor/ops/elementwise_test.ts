import { deepStrictEqual, strictEqual, throws } from "node:assert";
import {
  abs,
  add,
  div,
  DtypeError,
  eq,
  exp,
  gt,
  isNaN,
  log,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  ShapeError,
  sign,
  sqrt,
  square,
  sub,
  tensor,
  where,
} from "../mod.ts";
import { assertAllClose, backendTest } from "../../testing/mod.ts";

backendTest("add() broadcasts a column against a row (NumPy rule)", async () => {
  const out = add(tensor([[1], [2], [3]]), tensor([10, 20]));
  deepStrictEqual(out.shape, [3, 2]);
  deepStrictEqual(await out.array(), [[11, 21], [12, 22], [13, 23]]);
});

backendTest("binary ops broadcast over leading and inner axes of length 1", async () => {
  const a = tensor([[[1, 2]], [[3, 4]]]); // [2,1,2]
  const b = tensor([[10, 20], [30, 40], [50, 60]]); // [3,2]
  const out = sub(b, a);
  deepStrictEqual(out.shape, [2, 3, 2]);
  deepStrictEqual(await out.array(), [
    [[9, 18], [29, 38], [49, 58]],
    [[7, 16], [27, 36], [47, 56]],
  ]);
});

backendTest("numbers act as 0-d tensors on either side", async () => {
  const x = tensor([1, 2, 4]);
  deepStrictEqual(await sub(1, x).array(), [0, -1, -3]);
  deepStrictEqual(await div(8, x).array(), [8, 4, 2]);
  deepStrictEqual(await mul(x, 0.5).array(), [0.5, 1, 2]);
  deepStrictEqual(await pow(x, 2).array(), [1, 4, 16]);
});

backendTest("unary ops match Math on representable values", async () => {
  const x = tensor([-2, -0.5, 0, 0.25, 3]);
  await assertAllClose(neg(x), [2, 0.5, -0, -0.25, -3]);
  await assertAllClose(abs(x), [2, 0.5, 0, 0.25, 3]);
  await assertAllClose(sign(x), [-1, -1, 0, 1, 1]);
  await assertAllClose(square(x), [4, 0.25, 0, 0.0625, 9]);
  await assertAllClose(exp(x), [-2, -0.5, 0, 0.25, 3].map(Math.exp));
  await assertAllClose(sqrt(tensor([0, 0.25, 4])), [0, 0.5, 2]);
  await assertAllClose(log(tensor([1, Math.E, 0.5])), [0, 1, Math.log(0.5)]);
});

backendTest("comparisons give bool tensors that where() selects with", async () => {
  const x = tensor([-1, 0, 2]);
  const positive = gt(x, 0);
  strictEqual(positive.dtype, "bool");
  deepStrictEqual(await positive.array(), [0, 0, 1]);
  deepStrictEqual(await eq(x, 0).array(), [0, 1, 0]);
  deepStrictEqual(await where(positive, x, tensor([[10], [20]])).array(), [[10, 10, 2], [
    20,
    20,
    2,
  ]]);
});

backendTest("maximum() and minimum() broadcast", async () => {
  deepStrictEqual(await maximum(tensor([-1, 3]), 0).array(), [0, 3]);
  deepStrictEqual(await minimum(tensor([[1, 5]]), tensor([[2], [4]])).array(), [[1, 2], [1, 4]]);
});

backendTest("int32 arithmetic stays int32; division and pow give float32", async () => {
  const i = tensor([1, 2, 3], { dtype: "int32" });
  strictEqual(add(i, i).dtype, "int32");
  strictEqual(mul(i, 2).dtype, "int32");
  strictEqual(add(i, 0.5).dtype, "float32");
  strictEqual(div(i, 2).dtype, "float32");
  deepStrictEqual(await div(i, 2).array(), [0.5, 1, 1.5]);
  strictEqual(add(i, tensor([1, 1, 1])).dtype, "float32");
});

backendTest("isNaN() finds NaN (NaN propagates through arithmetic)", async () => {
  const x = tensor([1, NaN]).mul(2);
  deepStrictEqual(await isNaN(x).array(), [0, 1]);
});

Deno.test("add() refuses shapes that do not broadcast, quoting both", () => {
  throws(
    () => add(tensor([[1, 2, 3], [4, 5, 6]]), tensor([[1, 2], [3, 4], [5, 6]])),
    (e: Error) =>
      e instanceof ShapeError &&
      e.message === "Cannot add tensors: shapes [2,3] and [3,2] do not broadcast",
  );
});

Deno.test("exp(), log() and sqrt() refuse int32 with a DtypeError", () => {
  const i = tensor([1, 2], { dtype: "int32" });
  for (const f of [exp, log, sqrt]) {
    throws(
      () => f(i),
      (e: Error) => e instanceof DtypeError && /is not a float dtype/.test(e.message),
    );
  }
});

Deno.test("where() refuses a condition that is not bool", () => {
  throws(
    () => where(tensor([1, 0]), 1, 2),
    (e: Error) => e instanceof DtypeError && /not a bool tensor/.test(e.message),
  );
});

Deno.test("ops refuse a plain array with a hint to wrap it", () => {
  throws(
    () => add(tensor([1]), [1] as unknown as number),
    /an operand is an array \(wrap it with tensor\(\)\)/,
  );
});
