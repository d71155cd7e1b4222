/**
 * `deno task grade`: grades one submission or a class folder. See
 * lib/grader/README.md for the whole workflow.
 *
 * ```sh
 * deno task grade path/to/submission                 # summary on screen
 * deno task grade path/to/submission --out grades/   # + JSON, JUnit, Exercism, Classroom, feedback
 * deno task grade --class submissions/ --out grades/ # + gradebook.csv, one folder per student
 * ```
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { mergeShards, parseShard, type Shard, ShardError, shardOf } from "./shard.ts";
import type { ClassOutcome } from "./results.ts";
import { ClassFolderError, listClass } from "./class_folder.ts";
import { absolutePath, entryKind, removeTree } from "./files.ts";
import { findKatasDir } from "./submission.ts";
import { DEFAULTS, GradeSetupError, gradeSubmissions, type SubmissionInput } from "./grade.ts";
import { caseKey, formatDefaultTable, GradingTableError } from "./grading_table.ts";
import { writeClassOutputs, writeSubmissionOutputs } from "./formats/outputs.ts";
import { formatClassSummary, formatSubmissionBrief } from "./formats/summary.ts";

/** The usage text. */
export const USAGE = `Usage:
  deno task grade SUBMISSION [options]      grade one submission (a folder with katas/)
  deno task grade --class DIR [options]     grade every submission folder in DIR
  deno task grade merge OUT SHARD_DIRS...   join the --out folders of --shard runs into OUT
  deno task grade --print-table [options]   print the default grading table

Options:
  --out DIR          write the outputs there (summary.txt, grade.json, feedback.md, junit.xml,
                     results.json, autograding.json; for a class also gradebook.csv and
                     students/<name>/)
  --table FILE       the grading table (CSV: kata,case,points); default: equal weights
  --katas LIST       grade only these katas, e.g. 05_adam,06_warmup or 5,6
  --timeout SECONDS  wall-clock limit per kata (default ${DEFAULTS.timeoutMs / 1000})
  --heap-mb N        V8 heap cap per kata (default ${DEFAULTS.heapMb})
  --rss-mb N         whole-process memory cap per kata (default ${DEFAULTS.rssMb})
  --jobs N           katas graded at once (default: two per core)
  --root DIR         the instructor's copy (default: this repository)
  --student NAME     the student's name for one submission (default: the folder's name)
  --json             print the result as JSON instead of the summary
  --no-cache         rerun the reference instead of using its cached case list
  --shard K/N        grade only the K-th of N equal parts of the class (name order)
  --quiet            no progress lines
  --unsandboxed      grade even where bubblewrap cannot isolate the runs (every output says so)
  -h, --help         this text`;

/** Parsed command line. */
export interface GradeArgs {
  /** The one submission folder to grade. */
  submission?: string;
  /** The class folder to grade (--class). */
  classDir?: string;
  /** Where to write the outputs (--out). */
  out?: string;
  /** The grading table's file (--table). */
  table?: string;
  /** The katas to grade (--katas). */
  katas?: string[];
  /** Wall-clock limit per kata, ms (--timeout, given in seconds). */
  timeoutMs: number;
  /** V8 heap cap per kata, MiB (--heap-mb). */
  heapMb: number;
  /** Whole-process memory cap per kata, MiB (--rss-mb). */
  rssMb: number;
  /** Katas graded at once (--jobs). */
  jobs?: number;
  /** The instructor's copy (--root). */
  root: string;
  /** The student's name for one submission (--student). */
  student?: string;
  /** Print JSON instead of the summary (--json). */
  json: boolean;
  /** Use the cached reference (not --no-cache). */
  cache: boolean;
  /** No progress lines (--quiet). */
  quiet: boolean;
  /** Grade without OS isolation where bubblewrap cannot start (--unsandboxed). */
  unsandboxed: boolean;
  /** Print the default grading table (--print-table). */
  printTable: boolean;
  /** Print the usage (--help). */
  help: boolean;
  /** Grade only this shard of the class (--shard K/N). */
  shard?: Shard;
}

