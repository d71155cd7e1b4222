/**
 * Runs one kata the way the loop needs it: the tests with `--no-check` (their
 * result comes first, in well under a second with a warm cache), then
 * `deno check`, whose type errors keep the kata from passing. The tests run
 * through the runner the grader shares, and the result is read from its JUnit
 * report.
 *
 * @module
 */
import { kataFiles, missingFiles } from "../kata/catalogue.ts";
import { runTests } from "../runner/run_tests.ts";
import { type KataReport, summarize, withTypeCheck } from "./summary.ts";
import { typeCheck } from "./type_check.ts";

/** The type check's time limit, in seconds (a cold cache on a slow machine needs a while). */
export const TYPE_CHECK_SECONDS = 120;

/** A backend to force, or both (the default). */
export type BackendRequest = "cpu" | "webgpu" | undefined;

/** How to run a kata. */
export interface KataRunOptions {
  /** Force one backend (`-- --backend=cpu`); both when undefined. */
  backend?: BackendRequest;
  /** Stop the tests after this many seconds. */
  timeoutSeconds?: number;
  /** Called with the tests' result as soon as it is in, before the type check ends. */
  onTests?: (report: KataReport) => void;
  /** Stops the type check when aborted; the report's type check is then "not run". */
  signal?: AbortSignal;
}

/**
 * Runs a kata's suite and type check.
 *
 * @param root The repository root.
 * @param dir The kata folder.
 * @param options Backend, timeout and an early-result callback.
 * @returns The full report. A missing folder gives an "error" report, not a throw.
 *
 * @example
 * ```ts ignore
 * import { runKata } from "./run_kata.ts";
 * const report = await runKata(Deno.cwd(), "05_adam", { backend: "cpu" });
 * console.log(report.status, report.passed, report.failure?.message);
 * ```
 */
export async function runKata(
  root: string,
  dir: string,
  options: KataRunOptions = {},
): Promise<KataReport> {
  const timeoutSeconds = options.timeoutSeconds ?? 30;
  const missing = await missingFiles(root, dir);
  if (missing.length) {
    return {
      dir,
      status: "error",
      passed: 0,
      failed: 0,
      skipped: 0,
      compileErrors: [],
      backends: [],
      skippedBackends: {},
      typeCheck: "not run",
      problem:
        `Cannot run kata ${dir}: ${missing.join(" and ")} ${
          missing.length > 1 ? "are" : "is"
        } missing ` +
        `(was the folder deleted or renamed?)`,
    };
  }
  const { test } = kataFiles(dir);
  const run = await runTests([test], {
    cwd: root,
    flags: ["--no-check"],
    testArgs: options.backend ? [`--backend=${options.backend}`] : [],
    timeoutMs: timeoutSeconds * 1000,
  });
  const report = summarize(dir, run, root, timeoutSeconds);
  options.onTests?.(report);
  // The type check starts once the tests are done, so that they get the CPU first.
  // It runs no learner code, so it cannot hang: it gets a longer limit than the tests.
  const checkMs = Math.max(TYPE_CHECK_SECONDS, timeoutSeconds) * 1000;
  return withTypeCheck(report, await typeCheck(root, [test], checkMs, options.signal));
}
