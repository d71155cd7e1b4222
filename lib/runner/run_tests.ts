/**
 * Runs `deno test` in a child process and returns per-case results read from
 * its JUnit report. Shared by the guided loop, the grader and the kata contract.
 *
 * @module
 */
import { type CaseResult, parseJUnit } from "./junit.ts";

/** How to run the tests. */
export interface RunOptions {
  /** The working directory of the child. */
  cwd?: string;
  /** The config file to use (`--config`). */
  config?: string;
  /** Extra flags for `deno test` (e.g. `--no-check`, `--parallel`). */
  flags?: string[];
  /** Arguments after `--`, seen by the tests as `Deno.args` (e.g. `--backend=cpu`). */
  testArgs?: string[];
  /** Kill the child after this many milliseconds. */
  timeoutMs?: number;
  /** Environment for the child (in addition to the parent's unless `clearEnv`). */
  env?: Record<string, string>;
  /** Start the child with only `env`. */
  clearEnv?: boolean;
}

/** What a run produced. */
export interface RunResult {
  /** Per-case results from the JUnit report (empty if none was written). */
  cases: CaseResult[];
  /** The child's exit code (not trusted for scoring). */
  code: number;
  /** Whether the child was killed for running past the timeout. */
  timedOut: boolean;
  /** The child's stdout and stderr, colour codes removed. */
  output: string;
}

/**
 * Runs `deno test` on `paths` and reads the per-case results.
 *
 * @param paths Test files or folders.
 * @param options Where and how.
 * @returns The results.
 *
 * @example
 * ```ts ignore
 * import { runTests } from "./run_tests.ts";
 * const { cases } = await runTests(["katas/05_adam"]);
 * console.log(cases.filter((c) => c.status === "failed").length);
 * ```
 */
export async function runTests(paths: string[], options: RunOptions = {}): Promise<RunResult> {
  const dir = await Deno.makeTempDir({ prefix: "grad-dojo-run-" });
  const junit = `${dir}/report.xml`;
  const args = [
    "test",
    `--junit-path=${junit}`,
    ...(options.config ? [`--config=${options.config}`] : []),
    ...(options.flags ?? []),
    ...paths,
  ];
  if (options.testArgs?.length) args.push("--", ...options.testArgs);
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    clearEnv: options.clearEnv,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timedOut = false;
  const timer = options.timeoutMs
    ? setTimeout(() => {
      timedOut = true;
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
    }, options.timeoutMs)
    : undefined;
  const [status, stdout, stderr] = await Promise.all([
    child.status,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  clearTimeout(timer);
  let cases: CaseResult[] = [];
  try {
    cases = parseJUnit(await Deno.readTextFile(junit));
  } catch { /* no report: every case counts as not run */ }
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  // deno-lint-ignore no-control-regex
  const output = (stdout + stderr).replace(/\x1b\[[0-9;]*m/g, "");
  return { cases, code: status.code, timedOut, output };
}
