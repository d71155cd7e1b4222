/**
 * Runs `deno test` on submitted code the way the grader needs it: no
 * permissions at all, nothing fetched, a V8 heap cap, a whole-process memory
 * cap, a wall-clock timeout that kills the process tree, bounded output, and a
 * permission audit log. Results come from the JUnit report the runtime writes
 * (read with the shared {@linkcode parseJUnit}), never from the child's output
 * or exit code.
 *
 * This is `lib/runner/run_tests.ts` hardened for untrusted code (preload,
 * heap and memory caps, permission audit); both kill the whole process tree
 * and cap output through `lib/runner/process_tree.ts`.
 *
 * @module
 */
import { type CaseResult, parseJUnit } from "../../runner/junit.ts";
import { collect, killTree, procIsReadable, treeResidentMb } from "../../runner/process_tree.ts";
import { removeTree } from "../files.ts";
import { bubblewrapArgs, DENO_DIR_INSIDE, type Isolation } from "./isolation.ts";

export type { CaseResult };

/** How to run one grading sandbox. */
export interface SandboxRunOptions {
  /** The sandbox folder (the child's working directory). */
  cwd: string;
  /** Its deno.json. */
  config: string;
  /** Modules to run before the tests (the guard). */
  preload: string[];
  /** The test file(s) to run. */
  entries: string[];
  /** Arguments after `--` (e.g. `--backend=cpu`). */
  testArgs?: string[];
  /** Kill the child after this many milliseconds. */
  timeoutMs: number;
  /** V8 old-space cap, in MiB. */
  heapMb: number;
  /**
   * Kill the child when its resident memory passes this many MiB (Linux and
   * macOS: read from /proc when allowed, else from `ps`).
   */
  rssMb: number;
  /** Keep at most this many bytes of output, stdout and stderr together (heads and tails). */
  maxOutputBytes?: number;
  /** The Deno cache the child should use (where the npm modules are); unsandboxed runs only. */
  denoDir?: string;
  /**
   * How to isolate the run. With bubblewrap the child sees only `cwd` (read-only),
   * its report folder, the runtime and `caches`; without, it runs as a plain child.
   */
  isolation?: Isolation;
  /** Module caches bound read-only into the sandbox's private DENO_DIR ({ npm: "/…/npm" }). */
  caches?: Record<string, string>;
  /** The host folder that is the sandbox's DENO_DIR (compiled code); a tmpfs when omitted. */
  sandboxDenoDir?: string;
  /** Whether the run may write to `sandboxDenoDir` (trusted reference runs only). */
  cacheWritable?: boolean;
  /** CPU-time limit (RLIMIT_CPU, all threads together), in seconds; needs prlimit. */
  cpuSeconds?: number;
  /** Pin the run to this CPU (taskset), so that a hog next to it cannot take its core. */
  cpu?: number;
}

/** One permission the child asked for (and was refused). */
export interface PermissionRequest {
  /** read, write, net, env, run, sys, ffi, import. */
  permission: string;
  /** What it asked for: a path, a host, a variable name. */
  value: string;
}

/** What a sandboxed run produced. */
export interface SandboxRunResult {
  /** Per-case results from the JUnit report (empty when none was written). */
  cases: CaseResult[];
  /** Whether a JUnit report was written at all. */
  reported: boolean;
  /** The child's exit code (not trusted for scoring). */
  code: number;
  /** The signal that ended it, if any. */
  signal: string | null;
  /** Killed for running past the timeout. */
  timedOut: boolean;
  /** Killed for using more memory than allowed. */
  memoryExceeded: boolean;
  /** Killed by the kernel for using more CPU time than allowed. */
  cpuExceeded?: boolean;
  /** The JUnit report was larger than {@linkcode MAX_REPORT_BYTES}, so it was not read. */
  reportTooLarge?: boolean;
  /** The largest resident memory seen, in MiB (0 where it cannot be measured). */
  peakRssMb: number;
  /** Output, colour codes removed, cut in the middle when too long. */
  output: string;
  /** Every permission the child asked for. */
  permissionRequests: PermissionRequest[];
  /** Wall-clock duration. */
  durationMs: number;
  /** The working folder as the child saw it (`/course` inside bubblewrap), for cleaning messages. */
  seenCwd: string;
}

