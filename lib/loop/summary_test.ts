import { deepStrictEqual, strictEqual } from "node:assert";
import type { CaseResult } from "../runner/junit.ts";
import {
  cleanMessage,
  hangingCase,
  parseCompileErrors,
  summarize,
  withTypeCheck,
} from "./summary.ts";

const root = "/work/repo";

function run(
  cases: CaseResult[],
  extra: Partial<{ code: number; timedOut: boolean; output: string }> = {},
) {
  return { cases, code: 1, timedOut: false, output: "", ...extra };
}

function kataCase(name: string, status: CaseResult["status"], message = ""): CaseResult {
  return { file: "./lib/testing/define_kata.ts", name, status, message };
}

Deno.test("summarize() calls a kata whose every failure is its own stub 'not started'", () => {
  const report = summarize(
    "05_adam",
    run([
      kataCase(
        "adam() a [cpu]",
        "failed",
        "KataAssertionError: not implemented yet: kata 05 — adam()",
      ),
      kataCase("adam() a [webgpu — skipped: no adapter]", "skipped"),
    ]),
    root,
    30,
  );
  strictEqual(report.status, "not started");
  deepStrictEqual([report.passed, report.failed, report.skipped], [0, 1, 1]);
  deepStrictEqual(report.backends, ["cpu"]);
  deepStrictEqual(report.skippedBackends, { webgpu: "no adapter" });
});

Deno.test("summarize() calls a kata whose only failures need an earlier kata 'waiting', not failing", () => {
  const report = summarize(
    "06_warmup",
    run([
      kataCase("warmup() a [cpu]", "passed"),
      kataCase(
        "warmup() b [cpu]",
        "failed",
        "KataAssertionError: needs kata 05: adam() is not implemented yet",
      ),
    ]),
    root,
    30,
  );
  strictEqual(report.status, "waiting");
  strictEqual(report.problem, "the other cases need kata 05 first");
  strictEqual(report.failure?.message, "needs kata 05: adam() is not implemented yet");
});

Deno.test("summarize() calls a kata waiting when the cases that build on an earlier kata are skipped", () => {
  const report = summarize(
    "02_critical_points",
    run([
      kataCase("classify() a [cpu]", "passed"),
      kataCase("escape() b [cpu — waiting: solve kata 01 first]", "skipped"),
    ]),
    root,
    30,
  );
  strictEqual(report.status, "waiting");
});

Deno.test("summarize() calls a kata 'not started' when its failures are its own stubs or need an earlier kata", () => {
  const report = summarize(
    "02_critical_points",
    run([
      kataCase("classify() a [cpu]", "failed", "not implemented yet: kata 02 — classify()"),
      kataCase("escape() b [cpu]", "failed", "needs kata 01: gradient() is not implemented yet"),
    ]),
    root,
    30,
  );
  strictEqual(report.status, "not started");
});

Deno.test("summarize() picks the first failing case in suite order and counts the rest", () => {
  const report = summarize(
    "05_adam",
    run([
      kataCase("first [cpu]", "passed"),
      kataCase("second [cpu]", "failed", "KataAssertionError: expected 1, got 2"),
      kataCase("third [cpu]", "failed", "KataAssertionError: expected 3, got 4"),
    ]),
    root,
    30,
  );
  strictEqual(report.status, "failing");
  deepStrictEqual(report.failure, { name: "second [cpu]", message: "expected 1, got 2" });
  strictEqual(report.failed, 2);
});

Deno.test("summarize() calls a kata passing only when every case that ran passed", () => {
  const report = summarize(
    "05_adam",
    run([kataCase("a [cpu]", "passed"), kataCase("a [webgpu]", "passed")], { code: 0 }),
    root,
    30,
  );
  strictEqual(report.status, "passing");
  deepStrictEqual(report.backends, ["cpu", "webgpu"]);
});

Deno.test("summarize() of a run where every case was skipped is an error that says why", () => {
  const report = summarize(
    "05_adam",
    run([kataCase("a [webgpu — skipped: no adapter]", "skipped")]),
    root,
    30,
  );
  strictEqual(report.status, "error");
  strictEqual(report.problem, "every case was skipped: webgpu (no adapter)");
});

Deno.test("summarize() of a killed run names the case that hung", () => {
  const output =
    "running 4 tests from ./katas/05_adam/adam_test.ts\nadam() a [cpu] ... ok (2ms)\nadam() b [cpu] ...";
  const report = summarize("05_adam", run([], { code: 137, timedOut: true, output }), root, 30);
  strictEqual(report.status, "error");
  strictEqual(
    report.problem,
    'the tests did not finish within 30 s and were stopped — "adam() b [cpu]" was running (an endless loop?)',
  );
});

