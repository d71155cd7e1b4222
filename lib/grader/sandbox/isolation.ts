/**
 * Isolation outside JavaScript: every grading run is started inside
 * bubblewrap (`bwrap`, Debian package `bubblewrap`), in fresh mount, network,
 * PID, IPC and UTS namespaces. The run sees only
 *
 * - its slot (the staged kata, the pristine suite, hidden tests, lib/ without
 *   the grader, data/), read-only;
 * - its report folder (where the runtime writes the JUnit report and the
 *   permission audit), writable;
 * - the Deno executable and the shared libraries it links, read-only;
 * - the npm and remote module caches, read-only, under an empty, private
 *   `DENO_DIR` (a tmpfs);
 * - an empty `/tmp`, `/proc` of its own PID namespace and a minimal `/dev`.
 *
 * Nothing else of the machine exists in there: not the instructor's copy, not
 * the solutions, not `/etc`, and no network. A CPU-time limit (`prlimit
 * --cpu`, RLIMIT_CPU) bounds each run so that one submission cannot hold a
 * core for long.
 *
 * Where bubblewrap cannot start, {@linkcode probeIsolation} says why, and the
 * grader refuses to grade unless told `--unsandboxed`.
 *
 * @module
 */

/** How runs are isolated in this session. */
export interface Isolation {
  /** "bubblewrap" when runs are isolated, "none" when not. */
  kind: "bubblewrap" | "none";
  /** Why bubblewrap is not used (for "none"). */
  reason?: string;
  /** The bwrap executable. */
  bwrap?: string;
  /** The prlimit executable, where found (CPU-time limits). */
  prlimit?: string;
  /** The real path of the Deno executable. */
  deno: string;
  /** Host paths the Deno executable needs (its shared libraries), bound read-only. */
  runtimeFiles: string[];
}

async function which(name: string): Promise<string | undefined> {
  for (const dir of (Deno.env.get("PATH") ?? "/usr/bin:/bin").split(":")) {
    if (!dir) continue;
    try {
      const info = await Deno.stat(`${dir}/${name}`);
      if (info.isFile) return `${dir}/${name}`;
    } catch { /* not here */ }
  }
  return undefined;
}

