/**
 * Writes a grading's outputs to a folder.
 *
 * One submission (`--out DIR`):
 *
 * ```text
 * DIR/summary.txt        the readable summary (instructor: everything)
 * DIR/grade.json         the full result as JSON (instructor)
 * DIR/feedback.md        the student's feedback (hidden cases as their setting allows)
 * DIR/junit.xml          JUnit XML (student view)
 * DIR/results.json       Exercism results.json v3 (student view, task ids = kata numbers)
 * DIR/autograding.json   GitHub Classroom autograding result (student view)
 * ```
 *
 * A class: `DIR/summary.txt`, `DIR/grade.json`, `DIR/gradebook.csv`, and the six
 * files above for each student in `DIR/students/<student>/`.
 *
 * @module
 */
import { toClassroom } from "./classroom.ts";
import { toExercism } from "./exercism.ts";
import { formatFeedback } from "./feedback.ts";
import { writeText } from "../files.ts";
import { formatGradebook } from "./gradebook.ts";
import { formatJUnit } from "./junit_report.ts";
import type { ClassOutcome, SubmissionOutcome } from "../results.ts";
import { formatClassSummary, formatSubmissionSummary } from "./summary.ts";

/**
 * A student's name as a folder name.
 *
 * @param name The student's name.
 * @returns Letters, digits, ".", "-" and "_" only.
 *
 * @example
 * ```ts
 * import { folderName } from "./outputs.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(folderName("Ana María/../x"), "Ana_Mar_a_.._x");
 * ```
 */
export function folderName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+$/, "_");
  return safe || "_";
}

/**
 * Writes one submission's six files.
 *
 * @param dir The folder.
 * @param submission The graded submission.
 * @param gradedAt When (ISO 8601).
 * @returns The paths written.
 */
export async function writeSubmissionOutputs(
  dir: string,
  submission: SubmissionOutcome,
  gradedAt: string,
): Promise<string[]> {
  const files: Array<[string, string]> = [
    ["summary.txt", formatSubmissionSummary(submission)],
    ["grade.json", JSON.stringify({ gradedAt, ...submission }, null, 2) + "\n"],
    ["feedback.md", formatFeedback(submission, gradedAt)],
    ["junit.xml", formatJUnit(submission)],
    ["results.json", JSON.stringify(toExercism(submission), null, 2) + "\n"],
    ["autograding.json", JSON.stringify(toClassroom(submission)) + "\n"],
  ];
  for (const [name, text] of files) await writeText(`${dir}/${name}`, text);
  return files.map(([name]) => `${dir}/${name}`);
}

/**
 * Writes a class's outputs.
 *
 * @param dir The folder.
 * @param result The graded class.
 * @returns The paths written.
 *
 * @example
 * ```ts ignore
 * import { writeClassOutputs } from "./outputs.ts";
 * await writeClassOutputs("grades", result);
 * ```
 */
export async function writeClassOutputs(dir: string, result: ClassOutcome): Promise<string[]> {
  const written = [`${dir}/summary.txt`, `${dir}/grade.json`, `${dir}/gradebook.csv`];
  await writeText(written[0], formatClassSummary(result));
  await writeText(written[1], JSON.stringify(result, null, 2) + "\n");
  await writeText(written[2], formatGradebook(result));
  for (const submission of result.submissions) {
    written.push(
      ...await writeSubmissionOutputs(
        `${dir}/students/${folderName(submission.student)}`,
        submission,
        result.gradedAt,
      ),
    );
  }
  return written;
}