/** Where the slot appears inside bubblewrap: the same for every run, so compiled code is reused. */
export const COURSE_INSIDE = "/course";
/** Where the report folder appears inside bubblewrap. */
const REPORT_INSIDE = "/report";

/** A JUnit report larger than this is not read (a flood of failure messages). */
export const MAX_REPORT_BYTES = 16 * 1024 * 1024;

/**
 * The only environment variables a run may read: SES `lockdown()` reads its
 * options from these (the guard passes every option itself; none is set).
 */
export const LOCKDOWN_VARIABLES = [
  "CONSOLE_TAMING",
  "DOMAIN_TAMING",
  "ERROR_TAMING",
  "ERROR_TRAPPING",
  "EVAL_TAMING",
  "HARDEN_TAMING",
  "LEGACY_REGENERATOR_RUNTIME_TAMING",
  "LOCALE_TAMING",
  "OVERRIDE_DEBUG",
  "OVERRIDE_TAMING",
  "REGEXP_TAMING",
  "REPORTING",
  "STACK_FILTERING",
  "UNHANDLED_REJECTION_TRAPPING",
].map((name) => `LOCKDOWN_${name}`);

const ENV_PASSED = ["SYSTEMROOT", "SystemRoot", "TMPDIR", "TEMP", "TMP"];

function parseAudit(text: string): PermissionRequest[] {
  const requests: PermissionRequest[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line);
      requests.push({ permission: String(entry.permission), value: String(entry.value ?? "") });
    } catch { /* a torn last line */ }
  }
  return requests;
}

/**
 * Runs the tests in a sandbox and reads the results.
 *
 * @param options The sandbox and its limits.
 * @returns What happened.
 *
 * @example
 * ```ts ignore
 * import { runSandboxed } from "./run.ts";
 * const result = await runSandboxed({
 *   cwd: "/tmp/sandbox", config: "/tmp/sandbox/deno.json", preload: [], entries: ["a_test.ts"],
 *   timeoutMs: 30_000, heapMb: 512, rssMb: 1536,
 * });
 * console.log(result.cases.length, result.timedOut);
 * ```
 */