/** The shared libraries an executable links (from `ldd`), as real paths. */
async function sharedLibraries(executable: string): Promise<string[]> {
  try {
    const { stdout, success } = await new Deno.Command("ldd", {
      args: [executable],
      stdout: "piped",
      stderr: "null",
    }).output();
    if (!success) return [];
    const paths = new Set<string>();
    for (const line of new TextDecoder().decode(stdout).split("\n")) {
      const match = /(\/[^\s]+)\s+\(0x/.exec(line);
      if (match) {
        paths.add(match[1]);
        try {
          paths.add(await Deno.realPath(match[1]));
        } catch { /* a path that does not resolve */ }
      }
    }
    return [...paths];
  } catch {
    return [];
  }
}

/**
 * The arguments that run `command` inside bubblewrap.
 *
 * @param isolation From {@linkcode probeIsolation}, of kind "bubblewrap".
 * @param plan What the run may see: read-only and writable folders, module caches.
 * @returns The bwrap arguments, the command included.
 *
 * @example
 * ```ts
 * import { bubblewrapArgs } from "./isolation.ts";
 * import { ok } from "node:assert";
 * const args = bubblewrapArgs(
 *   { kind: "bubblewrap", bwrap: "/usr/bin/bwrap", deno: "/bin/deno", runtimeFiles: [] },
 *   { cwd: "/course", readOnly: [["/w/slot", "/course"]], writable: [["/w/r", "/report"]], caches: {}, command: ["/bin/deno", "test"] },
 * );
 * ok(args.includes("--unshare-net") || args.includes("--unshare-all"));
 * ok(!args.includes("/"), "the host's root is never bound");
 * ```
 */
export function bubblewrapArgs(
  isolation: Isolation,
  plan: {
    cwd: string;
    /** [host path, path inside] pairs, bound read-only. */
    readOnly: Array<[string, string]>;
    /** [host path, path inside] pairs, bound writable. */
    writable: Array<[string, string]>;
    caches: Record<string, string>;
    command: string[];
    /**
     * A host folder mounted as the run's DENO_DIR (transpiled code, V8's code
     * cache); a private tmpfs when omitted. Read-only unless `cacheWritable`
     * (the instructor's reference runs warm it).
     */
    denoDir?: string;
    /** Whether `denoDir` is writable. */
    cacheWritable?: boolean;
  },
): string[] {
  const args = [
    "--unshare-all", // user, ipc, pid, net, uts, cgroup
    "--die-with-parent",
    "--new-session",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--tmpfs",
    "/tmp",
    "--ro-bind",
    isolation.deno,
    isolation.deno,
  ];
  for (const file of isolation.runtimeFiles) args.push("--ro-bind", file, file);
  if (plan.denoDir) {
    args.push(plan.cacheWritable ? "--bind" : "--ro-bind", plan.denoDir, DENO_DIR_INSIDE);
  } else args.push("--tmpfs", DENO_DIR_INSIDE);
  for (const [name, path] of Object.entries(plan.caches)) {
    args.push("--ro-bind", path, `${DENO_DIR_INSIDE}/${name}`);
  }
  for (const [host, seen] of plan.readOnly) args.push("--ro-bind", host, seen);
  for (const [host, seen] of plan.writable) args.push("--bind", host, seen);
  args.push("--chdir", plan.cwd, "--", ...plan.command);
  return args;
}

/** Where the run's private Deno cache is, inside the sandbox. */
export const DENO_DIR_INSIDE = "/deno-dir";

let probed: Promise<Isolation> | undefined;

/**
 * Finds out whether bubblewrap can isolate a run here: it must be installed
 * and able to start a process in new namespaces that sees only what it binds.
 * The answer is remembered for the session.
 *
 * @returns The isolation to use; kind "none" with the reason when it cannot.
 *
 * @example
 * ```ts
 * import { probeIsolation } from "./isolation.ts";
 * import { ok } from "node:assert";
 * const isolation = await probeIsolation();
 * ok(isolation.kind === "bubblewrap" || isolation.reason);
 * ```
 */
export function probeIsolation(): Promise<Isolation> {
  probed ??= (async (): Promise<Isolation> => {
    const deno = await Deno.realPath(Deno.execPath());
    const prlimit = await which("prlimit");
    const none = (reason: string): Isolation => ({
      kind: "none",
      reason,
      deno,
      prlimit,
      runtimeFiles: [],
    });
    if (Deno.build.os !== "linux") return none(`bubblewrap needs Linux (this is ${Deno.build.os})`);
    const bwrap = await which("bwrap");
    if (!bwrap) {
      return none("bubblewrap (bwrap) is not installed: `apt-get install bubblewrap`");
    }
    const runtimeFiles = await sharedLibraries(deno);
    const isolation: Isolation = { kind: "bubblewrap", bwrap, prlimit, deno, runtimeFiles };
    try {
      const { success, stdout, stderr } = await new Deno.Command(bwrap, {
        args: bubblewrapArgs(isolation, {
          cwd: "/",
          readOnly: [],
          writable: [],
          caches: {},
          command: [deno, "eval", "--no-config", "console.log(Deno.version.deno)"],
        }),
        clearEnv: true,
        env: { NO_COLOR: "1", DENO_DIR: DENO_DIR_INSIDE },
        stdout: "piped",
        stderr: "piped",
      }).output();
      if (!success || !new TextDecoder().decode(stdout).trim()) {
        const why = new TextDecoder().decode(stderr).trim().split("\n")[0];
        return none(`bubblewrap cannot start a sandbox here: ${why || "unknown error"}`);
      }
    } catch (error) {
      return none(`bubblewrap cannot start a sandbox here: ${(error as Error).message}`);
    }
    return isolation;
  })();
  return probed;
}