/** A command line that cannot be followed. */
export class UsageError extends Error {
  /**
   * Makes the error.
   *
   * @param message What is wrong.
   */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

function positive(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`Cannot read ${flag}: "${text}" is not a positive number`);
  }
  return value;
}

/**
 * Parses the grader's command line (with `node:util`'s `parseArgs`).
 *
 * @param args The arguments.
 * @param defaultRoot The instructor's copy when --root is not given.
 * @returns The options.
 * @throws {UsageError} For an unknown flag, a missing value or a bad number.
 *
 * @example
 * ```ts
 * import { parseGradeArgs } from "./main.ts";
 * import { strictEqual } from "node:assert";
 * const args = parseGradeArgs(["sub", "--timeout", "5"], "/course");
 * strictEqual(args.submission, "sub");
 * strictEqual(args.timeoutMs, 5000);
 * ```
 */
export function parseGradeArgs(args: string[], defaultRoot: string): GradeArgs {
  let values: Record<string, string | boolean | undefined>;
  let positional: string[];
  try {
    ({ values, positionals: positional } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        class: { type: "string" },
        out: { type: "string" },
        table: { type: "string" },
        katas: { type: "string" },
        timeout: { type: "string" },
        "heap-mb": { type: "string" },
        "rss-mb": { type: "string" },
        jobs: { type: "string" },
        root: { type: "string" },
        student: { type: "string" },
        shard: { type: "string" },
        json: { type: "boolean" },
        "no-cache": { type: "boolean" },
        quiet: { type: "boolean" },
        unsandboxed: { type: "boolean" },
        "print-table": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    const text = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(text);
    const needs = /Option '(--[a-z-]+)[^']*' argument (?:missing|is ambiguous)/.exec(text);
    throw new UsageError(
      unknown
        ? `Cannot grade: unknown option "${unknown[1]}"`
        : needs
        ? `Cannot read ${needs[1]}: it needs a value`
        : `Cannot read the command line: ${text}`,
    );
  }
  const text = (key: string) => values[key] as string | undefined;
  const parsed: GradeArgs = {
    classDir: text("class"),
    out: text("out"),
    table: text("table"),
    katas: text("katas")?.split(",").map((k) => k.trim()).filter(Boolean),
    timeoutMs: text("timeout") !== undefined
      ? positive("--timeout", text("timeout")!) * 1000
      : DEFAULTS.timeoutMs,
    heapMb: text("heap-mb") !== undefined
      ? Math.round(positive("--heap-mb", text("heap-mb")!))
      : DEFAULTS.heapMb,
    rssMb: text("rss-mb") !== undefined
      ? Math.round(positive("--rss-mb", text("rss-mb")!))
      : DEFAULTS.rssMb,
    jobs: text("jobs") !== undefined ? Math.round(positive("--jobs", text("jobs")!)) : undefined,
    root: text("root") ?? defaultRoot,
    student: text("student"),
    shard: text("shard") !== undefined ? parseShardOption(text("shard")!) : undefined,
    json: values.json === true,
    cache: values["no-cache"] !== true,
    quiet: values.quiet === true,
    unsandboxed: values.unsandboxed === true,
    printTable: values["print-table"] === true,
    help: values.help === true,
  };
  if (positional.length > 1) {
    throw new UsageError(
      `Cannot grade: one submission at a time (got ${positional.length}); use --class DIR for many`,
    );
  }
  parsed.submission = positional[0];
  if (parsed.submission && parsed.classDir) {
    throw new UsageError("Cannot grade: give either a SUBMISSION or --class DIR, not both");
  }
  if (parsed.shard && !parsed.classDir) {
    throw new UsageError("Cannot grade a shard: --shard K/N needs --class DIR");
  }
  if (!parsed.submission && !parsed.classDir && !parsed.printTable && !parsed.help) {
    throw new UsageError("Cannot grade: give a SUBMISSION folder or --class DIR");
  }
  return parsed;
}

