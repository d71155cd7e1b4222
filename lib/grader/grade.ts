/**
 * Grading one submission or a whole class: learn what each kata must report
 * from the instructor's reference, then for every submission stage its files,
 * check its imports and its test files, and run each kata in a sandbox, all on
 * a pool of workers (one per core by default). A submission that breaks in any
 * way earns nothing for what broke, says why, and never stops the others.
 *
 * @module
 */
import { findKata, KATA_DIRS, kataFiles } from "../kata/catalogue.ts";
import { entryKind, removeTree } from "./files.ts";
import {
  caseKey,
  casePoints,
  emptyTable,
  type GradingTable,
  parseGradingTable,
} from "./grading_table.ts";
import { type HiddenTests, readHiddenTests } from "./hidden.ts";
import {
  auditImports,
  type ImportAudit,
  parseErrorsFor,
  violationsFor,
} from "./sandbox/import_check.ts";
import { type JobContext, runKata, runKatas } from "./kata_job.ts";
import { batchesOf, splitBatch } from "./batch.ts";
import type { SandboxLayout } from "./sandbox/layout.ts";
import type { SandboxRunResult } from "./sandbox/run.ts";
import {
  compareTestFiles,
  type Manifest,
  manifestOfKatas,
  readManifest,
  verifyTree,
} from "./manifest.ts";
import { WorkPool } from "./pool.ts";
import {
  cacheDir,
  learnReference,
  readCachedReference,
  type ReferenceCases,
  referenceChecksum,
  writeCachedReference,
} from "./reference.ts";
import {
  type ClassOutcome,
  type KataOutcome,
  type SubmissionOutcome,
  sumPoints,
} from "./results.ts";
import { evaluateRun } from "./evaluate.ts";
import { type Isolation, probeIsolation } from "./sandbox/isolation.ts";
import { findKatasDir, stageKatas, stageReference } from "./submission.ts";

/** How to grade. */
export interface GradeOptions {
  /** The instructor's copy (its lib/, katas/ tests, solutions/ and hidden tests). */
  root: string;
  /** Grade only these kata folders; all that have a suite when omitted. */
  katas?: string[];
  /** The grading table's CSV text, and its file name for messages. */
  table?: { text: string; source: string };
  /** Wall-clock limit per kata, ms (default 30 000). */
  timeoutMs?: number;
  /** V8 heap cap per kata, MiB (default 512). */
  heapMb?: number;
  /** Whole-process memory cap per kata, MiB (default 1536). */
  rssMb?: number;
  /** Katas run at once (default: one per core). */
  jobs?: number;
  /** Reuse cached reference runs (default true). */
  cache?: boolean;
  /**
   * Grade even where bubblewrap cannot isolate the runs (default false: refuse).
   * Every output then says that the runs were not isolated.
   */
  unsandboxed?: boolean;
  /** How to isolate runs; probed when omitted (tests pass a fixed one). */
  isolation?: Isolation;
  /** Called as work completes. */
  onProgress?: (event: ProgressEvent) => void;
}

/** A step of progress, for the command line. */
export interface ProgressEvent {
  /** What finished. */
  kind: "reference" | "kata" | "submission";
  /** The student, for kata and submission events. */
  student?: string;
  /** The kata, for reference and kata events. */
  kata?: string;
  /** A one-line account. */
  text: string;
  /** Kata runs done so far (references included). */
  done: number;
  /** Kata runs in all, as far as known (references included). */
  total: number;
}

/** A submission to grade. */
export interface SubmissionInput {
  /** The student's name. */
  student: string;
  /** The submission folder. */
  path: string;
}

/** Why grading cannot start. */
export class GradeSetupError extends Error {
  /**
   * Makes the error.
   *
   * @param message "Cannot grade: …".
   */
  constructor(message: string) {
    super(message);
    this.name = "GradeSetupError";
  }
}

/**
 * The warning every output carries when runs were not isolated.
 *
 * @param reason Why no sandbox could start.
 * @returns The warning.
 */
export function unsandboxedWarning(reason: string): string {
  return `UNSANDBOXED: graded with --unsandboxed (${reason}); submitted code could read ` +
    "this machine's files, so these grades are not safe to publish";
}

