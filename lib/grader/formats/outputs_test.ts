import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { parse } from "csv-parse/sync";
import { parseJUnit } from "../../runner/junit.ts";
import { toClassroom } from "./classroom.ts";
import { toExercism } from "./exercism.ts";
import { formatFeedback } from "./feedback.ts";
import { formatGradebook } from "./gradebook.ts";
import { formatJUnit } from "./junit_report.ts";
import { writeClassOutputs } from "./outputs.ts";
import type { ClassOutcome, SubmissionOutcome } from "../results.ts";
import { formatClassSummary, formatSubmissionSummary } from "./summary.ts";
import { gradeTest } from "../_test_permissions.ts";

const SECRET = "the hidden case expected 0.64 and got 0.61";

function submission(student = "ada"): SubmissionOutcome {
  return {
    student,
    path: `/class/${student}`,
    points: 4,
    maxPoints: 20,
    notes: ["left out katas/05_adam/x.wasm: only .ts and .js code is graded"],
    durationMs: 1200,
    katas: [
      {
        kata: "05_adam",
        number: 5,
        status: "graded",
        points: 4,
        maxPoints: 10,
        durationMs: 900,
        reasons: [],
        notes: [
          "katas/05_adam/adam_test.ts differs from the released copy; the pristine copy was used",
        ],
        cases: [
          {
            name: "adam() a [cpu]",
            key: "adam() a",
            hidden: false,
            feedback: "full",
            status: "passed",
            message: "",
            points: 4,
            maxPoints: 4,
          },
          {
            name: "adam() b [cpu]",
            key: "adam() b",
            hidden: false,
            feedback: "full",
            status: "failed",
            message: "expected 1, got 2\n  where: adam() step 2",
            points: 0,
            maxPoints: 2,
          },
          {
            name: "adam() secret [cpu]",
            key: "adam() secret",
            hidden: true,
            feedback: "none",
            status: "failed",
            message: SECRET,
            points: 0,
            maxPoints: 2,
          },
          {
            name: "adam() hint [cpu]",
            key: "adam() hint",
            hidden: true,
            feedback: "message",
            status: "failed",
            message: "first line shown\nsecond line hidden",
            points: 0,
            maxPoints: 2,
          },
        ],
      },
      {
        kata: "06_warmup",
        number: 6,
        status: "missing",
        points: 0,
        maxPoints: 10,
        durationMs: 0,
        reasons: ["katas/06_warmup is missing from the submission"],
        notes: [],
        cases: [],
      },
    ],
  };
}

function everything(result: unknown): string {
  return JSON.stringify(result);
}

gradeTest(
  "toExercism() writes results.json v3 with task ids, hidden messages as their setting allows",
  () => {
    const results = toExercism(submission());
    strictEqual(results.version, 3);
    strictEqual(results.status, "fail");
    deepStrictEqual(results.tests.map((t) => [t.task_id, t.status]), [
      [5, "pass"],
      [5, "fail"],
      [5, "fail"],
      [5, "fail"],
      [6, "error"],
    ]);
    strictEqual(results.tests[1].message, "expected 1, got 2\n  where: adam() step 2");
    strictEqual(results.tests[2].message, "failed");
    strictEqual(results.tests[3].message, "first line shown");
    ok(
      !everything(results).includes(SECRET) && !everything(results).includes("second line hidden"),
    );
    ok(results.tests.every((t) => typeof t.test_code === "string"));
  },
);

Deno.test("toExercism() says error, with a message, when no kata ran", () => {
  const nothing = { ...submission(), katas: [submission().katas[1]] };
  const results = toExercism(nothing);
  strictEqual(results.status, "error");
  strictEqual(results.message, "06_warmup: katas/06_warmup is missing from the submission");
});

Deno.test("toClassroom() gives each case its points and the submission's maximum", () => {
  const result = toClassroom(submission());
  strictEqual(result.version, 1);
  strictEqual(result.max_score, 20);
  strictEqual(result.tests.reduce((sum, t) => sum + t.score, 0), 4);
  ok(!everything(result).includes(SECRET));
});

gradeTest(
  "formatJUnit() reads back with the shared JUnit reader, failures and errors in place",
  () => {
    const xml = formatJUnit(submission());
    const cases = parseJUnit(xml);
    deepStrictEqual(cases.map((c) => c.status), ["passed", "failed", "failed", "failed", "failed"]);
    strictEqual(cases[4].name, "06_warmup (kata)");
    ok(xml.includes('<property name="points" value="4"/>'));
    ok(!xml.includes(SECRET));
  },
);

Deno.test("formatFeedback() shows what failed and why, never a hidden message it may not", () => {
  const text = formatFeedback(submission(), "2026-01-01T00:00:00Z");
  ok(text.includes("**4 / 20 (20%)**"));
  ok(text.includes("expected 1, got 2"));
  ok(text.includes("(no details are shown for this hidden case)"));
  ok(text.includes("first line shown") && !text.includes("second line hidden"));
  ok(!text.includes(SECRET));
  ok(text.includes("Not graded: katas/06_warmup is missing from the submission."));
});

Deno.test("the instructor's summary shows everything, hidden messages included", () => {
  const text = formatSubmissionSummary(submission());
  ok(text.startsWith("ada — 4 / 20 (20%)"));
  ok(text.includes(SECRET) && text.includes("students see: none"));
  ok(text.includes("MISSING: katas/06_warmup is missing"));
});

Deno.test("formatGradebook() writes one row per student and one column per kata", () => {
  const result: ClassOutcome = {
    submissions: [submission("ada"), { ...submission("=cmd"), points: 0 }],
    katas: ["05_adam", "06_warmup"],
    warnings: [],
    durationMs: 1,
    gradedAt: "2026-01-01T00:00:00Z",
  };
  const rows = parse(formatGradebook(result)) as string[][];
  deepStrictEqual(rows[0], [
    "student",
    "05_adam",
    "06_warmup",
    "total",
    "max",
    "percent",
    "problems",
  ]);
  deepStrictEqual(rows[1], ["ada", "4", "0", "4", "20", "20", "06_warmup: missing"]);
  strictEqual(rows[2][0], "'=cmd", "a name that a spreadsheet would run is quoted");
  ok(formatClassSummary(result).includes("missing 06"));
});

gradeTest(
  "writeClassOutputs() writes the gradebook and one folder of six files per student",
  async () => {
    const dir = await Deno.makeTempDir();
    const result: ClassOutcome = {
      submissions: [submission("ada"), submission("Ana María")],
      katas: ["05_adam", "06_warmup"],
      warnings: [],
      durationMs: 1,
      gradedAt: "2026-01-01T00:00:00Z",
    };
    const written = await writeClassOutputs(dir, result);
    strictEqual(written.length, 3 + 2 * 6);
    const feedback = await Deno.readTextFile(`${dir}/students/Ana_Mar_a/feedback.md`);
    ok(feedback.startsWith("# Feedback for Ana María"));
    strictEqual(JSON.parse(await Deno.readTextFile(`${dir}/students/ada/results.json`)).version, 3);
    await Deno.remove(dir, { recursive: true });
  },
);
