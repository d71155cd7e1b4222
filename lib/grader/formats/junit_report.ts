/**
 * A submission's grade as JUnit XML, for tools that read test reports (CI
 * dashboards, LMS plug-ins): one `<testsuite>` per kata, one `<testcase>` per
 * case, points as `<properties>`. Messages are what the student may see (hidden
 * cases follow their feedback setting). A kata that did not run normally has
 * its cases as `<error>`s; a missing kata is one `<error>` case.
 *
 * @module
 */
import { studentMessage } from "../evaluate.ts";
import type { SubmissionOutcome } from "../results.ts";
import { roundPoints } from "../results.ts";

/**
 * Escapes text for XML attributes and content.
 *
 * @param text Any text.
 * @returns It, safe inside XML (control characters dropped).
 *
 * @example
 * ```ts
 * import { escapeXml } from "./junit_report.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(escapeXml('a < "b"'), "a &lt; &quot;b&quot;");
 * ```
 */
export function escapeXml(text: string): string {
  return text
    // deno-lint-ignore no-control-regex
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function property(name: string, value: string | number): string {
  return `<property name="${escapeXml(name)}" value="${escapeXml(String(value))}"/>`;
}

function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim())?.trim() ?? "";
}

/**
 * The JUnit XML of one graded submission.
 *
 * @param submission The graded submission.
 * @returns The XML text.
 *
 * @example
 * ```ts
 * import { formatJUnit } from "./junit_report.ts";
 * import { ok } from "node:assert";
 * const xml = formatJUnit({ student: "ada", path: "ada", katas: [], points: 0, maxPoints: 0, notes: [], durationMs: 0 });
 * ok(xml.includes('<testsuites name="grad-dojo: ada"'));
 * ```
 */
export function formatJUnit(submission: SubmissionOutcome): string {
  const suites: string[] = [];
  let tests = 0, failures = 0, errors = 0;
  for (const kata of submission.katas) {
    const cases: string[] = [];
    let kataFailures = 0, kataErrors = 0;
    if (kata.cases.length === 0) {
      kataErrors++;
      const why = kata.reasons.join("; ") || kata.status;
      cases.push(
        `      <testcase name="${
          escapeXml(`${kata.kata} (kata)`)
        }" classname="${kata.kata}" time="0">\n` +
          `        <error message="${escapeXml(why)}" type="${kata.status}">${
            escapeXml(why)
          }</error>\n` +
          "      </testcase>",
      );
    }
    for (const c of kata.cases) {
      const message = studentMessage(c);
      const props = `        <properties>${property("points", roundPoints(c.points))}${
        property("maxPoints", roundPoints(c.maxPoints))
      }${property("hidden", String(c.hidden))}</properties>\n`;
      let body = "";
      if (c.status === "failed") {
        kataFailures++;
        body = `        <failure message="${escapeXml(firstLine(message) || "failed")}">${
          escapeXml(message)
        }</failure>\n`;
      } else if (c.status === "error") {
        kataErrors++;
        body = `        <error message="${escapeXml(firstLine(c.message))}" type="${kata.status}">${
          escapeXml(c.message)
        }</error>\n`;
      }
      cases.push(
        `      <testcase name="${escapeXml(c.name)}" classname="${kata.kata}${
          c.hidden ? ".hidden" : ""
        }" time="0">\n${props}${body}      </testcase>`,
      );
    }
    const count = Math.max(kata.cases.length, 1);
    tests += count;
    failures += kataFailures;
    errors += kataErrors;
    suites.push(
      `    <testsuite name="${kata.kata}" tests="${count}" failures="${kataFailures}" errors="${kataErrors}" time="${
        (kata.durationMs / 1000).toFixed(3)
      }">\n      <properties>${property("points", roundPoints(kata.points))}${
        property("maxPoints", roundPoints(kata.maxPoints))
      }${property("status", kata.status)}</properties>\n${cases.join("\n")}\n    </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="grad-dojo: ${
    escapeXml(submission.student)
  }" tests="${tests}" failures="${failures}" errors="${errors}" time="${
    (submission.durationMs / 1000).toFixed(3)
  }">\n${suites.join("\n")}\n</testsuites>\n`;
}