/** The defaults, named. */
export const DEFAULTS = { timeoutMs: 30_000, heapMb: 512, rssMb: 1536 } as const;

/** The user's Deno folder (`deno info --json`'s denoDir), or undefined where it cannot be read. */
async function userDenoDir(): Promise<string | undefined> {
  try {
    const { stdout } = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json"],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "null",
    }).output();
    return JSON.parse(new TextDecoder().decode(stdout)).denoDir as string | undefined;
  } catch {
    return undefined;
  }
}

/** The user's Deno cache folders that sandboxed runs may read: npm packages and remote modules. */
async function moduleCaches(): Promise<Record<string, string>> {
  try {
    const shared = await userDenoDir();
    if (!shared) return {};
    const caches: Record<string, string> = {};
    for (const name of ["npm", "remote"]) {
      if (await entryKind(`${shared}/${name}`) === "dir") {
        caches[name] = await Deno.realPath(`${shared}/${name}`);
      }
    }
    return caches;
  } catch {
    return {};
  }
}

/**
 * The Deno cache for this session's children: its own folder (so that the
 * code compiled from thousands of sandboxes goes away with the session), with
 * the user's npm and remote module caches linked in (grading runs offline).
 * Falls back to the user's cache where links cannot be made.
 */
async function sessionDenoDir(work: string): Promise<string | undefined> {
  const shared = await userDenoDir();
  if (!shared) return undefined;
  const own = `${work}/deno-dir`;
  try {
    await Deno.mkdir(own, { recursive: true });
    for (const name of ["npm", "remote"]) {
      if (await entryKind(`${shared}/${name}`) === "dir") {
        await Deno.symlink(`${shared}/${name}`, `${own}/${name}`, { type: "dir" });
      }
    }
    return own;
  } catch {
    return shared;
  }
}

/** The katas of the catalogue that the instructor's copy can grade: those with a suite. */
async function gradableKatas(root: string): Promise<string[]> {
  if (await entryKind(`${root}/katas`) !== "dir") {
    throw new GradeSetupError(
      `Cannot grade: "${root}" has no katas/ folder (is --root the course copy?)`,
    );
  }
  const katas: string[] = [];
  for (const dir of KATA_DIRS) {
    if (await entryKind(`${root}/${kataFiles(dir).test}`) === "file") katas.push(dir);
  }
  return katas;
}

/**
 * Which katas to grade, from names the catalogue knows: "05_adam", "05", "5" or "adam".
 *
 * @param requested The names asked for, or undefined for all.
 * @param available The katas that can be graded.
 * @returns Kata folders, in order.
 * @throws {GradeSetupError} For a name that matches no kata (the catalogue's
 *   "Cannot find kata" message, the same as the guided loop's), or a kata the
 *   course copy has no suite for.
 *
 * @example
 * ```ts
 * import { selectKatas } from "./grade.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(selectKatas(["adam"], ["04_momentum", "05_adam"]), ["05_adam"]);
 * ```
 */
export function selectKatas(requested: string[] | undefined, available: string[]): string[] {
  if (!requested?.length) return available;
  const chosen = new Set<string>();
  for (const name of requested) {
    let dir: string;
    try {
      dir = findKata(name);
    } catch (error) {
      throw new GradeSetupError((error as Error).message);
    }
    if (!available.includes(dir)) {
      throw new GradeSetupError(
        `Cannot grade kata "${dir}": the course copy has no suite for it (it has ${
          available.join(", ") || "none"
        })`,
      );
    }
    chosen.add(dir);
  }
  return available.filter((k) => chosen.has(k));
}

function missingOutcome(kata: string, points: Map<string, number>, why: string): KataOutcome {
  const maxPoints = sumPoints(points.values());
  return {
    kata,
    number: Number(kata.slice(0, 2)),
    status: "missing",
    points: 0,
    maxPoints,
    cases: [],
    reasons: [why],
    notes: [],
    durationMs: 0,
  };
}

