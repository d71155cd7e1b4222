import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { keyLine, painter, progressBar, renderList, renderResult } from "./render.ts";
import type { KataReport } from "./summary.ts";

const plain = painter(false);

function report(extra: Partial<KataReport>): KataReport {
  return {
    dir: "05_adam",
    status: "failing",
    passed: 1,
    failed: 2,
    skipped: 0,
    compileErrors: [],
    backends: ["cpu"],
    skippedBackends: {},
    typeCheck: "ok",
    ...extra,
  };
}

Deno.test("renderResult() starts with the headline and shows the first failure, then what to edit", () => {
  const lines = renderResult(
    report({
      failure: {
        name: "adam() step 2 [cpu]",
        message: "Values differ\n  entry [0]: expected 1, got 2",
      },
    }),
    {},
    plain,
  );
  deepStrictEqual(lines, [
    "✗ 05_adam — 1 of 3 cases pass",
    "ran on cpu",
    "",
    "First failing case: adam() step 2 [cpu]",
    "    Values differ",
    "      entry [0]: expected 1, got 2",
    "(1 more failing)",
    "",
    "Edit katas/05_adam/adam.ts and save: the tests run again.",
  ]);
});

Deno.test("renderResult() of a kata that does not compile shows file:line and the compiler's excerpt", () => {
  const lines = renderResult(
    report({
      status: "error",
      problem: "the kata does not compile",
      compileErrors: [{
        file: "katas/05_adam/adam.ts",
        line: 4,
        column: 11,
        message: "SyntaxError: Expression expected",
        excerpt: ["4 | const x = ;"],
      }],
    }),
    {},
    plain,
  );
  strictEqual(lines[0], "✗ 05_adam — the kata does not compile");
  ok(
    lines.includes("katas/05_adam/adam.ts:4:11 — SyntaxError: Expression expected"),
    lines.join("\n"),
  );
  ok(lines.includes("    4 | const x = ;"));
});

Deno.test("renderResult() offers the next kata only once the type check agrees", () => {
  const green = report({ status: "passing", passed: 3, failed: 0 });
  const offer = "Green! Press n for the next kata, 06_warmup (or keep refining this one).";
  strictEqual(renderResult(green, { next: "06_warmup" }, plain).at(-1), offer);
  const pending = renderResult({ ...green, typeCheck: "pending" }, { next: "06_warmup" }, plain);
  ok(!pending.includes(offer));
  ok(pending.includes("type check: running…"));
  strictEqual(renderResult(green, {}, plain).at(-1), "Green! Every kata passes. Well done.");
});

Deno.test("renderResult() names the backend that ran, the adapter, and why another was skipped", () => {
  const lines = renderResult(report({ backends: ["cpu", "webgpu"], skippedBackends: {} }), {
    adapter: "llvmpipe",
  }, plain);
  strictEqual(lines[1], "ran on cpu and webgpu (llvmpipe)");
  const forced = renderResult(report({ skippedBackends: { webgpu: "no adapter" } }), {
    forced: "cpu",
  }, plain);
  strictEqual(forced[1], "ran on cpu · webgpu skipped: no adapter · forced with --backend=cpu");
});

Deno.test("renderList() and progressBar() show each kata's state, hints and skips", () => {
  const rows = [
    {
      dir: "01_gradient_hessian",
      state: "passing" as const,
      passed: 8,
      total: 8,
      hints: 3,
      skipped: false,
    },
    {
      dir: "02_critical_points",
      state: "failing" as const,
      passed: 2,
      total: 9,
      hints: 0,
      skipped: true,
    },
    { dir: "03_minibatch_sgd", state: "changed" as const, hints: 0, skipped: false },
    { dir: "04_momentum", state: "missing" as const, hints: 0, skipped: false },
    { dir: "05_adam", state: "failing" as const, passed: 36, total: 36, hints: 0, skipped: false },
    { dir: "06_warmup", state: "waiting" as const, passed: 7, total: 9, hints: 0, skipped: false },
    { dir: "07_softmax_cross_entropy", state: "unchecked" as const, hints: 0, skipped: false },
  ];
  deepStrictEqual(renderList(rows, "02_critical_points", plain), [
    "   1 ✓ 01_gradient_hessian       passing (8 cases)  · hints 3/3",
    "▶  2 ✗ 02_critical_points        2 of 9 cases pass  · skipped for now",
    "   3 ? 03_minibatch_sgd          changed since its last check",
    "   4 – 04_momentum               missing (katas/04_momentum not found)",
    "   5 ✗ 05_adam                   all 36 cases pass, but the type check fails",
    "   6 ○ 06_warmup                 waiting for an earlier kata (7 of 9 cases pass)",
    "   7 · 07_softmax_cross_entropy  not started",
  ]);
  strictEqual(progressBar(rows, plain), "■□□□□□□ 1 of 7 katas pass");
});

Deno.test("keyLine() shows which hint tier comes next", () => {
  ok(keyLine(0).startsWith("h hint 1/3 · l list · r run all · s skip · n next · q quit"));
  ok(keyLine(3).startsWith("h hint · l list"));
});

Deno.test("renderResult() and renderList() agree on a kata whose cases pass but whose types do not", () => {
  const report: KataReport = {
    dir: "05_adam",
    status: "failing",
    passed: 36,
    failed: 0,
    skipped: 0,
    compileErrors: [],
    backends: ["cpu"],
    skippedBackends: {},
    typeCheck: "failed",
    problem: "every case passes, but the type checker objects",
  };
  const headline = renderResult(report, {}, plain)[0];
  strictEqual(headline, "✗ 05_adam — all 36 cases pass, but the type check fails");
  const row = {
    dir: "05_adam",
    state: "failing" as const,
    passed: 36,
    total: 36,
    hints: 0,
    skipped: false,
  };
  ok(
    renderList([row], undefined, plain)[0].endsWith("all 36 cases pass, but the type check fails"),
  );
});
