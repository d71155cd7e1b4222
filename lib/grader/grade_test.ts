// The adversarial class: lib/grader/fixtures/class holds one submission per
// attack (kata 05 only), next to honest ones. It is graded once, in parallel;
// each case below checks that one submission got what it deserves and why,
// while the rest of the class was graded normally.
import { ok, strictEqual } from "node:assert";
import { fileURLToPath } from "node:url";
import { listClass } from "./class_folder.ts";
import { gradeSubmissions } from "./grade.ts";
import type { ClassOutcome, KataOutcome } from "./results.ts";
import { canGrade, gradeTest } from "./_test_permissions.ts";

const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const fixtures = fileURLToPath(new URL("fixtures/class", import.meta.url));
async function gradeTheClass(): Promise<ClassOutcome> {
  const scratch = await Deno.makeTempDir({ prefix: "grad-dojo-grade-test-" });
  await Deno.mkdir(`${scratch}/empty`);
  const { submissions } = await listClass(fixtures);
  try {
    return await gradeSubmissions(
      [
        ...submissions,
        { student: "zz-empty", path: `${scratch}/empty` },
        { student: "zz-nowhere", path: `${scratch}/not-there` },
      ],
      { root, katas: ["05_adam"], timeoutMs: 8_000, heapMb: 256, rssMb: 700 },
    );
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
}

// Graded once, at load; without the permissions (see _test_permissions.ts) every case is skipped.
const result: ClassOutcome = canGrade
  ? await gradeTheClass()
  : { submissions: [], katas: [], warnings: [], durationMs: 0, gradedAt: "" };
const fixtureCount = canGrade ? (await listClass(fixtures)).submissions.length : 0;

function kataOf(student: string): KataOutcome {
  const submission = result.submissions.find((s) => s.student === student);
  ok(submission, `no result for ${student}`);
  return submission.katas[0];
}

function expectZero(student: string, status: KataOutcome["status"], reason: RegExp): void {
  const kata = kataOf(student);
  strictEqual(kata.status, status, `${student}: ${kata.status} — ${kata.reasons.join("; ")}`);
  strictEqual(kata.points, 0);
  ok(kata.reasons.some((r) => reason.test(r)), `${student}: ${kata.reasons.join("; ")}`);
}

gradeTest("grading a class grades every submission, one result each, whatever they do", () => {
  strictEqual(result.submissions.length, fixtureCount + 2);
  strictEqual(result.warnings.length, 0, result.warnings.join("\n"));
  ok(result.cases?.["05_adam"].hidden.length, "the hidden tests of kata 05 ran");
});

gradeTest("a correct submission earns every point, hidden cases included", () => {
  const kata = kataOf("ada");
  strictEqual(kata.status, "graded");
  ok(Math.abs(kata.points - 10) < 1e-9, `${kata.points}`);
  ok(kata.cases.some((c) => c.hidden && c.status === "passed"));
});

gradeTest("a half-done submission earns the points of the cases it passes", () => {
  const kata = kataOf("ben");
  strictEqual(kata.status, "graded");
  ok(kata.points > 0 && kata.points < 10, `${kata.points}`);
  const hiddenFailure = kata.cases.find((c) =>
    c.hidden && c.status === "failed" && c.feedback === "none"
  );
  ok(hiddenFailure, "a failed hidden case whose feedback is none");
});

gradeTest("the untouched release earns nothing", () => {
  const kata = kataOf("cho");
  strictEqual(kata.status, "graded");
  strictEqual(kata.points, 0);
  ok(kata.cases.every((c) => c.status === "failed" && c.message.includes("not implemented yet")));
});

gradeTest("an endless loop is stopped at the time limit and earns nothing", () => {
  expectZero("loop", "timeout", /time limit of 8 s/);
});

gradeTest(
  "a memory bomb outside the V8 heap is stopped at the memory cap and earns nothing",
  () => {
    expectZero("memory_bomb", "memory", /more than 700 MB/);
  },
);

gradeTest("a memory bomb inside the V8 heap hits the heap cap and earns nothing", () => {
  expectZero("heap_bomb", "memory", /heap is capped at 256 MB/);
});

gradeTest("Deno.exit(0) at import time earns nothing", () => {
  expectZero("exit_at_import", "tampered", /Deno\.exit\(\) is not allowed/);
});

gradeTest("a suite edited to assert nothing is replaced by the pristine one and reported", () => {
  const kata = kataOf("tests_edited");
  strictEqual(kata.status, "graded");
  strictEqual(kata.points, 0);
  ok(
    kata.notes.some((n) => n.includes("katas/05_adam/adam_test.ts differs from the released copy")),
    kata.notes.join("; "),
  );
});

gradeTest("overwriting Deno.test at import time earns nothing", () => {
  expectZero("patch_deno_test", "tampered", /overwriting Deno\.test is not allowed/);
});

gradeTest("patching the library and Math to fool the comparisons earns nothing", () => {
  expectZero("patch_helpers", "tampered", /Tensor\.prototype\.data/);
  ok(kataOf("patch_helpers").reasons.some((r) => r.includes("Math.abs")));
});

gradeTest("registering passing cases under the suite's names earns nothing", () => {
  expectZero("fake_cases", "tampered", /reported more than once|of its own/);
});

gradeTest(
  "a correct submission that reads files, the environment or the network earns nothing",
  () => {
    expectZero(
      "snoop",
      "tampered",
      /tried to read "\.\.\/\.\.\/solutions\/05_adam\/hidden_test\.ts"/,
    );
    const reasons = kataOf("snoop").reasons.join("\n");
    ok(/tried to write "stolen\.txt"/.test(reasons), reasons);
    ok(/environment variable "HOME"/.test(reasons), reasons);
    ok(/open a connection to "127\.0\.0\.1:80"/.test(reasons), reasons);
  },
);

gradeTest(
  "importing the solution or the hidden tests by path is refused before anything runs",
  () => {
    expectZero("import_escape", "not-run", /solutions\/05_adam\/adam\.ts", outside katas\//);
    ok(kataOf("import_escape").reasons.some((r) => r.includes("loads a module with import()")));
  },
);

gradeTest(
  "printing a passing report earns nothing and is flagged: results come from the runtime's report",
  () => {
    expectZero("fake_report", "tampered", /printed a forged test report/);
  },
);

gradeTest("a syntax error earns nothing and says where", () => {
  expectZero("syntax_error", "crashed", /does not parse: katas\/05_adam\/adam\.ts: SyntaxError/);
});

gradeTest("a missing kata folder earns nothing for that kata", () => {
  expectZero("missing_kata", "missing", /katas\/05_adam is missing/);
});

gradeTest("an empty folder and a folder that does not exist earn nothing, with a reason", () => {
  expectZero("zz-empty", "missing", /has no katas\/ folder/);
  expectZero("zz-nowhere", "missing", /does not exist/);
});

gradeTest("planting an option on Object.prototype to loosen every comparison earns nothing", () => {
  expectZero("proto_pollution", "tampered", /Object\.prototype\.looseness/);
});

gradeTest("every run of the class ran inside bubblewrap where it can start", () => {
  ok(result.sandbox === "bubblewrap" || result.warnings.some((w) => w.startsWith("UNSANDBOXED")));
});

gradeTest("importing through percent-encoded parent folders (%2e%2e) is refused", () => {
  expectZero("encoded_escape", "not-run", /may not contain %/);
  expectZero("read_files", "not-run", /may not contain %/);
  const kata = kataOf("read_files");
  ok(kata.cases.every((c) => !c.message.includes("root:")), "no file content leaks");
});

gradeTest("patching intrinsics or the library's classes is frozen out and flagged", () => {
  expectZero("has_instance", "tampered", /Symbol\.hasInstance/);
  expectZero("float64_from", "tampered", /overwrite from/);
  expectZero("regexp_test", "tampered", /overwrite test/);
});

gradeTest(
  "TensorFlow.js's recorded answers cannot be overwritten: there is no oracle to poison",
  () => {
    expectZero(
      "poison_recorded",
      "tampered",
      /tried to overwrite 1 of \[object Array\] while loading/,
    );
  },
);

gradeTest("killing its own process is tampering, not a crash", () => {
  expectZero("kill_self", "tampered", /Deno\.kill\(\) is not allowed/);
});

gradeTest(
  "honest code using queueMicrotask, timers, structuredClone, typed arrays scores 10",
  () => {
    const kata = kataOf("honest_globals");
    strictEqual(kata.status, "graded", kata.reasons.join("; "));
    ok(Math.abs(kata.points - 10) < 1e-9, `${kata.points}`);
  },
);
