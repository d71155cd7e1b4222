/**
 * The readable summaries, for the instructor: one submission (every kata, every
 * failed case with the start of its message, hidden cases included) and a class
 * (one line per student, one column per kata).
 *
 * @module
 */
import type { ClassOutcome, KataOutcome, SubmissionOutcome } from "../results.ts";
import { roundPoints } from "../results.ts";

/**
 * "17.5 / 20 (87.5%)".
 *
 * @param points Earned.
 * @param max Possible.
 * @returns The score in words.
 *
 * @example
 * ```ts
 * import { formatScore } from "./summary.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(formatScore(17.5, 20), "17.5 / 20 (87.5%)");
 * ```
 */
export function formatScore(points: number, max: number): string {
  const percent = max > 0 ? ` (${roundPoints((100 * points) / max)}%)` : "";
  return `${roundPoints(points)} / ${roundPoints(max)}${percent}`;
}

function indent(text: string, prefix: string, lines = 6): string {
  const all = text.split("\n").filter((l) => l.trim() !== "");
  const shown = all.slice(0, lines).map((l) => prefix + l);
  if (all.length > lines) shown.push(`${prefix}… (${all.length - lines} more lines)`);
  return shown.join("\n");
}

function kataLine(kata: KataOutcome): string {
  const passed = kata.cases.filter((c) => c.status === "passed").length;
  const what = kata.status === "graded"
    ? `${passed}/${kata.cases.length} cases passed`
    : `${kata.status.toUpperCase()}: ${kata.reasons[0] ?? ""}`;
  const time = kata.durationMs ? ` (${(kata.durationMs / 1000).toFixed(1)} s)` : "";
  return `  ${kata.kata.padEnd(26)} ${
    formatScore(kata.points, kata.maxPoints).padEnd(22)
  } ${what}${time}`;
}

/** "ada — 7.5 / 10 (75%)", with the submission's error when it has one. */
function headline(submission: SubmissionOutcome): string {
  const error = submission.error ? ` — ${submission.error}` : "";
  return `${submission.student} — ${formatScore(submission.points, submission.maxPoints)}${error}`;
}

/**
 * One submission on one screen, for the console: a line per kata and, under
 * each kata that lost points, its first failure with its "Likely mistake" line
 * (or the first line of its message). Everything else goes to the files
 * (`summary.txt` has every failure).
 *
 * @param submission The graded submission.
 * @returns The text, one kata per line plus at most two lines per failing kata.
 *
 * @example
 * ```ts
 * import { formatSubmissionBrief } from "./summary.ts";
 * import { ok } from "node:assert";
 * const text = formatSubmissionBrief({
 *   student: "ada", path: "ada", points: 0, maxPoints: 1, notes: [], durationMs: 0,
 *   katas: [{
 *     kata: "05_adam", number: 5, status: "graded", points: 0, maxPoints: 1, reasons: [], notes: [],
 *     durationMs: 0,
 *     cases: [{
 *       name: "adam() a [cpu]", key: "adam() a", hidden: false, feedback: "full", status: "failed",
 *       message: "Values differ\n  Likely mistake — no bias correction: divide by 1 − β^t\n  more",
 *       points: 0, maxPoints: 1,
 *     }],
 *   }],
 * });
 * ok(text.includes("Likely mistake — no bias correction"));
 * ok(!text.includes("more"));
 * ```
 */
export function formatSubmissionBrief(submission: SubmissionOutcome): string {
  const lines = [headline(submission)];
  for (const kata of submission.katas) {
    lines.push(kataLine(kata));
    const failed = kata.cases.filter((c) => c.status !== "passed");
    if (kata.status !== "graded" || !failed.length) continue;
    const first = failed[0];
    const hidden = first.hidden ? "hidden case " : "";
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : "";
    lines.push(`    first failure: ${hidden}${first.name}${more}`);
    const messageLines = first.message.split("\n").map((l) => l.trim()).filter(Boolean);
    const likely = messageLines.find((l) => l.startsWith("Likely mistake"));
    const shown = likely ?? messageLines[0];
    if (shown) lines.push(`      ${shown.length > 160 ? `${shown.slice(0, 157)}…` : shown}`);
  }
  for (const note of submission.notes) lines.push(`  note: ${note}`);
  return lines.join("\n") + "\n";
}

