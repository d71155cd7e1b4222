/**
 * A submission's grade as Exercism's test-runner `results.json`, version 3:
 * one test per case, `task_id` = the kata's number. Messages are what the
 * student may see. The top-level status is `error` only when no kata ran
 * normally (its message says why), `pass` when every case passed, else `fail`.
 *
 * @module
 */
import { studentMessage } from "../evaluate.ts";
import type { SubmissionOutcome } from "../results.ts";

/** One test in Exercism's results.json. */
export interface ExercismTest {
  /** "05_adam: adam() … [cpu]". */
  name: string;
  /** How to run it (hidden cases say so instead). */
  test_code: string;
  /** pass, fail, or error (did not run normally). */
  status: "pass" | "fail" | "error";
  /** What the student may see, for fail and error. */
  message?: string;
  /** The kata's number. */
  task_id: number;
}

/** Exercism's results.json, version 3. */
export interface ExercismResults {
  /** The format's version, 3. */
  version: 3;
  /** pass when every case passed, error when no kata ran, else fail. */
  status: "pass" | "fail" | "error";
  /** Why nothing ran, for error. */
  message?: string;
  /** One per case, in kata order. */
  tests: ExercismTest[];
}

/** The longest message Exercism accepts. */
const MAX_MESSAGE = 65535;

/**
 * The results.json of one graded submission.
 *
 * @param submission The graded submission.
 * @returns The object to write as JSON.
 *
 * @example
 * ```ts
 * import { toExercism } from "./exercism.ts";
 * import { strictEqual } from "node:assert";
 * const results = toExercism({ student: "ada", path: "ada", katas: [], points: 0, maxPoints: 0, notes: [], durationMs: 0 });
 * strictEqual(results.version, 3);
 * ```
 */
export function toExercism(submission: SubmissionOutcome): ExercismResults {
  const tests: ExercismTest[] = [];
  for (const kata of submission.katas) {
    if (kata.cases.length === 0) {
      tests.push({
        name: `${kata.kata}: the kata`,
        test_code: `deno test katas/${kata.kata}`,
        status: "error",
        message: (kata.reasons.join("; ") || kata.status).slice(0, MAX_MESSAGE),
        task_id: kata.number,
      });
      continue;
    }
    for (const c of kata.cases) {
      const status = c.status === "passed" ? "pass" : c.status === "failed" ? "fail" : "error";
      const test: ExercismTest = {
        name: `${kata.kata}: ${c.hidden ? "(hidden) " : ""}${c.name}`,
        test_code: c.hidden
          ? "(a hidden test)"
          : `deno test katas/${kata.kata} --filter ${JSON.stringify(c.key)}`,
        status,
        task_id: kata.number,
      };
      if (status !== "pass") test.message = (studentMessage(c) || "failed").slice(0, MAX_MESSAGE);
      tests.push(test);
    }
  }
  const ran = submission.katas.some((k) => k.status === "graded");
  const results: ExercismResults = {
    version: 3,
    status: !ran ? "error" : tests.every((t) => t.status === "pass") ? "pass" : "fail",
    tests,
  };
  if (!ran) {
    const why = submission.error ??
      submission.katas.map((k) => `${k.kata}: ${k.reasons[0] ?? k.status}`).join("; ");
    results.message = (why || "nothing was graded").slice(0, MAX_MESSAGE);
  }
  return results;
}
