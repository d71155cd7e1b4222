/**
 * Measures the guided loop against its targets: start-up to the first screen,
 * save to the first line of the new result (20 saves, warm cache), and idle
 * CPU while waiting. Runs the loop on a scratch copy of the repository, with
 * input and output piped.
 *
 *     deno run -A lib/loop/measure.ts [kata] [--saves=20] [--backend=cpu]
 *
 * @module
 */
import { findKata, kataFiles } from "../kata/catalogue.ts";

/** What was measured, in milliseconds (CPU as a percentage). */
export interface Measurements {
  /** Spawn to the first screen's first line. */
  startupMs: number;
  /** Each save to the first line of its result. */
  saveToResultMs: number[];
  /** CPU used by the loop while idle, percent of one core. */
  idleCpuPercent: number;
}

/**
 * The median of numbers.
 *
 * @param values The numbers.
 * @returns Their median.
 *
 * @example
 * ```ts
 * import { median } from "./measure.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(median([3, 1, 2, 10]), 2.5);
 * ```
 */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function copyRepo(from: string, to: string): Promise<void> {
  for (const name of ["katas", "lib", "data", "deno.json", "deno.lock"]) {
    const status = await new Deno.Command("cp", { args: ["-r", `${from}/${name}`, `${to}/`] })
      .output();
    if (!status.success) throw new Error(`Cannot copy ${name}: cp failed`);
  }
}

function cpuTicks(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
}

/**
 * Runs the measurements.
 *
 * @param root The repository to copy.
 * @param dir The kata to edit.
 * @param saves How many saves to time.
 * @param backend A backend to force, if any.
 * @returns The measurements.
 *
 * @example
 * ```ts ignore
 * import { measure } from "./measure.ts";
 * console.log(await measure(Deno.cwd(), "05_adam", 20));
 * ```
 */
export async function measure(
  root: string,
  dir: string,
  saves: number,
  backend?: string,
): Promise<Measurements> {
  const scratch = await Deno.makeTempDir({ prefix: "grad-dojo-measure-" });
  await copyRepo(root, scratch);
  const stub = `${scratch}/${kataFiles(dir).stub}`;
  const original = await Deno.readTextFile(stub);
  const args = ["run", "-A", "lib/loop/main.ts", dir, ...(backend ? [`--backend=${backend}`] : [])];
  // Warm the caches (type check of this copy) with one run first.
  await new Deno.Command(Deno.execPath(), { args: ["check", kataFiles(dir).test], cwd: scratch })
    .output();
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: scratch,
    env: { NO_COLOR: "1" },
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines: { at: number; text: string }[] = [];
  const waiters: { test: (text: string) => boolean; resolve: (at: number) => void }[] = [];
  (async () => {
    let buffer = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      const at = performance.now();
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const text = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        lines.push({ at, text });
        for (const waiter of waiters.splice(0)) {
          if (waiter.test(text)) waiter.resolve(at);
          else waiters.push(waiter);
        }
      }
    }
  })();
  const next = (test: (text: string) => boolean) => {
    const { promise, resolve } = Promise.withResolvers<number>();
    waiters.push({ test, resolve });
    return promise;
  };
  const headlineOf = (text: string) => text.startsWith(`✗ ${dir}`) || text.startsWith(`✓ ${dir}`);
  const firstLine = await next(() => true);
  const startupMs = firstLine - started;
  const checked = (text: string) => /^type check: (ok|failed)/.test(text);
  await next(checked);
  const saveToResultMs: number[] = [];
  for (let i = 0; i < saves; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const result = next(headlineOf);
    const done = next(checked);
    const at = performance.now();
    await Deno.writeTextFile(stub, `${original}\n// save ${i}\n`);
    saveToResultMs.push((await result) - at);
    await done;
  }
  await new Promise((r) => setTimeout(r, 3000));
  const ticksPerSecond = 100;
  const before = cpuTicks(child.pid);
  const idleSeconds = 10;
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const idleCpuPercent = (cpuTicks(child.pid) - before) / ticksPerSecond / idleSeconds * 100;
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode("q\n"));
  await writer.close();
  await child.status;
  await Deno.remove(scratch, { recursive: true });
  return { startupMs, saveToResultMs, idleCpuPercent };
}

if (import.meta.main) {
  const kata = Deno.args.find((a) => !a.startsWith("--")) ?? "05";
  const saves = Number(Deno.args.find((a) => a.startsWith("--saves="))?.slice(8) ?? 20);
  const backend = Deno.args.find((a) => a.startsWith("--backend="))?.slice(10);
  const root = decodeURIComponent(new URL("../..", import.meta.url).pathname).replace(/\/$/, "");
  const result = await measure(root, findKata(kata), saves, backend);
  const fmt = (ms: number) => `${Math.round(ms)} ms`;
  console.log(`start-up to first screen: ${fmt(result.startupMs)} (target ≤ 1500 ms)`);
  console.log(
    `save → first line of result over ${saves} saves: median ${
      fmt(median(result.saveToResultMs))
    }, ` +
      `max ${fmt(Math.max(...result.saveToResultMs))} (target ≤ 1000 ms)`,
  );
  console.log(`idle CPU: ${result.idleCpuPercent.toFixed(2)}% of one core (target < 1%)`);
}
