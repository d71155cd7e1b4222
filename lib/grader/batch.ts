/**
 * Batches: several katas of one submission graded in one sandboxed
 * `deno test` process. Each kata's entry file loads in its own isolate, with
 * its own guard, nonce, canaries and hidden tests, so a batch pays the
 * runtime's start-up (about a fifth of a kata's run) once. A batch is only a
 * faster way to reach the same grades: when its process ends abnormally, or a
 * case cannot be placed in a kata, every kata is run again on its own, and so
 * is any kata whose share of the batch is not a clean, graded run.
 *
 * @module
 */
import { withoutWaiting } from "../core/case_name.ts";
import type { ExpectedCases } from "./evaluate.ts";
import type { SandboxRunResult } from "./sandbox/run.ts";

/**
 * Deals katas into `count` batches, in turn (so each batch mixes short and long katas).
 *
 * @param katas The katas to run.
 * @param count How many batches (at least 1, at most one per kata).
 * @returns The batches, none empty.
 *
 * @example
 * ```ts
 * import { batchesOf } from "./batch.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(batchesOf(["01", "02", "03", "04", "05"], 2), [["01", "03", "05"], ["02", "04"]]);
 * deepStrictEqual(batchesOf(["01"], 4), [["01"]]);
 * ```
 */
export function batchesOf(katas: string[], count: number): string[][] {
  const n = Math.max(1, Math.min(Math.floor(count), katas.length));
  const batches: string[][] = Array.from({ length: n }, () => []);
  katas.forEach((kata, i) => batches[i % n].push(kata));
  return batches.filter((batch) => batch.length > 0);
}

/**
 * Cuts a batch's run into one run per kata. The runtime reports the isolates
 * one after the other, each ending with its tail's canaries, whose names carry
 * the kata's nonce: the cases up to a kata's "report" canary are that kata's
 * (names alone cannot tell: two katas may both have "bad input is refused …").
 * The process's output, permission log and limits are shared. Returns null
 * when the batch must be run again kata by kata: the process timed out, ran
 * out of memory or CPU time, or wrote no (readable) report; or a case lies
 * outside every kata's stretch, or is not a case of the kata whose stretch it
 * is in.
 *
 * @param run The batch's run.
 * @param katas The katas, in the order of `nonces`.
 * @param nonces Each kata's nonce (its canaries are named after it).
 * @param expected Each kata's reference cases.
 * @returns Each kata's share, or null.
 *
 * @example
 * ```ts
 * import { splitBatch } from "./batch.ts";
 * import { strictEqual } from "node:assert";
 * const result = (name: string, status: "passed" | "failed" = "passed") =>
 *   ({ file: "", name, status, message: status === "failed" ? "no" : "" });
 * const run = {
 *   cases: [
 *     result("works [cpu]"), result("grader canary n1: report", "failed"),
 *     result("works [cpu]", "failed"), result("grader canary n2: report", "failed"),
 *   ],
 *   reported: true, code: 1, signal: null, timedOut: false, memoryExceeded: false,
 *   peakRssMb: 0, output: "", permissionRequests: [], durationMs: 1000, seenCwd: "/course",
 * };
 * const expected = new Map([
 *   ["01_a", { visible: ["works [cpu]"], hidden: [], permissions: [] }],
 *   ["02_b", { visible: ["works [cpu]"], hidden: [], permissions: [] }],
 * ]);
 * const shares = splitBatch(run, ["01_a", "02_b"], ["n1", "n2"], expected)!;
 * strictEqual(shares.get("02_b")!.cases[0].status, "failed");
 * strictEqual(shares.get("01_a")!.durationMs, 500);
 * ```
 */
export function splitBatch(
  run: SandboxRunResult,
  katas: string[],
  nonces: string[],
  expected: Map<string, ExpectedCases>,
): Map<string, SandboxRunResult> | null {
  if (
    run.timedOut || run.memoryExceeded || run.cpuExceeded || run.reportTooLarge || !run.reported
  ) return null;
  const shares = new Map<string, SandboxRunResult>(katas.map((kata) => [kata, {
    ...run,
    cases: [],
    durationMs: Math.round(run.durationMs / katas.length),
  }]));
  let stretch: typeof run.cases = [];
  for (const result of run.cases) {
    stretch.push(result);
    const k = nonces.findIndex((nonce) => result.name === `grader canary ${nonce}: report`);
    if (k < 0) continue;
    const cases = expected.get(katas[k]);
    if (!cases) return null;
    const known = new Set([...cases.visible, ...cases.hidden]);
    for (const other of stretch) {
      const canary = other.name.startsWith(`grader canary ${nonces[k]}:`);
      if (!canary && !known.has(withoutWaiting(other.name).name)) return null;
    }
    shares.get(katas[k])!.cases.push(...stretch);
    stretch = [];
  }
  return stretch.length ? null : shares;
}
