// Batches are only a faster way to the same grades: graded in one process
// (--jobs 1, two submissions), katas 05 and 06 get what they get one by one,
// and a kata that misbehaves in a batch is decided by a run of its own.
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { fileURLToPath } from "node:url";
import { gradeSubmissions } from "./grade.ts";
import type { ClassOutcome, KataOutcome } from "./results.ts";
import { splitBatch } from "./batch.ts";
import type { SandboxRunResult } from "./sandbox/run.ts";
import { canGrade, gradeTest } from "./_test_permissions.ts";

const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const fixtures = fileURLToPath(new URL("fixtures/class", import.meta.url));

/** honest: 05 and 06 solved; exits: 05 calls Deno.exit() at import, 06 solved. */
async function gradeBoth(jobs: number): Promise<ClassOutcome> {
  const scratch = await Deno.makeTempDir({ prefix: "grad-dojo-batch-test-" });
  try {
    for (
      const [student, adam] of [["honest", `${fixtures}/ada`], [
        "exits",
        `${fixtures}/exit_at_import`,
      ]]
    ) {
      for (const kata of ["05_adam", "06_warmup"]) {
        await Deno.mkdir(`${scratch}/${student}/katas/${kata}`, { recursive: true });
      }
      await Deno.copyFile(
        `${adam}/katas/05_adam/adam.ts`,
        `${scratch}/${student}/katas/05_adam/adam.ts`,
      );
      await Deno.copyFile(
        `${root}/solutions/06_warmup/warmup.ts`,
        `${scratch}/${student}/katas/06_warmup/warmup.ts`,
      );
    }
    return await gradeSubmissions(
      ["honest", "exits"].map((student) => ({ student, path: `${scratch}/${student}` })),
      { root, katas: ["05_adam", "06_warmup"], timeoutMs: 15_000, heapMb: 256, rssMb: 700, jobs },
    );
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
}

const hasSolutions = await Deno.stat(`${root}/solutions`).then(() => true, () => false);
const [batched, alone] = canGrade && hasSolutions
  ? [await gradeBoth(1), await gradeBoth(4)]
  : [undefined, undefined];

function kata(result: ClassOutcome | undefined, student: string, name: string): KataOutcome {
  const found = result?.submissions.find((s) => s.student === student)?.katas.find((k) =>
    k.kata === name
  );
  ok(found, `no result for ${student} ${name}`);
  return found;
}

gradeTest("a batch runs its katas in one process; a batch that misbehaves runs each again", () => {
  // honest: one batch. exits: one batch, then 05 and 06 on their own.
  strictEqual(batched?.runs, 4);
  strictEqual(alone?.runs, 4);
});

gradeTest("a batch grades honest katas exactly as runs of their own do", () => {
  for (const name of ["05_adam", "06_warmup"]) {
    const [b, a] = [kata(batched, "honest", name), kata(alone, "honest", name)];
    strictEqual(b.status, "graded", b.reasons.join("; "));
    strictEqual(b.points, 10);
    deepStrictEqual(
      b.cases.map((c) => [c.name, c.status, c.points]),
      a.cases.map((c) => [c.name, c.status, c.points]),
    );
  }
});

gradeTest("a kata that exits in a batch is decided as in a run of its own", () => {
  const exits = kata(batched, "exits", "05_adam");
  strictEqual(exits.status, "tampered");
  strictEqual(exits.points, 0);
  ok(exits.reasons.some((r) => /Deno\.exit\(\) is not allowed/.test(r)), exits.reasons.join("; "));
  // Kata 06's suite builds on kata 05 (warm-up under Adam), so it loads the same
  // adam.ts: the batch must give it what its own run gives it.
  for (const name of ["05_adam", "06_warmup"]) {
    const [b, a] = [kata(batched, "exits", name), kata(alone, "exits", name)];
    deepStrictEqual([b.status, b.points, b.reasons], [a.status, a.points, a.reasons]);
  }
});

Deno.test("splitBatch() cuts at each kata's report canary and gives up on what it cannot place", () => {
  const result = (name: string, status: "passed" | "failed" | "skipped" = "passed") => ({
    file: "",
    name,
    status,
    message: "",
  });
  const run: SandboxRunResult = {
    cases: [
      result("a() [cpu]"),
      result("bad input is refused [cpu]"),
      result("grader canary n1: the environment is intact"),
      result("grader canary n1: report", "failed"),
      result("b() [cpu — waiting: solve kata 01 first]", "skipped"),
      result("bad input is refused [cpu]", "failed"),
      result("grader canary n2: the environment is intact"),
      result("grader canary n2: report", "failed"),
    ],
    reported: true,
    code: 1,
    signal: null,
    timedOut: false,
    memoryExceeded: false,
    peakRssMb: 0,
    output: "",
    permissionRequests: [],
    durationMs: 100,
    seenCwd: "/course",
  };
  // Both katas have a case named "bad input is refused": only the order tells them apart.
  const expected = new Map([
    ["01_a", { visible: ["a() [cpu]", "bad input is refused [cpu]"], hidden: [], permissions: [] }],
    ["02_b", { visible: ["b() [cpu]", "bad input is refused [cpu]"], hidden: [], permissions: [] }],
  ]);
  const katas = ["01_a", "02_b"];
  const nonces = ["n1", "n2"];
  const shares = splitBatch(run, katas, nonces, expected)!;
  deepStrictEqual(shares.get("01_a")!.cases.map((c) => c.status), [
    "passed",
    "passed",
    "passed",
    "failed",
  ]);
  deepStrictEqual(shares.get("02_b")!.cases.map((c) => c.status), [
    "skipped",
    "failed",
    "passed",
    "failed",
  ]);
  // The order of the isolates does not matter: each stretch ends with its kata's canary.
  const swapped = [...run.cases.slice(4), ...run.cases.slice(0, 4)];
  strictEqual(
    splitBatch({ ...run, cases: swapped }, katas, nonces, expected)!.get("02_b")!.cases.length,
    4,
  );
  // A case of another kata's, a stray case, cases after the last canary, a process that
  // timed out or wrote no report: every kata runs again on its own.
  const misplaced = [run.cases[4], ...run.cases.slice(1)];
  strictEqual(splitBatch({ ...run, cases: misplaced }, katas, nonces, expected), null);
  const stray = [result("c() [cpu]"), ...run.cases];
  strictEqual(splitBatch({ ...run, cases: stray }, katas, nonces, expected), null);
  strictEqual(
    splitBatch({ ...run, cases: [...run.cases, result("a() [cpu]")] }, katas, nonces, expected),
    null,
  );
  strictEqual(splitBatch({ ...run, timedOut: true }, katas, nonces, expected), null);
  strictEqual(splitBatch({ ...run, reported: false }, katas, nonces, expected), null);
});
