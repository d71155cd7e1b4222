import { caseName, parseCaseName } from "../core/case_name.ts";
import { deepStrictEqual, ok, rejects, strictEqual, throws } from "node:assert";
import { assertAllClose, assertClose, KataAssertionError } from "./assert_close.ts";
import { explainError, prerequisite, requestedBackends } from "./define_kata.ts";
import { setCaseDtype, toleranceFor } from "./tolerance.ts";
import { NotImplementedError } from "../kata/not_implemented.ts";
import { tensor } from "../tensor/mod.ts";

Deno.test("assertAllClose() passes within the dtype's tolerance and fails outside it", async () => {
  await assertAllClose(tensor([1, 2]), [1 + 5e-5, 2]); // float32: rtol 1e-4
  await rejects(assertAllClose(tensor([1, 2]), [1.001, 2]), KataAssertionError);
  await rejects(assertAllClose(tensor([1], { dtype: "float64" }), [1 + 1e-6]), KataAssertionError);
});

Deno.test("a failure names shape, first mismatching entries, max errors and where", async () => {
  const error = await assertAllClose(tensor([[1, 2], [3, 4]]), [[1, 2.5], [3, 5]], {
    where: "adam() step 2, params",
  })
    .then(() => null, (e) => e as Error);
  ok(error);
  const m = error.message;
  ok(
    m.includes("Values differ in adam() step 2, params (shape [2,2], float32): 2 of 4 entries"),
    m,
  );
  ok(m.includes("entry [0,1]: expected 2.500000, got 2"), m);
  ok(m.includes("entry [1,1]: expected 5, got 4"), m);
  ok(m.includes("max abs error 1, max rel error 0.2000000"), m);
});

Deno.test("a failure that matches a known mistake names it", async () => {
  const error = await assertAllClose([0.684], [0.9], {
    mistakes: [{
      name: "Adam without bias correction",
      explanation: "divide m by 1−β1^t",
      values: [0.684],
    }],
  }).then(() => null, (e) => e as Error);
  ok(
    error?.message.includes("Likely mistake — Adam without bias correction: divide m by 1−β1^t"),
    error?.message,
  );
});

Deno.test("a shape mismatch names the function, the shape it returned and the one expected", async () => {
  const error = await assertAllClose(tensor([1, 2, 3]), [1, 2], { where: "f()" })
    .then(() => null, (e) => e as Error);
  ok(error?.message.startsWith("f() returned shape [3]; expected shape [2]"), error?.message);
  const scalar = await assertClose(tensor([0.5, 0.7]), 0.6, { where: "crossEntropy()" })
    .then(() => null, (e) => e as Error);
  ok(scalar instanceof KataAssertionError, String(scalar));
  strictEqual(scalar.message, "crossEntropy() returned shape [2]; expected a scalar (shape [])");
});

Deno.test("a shape error names no mistake unless the mistake predicts that exact shape", async () => {
  const mistake = (values: number[] | number[][]) => ({ name: "M", explanation: "e", values });
  const wrongShape = await assertAllClose(tensor([[1, 2]]), [1, 3], {
    mistakes: [mistake([1, 2])],
  }).then(() => null, (e) => e as Error);
  ok(!wrongShape?.message.includes("Likely mistake"), wrongShape?.message);
  const predicted = await assertAllClose(tensor([[1, 2]]), [1, 3], {
    mistakes: [mistake([[1, 2]])],
  }).then(() => null, (e) => e as Error);
  ok(predicted?.message.includes("Likely mistake — M"), predicted?.message);
});

Deno.test("a NaN or an infinity never matches a known mistake by itself", async () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    const error = await assertAllClose([bad, 1], [2, 1], {
      mistakes: [{ name: "M", explanation: "e", values: [bad, 1] }],
    }).then(() => null, (e) => e as Error);
    ok(error && !error.message.includes("Likely mistake"), error?.message);
  }
});

Deno.test("inside a case the tolerance and the expected dtype come from the case's dtype", async () => {
  const previous = setCaseDtype("float32");
  try {
    await assertAllClose([1 + 5e-5], [1]); // plain numbers: float32 tolerance
    const error = await assertAllClose(tensor([1], { dtype: "float64" }), [1], {
      where: "step()",
    }).then(() => null, (e) => e as Error);
    ok(
      error?.message.startsWith("step() returned a float64 tensor; expected float32"),
      error?.message,
    );
    await assertAllClose(tensor([1], { dtype: "float64" }), [1], { dtype: "float64" }); // by hand: old way
  } finally {
    setCaseDtype(previous);
  }
  await rejects(assertAllClose([1 + 5e-5], [1]), KataAssertionError); // outside a case: float64
});

Deno.test("an unknown --backend value is refused with the valid ones", () => {
  deepStrictEqual(requestedBackends([]), ["cpu", "webgpu"]);
  deepStrictEqual(requestedBackends(["--backend=webgpu"]), ["webgpu"]);
  throws(
    () => requestedBackends(["--backend=gpu"]),
    /^BackendError: Cannot run the cases: --backend=gpu is not a backend \(valid values: cpu, webgpu; leave --backend out to run on both\)$/,
  );
});

Deno.test("a case waiting on an earlier kata is named so, parseably", async () => {
  const stub = await prerequisite("01", () => {
    throw new NotImplementedError("kata 01: numericalGradient()");
  });
  strictEqual(stub.ready, false);
  strictEqual((await prerequisite(1, () => false)).ready, false);
  strictEqual((await prerequisite(1, () => true)).ready, true);
  const parts = parseCaseName(caseName({ name: "x", backend: "cpu", waiting: "01" }));
  deepStrictEqual([parts?.backend, parts?.waiting], ["cpu", "01"]);
});

Deno.test("stub errors read 'not implemented yet', an earlier kata's 'needs kata NN'", () => {
  const stub = new NotImplementedError("kata 05: adam() — see katas/05_adam/README.md");
  strictEqual(
    (explainError(stub, "05") as Error).message,
    "not implemented yet: kata 05 — adam() (see katas/05_adam/README.md)",
  );
  strictEqual(
    (explainError(stub, "06") as Error).message,
    "needs kata 05: adam() is not implemented yet (see katas/05_adam/README.md)",
  );
  const other = new Error("boom");
  strictEqual(explainError(other, "05"), other);
});

Deno.test("tolerances come from the dtype", () => {
  strictEqual(toleranceFor("float32").rtol, 1e-4);
  strictEqual(toleranceFor("float64").rtol, 1e-9);
  strictEqual(toleranceFor("int32").rtol, 0);
  strictEqual(toleranceFor("float32", 10).atol, 1e-4);
});
