/**
 * Child processes: killing a process with everything below it, reading its
 * memory, and collecting its output with a cap. Shared by `runTests` (the
 * guided loop, the kata contract) and the grader's sandbox. On Linux the facts
 * come from /proc, which Deno 2 lets only `--allow-all` read; otherwise `ps`.
 *
 * @module
 */

/**
 * Kills a process and every process below it.
 *
 * @param pid The process.
 *
 * @example
 * ```ts ignore
 * import { killTree } from "./process_tree.ts";
 * await killTree(child.pid);
 * ```
 */
export async function killTree(pid: number): Promise<void> {
  const victims = [...await descendants(pid), pid];
  for (const victim of victims.reverse()) {
    try {
      Deno.kill(victim, "SIGKILL");
    } catch { /* already gone */ }
  }
}

/** Whether /proc can be read (it needs --allow-all since Deno 2); else `ps` is asked. */
let procReadable = Deno.build.os === "linux";

/**
 * Whether process facts come from /proc (fast) rather than from `ps`.
 *
 * @returns True while /proc can be read.
 *
 * @example
 * ```ts
 * import { procIsReadable } from "./process_tree.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(typeof procIsReadable(), "boolean");
 * ```
 */
export function procIsReadable(): boolean {
  return procReadable;
}

async function ps(args: string[]): Promise<string> {
  try {
    const { stdout } = await new Deno.Command("ps", { args, stdout: "piped", stderr: "null" })
      .output();
    return new TextDecoder().decode(stdout);
  } catch {
    return "";
  }
}

function refusedAccess(error: unknown): boolean {
  return error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied;
}

