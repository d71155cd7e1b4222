/**
 * Turns one kata's test run (per-case results from the JUnit report, plus the
 * type check) into what the loop shows: a status, counts, the first failing
 * case with its teaching message, compile errors with file and line, and which
 * backend ran. Pure functions: no I/O.
 *
 * @module
 */
import { parseCaseName } from "../core/case_name.ts";
import type { CaseResult } from "../runner/junit.ts";
import type { RunResult } from "../runner/run_tests.ts";

export type { CaseResult, RunResult };

/** A kata's state after a verified run. */
export type KataStatus = "passing" | "failing" | "not started" | "waiting" | "error";

/** A compile error (syntax, type or module resolution) at a place in a file. */
export interface CompileError {
  /** The file, relative to the repository root. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** "SyntaxError: Expression expected", "TS2322: Type 'string' is not assignable …". */
  message: string;
  /** The source lines the compiler quoted, if any. */
  excerpt: string[];
}

/** The first failing case. */
export interface Failure {
  /** The case name, backend included. */
  name: string;
  /** The teaching message, without stack frames outside the kata. */
  message: string;
}

/** What the type check said. */
export type TypeCheckState = "ok" | "failed" | "pending" | "not run";

/** Everything the loop knows about one run of one kata. */
export interface KataReport {
  /** The kata folder, e.g. "05_adam". */
  dir: string;
  /** passing, failing, not started (every failure is one of this kata's stubs) or error. */
  status: KataStatus;
  /** Cases that passed. */
  passed: number;
  /** Cases that failed. */
  failed: number;
  /** Cases skipped (a backend that could not start). */
  skipped: number;
  /** The first failing case, in suite order (simplest first). */
  failure?: Failure;
  /** Syntax, type and load errors. */
  compileErrors: CompileError[];
  /** One line when the run itself went wrong: a timeout, a crash, no cases. */
  problem?: string;
  /** The backends cases ran on, e.g. ["cpu"]. */
  backends: string[];
  /** Backends whose cases were skipped, with the reason. */
  skippedBackends: Record<string, string>;
  /** The type check's outcome. */
  typeCheck: TypeCheckState;
}

const MAX_MESSAGE_LINES = 16;

function relative(text: string, root: string): string {
  const prefix = `file://${root.endsWith("/") ? root : `${root}/`}`;
  return text.split(prefix).join("").split(prefix.replace("file://", "")).join("");
}

/**
 * Cuts a failure message down to what teaches: no "Uncaught", no stack frames
 * outside `katas/`, at most two frames inside it, paths relative to the root.
 *
 * @param message The JUnit failure text.
 * @param root The repository root, to shorten paths.
 * @returns The cleaned message.
 *
 * @example
 * ```ts
 * import { cleanMessage } from "./summary.ts";
 * import { strictEqual } from "node:assert";
 * const raw = "KataAssertionError: expected 2, got 1\n    at <anonymous> (ext:core/01_core.js:1:2)";
 * strictEqual(cleanMessage(raw, "/r"), "expected 2, got 1");
 * ```
 */
export function cleanMessage(message: string, root: string): string {
  const lines = relative(message, root).replace(/^Uncaught (\(in promise\) )?/, "").split("\n");
  const kept: string[] = [];
  let frames = 0;
  for (const line of lines) {
    if (/^\s+at /.test(line)) {
      if (/\bkatas\//.test(line) && frames < 2) {
        kept.push(line.replace(/^\s+/, "    "));
        frames++;
      }
      continue;
    }
    kept.push(line);
  }
  if (kept.length) kept[0] = kept[0].replace(/^(KataAssertionError|AssertionError): /, "");
  while (kept.length && !kept[kept.length - 1].trim()) kept.pop();
  if (kept.length > MAX_MESSAGE_LINES) {
    const more = kept.length - MAX_MESSAGE_LINES;
    kept.splice(MAX_MESSAGE_LINES, more, `… ${more} more lines`);
  }
  return kept.join("\n");
}

/**
 * Finds compile and load errors in `deno test` or `deno check` output: each
 * "error: …" or "TS1234 [ERROR]: …" with the `at file:///…:line:col` after it.
 *
 * @param output The command's output, without colour codes.
 * @param root The repository root, to shorten paths.
 * @returns The errors, in order, without duplicates.
 *
 * @example
 * ```ts
 * import { parseCompileErrors } from "./summary.ts";
 * import { strictEqual } from "node:assert";
 * const out = "error: SyntaxError: Expression expected\n  |\n4 | const x = ;\n  |           ~\n" +
 *   "    at file:///r/katas/05_adam/adam.ts:4:11\n";
 * const [e] = parseCompileErrors(out, "/r");
 * strictEqual(`${e.file}:${e.line}`, "katas/05_adam/adam.ts:4");
 * strictEqual(e.message, "SyntaxError: Expression expected");
 * ```
 */
