/**
 * Runs `deno test` in a child process and returns per-case results read from
 * its JUnit report. Shared by the guided loop, the grader and the kata contract.
 *
 * @module
 */
import { type CaseResult, parseJUnit } from "./junit.ts";
import { collect, killTree } from "./process_tree.ts";

/** Output kept from a child: its head and tail, this many bytes in all. */
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

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
  /** Kill the child (and everything below it) after this many milliseconds. */
  timeoutMs?: number;
  /** Kill the child (and everything below it) when this aborts. */
  signal?: AbortSignal;
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
 * Without XDG_RUNTIME_DIR (containers, SSH, CI) Mesa's Vulkan driver makes
 * libwayland print "error: XDG_RUNTIME_DIR is invalid or not set" twice as
 * WebGPU starts; the child gets the run's own private folder instead. Where
 * the variable cannot be read (no env permission) it is set all the same:
 * compute on WebGPU never opens a Wayland connection.
 */
function runtimeDir(dir: string): Record<string, string> {
  const readable =
    Deno.permissions.querySync({ name: "env", variable: "XDG_RUNTIME_DIR" }).state === "granted";
  return readable && Deno.env.get("XDG_RUNTIME_DIR") ? {} : { XDG_RUNTIME_DIR: dir };
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
    env: { NO_COLOR: "1", ...runtimeDir(dir), ...options.env },
    clearEnv: options.clearEnv,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timedOut = false;
  const stop = () => void killTree(child.pid);
  const timer = options.timeoutMs
    ? setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs)
    : undefined;
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener("abort", stop);
  const [status, stdout, stderr] = await Promise.all([
    child.status,
    collect(child.stdout, MAX_OUTPUT_BYTES / 2),
    collect(child.stderr, MAX_OUTPUT_BYTES / 2),
  ]);
  clearTimeout(timer);
  options.signal?.removeEventListener("abort", stop);
  let cases: CaseResult[] = [];
  try {
    cases = parseJUnit(await Deno.readTextFile(junit));
  } catch { /* no report: every case counts as not run */ }
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  // deno-lint-ignore no-control-regex
  const output = (stdout + stderr).replace(/\x1b\[[0-9;]*m/g, "");
  return { cases, code: status.code, timedOut, output };
}
