/**
 * The student's feedback file (Markdown): points per kata, every failed case
 * with what its feedback setting lets the student see, and why a kata earned
 * nothing when it did not run normally. Hidden cases never show more than
 * their setting allows.
 *
 * @module
 */
import { studentMessage } from "../evaluate.ts";
import type { SubmissionOutcome } from "../results.ts";
import { roundPoints } from "../results.ts";
import { formatScore } from "./summary.ts";

const MAX_MESSAGE_LINES = 30;

function fence(text: string): string {
  const lines = text.split("\n");
  const shown = lines.slice(0, MAX_MESSAGE_LINES);
  if (lines.length > MAX_MESSAGE_LINES) {
    shown.push(`… (${lines.length - MAX_MESSAGE_LINES} more lines)`);
  }
  const body = shown.join("\n").replace(/```/g, "ʼʼʼ");
  return `  \`\`\`text\n${body.split("\n").map((l) => `  ${l}`).join("\n")}\n  \`\`\``;
}

/**
 * The feedback file of one submission.
 *
 * @param submission The graded submission.
 * @param gradedAt When (ISO 8601).
 * @returns Markdown.
 *
 * @example
 * ```ts
 * import { formatFeedback } from "./feedback.ts";
 * import { ok } from "node:assert";
 * const text = formatFeedback({
 *   student: "ada", path: "ada", katas: [], points: 0, maxPoints: 0, notes: [], durationMs: 0,
 * }, "2026-01-01T00:00:00Z");
 * ok(text.startsWith("# Feedback for ada"));
 * ```
 */
export function formatFeedback(submission: SubmissionOutcome, gradedAt: string): string {
  const out = [
    `# Feedback for ${submission.student}`,
    "",
    `**${formatScore(submission.points, submission.maxPoints)}** — graded ${gradedAt}`,
    "",
  ];
  if (submission.error) out.push(`Your submission could not be graded: ${submission.error}.`, "");
  for (const kata of submission.katas) {
    out.push(`## ${kata.kata} — ${roundPoints(kata.points)} / ${roundPoints(kata.maxPoints)}`, "");
    if (kata.status === "missing") {
      out.push(`Not graded: ${kata.reasons.join("; ")}.`, "");
      continue;
    }
    if (kata.status !== "graded") {
      out.push(`**This kata earned no points** (${kata.status}):`, "");
      for (const reason of kata.reasons) out.push(`- ${reason}`);
      out.push("");
    } else {
      const failed = kata.cases.filter((c) => c.status !== "passed");
      const hiddenCount = kata.cases.filter((c) => c.hidden).length;
      const hiddenPassed = kata.cases.filter((c) => c.hidden && c.status === "passed").length;
      const visibleCount = kata.cases.length - hiddenCount;
      const visiblePassed = kata.cases.length - failed.length - hiddenPassed;
      out.push(
        failed.length
          ? `${kata.cases.length - failed.length} of ${kata.cases.length} cases passed` +
            (hiddenCount
              ? `: ${visiblePassed} of ${visibleCount} visible, ${hiddenPassed} of ${hiddenCount} hidden.`
              : ".")
          : `All ${kata.cases.length} cases passed${hiddenCount ? `, hidden tests included` : ""}.`,
        "",
      );
      let previous = "";
      for (const c of failed) {
        const label = c.hidden ? "hidden case " : "";
        out.push(`- ✗ ${label}**${c.name}** (0 / ${roundPoints(c.maxPoints)})`);
        const message = studentMessage(c);
        if (message && message === previous) out.push("  (the same message as above)");
        else if (message) out.push("", fence(message), "");
        else if (c.hidden) out.push("  (no details are shown for this hidden case)");
        previous = message;
      }
      if (failed.length) out.push("");
    }
    for (const note of kata.notes) out.push(`> Note: ${note}`, "");
  }
  for (const note of submission.notes) out.push(`> Note: ${note}`, "");
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