Deno.test("summarize() of a run that did not compile gives the error with file and line", () => {
  const output =
    `error: The module's source code could not be parsed: Expected ';', got 'x' at file://${root}/katas/05_adam/adam.ts:12:7

    const a = 1 x
                ~
`;
  const withAt =
    "error: SyntaxError: Expression expected\n  |\n4 | const x = ;\n  |           ~\n" +
    `    at file://${root}/katas/05_adam/adam.ts:4:11\n\nStack backtrace:\n   0: <unknown>\n`;
  const report = summarize("05_adam", run([], { output: withAt }), root, 30);
  strictEqual(report.status, "error");
  strictEqual(report.problem, "the kata does not compile");
  deepStrictEqual(report.compileErrors, [{
    file: "katas/05_adam/adam.ts",
    line: 4,
    column: 11,
    message: "SyntaxError: Expression expected",
    excerpt: ["  |", "4 | const x = ;", "  |           ~"],
  }]);
  const inline = summarize("05_adam", run([], { output }), root, 30);
  strictEqual(inline.problem, "the kata does not compile");
  deepStrictEqual(inline.compileErrors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`), [
    "katas/05_adam/adam.ts:12:7 The module's source code could not be parsed: Expected ';', got 'x'",
  ]);
});

Deno.test("summarize() tells a module that throws while loading from one that does not compile", () => {
  const output = `error: Error: top\n    at file://${root}/katas/05_adam/adam.ts:2:7\n`;
  const report = summarize("05_adam", run([], { output }), root, 30);
  strictEqual(report.problem, "the kata failed while loading, before any case ran");
  strictEqual(report.compileErrors[0].message, "Error: top");
});

Deno.test("summarize() of a run with no cases and no error says so with the exit code", () => {
  const report = summarize("05_adam", run([], { code: 3, output: "something odd" }), root, 30);
  strictEqual(report.problem, "no test case ran (deno test exited with code 3)");
});

Deno.test("parseCompileErrors() reads type errors from deno check", () => {
  const output = `Check katas/05_adam/adam_test.ts
TS2322 [ERROR]: Type 'string' is not assignable to type 'number'.
const x: number = "s";
      ^
    at file://${root}/katas/05_adam/adam.ts:4:7

TS2304 [ERROR]: Cannot find name 'foo'.
  return foo;
         ~~~
    at file://${root}/katas/05_adam/adam.ts:9:10

Found 2 errors.

error: Type checking failed.
`;
  const errors = parseCompileErrors(output, root);
  deepStrictEqual(errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`), [
    "katas/05_adam/adam.ts:4:7 TS2322: Type 'string' is not assignable to type 'number'.",
    "katas/05_adam/adam.ts:9:10 TS2304: Cannot find name 'foo'.",
  ]);
  deepStrictEqual(errors[0].excerpt, ['const x: number = "s";', "      ^"]);
});

Deno.test("cleanMessage() keeps the teaching text and at most two frames in katas/", () => {
  const message = `TypeError: Cannot read properties of undefined (reading 'mul')
  return x.mul(2);
           ^
    at step (file://${root}/katas/05_adam/adam.ts:3:65)
    at update (file://${root}/katas/05_adam/adam.ts:9:1)
    at deeper (file://${root}/katas/05_adam/adam.ts:19:1)
    at file://${root}/katas/05_adam/adam_test.ts:9:24
    at fn (file://${root}/lib/testing/define_kata.ts:101:19)
    at ext:core/01_core.js:1:1`;
  strictEqual(
    cleanMessage(message, root),
    `TypeError: Cannot read properties of undefined (reading 'mul')
  return x.mul(2);
           ^
    at step (katas/05_adam/adam.ts:3:65)
    at update (katas/05_adam/adam.ts:9:1)`,
  );
});

Deno.test("cleanMessage() cuts a very long message and says how much is left", () => {
  const long = Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n");
  const lines = cleanMessage(long, root).split("\n");
  strictEqual(lines.length, 17);
  strictEqual(lines[16], "… 24 more lines");
});

Deno.test("hangingCase() finds nothing when the last case finished", () => {
  strictEqual(hangingCase("a [cpu] ... ok (1ms)\n"), undefined);
});

Deno.test("withTypeCheck() keeps passing tests from counting as green while types are wrong", () => {
  const passing = summarize("05_adam", run([kataCase("a [cpu]", "passed")], { code: 0 }), root, 30);
  strictEqual(passing.typeCheck, "pending");
  strictEqual(withTypeCheck(passing, []).status, "passing");
  strictEqual(withTypeCheck(passing, []).typeCheck, "ok");
  strictEqual(withTypeCheck(passing, undefined).typeCheck, "not run");
  const error = {
    file: "katas/05_adam/adam.ts",
    line: 2,
    column: 3,
    message: "TS2322: x",
    excerpt: [],
  };
  const typed = withTypeCheck(passing, [error]);
  strictEqual(typed.status, "failing");
  strictEqual(typed.problem, "every case passes, but the type checker objects");
  deepStrictEqual(typed.compileErrors, [error]);
});
