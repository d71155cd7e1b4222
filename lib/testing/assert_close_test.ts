import { ok, rejects, strictEqual } from "node:assert";
import { assertAllClose, KataAssertionError } from "./assert_close.ts";
import { explainError } from "./define_kata.ts";
import { toleranceFor } from "./tolerance.ts";
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

Deno.test("a shape mismatch is reported as such", async () => {
  const error = await assertAllClose(tensor([1, 2, 3]), [1, 2]).then(() => null, (e) => e as Error);
  ok(error?.message.startsWith("Shape mismatch: expected [2], got [3]"), error?.message);
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