export async function runSandboxed(options: SandboxRunOptions): Promise<SandboxRunResult> {
  const started = performance.now();
  const scratch = await Deno.makeTempDir({ prefix: "grad-dojo-report-" });
  const junit = `${scratch}/report.xml`;
  const audit = `${scratch}/audit.jsonl`;
  const env: Record<string, string> = {
    NO_COLOR: "1",
    DENO_NO_UPDATE_CHECK: "1",
    DENO_AUDIT_PERMISSIONS: audit,
  };
  const isolation = options.isolation;
  const sandboxed = isolation?.kind === "bubblewrap";
  if (sandboxed) env.DENO_DIR = DENO_DIR_INSIDE;
  else if (options.denoDir) env.DENO_DIR = options.denoDir;
  for (const key of ENV_PASSED) {
    const value = Deno.env.get(key);
    if (value !== undefined && !sandboxed) env[key] = value;
  }
  // Inside bubblewrap the slot is /course and the report folder /report.
  const inside = (path: string) =>
    !sandboxed
      ? path
      : path.startsWith(`${options.cwd}/`)
      ? `${COURSE_INSIDE}/${path.slice(options.cwd.length + 1)}`
      : path.startsWith(`${scratch}/`)
      ? `${REPORT_INSIDE}/${path.slice(scratch.length + 1)}`
      : path;
  if (sandboxed) env.DENO_AUDIT_PERMISSIONS = inside(audit);
  const v8 = `--max-old-space-size=${options.heapMb},--disallow-code-generation-from-strings`;
  const args = [
    "test",
    "--no-check",
    "--no-prompt",
    "--cached-only",
    "--no-remote",
    "--reporter=dot",
    `--config=${inside(options.config)}`,
    `--allow-env=${LOCKDOWN_VARIABLES.join(",")}`,
    ...options.preload.map((p) => `--preload=${inside(p)}`),
    `--v8-flags=${v8}`,
    `--junit-path=${inside(junit)}`,
    ...options.entries.map(inside),
  ];
  if (options.testArgs?.length) args.push("--", ...options.testArgs);
  let command = [isolation?.deno ?? Deno.execPath(), ...args];
  if (sandboxed) {
    command = [
      isolation!.bwrap!,
      ...bubblewrapArgs(isolation!, {
        cwd: COURSE_INSIDE,
        readOnly: [[options.cwd, COURSE_INSIDE]],
        writable: [[scratch, REPORT_INSIDE]],
        caches: options.caches ?? {},
        command,
        denoDir: options.sandboxDenoDir,
        cacheWritable: options.cacheWritable,
      }),
    ];
  }
  if (options.cpu !== undefined && Deno.build.os === "linux") {
    command = ["taskset", "-c", String(options.cpu), ...command];
  }
  if (options.cpuSeconds && isolation?.prlimit) {
    const seconds = Math.max(1, Math.ceil(options.cpuSeconds));
    // Soft limit: SIGXCPU; hard limit a second later: SIGKILL.
    command = [isolation.prlimit, `--cpu=${seconds}:${seconds + 1}`, "--", ...command];
  }
  const child = new Deno.Command(command[0], {
    args: command.slice(1),
    cwd: options.cwd,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();

  let timedOut = false;
  let memoryExceeded = false;
  let peakRssMb = 0;
  let finished = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killTree(child.pid);
  }, options.timeoutMs);
  // The watchdog's sleep ends early when the run does, so a finished run is not
  // kept waiting for the next poll.
  let wake = () => {};
  const watchdog = (async () => {
    const every = procIsReadable() ? 100 : 250;
    while (!finished) {
      await new Promise<void>((resolve) => {
        const poll = setTimeout(resolve, every);
        wake = () => {
          clearTimeout(poll);
          resolve();
        };
      });
      if (finished) break;
      // The whole tree: bubblewrap's init and Deno sit below the process spawned here.
      const rss = await treeResidentMb(child.pid);
      peakRssMb = Math.max(peakRssMb, rss);
      if (rss > options.rssMb && !finished) {
        memoryExceeded = true;
        await killTree(child.pid);
        break;
      }
    }
  })();
  const limit = options.maxOutputBytes ?? 128 * 1024;
  const [status, stdout, stderr] = await Promise.all([
    child.status,
    collect(child.stdout, limit / 2),
    collect(child.stderr, limit / 2),
  ]);
  finished = true;
  clearTimeout(timer);
  wake();
  await watchdog;

  let cases: CaseResult[] = [];
  let reported = false;
  let reportTooLarge = false;
  try {
    if ((await Deno.stat(junit)).size > MAX_REPORT_BYTES) reportTooLarge = true;
    else {
      cases = parseJUnit(await Deno.readTextFile(junit));
      reported = true;
    }
  } catch { /* no report: every case counts as not run */ }
  let permissionRequests: PermissionRequest[] = [];
  try {
    permissionRequests = parseAudit(await Deno.readTextFile(audit));
  } catch { /* nothing asked */ }
  await removeTree(scratch);
  // deno-lint-ignore no-control-regex
  const output = (stdout + stderr).replace(/\x1b\[[0-9;]*m/g, "");
  return {
    cases,
    reported,
    code: status.code,
    signal: status.signal,
    timedOut,
    memoryExceeded,
    // bubblewrap reports its child's signal as exit code 128 + N (SIGXCPU is 24).
    cpuExceeded: status.signal === "SIGXCPU" || (sandboxed && status.code === 128 + 24),
    reportTooLarge,
    peakRssMb: Math.round(peakRssMb),
    output,
    permissionRequests,
    durationMs: Math.round(performance.now() - started),
    seenCwd: sandboxed ? COURSE_INSIDE : options.cwd,
  };
}