function parseShardOption(text: string): Shard {
  try {
    return parseShard(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Where the command writes. */
export interface CliIo {
  /** Results (summary, JSON, table). */
  out: (text: string) => void;
  /** Progress, warnings and errors. */
  err: (text: string) => void;
}

const encoder = new TextEncoder();
const stdio: CliIo = {
  out: (text) => Deno.stdout.writeSync(encoder.encode(text)),
  err: (text) => Deno.stderr.writeSync(encoder.encode(text)),
};

function basename(path: string): string {
  return absolutePath(path).split("/").pop() || path;
}

/**
 * Runs the grader's command line.
 *
 * @param args The arguments.
 * @param io Where to write.
 * @param defaultRoot The instructor's copy when --root is not given.
 * @returns The exit code: 0 graded, 2 bad input or usage (nothing written).
 *
 * @example
 * ```ts ignore
 * import { runGradeCli } from "./main.ts";
 * Deno.exit(await runGradeCli(["--class", "submissions", "--out", "grades"]));
 * ```
 */
export async function runGradeCli(
  args: string[],
  io: CliIo = stdio,
  defaultRoot = fileURLToPath(new URL("../..", import.meta.url)),
): Promise<number> {
  if (args[0] === "merge") return await runMerge(args.slice(1), io);
  let options: GradeArgs;
  try {
    options = parseGradeArgs(args, defaultRoot);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const root = absolutePath(options.root);
  // Bad input stops here, before any grading and before anything is written.
  const refuse = (message: string) => {
    io.err(`${message}\n`);
    return 2;
  };
  try {
    let submissions: SubmissionInput[] = [];
    const warnings: string[] = [];
    if (options.out && (await entryKind(absolutePath(options.out))) === "file") {
      return refuse(`Cannot write the results to "${options.out}": it is a file, not a folder`);
    }
    if (options.classDir) {
      const listed = await listClass(absolutePath(options.classDir));
      submissions = listed.submissions;
      warnings.push(...listed.warnings);
      if (options.shard) {
        submissions = shardOf(submissions, options.shard);
        warnings.push(
          `shard ${options.shard.index}/${options.shard.count}: ${submissions.length} of ${listed.submissions.length} submissions`,
        );
      }
    } else if (options.submission) {
      const path = absolutePath(options.submission);
      const kind = await entryKind(path);
      if (kind !== "dir") {
        return refuse(
          `Cannot grade "${options.submission}": ${
            kind === null ? "there is no such folder" : "it is not a folder"
          }`,
        );
      }
      if (!await findKatasDir(path)) {
        return refuse(
          `Cannot grade "${options.submission}": it holds no katas/ folder (nor kata folders)`,
        );
      }
      submissions = [{ student: options.student ?? basename(path), path }];
    }
    let table: { text: string; source: string } | undefined;
    if (options.table) {
      try {
        table = { text: await Deno.readTextFile(options.table), source: options.table };
      } catch {
        return refuse(`Cannot read grading table "${options.table}": there is no such file`);
      }
    }
    for (const warning of warnings) io.err(`warning: ${warning}\n`);
    const result = await gradeSubmissions(submissions, {
      root,
      katas: options.katas,
      table,
      timeoutMs: options.timeoutMs,
      heapMb: options.heapMb,
      rssMb: options.rssMb,
      jobs: options.jobs,
      cache: options.cache,
      unsandboxed: options.unsandboxed,
      onProgress: options.quiet ? undefined : (event) => {
        if (event.kind !== "submission") io.err(`[${event.done}/${event.total}] ${event.text}\n`);
      },
    });
    result.warnings.unshift(...warnings.filter((w) => !w.startsWith("shard ")));
    if (options.printTable) {
      const known = new Map(
        Object.entries(result.cases ?? {}).map(([k, c]) => [
          k,
          [...c.visible, ...c.hidden].map((n) => caseKey(n)),
        ]),
      );
      const hidden = new Map(
        Object.entries(result.cases ?? {}).map(([k, c]) => [
          k,
          c.hidden.map((n) => caseKey(n)),
        ]),
      );
      io.out(formatDefaultTable(known, hidden));
      if (!submissions.length) return 0;
    }
    for (const submission of result.submissions) {
      if (submission.error) {
        result.warnings.push(`${submission.student}: ${submission.error}; every kata scores 0`);
      }
    }
    if (options.out) {
      const out = absolutePath(options.out);
      await writeAll(
        out,
        (dir) =>
          options.classDir
            ? writeClassOutputs(dir, result)
            : writeSubmissionOutputs(dir, result.submissions[0], result.gradedAt),
      );
      if (!options.quiet) io.err(`wrote the results to ${options.out}\n`);
    }
    if (options.json) {
      io.out(JSON.stringify(options.classDir ? result : result.submissions[0], null, 2) + "\n");
    } else if (options.classDir) {
      io.out(formatClassSummary(result));
    } else if (result.submissions.length) {
      io.out(formatSubmissionBrief(result.submissions[0]));
      if (!options.out) {
        io.out("(every failure, in full: --out DIR writes summary.txt and the feedback files)\n");
      }
      for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
    }
    if (result.sandbox === "none") {
      io.err(`${result.warnings.find((w) => w.startsWith("UNSANDBOXED"))}\n`);
    }
    return 0;
  } catch (error) {
    if (
      error instanceof GradingTableError || error instanceof GradeSetupError ||
      error instanceof ClassFolderError
    ) {
      return refuse(error.message);
    }
    throw error;
  }
}

/**
 * Writes outputs into a scratch folder beside `out`, then moves them in: a run
 * that fails while writing leaves `out` as it was.
 */
async function writeAll(out: string, write: (dir: string) => Promise<unknown>): Promise<void> {
  const parent = out.replace(/\/[^/]*$/, "") || "/";
  await Deno.mkdir(parent, { recursive: true });
  const scratch = await Deno.makeTempDir({ dir: parent, prefix: ".grad-dojo-writing-" });
  try {
    await write(scratch);
    await Deno.mkdir(out, { recursive: true });
    for await (const entry of Deno.readDir(scratch)) {
      await removeTree(`${out}/${entry.name}`);
      await Deno.rename(`${scratch}/${entry.name}`, `${out}/${entry.name}`);
    }
  } finally {
    await removeTree(scratch);
  }
}

/** `deno task grade merge OUT SHARD_DIRS…`. */
async function runMerge(args: string[], io: CliIo): Promise<number> {
  const [out, ...dirs] = args.filter((a) => a !== "--quiet");
  if (!out || !dirs.length || out.startsWith("-")) {
    io.err(`Cannot merge: give the output folder and the shard folders\n\n${USAGE}\n`);
    return 2;
  }
  const shards: Array<{ source: string; result: ClassOutcome }> = [];
  for (const dir of dirs) {
    try {
      const result = JSON.parse(await Deno.readTextFile(`${absolutePath(dir)}/grade.json`));
      if (!Array.isArray(result.submissions) || !Array.isArray(result.katas)) throw new Error();
      shards.push({ source: dir, result });
    } catch {
      io.err(`Cannot merge "${dir}": it holds no grade.json of a class (grade --class --out)\n`);
      return 2;
    }
  }
  let merged: ClassOutcome;
  try {
    merged = mergeShards(shards);
  } catch (error) {
    if (error instanceof ShardError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  await writeAll(absolutePath(out), (dir) => writeClassOutputs(dir, merged));
  io.out(formatClassSummary(merged));
  io.err(`merged ${shards.length} shards (${merged.submissions.length} submissions) into ${out}\n`);
  return 0;
}

if (import.meta.main) {
  Deno.exit(await runGradeCli(Deno.args));
}
