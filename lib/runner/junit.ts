/**
 * Reads the JUnit XML that `deno test --junit-path` writes into per-case
 * results. The guided loop, the grader and the kata contract all read results
 * this way, never from a test's printed output or exit code.
 *
 * @module
 */

/** The outcome of one test case. */
export interface CaseResult {
  /** The file the case lives in, as Deno reported it. */
  file: string;
  /** The full test name, backend included: "adam() … [cpu]". */
  name: string;
  /** passed, failed or skipped. */
  status: "passed" | "failed" | "skipped";
  /** The failure message, for failed cases. */
  message: string;
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, "&");
}

function attribute(tag: string, name: string): string {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescape(match[1]) : "";
}

/**
 * Parses Deno's JUnit report.
 *
 * @param xml The report's text.
 * @returns One result per `<testcase>`, in report order.
 *
 * @example
 * ```ts
 * import { parseJUnit } from "./junit.ts";
 * import { strictEqual } from "node:assert";
 * const xml = `<testsuite name="./a_test.ts"><testcase name="x [cpu]" classname="./a_test.ts">
 *   <failure message="Uncaught Error: boom">Error: boom</failure></testcase></testsuite>`;
 * strictEqual(parseJUnit(xml)[0].status, "failed");
 * ```
 */
export function parseJUnit(xml: string): CaseResult[] {
  const results: CaseResult[] = [];
  const pattern = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(pattern)) {
    const tag = match[1];
    const body = match[3] ?? "";
    const failure = /<failure\b([^>]*)>([\s\S]*?)<\/failure>|<failure\b([^>]*)\/>/.exec(body);
    const error = /<error\b([^>]*)>([\s\S]*?)<\/error>|<error\b([^>]*)\/>/.exec(body);
    let status: CaseResult["status"] = "passed";
    let message = "";
    if (failure || error) {
      status = "failed";
      const detail = failure ?? error!;
      message = unescape(detail[2] ?? "") || attribute(detail[1] ?? detail[3] ?? "", "message") ||
        "failed without a message";
    } else if (/<skipped\b/.test(body)) {
      status = "skipped";
    }
    results.push({
      file: attribute(tag, "classname"),
      name: attribute(tag, "name"),
      status,
      message,
    });
  }
  return results;
}