function notRunOutcome(
  kata: string,
  reference: ReferenceCases,
  points: Map<string, number>,
  hidden: HiddenTests | undefined,
  reasons: string[],
): KataOutcome {
  const cases = [
    ...reference.visible.map((n) => [n, false] as const),
    ...reference.hidden.map((n) => [n, true] as const),
  ]
    .map(([name, isHidden]) => {
      const key = caseKey(name);
      return {
        name,
        key,
        hidden: isHidden,
        feedback: isHidden
          ? hidden?.cases.get(key) ?? hidden?.feedback ?? "message"
          : "full" as const,
        status: "error" as const,
        message: `not counted: ${reasons[0]}`,
        points: 0,
        maxPoints: points.get(key) ?? 0,
      };
    });
  return {
    kata,
    number: Number(kata.slice(0, 2)),
    status: "not-run",
    points: 0,
    maxPoints: sumPoints(cases.map((c) => c.maxPoints)),
    cases,
    reasons,
    notes: [],
    durationMs: 0,
  };
}

/** Everything the phases of one grading session share. */
interface Session {
  /** The instructor's copy. */
  root: string;
  /** The katas graded. */
  katas: string[];
  /** Each kata's hidden tests. */
  hidden: Map<string, HiddenTests>;
  /** The test files' checksums submissions are compared with. */
  manifest: Manifest;
  /** How runs are isolated. */
  isolation: Isolation;
  /** The reference cache's key. */
  checksum: string;
  /** The sandboxes' compiled-code cache, and whether it is warm. */
  sandboxDenoDir?: string;
  warm: boolean;
  /** Runs at once. */
  jobs: number;
  /** The scratch folder (removed at the end). */
  work: string;
  /** What every run needs. */
  context: JobContext;
  /** Warnings for the instructor. */
  warnings: string[];
  /** Progress so far. */
  done: number;
  total: number;
  onProgress?: (event: ProgressEvent) => void;
}

function progress(session: Session, event: Omit<ProgressEvent, "done" | "total">): void {
  session.onProgress?.({ ...event, done: session.done, total: session.total });
}

/**
 * Phase 0: checks the instructor's copy, the kata list, the hidden tests and
 * the sandbox, and prepares the scratch folder.
 */
async function openSession(options: GradeOptions): Promise<Session> {
  const root = options.root;
  const warnings: string[] = [];
  const katas = selectKatas(options.katas, await gradableKatas(root));
  if (!katas.length) throw new GradeSetupError(`Cannot grade: "${root}" has no kata with a suite`);

  const hidden = new Map<string, HiddenTests>();
  for (const kata of katas) {
    try {
      hidden.set(kata, await readHiddenTests(root, kata));
    } catch (error) {
      throw new GradeSetupError((error as Error).message);
    }
  }
  const ownManifest = await readManifest(root).catch((error) => {
    throw new GradeSetupError((error as Error).message);
  });
  if (ownManifest) {
    const problems = await verifyTree(root, ownManifest);
    if (problems.length) {
      warnings.push(
        `the grader's copy differs from its manifest: ${problems.slice(0, 5).join(", ")}${
          problems.length > 5 ? ", …" : ""
        }`,
      );
    }
  }
  const manifest: Manifest = ownManifest ?? await manifestOfKatas(root);

  const isolation = options.isolation ?? await probeIsolation();
  if (isolation.kind !== "bubblewrap") {
    if (!options.unsandboxed) {
      throw new GradeSetupError(
        `Cannot grade: no sandbox can start here (${isolation.reason}); ` +
          "install bubblewrap, or pass --unsandboxed to grade without OS isolation",
      );
    }
    warnings.push(unsandboxedWarning(isolation.reason ?? "no sandbox"));
  }
  const checksum = await referenceChecksum(root);
  // The sandboxes' DENO_DIR: compiled by the reference runs, read-only to submissions.
  let sandboxDenoDir: string | undefined;
  let warm = false;
  if (isolation.kind === "bubblewrap") {
    sandboxDenoDir = `${cacheDir()}/deno-dir-${checksum.slice(0, 16)}`;
    warm = await entryKind(`${sandboxDenoDir}/warm`) === "file";
    for (const name of ["npm", "remote"]) {
      await Deno.mkdir(`${sandboxDenoDir}/${name}`, { recursive: true });
    }
  }
  // Two runs per core: a run spends about a third of its time waiting (the
  // sandbox's namespaces, process start-up), which a second run fills. Measured
  // on 2 cores, a class of 40 × 12 katas: 4 jobs 110 s, 2 jobs 144 s.
  const cores = navigator.hardwareConcurrency ?? 1;
  const jobs = options.jobs ?? 2 * cores;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const work = await Deno.makeTempDir({ prefix: "grad-dojo-grade-" });
  const context: JobContext = {
    root,
    work,
    timeoutMs,
    heapMb: options.heapMb ?? DEFAULTS.heapMb,
    rssMb: options.rssMb ?? DEFAULTS.rssMb,
    denoDir: await sessionDenoDir(work),
    isolation,
    caches: isolation.kind === "bubblewrap" ? await moduleCaches() : undefined,
    sandboxDenoDir,
    // CPU time, all threads together: a run may use its time limit's worth.
    cpuSeconds: Math.ceil(timeoutMs / 1000),
    // One core per worker where there are enough, so that a hog keeps to its own.
    pinCpus: jobs <= cores ? cores : 0,
    hidden,
    prepared: new Set(),
  };
  return {
    root,
    katas,
    hidden,
    manifest,
    isolation,
    checksum,
    sandboxDenoDir,
    warm,
    jobs,
    work,
    context,
    warnings,
    done: 0,
    total: 0,
    onProgress: options.onProgress,
  };
}

