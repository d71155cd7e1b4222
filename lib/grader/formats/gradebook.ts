/**
 * The class gradebook: a CSV with one row per student, one column of points
 * per kata, the total, the maximum, the percentage and what went wrong.
 *
 * @module
 */
import { stringify } from "csv-stringify/sync";
import type { ClassOutcome } from "../results.ts";
import { roundPoints } from "../results.ts";

/** Keeps a spreadsheet from reading a cell as a formula ("=cmd…"). */
function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The gradebook of a graded class.
 *
 * @param result The graded class.
 * @returns CSV text with a header row.
 *
 * @example
 * ```ts
 * import { formatGradebook } from "./gradebook.ts";
 * import { strictEqual } from "node:assert";
 * const csv = formatGradebook({ submissions: [], katas: ["05_adam"], warnings: [], durationMs: 0, gradedAt: "" });
 * strictEqual(csv, "student,05_adam,total,max,percent,problems\n");
 * ```
 */
export function formatGradebook(result: ClassOutcome): string {
  const rows: (string | number)[][] = [[
    "student",
    ...result.katas,
    "total",
    "max",
    "percent",
    "problems",
  ]];
  for (const s of result.submissions) {
    const problems = s.error
      ? [s.error]
      : s.katas.filter((k) => k.status !== "graded").map((k) => `${k.kata}: ${k.status}`);
    if (s.sandbox === "none") problems.unshift("UNSANDBOXED (not safe to publish)");
    rows.push([
      spreadsheetSafe(s.student),
      ...result.katas.map((k) => roundPoints(s.katas.find((x) => x.kata === k)?.points ?? 0)),
      roundPoints(s.points),
      roundPoints(s.maxPoints),
      s.maxPoints > 0 ? roundPoints((100 * s.points) / s.maxPoints) : 0,
      problems.join("; "),
    ]);
  }
  return stringify(rows);
}
