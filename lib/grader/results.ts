/**
 * What grading produces: per case, per kata, per submission, per class. Every
 * output format (summary, JSON, JUnit, Exercism, GitHub Classroom, gradebook)
 * is written from these.
 *
 * @module
 */
import type { Feedback } from "./hidden.ts";

/** One graded case. */
export interface CaseOutcome {
  /** The full name, backend included: "adam() … [cpu]". */
  name: string;
  /** The name the grading table uses (no backend). */
  key: string;
  /** Whether it comes from the hidden tests. */
  hidden: boolean;
  /** What the student may see of its failure (always "full" for visible cases). */
  feedback: Feedback;
  /** passed; failed (an assertion failed); error (it did not report, or the run was not trusted). */
  status: "passed" | "failed" | "error";
  /** The failure message, sandbox paths removed ("" when passed). */
  message: string;
  /** Points earned. */
  points: number;
  /** Points it is worth. */
  maxPoints: number;
}

/** How a kata's grading went, in one word. */
export type KataStatus =
  | "graded" // the run was trusted; points as the cases say
  | "missing" // the submission has no folder for it
  | "not-run" // the submission breaks a rule that stops it from running (forbidden import)
  | "timeout" // killed at the wall-clock limit
  | "memory" // killed at the memory limit
  | "crashed" // ended without a trustworthy report (load error, exit, fatal error)
  | "tampered"; // a sign that the runner or the helpers were patched

/** One graded kata. */
export interface KataOutcome {
  /** "05_adam". */
  kata: string;
  /** 5. */
  number: number;
  /** How it went. */
  status: KataStatus;
  /** Points earned. */
  points: number;
  /** Points it is worth. */
  maxPoints: number;
  /** Every case, visible first, then hidden. */
  cases: CaseOutcome[];
  /** Why the kata earned nothing, or what went wrong (shown to the student). */
  reasons: string[];
  /** Warnings that do not change the points (modified test files, skipped files). */
  notes: string[];
  /** How long its run took. */
  durationMs: number;
}

/** One graded submission. */
export interface SubmissionOutcome {
  /** The student's name (the submission folder's name). */
  student: string;
  /** The submission folder. */
  path: string;
  /** One entry per graded kata, in kata order. */
  katas: KataOutcome[];
  /** Points earned. */
  points: number;
  /** Points possible. */
  maxPoints: number;
  /** Warnings about the whole submission. */
  notes: string[];
  /** Set when the submission could not be graded at all. */
  error?: string;
  /** How its runs were isolated: "bubblewrap", or "none" (graded with --unsandboxed). */
  sandbox?: "bubblewrap" | "none";
  /** How long grading it took (its katas' runs, end to end). */
  durationMs: number;
}

/** A graded class (or a single submission, as a class of one). */
export interface ClassOutcome {
  /** Every submission, in the order given. */
  submissions: SubmissionOutcome[];
  /** The katas graded. */
  katas: string[];
  /** Warnings for the instructor (duplicate names, reference failures, …). */
  warnings: string[];
  /** Wall-clock time for the whole run. */
  durationMs: number;
  /** When grading finished (ISO 8601). */
  gradedAt: string;
  /** How the runs were isolated: "bubblewrap", or "none" (graded with --unsandboxed). */
  sandbox?: "bubblewrap" | "none";
  /** Each kata's case names (backend included), as the reference reported them. */
  cases?: Record<string, { visible: string[]; hidden: string[] }>;
  /** How many sandboxed processes ran submitted code (a batch of katas is one). */
  runs?: number;
}

/**
 * Rounds points for display and export: at most 2 decimals.
 *
 * @param points A number of points.
 * @returns It, rounded to 2 decimals.
 *
 * @example
 * ```ts
 * import { roundPoints } from "./results.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(roundPoints(10 / 3), 3.33);
 * ```
 */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

/**
 * Adds points exactly to the hundredth (each term rounded to hundredths, summed
 * as integers), so that totals equal the sum of the per-case points every export
 * prints.
 *
 * @param values Points.
 * @returns Their sum, to 2 decimals.
 *
 * @example
 * ```ts
 * import { sumPoints } from "./results.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(sumPoints([0.1, 0.2]), 0.3);
 * strictEqual(sumPoints(Array(24).fill(0.42)), 10.08);
 * ```
 */
export function sumPoints(values: Iterable<number>): number {
  let hundredths = 0;
  for (const value of values) hundredths += Math.round(value * 100);
  return hundredths / 100;
}