/**
 * Phase 1: what each kata must report, from the instructor's reference (run
 * once, or read from the cache). The reference solutions are deleted before
 * this returns, so no submission run can find them.
 */
async function learnReferences(
  session: Session,
  cache: boolean,
): Promise<Map<string, ReferenceCases>> {
  const { root, katas, hidden, jobs, work, context, warnings, checksum, sandboxDenoDir, warm } =
    session;
  const references = new Map<string, ReferenceCases>();
  const referenceKatas = `${work}/reference/katas`;
  const solved = await stageReference(root, referenceKatas);
  const setupErrors: string[] = [];
  const referencePool = new WorkPool(jobs, (error) => setupErrors.push((error as Error).message));
  for (const kata of katas) {
    const cached = !cache || (sandboxDenoDir && !warm)
      ? null
      : await readCachedReference(checksum, kata);
    if (cached) {
      references.set(kata, cached);
      continue;
    }
    session.total++;
    referencePool.add(async (worker) => {
      const job = await runKata(context, worker, referenceKatas, kata, true);
      const learned = learnReference(kata, job, solved.has(kata));
      references.set(kata, learned);
      await writeCachedReference(checksum, kata, learned);
      session.done++;
      progress(session, {
        kind: "reference",
        kata,
        text:
          `reference ${kata}: ${learned.visible.length} visible, ${learned.hidden.length} hidden cases`,
      });
    });
  }
  await referencePool.run();
  // The reference solutions leave the disk before any submission runs.
  await removeTree(`${work}/reference`);
  if (sandboxDenoDir && !warm) await Deno.writeTextFile(`${sandboxDenoDir}/warm`, "");
  if (setupErrors.length) throw new GradeSetupError(setupErrors.join("\n"));
  for (const kata of katas) warnings.push(...references.get(kata)!.warnings);
  for (const kata of katas) {
    const names = new Set(
      [...references.get(kata)!.visible, ...references.get(kata)!.hidden].map(caseKey),
    );
    for (const name of hidden.get(kata)!.cases.keys()) {
      if (!names.has(name)) {
        warnings.push(
          `solutions/${kata}/hidden.json names a case that does not exist: "${name}"`,
        );
      }
    }
  }

  return references;
}

/** Phase 2: each case's points, from the grading table (equal shares by default). */
function pointsOfCases(
  session: Session,
  references: Map<string, ReferenceCases>,
  tableText: GradeOptions["table"],
): Map<string, Map<string, number>> {
  const { katas } = session;
  const known = new Map(
    katas.map((
      k,
    ) => [k, [...references.get(k)!.visible, ...references.get(k)!.hidden].map(caseKey)]),
  );
  const table: GradingTable = tableText
    ? parseGradingTable(tableText.text, known, tableText.source)
    : emptyTable();
  const points = new Map(katas.map((k) => [k, casePoints(table, k, known.get(k)!)]));

  return points;
}

