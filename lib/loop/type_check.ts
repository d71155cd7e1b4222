/**
 * Type-checks a kata's test file (and so the learner's file) with
 * `deno check`, in a child process, so that the loop can run the tests with
 * `--no-check` and show their result first.
 *
 * @module
 */
import { type CompileError, parseCompileErrors } from "./summary.ts";

/**
 * Runs `deno check` on files.
 *
 * @param root The repository root (the child's working directory).
 * @param paths The files to check, relative to the root.
 * @param timeoutMs Kill the child after this long.
 * @param signal Kills the child when aborted (a newer save made this check moot).
 * @returns The type errors (empty when the check passed), or `undefined` when
 *   the check did not finish in time or was aborted.
 *
 * @example
 * ```ts ignore
 * import { typeCheck } from "./type_check.ts";
 * const errors = await typeCheck(Deno.cwd(), ["katas/05_adam/adam_test.ts"], 30_000);
 * console.log(errors?.length);
 * ```
 */
export async function typeCheck(
  root: string,
  paths: string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<CompileError[] | undefined> {
  if (signal?.aborted) return undefined;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["check", ...paths],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let stopped = false;
  const stop = () => {
    stopped = true;
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
  };
  const timer = setTimeout(stop, timeoutMs);
  signal?.addEventListener("abort", stop, { once: true });
  const [status, stdout, stderr] = await Promise.all([
    child.status,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  clearTimeout(timer);
  signal?.removeEventListener("abort", stop);
  if (stopped) return undefined;
  if (status.success) return [];
  // deno-lint-ignore no-control-regex
  const output = (stdout + stderr).replace(/\x1b\[[0-9;]*m/g, "");
  const errors = parseCompileErrors(output, root);
  return errors.length ? errors : [{
    file: paths[0],
    line: 1,
    column: 1,
    message: output.split("\n").find((l) => l.startsWith("error:"))?.slice(7) ??
      "deno check failed",
    excerpt: [],
  }];
}
