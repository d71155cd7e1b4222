import { deepStrictEqual, strictEqual, throws } from "node:assert";
import { caseName, type CaseNameParts, parseCaseName } from "./case_name.ts";
import { ValueError } from "./errors.ts";

Deno.test("parseCaseName() reads back what caseName() writes, whatever the skip reason holds", () => {
  const cases: CaseNameParts[] = [
    { name: "add() broadcasts", backend: "cpu" },
    { name: "add() broadcasts", backend: "webgpu" },
    { name: "matmul [2,3] @ [3,4]", backend: "webgpu" },
    { name: "adam() [b] c", backend: "cpu", hidden: true },
    { name: "x", backend: "webgpu", skipped: "no adapter" },
    { name: "x", backend: "webgpu", skipped: "" },
    { name: "x [cpu] y", backend: "webgpu", skipped: "a reason with ] inside" },
    { name: "x", backend: "webgpu", skipped: "requestAdapter() — returned null [vulkan]" },
    { name: "x — y", backend: "webgpu", skipped: "] [cpu — skipped: nested]", hidden: true },
    { name: "x", backend: "webgpu", skipped: "two\nlines" },
  ];
  for (const parts of cases) {
    const text = caseName(parts);
    deepStrictEqual(parseCaseName(text), parts, text);
  }
});

Deno.test("caseName() writes the format the runner and the grader have always read", () => {
  strictEqual(caseName({ name: "a", backend: "cpu" }), "a [cpu]");
  strictEqual(
    caseName({ name: "a", backend: "webgpu", skipped: "no adapter" }),
    "a [webgpu — skipped: no adapter]",
  );
  strictEqual(caseName({ name: "a", backend: "cpu", hidden: true }), "a [cpu, hidden]");
});

Deno.test("parseCaseName() leaves a name without a backend suffix alone", () => {
  for (const text of ["adam() [b] c", "plain", "x [gpu]", "x [cpu] y", "x [CPU]", "x[cpu]"]) {
    strictEqual(parseCaseName(text), undefined, text);
  }
});

Deno.test("caseName() refuses a name it could not read back, and an unknown backend", () => {
  throws(
    () => caseName({ name: "a [cpu]", backend: "cpu" }),
    (e: Error) => e instanceof ValueError && e.message.startsWith('Cannot name case "a [cpu]"'),
  );
  throws(
    () => caseName({ name: "a", backend: "tpu" as "cpu" }),
    (e: Error) =>
      e instanceof ValueError && e.message.includes('backend "tpu" is not one of cpu, webgpu'),
  );
});