/**
 * Phase 3: stages every submission, checks its imports and test files, and
 * runs each of its katas in the sandbox, submissions sharing the workers.
 */
async function gradeEach(
  session: Session,
  submissions: SubmissionInput[],
  references: Map<string, ReferenceCases>,
  points: Map<string, Map<string, number>>,
): Promise<SubmissionOutcome[]> {
  const { katas, hidden, manifest, isolation, jobs, work, context, warnings } = session;
  const outcomes: SubmissionOutcome[] = [];
  const pool = new WorkPool(
    jobs,
    (error) => warnings.push(`internal error: ${(error as Error).message}`),
  );
  session.total += submissions.length * katas.length;
  submissions.forEach((submission, index) => {
    const outcome: SubmissionOutcome = {
      student: submission.student,
      path: submission.path,
      katas: [],
      points: 0,
      maxPoints: 0,
      notes: isolation.kind === "bubblewrap"
        ? []
        : [unsandboxedWarning(isolation.reason ?? "no sandbox")],
      durationMs: 0,
      sandbox: isolation.kind === "bubblewrap" ? "bubblewrap" : "none",
    };
    outcomes.push(outcome);
    const byKata = new Map<string, KataOutcome>();
    let remaining = katas.length;
    const subStarted = performance.now();
    const finishKata = (result: KataOutcome) => {
      byKata.set(result.kata, result);
      session.done++;
      progress(session, {
        kind: "kata",
        student: submission.student,
        kata: result.kata,
        text: `${submission.student} ${result.kata}: ${round(result.points)}/${
          round(result.maxPoints)
        }${result.status === "graded" ? "" : ` (${result.status})`}`,
      });
      if (--remaining === 0) {
        outcome.katas = katas.map((k) => byKata.get(k)!);
        outcome.points = sumPoints(outcome.katas.map((k) => k.points));
        outcome.maxPoints = sumPoints(outcome.katas.map((k) => k.maxPoints));
        outcome.durationMs = Math.round(performance.now() - subStarted);
        progress(session, {
          kind: "submission",
          student: submission.student,
          text: `${submission.student}: ${round(outcome.points)}/${round(outcome.maxPoints)}`,
        });
      }
    };
    pool.add(async () => {
      let stagedKatas: string;
      let folders: string[];
      let audit: ImportAudit;
      let modified: string[] = [];
      try {
        const katasDir = await findKatasDir(submission.path);
        if (!katasDir) {
          const why = (await entryKind(submission.path)) === "dir"
            ? "the submission has no katas/ folder"
            : "the submission folder does not exist";
          outcome.error = why;
          for (const kata of katas) finishKata(missingOutcome(kata, points.get(kata)!, why));
          return;
        }
        stagedKatas = `${work}/stage/${index}/katas`;
        const staged = await stageKatas(katasDir, stagedKatas);
        folders = staged.folders;
        outcome.notes.push(...staged.notes);
        const check = await compareTestFiles(manifest, katasDir, katas);
        modified = check.modified;
        audit = await auditImports(`${work}/stage/${index}`);
      } catch (error) {
        const why = `the submission could not be read: ${(error as Error).message}`;
        outcome.error = why;
        for (const kata of katas) {
          if (!byKata.has(kata)) finishKata(missingOutcome(kata, points.get(kata)!, why));
        }
        return;
      }
      const notesOf = new Map<string, string[]>();
      const runnable: string[] = [];
      for (const kata of katas) {
        const notes = modified.filter((p) => p.startsWith(`katas/${kata}/`)).map((p) =>
          `${p} differs from the released copy; the pristine copy was used`
        );
        notesOf.set(kata, notes);
        if (!folders.includes(kata)) {
          const result = missingOutcome(
            kata,
            points.get(kata)!,
            `katas/${kata} is missing from the submission`,
          );
          result.notes = notes;
          finishKata(result);
          continue;
        }
        const refused = violationsFor(audit, kata);
        if (refused.length) {
          const result = notRunOutcome(
            kata,
            references.get(kata)!,
            points.get(kata)!,
            hidden.get(kata),
            refused.map((v) =>
              `${v.file}:${v.line} ${v.reason} (not run: grading allows no such import)`
            ),
          );
          result.notes = notes;
          finishKata(result);
          continue;
        }
        runnable.push(kata);
      }
      const evaluate = (kata: string, layout: SandboxLayout, run: SandboxRunResult) =>
        evaluateRun({
          kata,
          run,
          nonce: layout.nonce,
          sandboxDir: layout.dir,
          hiddenName: layout.hiddenName,
          expected: references.get(kata)!,
          points: points.get(kata)!,
          hidden: hidden.get(kata)!,
          limits: context,
          parseErrors: parseErrorsFor(audit, kata),
        });
      const finish = (kata: string, result: KataOutcome) => {
        result.notes.push(...notesOf.get(kata)!);
        finishKata(result);
      };
      // One kata in its own process: the plain way, and the fallback of a batch.
      const gradeAlone = (kata: string) =>
        pool.add(async (worker) => {
          let result: KataOutcome;
          try {
            const { layout, run } = await runKata(context, worker, stagedKatas, kata);
            result = evaluate(kata, layout, run);
          } catch (error) {
            result = notRunOutcome(
              kata,
              references.get(kata)!,
              points.get(kata)!,
              hidden.get(kata),
              [`could not be run: ${(error as Error).message}`],
            );
            result.status = "crashed";
          }
          finish(kata, result);
        }, index);
      // Several katas in one process where there are more submissions than
      // workers; one submission alone is spread over every worker.
      const batches = batchesOf(runnable, Math.ceil(jobs / submissions.length));
      for (const batch of batches) {
        if (batch.length === 1) {
          gradeAlone(batch[0]);
          continue;
        }
        pool.add(async (worker) => {
          let shares: Map<string, SandboxRunResult> | null = null;
          let layouts: SandboxLayout[] = [];
          try {
            const batchRun = await runKatas(context, worker, stagedKatas, batch);
            layouts = batchRun.layouts;
            shares = splitBatch(batchRun.run, batch, layouts.map((l) => l.nonce), references);
          } catch {
            shares = null;
          }
          batch.forEach((kata, i) => {
            const share = shares?.get(kata);
            const result = share ? evaluate(kata, layouts[i], share) : null;
            // Anything but a clean, graded share is decided by a run of its own.
            if (result?.status === "graded") finish(kata, result);
            else gradeAlone(kata);
          });
        }, index);
      }
    }, index);
  });
  await pool.run();
  return outcomes;
}

