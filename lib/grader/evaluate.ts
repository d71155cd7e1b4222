/**
 * Turns one sandboxed run into a graded kata. The run is trusted only when the
 * guard's two canaries came back as they must (one passed, one failed with the
 * guard's report), the report shows no incident, every registered case is one
 * the instructor's copy has, no case reported twice, and the child asked for no
 * permission the reference did not. Otherwise the kata earns nothing and the
 * reason says why. Cases that did not report count as failed.
 *
 * @module
 */
import { withoutWaiting } from "../core/case_name.ts";
import { caseKey } from "./grading_table.ts";
import { type HiddenTests, messageFor } from "./hidden.ts";
import { type CaseOutcome, type KataOutcome, type KataStatus, sumPoints } from "./results.ts";
import { MAX_REPORT_BYTES, type PermissionRequest, type SandboxRunResult } from "./sandbox/run.ts";
import type { GuardReport } from "./guard.ts";

/** The cases a kata's run must report, learned from the reference. */
export interface ExpectedCases {
  /** Visible case names, backend included, in order. */
  visible: string[];
  /** Hidden case names, backend included, in order. */
  hidden: string[];
  /** Permissions the reference run asked for ("read /x"): not held against a submission. */
  permissions: string[];
}

/** Everything needed to grade one run. */
export interface EvaluateInput {
  /** "05_adam". */
  kata: string;
  /** The run. */
  run: SandboxRunResult;
  /** The run's nonce. */
  nonce: string;
  /** The sandbox folder, to take out of messages. */
  sandboxDir: string;
  /** The hidden test file's name in the sandbox, or null. */
  hiddenName: string | null;
  /** The cases the run must report. */
  expected: ExpectedCases;
  /** Points per case key. */
  points: Map<string, number>;
  /** Hidden cases' feedback. */
  hidden: HiddenTests;
  /** The limits the run had, for messages. */
  limits: { timeoutMs: number; heapMb: number; rssMb: number };
  /** Files of this kata's reach that do not parse (from the import check). */
  parseErrors?: string[];
}

/** A permission request as the audit log and the reference record it. */
export function permissionKey(request: PermissionRequest): string {
  return `${request.permission} ${request.value}`;
}

const VERBS: Record<string, string> = {
  read: "read",
  write: "write",
  net: "open a connection to",
  env: "read the environment variable",
  run: "run",
  sys: "read system information",
  ffi: "load the native library",
  import: "import from",
};

/**
 * Removes sandbox paths and the nonce from a message, so that it reads as if
 * the tests had run in the student's own copy.
 *
 * @param text A message from the run.
 * @param sandboxDir The sandbox folder.
 * @param nonce The run's nonce.
 * @param hiddenName The hidden test file's name in the sandbox, or null.
 * @returns The cleaned message.
 *
 * @example
 * ```ts
 * import { cleanMessage } from "./evaluate.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(
 *   cleanMessage("at file:///tmp/s/katas/05_adam/adam.ts:3:1", "/tmp/s", "ab", null),
 *   "at katas/05_adam/adam.ts:3:1",
 * );
 * ```
 */
export function cleanMessage(
  text: string,
  sandboxDir: string,
  nonce: string,
  hiddenName: string | null,
): string {
  let out = text.split(`file://${sandboxDir}/`).join("").split(`${sandboxDir}/`).join("");
  if (hiddenName) out = out.split(hiddenName).join("hidden_test.ts");
  out = out.split(`grader-${nonce}`).join("grader").split(`[grad-dojo-guard ${nonce}]`).join(
    "[grader]",
  );
  // Stack frames of the runtime and of the guard's wrapper are noise to a student.
  return out.split("\n").filter((line) =>
    !/^\s+at .*(\(ext:|ext:[a-z_]+\/|lib\/grader(-guard)?\/(guard|guard_claim|tail)\.ts)/.test(line)
  ).join("\n");
}

/** The most of a failure message kept (a student's error could be megabytes long). */
const MAX_MESSAGE_CHARS = 8000;

function shorten(text: string): string {
  return text.length > MAX_MESSAGE_CHARS
    ? `${text.slice(0, MAX_MESSAGE_CHARS)}\n… (${text.length - MAX_MESSAGE_CHARS} more characters)`
    : text;
}

function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim())?.trim() ?? "";
}

