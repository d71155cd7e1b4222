/**
 * One grading job: lay out a kata of a submission in the worker's sandbox
 * slot, run it, and hand back the run with its layout.
 *
 * @module
 */
import type { HiddenTests } from "./hidden.ts";
import { layOutRun, layOutSubmission, prepareSlot, type SandboxLayout } from "./sandbox/layout.ts";
import { runSandboxed, type SandboxRunResult } from "./sandbox/run.ts";
import type { Isolation } from "./sandbox/isolation.ts";

/** What every job of a grading session shares. */
export interface JobContext {
  /** The instructor's copy. */
  root: string;
  /** The session's scratch folder (slots live in it). */
  work: string;
  /** Wall-clock limit per kata. */
  timeoutMs: number;
  /** V8 heap cap per kata, MiB. */
  heapMb: number;
  /** Whole-process memory cap per kata, MiB. */
  rssMb: number;
  /** The Deno cache to hand to the child (unsandboxed runs). */
  denoDir?: string;
  /** How runs are isolated (bubblewrap, or none with --unsandboxed). */
  isolation?: Isolation;
  /** The npm and remote module caches, bound read-only into sandboxed runs. */
  caches?: Record<string, string>;
  /** CPU-time limit per run, seconds. */
  cpuSeconds?: number;
  /** The sandboxes' DENO_DIR (compiled code), written by reference runs, read-only to submissions. */
  sandboxDenoDir?: string;
  /** Pin worker N's runs to CPU N mod this many (0: no pinning). */
  pinCpus?: number;
  /** Each kata's hidden tests. */
  hidden: Map<string, HiddenTests>;
  /** Slots already prepared. */
  prepared: Set<number>;
  /**
   * What each slot holds: the staged submission laid out in it (so that its
   * next kata is laid out in a few writes) and the last run's hidden file.
   */
  laidOut?: Map<number, { submission: string; hidden: string[] }>;
  /** How many processes ran submitted code so far (reference runs not counted). */
  runs?: number;
}

/** A finished job. */
export interface KataRun {
  /** Where it ran. */
  layout: SandboxLayout;
  /** What happened. */
  run: SandboxRunResult;
}

/**
 * Runs one kata of one (staged) submission in worker `worker`'s slot.
 *
 * @param context The session.
 * @param worker The worker number (its slot).
 * @param stagedKatas The submission's staged `katas/`.
 * @param kata The kata folder.
 * @param trusted Whether this is the instructor's reference (it may warm the compiled-code cache).
 * @returns The layout and the run.
 *
 * @example
 * ```ts ignore
 * import { runKata } from "./kata_job.ts";
 * const { run } = await runKata(context, 0, "/tmp/stage/alice/katas", "05_adam");
 * ```
 */
export async function runKata(
  context: JobContext,
  worker: number,
  stagedKatas: string,
  kata: string,
  trusted = false,
): Promise<KataRun> {
  const { layouts, run } = await runKatas(context, worker, stagedKatas, [kata], trusted);
  return { layout: layouts[0], run };
}

/** A finished batch: several katas of one submission in one `deno test` process. */
export interface BatchRun {
  /** Where each kata's entry was laid out, in the order asked. */
  layouts: SandboxLayout[];
  /** What happened to the process (every kata's cases together). */
  run: SandboxRunResult;
}

/**
 * Runs several katas of one (staged) submission in one sandboxed `deno test`
 * process: one entry file per kata, each loaded in its own isolate with its own
 * guard, nonce, canaries and hidden tests, so that the runtime's start-up is
 * paid once. The limits hold for the whole process.
 *
 * @param context The session.
 * @param worker The worker number (its slot).
 * @param stagedKatas The submission's staged `katas/`.
 * @param katas The kata folders.
 * @param trusted Whether this is the instructor's reference (it may warm the compiled-code cache).
 * @returns Each kata's layout and the one run.
 *
 * @example
 * ```ts ignore
 * import { runKatas } from "./kata_job.ts";
 * const { layouts, run } = await runKatas(context, 0, "/tmp/stage/alice/katas", ["05_adam", "06_warmup"]);
 * ```
 */
export async function runKatas(
  context: JobContext,
  worker: number,
  stagedKatas: string,
  katas: string[],
  trusted = false,
): Promise<BatchRun> {
  const slot = `${context.work}/slot-${worker}`;
  if (!context.prepared.has(worker)) {
    await prepareSlot(context.root, slot);
    context.prepared.add(worker);
  }
  context.laidOut ??= new Map();
  const held = context.laidOut.get(worker);
  if (held?.submission !== stagedKatas) {
    context.laidOut.delete(worker);
    await layOutSubmission(context.root, slot, stagedKatas);
  }
  const layouts: SandboxLayout[] = [];
  for (const kata of katas) {
    layouts.push(
      await layOutRun({
        slot,
        kata,
        hiddenFile: context.hidden.get(kata)?.testFile ?? null,
        previousHidden: held?.submission === stagedKatas ? held.hidden : [],
        addToBatch: layouts.length > 0,
      }),
    );
  }
  context.laidOut.set(worker, {
    submission: stagedKatas,
    hidden: layouts.flatMap((layout, i) =>
      layout.hiddenName ? [`${slot}/katas/${katas[i]}/${layout.hiddenName}`] : []
    ),
  });
  if (!trusted) context.runs = (context.runs ?? 0) + 1;
  const run = await runSandboxed({
    cwd: slot,
    config: layouts[0].config,
    preload: [layouts[0].guard],
    entries: layouts.map((layout) => layout.entry),
    testArgs: ["--backend=cpu"],
    timeoutMs: context.timeoutMs,
    heapMb: context.heapMb,
    rssMb: context.rssMb,
    denoDir: context.denoDir,
    isolation: context.isolation,
    caches: context.caches,
    sandboxDenoDir: context.sandboxDenoDir,
    cacheWritable: trusted,
    cpuSeconds: context.cpuSeconds,
    cpu: context.pinCpus ? worker % context.pinCpus : undefined,
  });
  // Messages name the slot as the run saw it (/course inside bubblewrap).
  return { layouts: layouts.map((layout) => ({ ...layout, dir: run.seenCwd })), run };
}
