/**
 * The grader and the student release (SPEC §8), as a library: the command
 * lines are `main.ts` (`deno task grade`) and `release.ts` (`deno task release`);
 * lib/grader/README.md explains the whole workflow.
 *
 * `guard.ts`, `guard_tail.ts` and `import_rules_plugin.ts` are not exported:
 * they run inside the sandbox and inside `deno lint`, never in the grader.
 *
 * @example
 * ```ts
 * import { caseKey, formatScore } from "./mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(caseKey("adam() uses defaults [cpu]"), "adam() uses defaults");
 * strictEqual(formatScore(5, 10), "5 / 10 (50%)");
 * ```
 *
 * @module
 */
export * from "./results.ts";
export * from "./grade.ts";
export * from "./grading_table.ts";
export * from "./hidden.ts";
export * from "./manifest.ts";
export * from "./release.ts";
export * from "./class_folder.ts";
export * from "./evaluate.ts";
export * from "./import_check.ts";
export * from "./sandboxed_run.ts";
export * from "./summary.ts";
export * from "./feedback.ts";
export * from "./junit_report.ts";
export * from "./exercism.ts";
export * from "./classroom.ts";
export * from "./gradebook.ts";
export * from "./outputs.ts";