/** Why a run ended without a report, from what the process printed (advisory only). */
function explainCrash(
  input: EvaluateInput,
  output: string,
): { status: KataStatus; reason: string } {
  const refused = /\[grader\] (.+? is not allowed while grading)/.exec(output);
  if (refused) {
    return { status: "tampered", reason: `stopped while loading: ${refused[1]}` };
  }
  const locked =
    /Cannot assign to read only property '([^']+)'(?: of (?:object|function) '([^']{1,60})')?|Cannot redefine property: ([^\s]+)|Cannot (?:define|add) property ([^\s,]+), object is not extensible/
      .exec(output);
  if (locked) {
    const what = locked[1] ? `${locked[1]}${locked[2] ? ` of ${locked[2]}` : ""}` : locked[3] ??
      locked[4];
    return {
      status: "tampered",
      reason: `tried to overwrite ${what} while loading; the grader freezes the test runner, ` +
        "the built-in objects, the library's classes and TensorFlow.js's recorded answers",
    };
  }
  if (input.parseErrors?.length) {
    return { status: "crashed", reason: `does not parse: ${input.parseErrors[0]}` };
  }
  if (/out of memory|heap limit|Allocation failed/i.test(output)) {
    return {
      status: "memory",
      reason: `ran out of memory (the heap is capped at ${input.limits.heapMb} MB) and was stopped`,
    };
  }
  const loading =
    /error: (?:\(in promise\) )?((?:Module not found|The module's source code could not be parsed|SyntaxError|Uncaught|TypeError|ReferenceError)[^\n]*)/
      .exec(output);
  if (loading) return { status: "crashed", reason: `stopped while loading: ${loading[1]}` };
  const { code, signal } = input.run;
  return {
    status: "crashed",
    reason: `ended before reporting its results (exit code ${code}${signal ? `, ${signal}` : ""})`,
  };
}

/**
 * Whether the output holds a test report the runtime did not print: a JUnit
 * document (the runtime writes JUnit to a file, never to the output) or a
 * second summary line like "ok | 24 passed | 0 failed".
 *
 * @param output The run's output, cleaned.
 * @returns What was forged, or null.
 */
function forgedReport(output: string): string | null {
  if (/<testsuites[\s>]|<testsuite[\s>]/.test(output)) return "a JUnit document on its output";
  const summaries = output.match(/^(?:ok|FAILED) \| \d+ passed/gm) ?? [];
  if (summaries.length > 1) return `${summaries.length} summary lines where the runtime prints one`;
  return null;
}

function parseReport(message: string): (GuardReport & { helpersWork: boolean }) | null {
  const at = message.indexOf("[grader] report ");
  if (at < 0) return null;
  const line = message.slice(at + "[grader] report ".length).split("\n")[0];
  try {
    const value = JSON.parse(line);
    return Array.isArray(value.registrations) && Array.isArray(value.incidents) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Grades one run.
 *
 * @param input The run and what it should have reported.
 * @returns The graded kata (duration and notes left for the caller to add).
 *
 * @example
 * ```ts ignore
 * import { evaluateRun } from "./evaluate.ts";
 * const outcome = evaluateRun(input);
 * console.log(outcome.status, outcome.points);
 * ```
 */
export function evaluateRun(input: EvaluateInput): KataOutcome {
  const { run, nonce, expected, kata } = input;
  const clean = (text: string) => cleanMessage(text, input.sandboxDir, nonce, input.hiddenName);
  const output = clean(run.output);
  const intactName = `grader canary ${nonce}: the environment is intact`;
  const reportName = `grader canary ${nonce}: report`;
  const reasons: string[] = [];
  let status: KataStatus = "graded";

  // A case that waits for an earlier kata says so in its name ("[cpu — waiting:
  // solve kata 10 first]"); it is still the reference's case "[cpu]".
  const byName = new Map<string, typeof run.cases>();
  const waitingFor = new Map<string, string>();
  for (const result of run.cases) {
    const { name, waiting } = withoutWaiting(result.name);
    const list = byName.get(name) ?? [];
    list.push(result);
    byName.set(name, list);
    if (waiting) waitingFor.set(name, waiting);
  }
  const reportCase = byName.get(reportName)?.[0];

  if (run.timedOut) {
    status = "timeout";
    reasons.push(
      `ran past the time limit of ${
        input.limits.timeoutMs / 1000
      } s and was stopped (an endless loop?)`,
    );
  } else if (run.cpuExceeded) {
    status = "timeout";
    reasons.push(
      `used more than ${
        Math.ceil(input.limits.timeoutMs / 1000)
      } s of CPU time and was stopped (an endless loop, or work on many threads?)`,
    );
  } else if (run.memoryExceeded) {
    status = "memory";
    reasons.push(`used more than ${input.limits.rssMb} MB of memory and was stopped`);
  } else if (run.reportTooLarge) {
    status = "crashed";
    reasons.push(
      `wrote a report larger than ${MAX_REPORT_BYTES / 1024 / 1024} MB (huge failure messages?)`,
    );
  } else if (!run.reported || !reportCase) {
    const crash = explainCrash(input, output);
    status = crash.status;
    reasons.push(crash.reason);
  } else {
    const tampered = (reason: string) => {
      status = "tampered";
      reasons.push(reason);
    };
    const report = parseReport(clean(reportCase.message));
    if (reportCase.status !== "failed") {
      tampered("the test runner was patched: a grader canary that must fail passed");
    } else if (!report) {
      tampered("the test runner was patched: the grader's report was altered");
    }
    const intact = byName.get(intactName);
    if (!intact?.length || intact[0].status !== "passed") {
      tampered(
        intact?.length
          ? firstLine(clean(intact[0].message)).replace(/^Error: \[grader\] /, "")
          : "the test runner was patched: a grader canary did not run",
      );
    }
    if (report) {
      for (const incident of report.incidents) tampered(`tampering detected: ${clean(incident)}`);
      if (!report.helpersWork) tampered("the test helpers were patched: they let 1 equal 2");
      const known = new Set([...expected.visible, ...expected.hidden]);
      const extra = report.registrations
        .filter((r) =>
          !known.has(withoutWaiting(r.name).name) &&
          !(r.phase === "tail" && r.name.startsWith(`grader canary ${nonce}`))
        )
        .map((r) => `"${r.name}"`);
      if (extra.length) {
        tampered(
          `registered test cases of its own: ${extra.slice(0, 3).join(", ")}${
            extra.length > 3 ? ` and ${extra.length - 3} more` : ""
          }`,
        );
      }
    }
    for (const [name, list] of byName) {
      if (
        list.length > 1 && (name.startsWith("grader canary") || expected.visible.includes(name) ||
          expected.hidden.includes(name))
      ) {
        tampered(`a case reported more than once: "${name}"`);
        break;
      }
    }
    const forged = forgedReport(output);
    if (forged) {
      tampered(
        `printed a forged test report (${forged}); results come only from the runtime's own report`,
      );
    }
    const allowed = new Set(expected.permissions);
    for (const request of run.permissionRequests) {
      const value = clean(request.value);
      if (allowed.has(permissionKey({ permission: request.permission, value }))) continue;
      tampered(`tried to ${VERBS[request.permission] ?? request.permission} "${value}" (refused)`);
    }
  }

  const trusted = status === "graded";
  const cases: CaseOutcome[] = [];
  for (const [hidden, names] of [[false, expected.visible], [true, expected.hidden]] as const) {
    for (const name of names) {
      const key = caseKey(name);
      const maxPoints = input.points.get(key) ?? 0;
      const feedback = hidden ? input.hidden.cases.get(key) ?? input.hidden.feedback : "full";
      const reported = byName.get(name)?.[0];
      let caseStatus: CaseOutcome["status"];
      let message: string;
      if (!trusted) {
        caseStatus = "error";
        message = `not counted: ${reasons[0]}`;
      } else if (!reported) {
        caseStatus = "error";
        message = "did not report a result";
      } else if (reported.status === "passed") {
        caseStatus = "passed";
        message = "";
      } else {
        caseStatus = "failed";
        const waiting = waitingFor.get(name);
        message = waiting
          ? `waiting: solve kata ${waiting} first (this case builds on it)`
          : reported.status === "skipped"
          ? "was skipped"
          : shorten(clean(reported.message));
      }
      cases.push({
        name,
        key,
        hidden,
        feedback,
        status: caseStatus,
        message,
        points: caseStatus === "passed" ? maxPoints : 0,
        maxPoints,
      });
    }
  }
  return {
    kata,
    number: Number(kata.slice(0, 2)),
    status,
    points: sumPoints(cases.map((c) => c.points)),
    maxPoints: sumPoints(cases.map((c) => c.maxPoints)),
    cases,
    reasons: [...new Set(reasons)],
    notes: [],
    durationMs: run.durationMs,
  };
}

/**
 * What a student may see of a case's message.
 *
 * @param outcome The case.
 * @returns The message after its feedback setting.
 *
 * @example
 * ```ts
 * import { studentMessage } from "./evaluate.ts";
 * import { strictEqual } from "node:assert";
 * const base = { name: "a [cpu]", key: "a", status: "failed" as const, points: 0, maxPoints: 1 };
 * strictEqual(studentMessage({ ...base, hidden: true, feedback: "none", message: "x" }), "");
 * ```
 */
export function studentMessage(outcome: CaseOutcome): string {
  return outcome.status === "failed"
    ? messageFor(outcome.message, outcome.feedback)
    : outcome.message;
}