export function parseCompileErrors(output: string, root: string): CompileError[] {
  const lines = output.split("\n");
  const errors: CompileError[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const head = /^(?:error: (.+)|(TS\d+) \[ERROR\]: (.+))$/.exec(lines[i].trim());
    if (!head || /^(Test failed|Type checking failed)/.test(head[1] ?? "")) continue;
    let message = head[1] ?? `${head[2]}: ${head[3]}`;
    const inline = /^(.*) at (file:\/\/\S+?):(\d+):(\d+)$/.exec(message);
    if (inline) {
      message = inline[1];
      const file = relative(inline[2], root).replace(/^file:\/\//, "");
      const excerpt: string[] = [];
      for (
        let j = i + 1;
        j < lines.length && lines[j].trim() && !/^(error: |TS\d+ \[ERROR\])/.test(lines[j].trim());
        j++
      ) {
        if (!/^Stack backtrace/.test(lines[j])) excerpt.push(lines[j]);
      }
      const key = `${file}:${inline[3]}:${inline[4]}:${message}`;
      if (!seen.has(key)) {
        seen.add(key);
        errors.push({ file, line: Number(inline[3]), column: Number(inline[4]), message, excerpt });
      }
      continue;
    }
    const excerpt: string[] = [];
    for (let j = i + 1; j < lines.length && j <= i + 12; j++) {
      const at = /^\s*at (?:.*\()?(file:\/\/\/?.+?):(\d+):(\d+)\)?\s*$/.exec(lines[j]);
      if (at) {
        const file = relative(at[1], root).replace(/^file:\/\//, "");
        const key = `${file}:${at[2]}:${at[3]}:${message}`;
        if (!seen.has(key)) {
          seen.add(key);
          errors.push({ file, line: Number(at[2]), column: Number(at[3]), message, excerpt });
        }
        i = j;
        break;
      }
      if (/^(error: |TS\d+ \[ERROR\])/.test(lines[j].trim())) break;
      if (lines[j].trim() && !/^Stack backtrace/.test(lines[j])) excerpt.push(lines[j]);
    }
  }
  return errors;
}

/**
 * The case that was running when a run was killed: the last "name ..." line
 * of the output that never got its result.
 *
 * @param output The killed run's output.
 * @returns The case name, if one can be told.
 *
 * @example
 * ```ts
 * import { hangingCase } from "./summary.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(hangingCase("a [cpu] ... ok (1ms)\nb [cpu] ..."), "b [cpu]");
 * ```
 */
export function hangingCase(output: string): string | undefined {
  const last = output.trimEnd().split("\n").pop() ?? "";
  const match = /^(.+?) \.\.\.$/.exec(last.trim());
  return match?.[1];
}

/**
 * Which backends a set of cases ran on, and why any was skipped, read from the
 * case names: "… [cpu]", "… [webgpu]", "… [webgpu — skipped: reason]".
 *
 * @param cases The cases of one run.
 * @returns The backends that ran and the skipped ones with their reason.
 *
 * @example
 * ```ts
 * import { backendsOf } from "./summary.ts";
 * import { deepStrictEqual } from "node:assert";
 * const cases = [
 *   { file: "", name: "x [cpu]", status: "passed" as const, message: "" },
 *   { file: "", name: "x [webgpu — skipped: no adapter]", status: "skipped" as const, message: "" },
 * ];
 * deepStrictEqual(backendsOf(cases), { ran: ["cpu"], skipped: { webgpu: "no adapter" } });
 * ```
 */
export function backendsOf(
  cases: CaseResult[],
): { ran: string[]; skipped: Record<string, string> } {
  const ran = new Set<string>();
  const skipped: Record<string, string> = {};
  for (const c of cases) {
    const parts = parseCaseName(c.name);
    if (!parts) continue;
    if (parts.skipped !== undefined || c.status === "skipped") {
      skipped[parts.backend] = parts.skipped ?? "skipped";
    } else ran.add(parts.backend);
  }
  for (const name of ran) delete skipped[name];
  return { ran: [...ran], skipped };
}

/**
 * Summarises a run of one kata.
 *
 * @param dir The kata folder.
 * @param run What `runTests` returned.
 * @param root The repository root, to shorten paths.
 * @param timeoutSeconds The timeout the run had, for the message.
 * @returns The report, its type check "pending" (see {@linkcode withTypeCheck}).
 *
 * @example
 * ```ts
 * import { summarize } from "./summary.ts";
 * import { strictEqual } from "node:assert";
 * const run = { code: 1, timedOut: false, output: "", cases: [
 *   { file: "", name: "adam() steps [cpu]", status: "failed" as const,
 *     message: "KataAssertionError: not implemented yet: kata 05 — adam()" },
 * ] };
 * const report = summarize("05_adam", run, "/r", 30);
 * strictEqual(report.status, "not started");
 * strictEqual(report.failure?.message, "not implemented yet: kata 05 — adam()");
 * ```
 */
export function summarize(
  dir: string,
  run: RunResult,
  root: string,
  timeoutSeconds: number,
): KataReport {
  const passed = run.cases.filter((c) => c.status === "passed").length;
  const failedCases = run.cases.filter((c) => c.status === "failed");
  const skipped = run.cases.filter((c) => c.status === "skipped").length;
  const { ran, skipped: skippedBackends } = backendsOf(run.cases);
  const report: KataReport = {
    dir,
    status: "failing",
    passed,
    failed: failedCases.length,
    skipped,
    compileErrors: [],
    backends: ran,
    skippedBackends,
    typeCheck: "pending",
  };
  if (failedCases.length) {
    report.failure = {
      name: failedCases[0].name,
      message: cleanMessage(failedCases[0].message, root),
    };
  }
  if (run.timedOut) {
    const where = hangingCase(run.output);
    report.status = "error";
    report.problem = `the tests did not finish within ${timeoutSeconds} s and were stopped` +
      (where ? ` — "${where}" was running (an endless loop?)` : " (an endless loop?)");
    return report;
  }
  if (run.cases.length === 0) {
    report.status = "error";
    report.compileErrors = parseCompileErrors(run.output, root);
    const compile =
      /^(SyntaxError|TS\d+|Module not found|The module's source code|Relative import path|Unable to load)/;
    report.problem = report.compileErrors.length
      ? report.compileErrors.every((e) => compile.test(e.message))
        ? "the kata does not compile"
        : "the kata failed while loading, before any case ran"
      : `no test case ran (deno test exited with code ${run.code})` +
        (lastErrorLine(run.output) ? `: ${lastErrorLine(run.output)}` : "");
    return report;
  }
  const ownStub = /^not implemented yet: kata /;
  // A case that builds on an earlier kata's stub fails (or is skipped) with "needs kata NN".
  const needs = /^needs kata (\d+)/;
  const waitingFor = new Set<string>();
  for (const c of run.cases) {
    // A case that declares its prerequisite is skipped while it waits: "[cpu — waiting: solve kata 05 first]".
    const waiting = c.status === "skipped" ? parseCaseName(c.name)?.waiting : undefined;
    if (waiting) waitingFor.add(waiting);
    const match = c.status === "failed" ? needs.exec(cleanMessage(c.message, root)) : null;
    if (match) waitingFor.add(match[1].padStart(2, "0"));
  }
  if (passed + failedCases.length === 0 && waitingFor.size === 0) {
    report.status = "error";
    report.problem = "every case was skipped: " +
      Object.entries(skippedBackends).map(([b, why]) => `${b} (${why})`).join(", ");
    return report;
  }
  const blocked = (c: CaseResult) => needs.test(cleanMessage(c.message, root));
  const own = (c: CaseResult) => ownStub.test(cleanMessage(c.message, root));
  if (failedCases.every(blocked) && waitingFor.size) {
    // Everything of this kata's own passes; the rest waits for an earlier kata.
    report.status = "waiting";
    report.problem = `the other cases need kata ${[...waitingFor].sort().join(" and ")} first`;
  } else if (failedCases.length === 0) report.status = "passing";
  else if (passed === 0 && failedCases.every((c) => own(c) || blocked(c))) {
    report.status = "not started";
  }
  return report;
}

function lastErrorLine(output: string): string | undefined {
  return output.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("error:")).pop();
}

/**
 * Adds the type check's outcome to a report: type errors keep a kata from
 * passing, because `deno test` (the command the README names) refuses them.
 *
 * @param report The report of the test run.
 * @param errors The type errors (empty when the check passed), or `undefined` if it did not run.
 * @returns A new report.
 *
 * @example
 * ```ts
 * import { withTypeCheck, type KataReport } from "./summary.ts";
 * import { strictEqual } from "node:assert";
 * const report: KataReport = { dir: "05_adam", status: "passing", passed: 3, failed: 0, skipped: 0,
 *   compileErrors: [], backends: ["cpu"], skippedBackends: {}, typeCheck: "pending" };
 * const error = { file: "katas/05_adam/adam.ts", line: 3, column: 1, message: "TS2322: …", excerpt: [] };
 * strictEqual(withTypeCheck(report, [error]).status, "failing");
 * ```
 */
export function withTypeCheck(report: KataReport, errors: CompileError[] | undefined): KataReport {
  if (errors === undefined) return { ...report, typeCheck: "not run" };
  if (errors.length === 0) return { ...report, typeCheck: "ok" };
  const known = new Set(report.compileErrors.map((e) => `${e.file}:${e.line}:${e.column}`));
  const compileErrors = [
    ...report.compileErrors,
    ...errors.filter((e) => !known.has(`${e.file}:${e.line}:${e.column}`)),
  ];
  const status = report.status === "passing" || report.status === "waiting"
    ? "failing"
    : report.status;
  const problem = report.problem ??
    (report.status === "passing" ? "every case passes, but the type checker objects" : undefined);
  return { ...report, status, compileErrors, problem, typeCheck: "failed" };
}
