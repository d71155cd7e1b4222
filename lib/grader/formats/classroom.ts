/**
 * A submission's grade in the shape GitHub Classroom's autograding reporter
 * (`classroom-resources/autograding-grading-reporter`) reads from a runner's
 * `result` output (base64 of this JSON): `max_score` and one test per case with
 * its `score`. The sample workflow `github-classroom.yml` shows the wiring.
 *
 * @module
 */
import { studentMessage } from "../evaluate.ts";
import type { SubmissionOutcome } from "../results.ts";
import { roundPoints } from "../results.ts";

/** One test of the autograding result. */
export interface ClassroomTest {
  /** "05_adam: adam() … [cpu]". */
  name: string;
  /** pass, fail, or error (did not run normally). */
  status: "pass" | "fail" | "error";
  /** What the student may see of the failure. */
  message: string;
  /** How to run it. */
  test_code: string;
  /** The suite's file ("" for hidden cases). */
  filename: string;
  /** Always 0: cases are registered by a helper, so lines say little. */
  line_no: number;
  /** The kata's run time, "0.81s". */
  execution_time: string;
  /** Points earned. */
  score: number;
}

/** The autograding result of one runner. */
export interface ClassroomResult {
  /** The format's version, 1. */
  version: 1;
  /** pass when every case passed, error when no kata ran, else fail. */
  status: "pass" | "fail" | "error";
  /** Points possible. */
  max_score: number;
  /** One per case. */
  tests: ClassroomTest[];
}

/**
 * The autograding result of one graded submission.
 *
 * @param submission The graded submission.
 * @returns The object to write as JSON (the workflow base64-encodes it).
 *
 * @example
 * ```ts
 * import { toClassroom } from "./classroom.ts";
 * import { strictEqual } from "node:assert";
 * const result = toClassroom({ student: "ada", path: "ada", katas: [], points: 0, maxPoints: 10, notes: [], durationMs: 0 });
 * strictEqual(result.max_score, 10);
 * ```
 */
export function toClassroom(submission: SubmissionOutcome): ClassroomResult {
  const tests: ClassroomTest[] = [];
  for (const kata of submission.katas) {
    const time = `${(kata.durationMs / 1000).toFixed(2)}s`;
    if (kata.cases.length === 0) {
      tests.push({
        name: `${kata.kata}: the kata`,
        status: "error",
        message: kata.reasons.join("; ") || kata.status,
        test_code: `deno test katas/${kata.kata}`,
        filename: `katas/${kata.kata}`,
        line_no: 0,
        execution_time: time,
        score: 0,
      });
      continue;
    }
    for (const c of kata.cases) {
      tests.push({
        name: `${kata.kata}: ${c.hidden ? "(hidden) " : ""}${c.name}`,
        status: c.status === "passed" ? "pass" : c.status === "failed" ? "fail" : "error",
        message: studentMessage(c),
        test_code: c.hidden ? "(a hidden test)" : `deno test katas/${kata.kata}`,
        filename: c.hidden
          ? ""
          : `katas/${kata.kata}/${kata.kata.split("_").slice(1).join("_")}_test.ts`,
        line_no: 0,
        execution_time: time,
        score: roundPoints(c.points),
      });
    }
  }
  const ran = submission.katas.some((k) => k.status === "graded");
  return {
    version: 1,
    status: !ran ? "error" : tests.every((t) => t.status === "pass") ? "pass" : "fail",
    max_score: roundPoints(submission.maxPoints),
    tests,
  };
}