async function childrenOfAll(): Promise<Map<number, number[]>> {
  const children = new Map<number, number[]>();
  const add = (pid: number, parent: number) => {
    const list = children.get(parent) ?? [];
    list.push(pid);
    children.set(parent, list);
  };
  if (procReadable) {
    try {
      for await (const entry of Deno.readDir("/proc")) {
        if (!/^\d+$/.test(entry.name)) continue;
        try {
          const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`);
          add(Number(entry.name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
        } catch { /* gone meanwhile */ }
      }
      return children;
    } catch (error) {
      if (!refusedAccess(error)) return children;
      procReadable = false;
    }
  }
  for (const line of (await ps(["-A", "-o", "pid=,ppid="])).split("\n")) {
    const [pid, parent] = line.trim().split(/\s+/).map(Number);
    if (pid > 0) add(pid, parent);
  }
  return children;
}

async function descendants(pid: number): Promise<number[]> {
  if (Deno.build.os === "windows") return [];
  const children = await childrenOfAll();
  const found: number[] = [];
  const stack = [pid];
  while (stack.length) {
    for (const child of children.get(stack.pop()!) ?? []) {
      found.push(child);
      stack.push(child);
    }
  }
  return found;
}

/**
 * The resident memory of a process, in MiB (0 once it is gone).
 *
 * @param pid The process.
 * @returns Its resident set size.
 *
 * @example
 * ```ts ignore
 * import { residentMb } from "./process_tree.ts";
 * console.log(await residentMb(Deno.pid));
 * ```
 */
export async function residentMb(pid: number): Promise<number> {
  if (procReadable) {
    try {
      const status = await Deno.readTextFile(`/proc/${pid}/status`);
      const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
      return match ? Number(match[1]) / 1024 : 0;
    } catch (error) {
      if (!refusedAccess(error)) return 0; // the process is gone
      procReadable = false;
    }
  }
  if (Deno.build.os === "windows") return 0;
  return Number((await ps(["-o", "rss=", "-p", String(pid)])).trim()) / 1024 || 0;
}

/** Every process's parent and resident memory (KiB), from one `ps`. */
interface Listing {
  children: Map<number, number[]>;
  rss: Map<number, number>;
}

let lastListing: { at: number; listing: Promise<Listing> } | undefined;

/**
 * One `ps` listing of every process, shared by the watchdogs of runs going at
 * once for 200 ms (a `ps` costs about 7 ms of CPU).
 */
function processListing(): Promise<Listing> {
  const now = performance.now();
  if (lastListing && now - lastListing.at < 200) return lastListing.listing;
  const listing = (async () => {
    const children = new Map<number, number[]>();
    const rss = new Map<number, number>();
    for (const line of (await ps(["-A", "-o", "pid=,ppid=,rss="])).split("\n")) {
      const [child, parent, kb] = line.trim().split(/\s+/).map(Number);
      if (!(child > 0)) continue;
      children.set(parent, [...children.get(parent) ?? [], child]);
      rss.set(child, kb || 0);
    }
    return { children, rss };
  })();
  lastListing = { at: now, listing };
  return listing;
}

/**
 * The resident memory of a process and every process below it, in MiB: what
 * a sandbox (bubblewrap, then its init, then Deno) uses in all. From /proc
 * where it can be read, else from one `ps` listing of every process — the
 * grader does not run with `--allow-all`, and asking `ps` about the top
 * process alone would see only the sandbox's 2 MB.
 *
 * @param pid The top process.
 * @param source "auto" (/proc where readable), or "ps" to ask `ps` whatever the permissions.
 * @returns The sum of their resident set sizes (0 once they are gone).
 *
 * @example
 * ```ts ignore
 * import { treeResidentMb } from "./process_tree.ts";
 * console.log(await treeResidentMb(child.pid));
 * ```
 */
export async function treeResidentMb(
  pid: number,
  source: "auto" | "ps" = "auto",
): Promise<number> {
  if (Deno.build.os === "windows") return 0;
  if (source === "auto" && procReadable) {
    let total = 0;
    const stack = [pid];
    for (let seen = 0; stack.length && seen < 64; seen++) {
      const next = stack.pop()!;
      total += await residentMb(next);
      try {
        const children = await Deno.readTextFile(`/proc/${next}/task/${next}/children`);
        for (const child of children.trim().split(/\s+/)) if (child) stack.push(Number(child));
      } catch { /* gone, or no children file */ }
    }
    if (procReadable) return total;
  }
  const { children, rss } = await processListing();
  let total = 0;
  const stack = [pid];
  for (let seen = 0; stack.length && seen < 4096; seen++) {
    const next = stack.pop()!;
    total += rss.get(next) ?? 0;
    stack.push(...children.get(next) ?? []);
  }
  return total / 1024;
}

/**
 * Collects a stream as text, keeping its head and tail when it grows past `limit` bytes.
 *
 * @param stream A child's stdout or stderr.
 * @param limit The most bytes kept.
 * @returns The text, with a line saying how much was left out.
 *
 * @example
 * ```ts
 * import { collect } from "./process_tree.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(await collect(new Response("hello").body!, 100), "hello");
 * ```
 */
export async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const half = Math.floor(limit / 2);
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let tail: Uint8Array[] = [];
  let tailBytes = 0;
  let dropped = 0;
  for await (const chunk of stream) {
    if (headBytes < half) {
      const take = chunk.subarray(0, half - headBytes);
      head.push(take);
      headBytes += take.length;
      if (take.length === chunk.length) continue;
      tail.push(chunk.subarray(take.length));
      tailBytes += chunk.length - take.length;
    } else {
      tail.push(chunk);
      tailBytes += chunk.length;
    }
    while (tailBytes > half && tail.length > 1) {
      dropped += tail[0].length;
      tailBytes -= tail[0].length;
      tail = tail.slice(1);
    }
  }
  const decoder = new TextDecoder();
  const text = (parts: Uint8Array[]) =>
    parts.map((p) => decoder.decode(p, { stream: true })).join("");
  return text(head) + (dropped ? `\n… ${dropped} bytes of output left out …\n` : "") + text(tail);
}