/**
 * The instructor's summary of one submission.
 *
 * @param submission The graded submission.
 * @returns Plain text.
 *
 * @example
 * ```ts
 * import { formatSubmissionSummary } from "./summary.ts";
 * import { ok } from "node:assert";
 * const text = formatSubmissionSummary({
 *   student: "ada", path: "ada", katas: [], points: 0, maxPoints: 0, notes: [], durationMs: 0,
 * });
 * ok(text.startsWith("ada"));
 * ```
 */
export function formatSubmissionSummary(submission: SubmissionOutcome): string {
  const lines = [headline(submission)];
  for (const kata of submission.katas) {
    lines.push(kataLine(kata));
    for (const reason of kata.reasons.slice(kata.status === "graded" ? 0 : 1)) {
      lines.push(`      ${reason}`);
    }
    if (kata.status === "graded") {
      for (const c of kata.cases) {
        if (c.status === "passed") continue;
        const label = c.hidden ? `(hidden, students see: ${c.feedback}) ` : "";
        lines.push(
          `    ✗ ${label}${c.name}   ${roundPoints(c.points)} / ${roundPoints(c.maxPoints)}`,
        );
        if (c.message) lines.push(indent(c.message, "        ", 4));
      }
    }
    for (const note of kata.notes) lines.push(`    note: ${note}`);
  }
  for (const note of submission.notes) lines.push(`  note: ${note}`);
  return lines.join("\n") + "\n";
}

/**
 * The instructor's summary of a class: a table, then every submission's
 * problems, then the warnings.
 *
 * @param result The graded class.
 * @returns Plain text.
 *
 * @example
 * ```ts
 * import { formatClassSummary } from "./summary.ts";
 * import { ok } from "node:assert";
 * const text = formatClassSummary({ submissions: [], katas: ["05_adam"], warnings: [], durationMs: 1, gradedAt: "" });
 * ok(text.includes("0 submissions"));
 * ```
 */
export function formatClassSummary(result: ClassOutcome): string {
  const width = Math.max(8, ...result.submissions.map((s) => s.student.length)) + 2;
  const columns = result.katas.map((k) => Math.max(7, k.slice(0, 2).length + 1));
  const lines = [
    `grad-dojo grades: ${result.submissions.length} submissions, katas ${
      result.katas.join(", ")
    } ` +
    `(${(result.durationMs / 1000).toFixed(1)} s)`,
    "",
    `${"student".padEnd(width)}${
      result.katas.map((k, i) => k.slice(0, 2).padStart(columns[i])).join("")
    }` +
    `  ${"total".padStart(18)}  problems`,
  ];
  for (const s of result.submissions) {
    const cells = result.katas.map((k, i) => {
      const kata = s.katas.find((x) => x.kata === k);
      const mark = kata && kata.status !== "graded" ? "*" : "";
      return `${roundPoints(kata?.points ?? 0)}${mark}`.padStart(columns[i]);
    }).join("");
    const problems = s.katas.filter((k) => k.status !== "graded" && k.status !== "missing")
      .map((k) => `${k.kata} ${k.status}`);
    const missing = s.katas.filter((k) => k.status === "missing").map((k) => k.kata.slice(0, 2));
    if (missing.length) problems.push(`missing ${missing.join(",")}`);
    lines.push(
      `${s.student.padEnd(width)}${cells}  ${formatScore(s.points, s.maxPoints).padStart(18)}  ${
        s.error ?? problems.join("; ")
      }`,
    );
  }
  lines.push("", "* = not graded normally (see below)", "");
  for (const s of result.submissions) {
    const bad = s.katas.filter((k) => k.status !== "graded" && k.status !== "missing");
    const notes = [...s.katas.flatMap((k) => k.notes), ...s.notes];
    if (!bad.length && !notes.length) continue;
    lines.push(`${s.student}:`);
    for (const k of bad) lines.push(`  ${k.kata} ${k.status}: ${k.reasons.join("; ")}`);
    for (const note of notes) lines.push(`  note: ${note}`);
  }
  if (result.warnings.length) {
    lines.push("", "Warnings:");
    for (const w of result.warnings) lines.push(`  ${w}`);
  }
  return lines.join("\n") + "\n";
}