/**
 * Grades submissions.
 *
 * @param submissions Who and where.
 * @param options The instructor's copy, limits, table, parallelism.
 * @returns Every submission's grade; never throws for a broken submission.
 * @throws {GradeSetupError} When the instructor's copy, the kata list or the
 *   hidden tests cannot be used.
 * @throws {GradingTableError} When the grading table is wrong.
 *
 * @example
 * ```ts ignore
 * import { gradeSubmissions } from "./grade.ts";
 * const result = await gradeSubmissions([{ student: "alice", path: "submissions/alice" }], { root: "." });
 * console.log(result.submissions[0].points);
 * ```
 */
export async function gradeSubmissions(
  submissions: SubmissionInput[],
  options: GradeOptions,
): Promise<ClassOutcome> {
  const started = performance.now();
  const session = await openSession(options);
  const { katas, isolation, warnings } = session;
  try {
    const references = await learnReferences(session, options.cache !== false);
    const points = pointsOfCases(session, references, options.table);
    const outcomes = await gradeEach(session, submissions, references, points);
    return {
      submissions: outcomes,
      katas,
      warnings,
      durationMs: Math.round(performance.now() - started),
      gradedAt: new Date().toISOString(),
      runs: session.context.runs ?? 0,
      sandbox: isolation.kind === "bubblewrap" ? "bubblewrap" : "none",
      cases: Object.fromEntries(
        katas.map((
          k,
        ) => [k, { visible: references.get(k)!.visible, hidden: references.get(k)!.hidden }]),
      ),
    };
  } finally {
    await removeTree(session.work);
  }
}
function round(points: number): number {
  return Math.round(points * 100) / 100;
}
