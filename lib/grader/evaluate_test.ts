import { ok, strictEqual } from "node:assert";
import type { CaseResult } from "../runner/junit.ts";
import { cleanMessage, type EvaluateInput, evaluateRun, studentMessage } from "./evaluate.ts";
import type { GuardReport } from "./guard.ts";
import type { SandboxRunResult } from "./sandbox/run.ts";

const NONCE = "abc123";
const SANDBOX = "/tmp/grad-dojo-grade-x/slot-0";
const VISIBLE = ["adam() a [cpu]", "adam() b [cpu]"];
const HIDDEN = ["adam() secret [cpu]"];

function reportMessage(report: Partial<GuardReport> & { helpersWork?: boolean } = {}): string {
  const full = {
    registrations: [
      ...VISIBLE.map((name) => ({ name, phase: "visible", ignored: false })),
      ...HIDDEN.map((
        name,
      ) => ({ name, phase: "hidden", ignored: false })),
    ],
    incidents: [],
    helpersWork: true,
    ...report,
  };
  return `Error: [grad-dojo-guard ${NONCE}] report ${JSON.stringify(full)}\n    at tail.ts:30:9`;
}

function canaries(report = reportMessage()): CaseResult[] {
  return [
    {
      file: "",
      name: `grader canary ${NONCE}: the environment is intact`,
      status: "passed",
      message: "",
    },
    { file: "", name: `grader canary ${NONCE}: report`, status: "failed", message: report },
  ];
}

function run(cases: CaseResult[], extra: Partial<SandboxRunResult> = {}): SandboxRunResult {
  return {
    cases,
    reported: true,
    code: 1,
    signal: null,
    timedOut: false,
    memoryExceeded: false,
    peakRssMb: 100,
    output: "",
    permissionRequests: [],
    durationMs: 500,
    seenCwd: "/course",
    ...extra,
  };
}

const passing: CaseResult[] = [...VISIBLE, ...HIDDEN].map((name) => ({
  file: "",
  name,
  status: "passed",
  message: "",
}));

function input(result: SandboxRunResult, extra: Partial<EvaluateInput> = {}): EvaluateInput {
  return {
    kata: "05_adam",
    run: result,
    nonce: NONCE,
    sandboxDir: SANDBOX,
    hiddenName: `${NONCE}_hidden_test.ts`,
    expected: { visible: VISIBLE, hidden: HIDDEN, permissions: [] },
    points: new Map([["adam() a", 3], ["adam() b", 3], ["adam() secret", 4]]),
    hidden: { testFile: null, feedback: "none", cases: new Map() },
    limits: { timeoutMs: 30_000, heapMb: 512, rssMb: 1536 },
    ...extra,
  };
}

Deno.test("evaluateRun() grades a trusted run case by case, with each case's points", () => {
  const cases: CaseResult[] = [
    passing[0],
    {
      file: "",
      name: VISIBLE[1],
      status: "failed",
      message: `Error: wrong\n    at file://${SANDBOX}/katas/05_adam/adam.ts:3:1`,
    },
    passing[2],
    ...canaries(),
  ];
  const outcome = evaluateRun(input(run(cases)));
  strictEqual(outcome.status, "graded");
  strictEqual(outcome.points, 7);
  strictEqual(outcome.maxPoints, 10);
  strictEqual(outcome.cases[1].message, "Error: wrong\n    at katas/05_adam/adam.ts:3:1");
  strictEqual(outcome.cases[2].hidden, true);
});

Deno.test("evaluateRun() fails a case that did not report", () => {
  const outcome = evaluateRun(input(run([passing[0], passing[2], ...canaries()])));
  strictEqual(outcome.status, "graded");
  strictEqual(outcome.cases[1].status, "error");
  strictEqual(outcome.cases[1].message, "did not report a result");
  strictEqual(outcome.points, 7);
});

Deno.test("evaluateRun() reads a case that waits for an earlier kata as the reference's case, not as one of its own", () => {
  // An honest submission without kata 10 runs kata 12's cases as
  // "… [cpu — waiting: solve kata 10 first]" (skipped); the reference named them "… [cpu]".
  const waitingName = "adam() b [cpu — waiting: solve kata 04 first]";
  const registrations = [
    { name: VISIBLE[0], phase: "visible", ignored: false },
    { name: waitingName, phase: "visible", ignored: true },
    { name: HIDDEN[0], phase: "hidden", ignored: false },
  ];
  const cases: CaseResult[] = [
    passing[0],
    { file: "", name: waitingName, status: "skipped", message: "" },
    passing[2],
    ...canaries(reportMessage({ registrations })),
  ];
  const outcome = evaluateRun(input(run(cases)));
  strictEqual(outcome.status, "graded", outcome.reasons.join("; "));
  strictEqual(outcome.points, 7);
  strictEqual(outcome.cases[1].status, "failed");
  strictEqual(outcome.cases[1].message, "waiting: solve kata 04 first (this case builds on it)");
  // A name the reference never had is still a case of its own.
  const forged = [{
    name: "adam() c [cpu — waiting: solve kata 04 first]",
    phase: "visible",
    ignored: false,
  }];
  const tampered = evaluateRun(input(run([
    ...passing,
    ...canaries(reportMessage({ registrations: [...registrations, ...forged] })),
  ])));
  strictEqual(tampered.status, "tampered");
});

Deno.test("evaluateRun() gives nothing to a run whose report canary passed (a patched runner)", () => {
  const patched = canaries().map((c) => ({ ...c, status: "passed" as const }));
  const outcome = evaluateRun(input(run([...passing, ...patched])));
  strictEqual(outcome.status, "tampered");
  strictEqual(outcome.points, 0);
  ok(outcome.reasons[0].includes("a grader canary that must fail passed"), outcome.reasons[0]);
  ok(outcome.cases.every((c) => c.status === "error"));
});

Deno.test("evaluateRun() gives nothing when the canaries are missing and explains the crash", () => {
  const outcome = evaluateRun(input(run([], {
    reported: false,
    output:
      `error: Uncaught (in promise) Error: [grad-dojo-guard ${NONCE}] Deno.exit() is not allowed while grading`,
  })));
  strictEqual(outcome.status, "tampered");
  strictEqual(
    outcome.reasons[0],
    "stopped while loading: Deno.exit() is not allowed while grading",
  );
  strictEqual(outcome.points, 0);
});

Deno.test("evaluateRun() refuses a run with cases of the submission's own or reported twice", () => {
  const report = reportMessage({
    registrations: [
      ...VISIBLE.map((name) => ({ name, phase: "visible", ignored: false })),
      { name: "adam() a [cpu]", phase: "visible", ignored: false },
      { name: "everything is fine [cpu]", phase: "visible", ignored: false },
    ],
  });
  const outcome = evaluateRun(input(run([...passing, passing[0], ...canaries(report)])));
  strictEqual(outcome.status, "tampered");
  ok(
    outcome.reasons.some((r) => r.includes('"everything is fine [cpu]"')),
    outcome.reasons.join("; "),
  );
  ok(
    outcome.reasons.some((r) => r.includes("reported more than once")),
    outcome.reasons.join("; "),
  );
});

Deno.test("evaluateRun() refuses a run that asked for a permission the reference did not", () => {
  const outcome = evaluateRun(input(run([...passing, ...canaries()], {
    permissionRequests: [
      { permission: "read", value: `${SANDBOX}/katas/05_adam/${NONCE}_hidden_test.ts` },
      { permission: "env", value: "HOME" },
    ],
  })));
  strictEqual(outcome.status, "tampered");
  strictEqual(outcome.reasons[0], 'tried to read "katas/05_adam/hidden_test.ts" (refused)');
  strictEqual(outcome.reasons[1], 'tried to read the environment variable "HOME" (refused)');
});

Deno.test("evaluateRun() lets the permissions the reference itself asks for go", () => {
  const outcome = evaluateRun(input(
    run([...passing, ...canaries()], {
      permissionRequests: [{ permission: "env", value: "TF_CPP_MIN_LOG_LEVEL" }],
    }),
    { expected: { visible: VISIBLE, hidden: HIDDEN, permissions: ["env TF_CPP_MIN_LOG_LEVEL"] } },
  ));
  strictEqual(outcome.status, "graded");
  strictEqual(outcome.points, 10);
});

Deno.test("evaluateRun() reports incidents and helpers that stopped seeing differences", () => {
  const report = reportMessage({ incidents: ["tried to overwrite Math.abs"], helpersWork: false });
  const outcome = evaluateRun(input(run([...passing, ...canaries(report)])));
  strictEqual(outcome.status, "tampered");
  ok(outcome.reasons.includes("tampering detected: tried to overwrite Math.abs"));
  ok(outcome.reasons.includes("the test helpers were patched: they let 1 equal 2"));
});

Deno.test("evaluateRun() names timeouts, memory and syntax errors", () => {
  const timeout = evaluateRun(input(run([], { reported: false, timedOut: true })));
  strictEqual(timeout.status, "timeout");
  ok(timeout.reasons[0].includes("time limit of 30 s"));
  const memory = evaluateRun(input(run([], { reported: false, memoryExceeded: true })));
  strictEqual(memory.status, "memory");
  const syntax = evaluateRun(input(run([], { reported: false }), {
    parseErrors: ["katas/05_adam/adam.ts: SyntaxError: Expression expected"],
  }));
  strictEqual(syntax.status, "crashed");
  strictEqual(
    syntax.reasons[0],
    "does not parse: katas/05_adam/adam.ts: SyntaxError: Expression expected",
  );
});

Deno.test("studentMessage() shows a hidden case's failure only as its feedback setting allows", () => {
  const base = {
    name: "adam() secret [cpu]",
    key: "adam() secret",
    hidden: true,
    status: "failed" as const,
    message: "adam() step 3: expected 0.64, got 0.61\n  at hidden_test.ts:9",
    points: 0,
    maxPoints: 4,
  };
  strictEqual(studentMessage({ ...base, feedback: "full" }), base.message);
  strictEqual(
    studentMessage({ ...base, feedback: "message" }),
    "adam() step 3: expected 0.64, got 0.61",
  );
  strictEqual(studentMessage({ ...base, feedback: "none" }), "");
});

Deno.test("cleanMessage() takes out the sandbox, the nonce, the hidden file's name and runtime frames", () => {
  const text = [
    `Error: [grad-dojo-guard ${NONCE}] tampering detected`,
    `    at f (file://${SANDBOX}/katas/05_adam/${NONCE}_hidden_test.ts:4:2)`,
    `    at definition.fn (file://${SANDBOX}/lib/grader-${NONCE}/guard.ts:315:3)`,
    `    at wrapped (file://${SANDBOX}/lib/grader-guard/guard.ts:320:5)`,
    "    at <anonymous> (ext:core/01_core.js:1252:34)",
  ].join("\n");
  strictEqual(
    cleanMessage(text, SANDBOX, NONCE, `${NONCE}_hidden_test.ts`),
    "Error: [grader] tampering detected\n    at f (katas/05_adam/hidden_test.ts:4:2)",
  );
});
