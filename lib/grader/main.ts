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
import { ClassFolderError, listClass } from "./class_folder.ts";
import { absolutePath, entryKind } from "./files.ts";
import { DEFAULTS, GradeSetupError, gradeSubmissions, type SubmissionInput } from "./grade.ts";
import { caseKey, formatDefaultTable, GradingTableError } from "./grading_table.ts";
import { writeClassOutputs, writeSubmissionOutputs } from "./outputs.ts";
import { formatClassSummary, formatSubmissionBrief } from "./summary.ts";

/** The usage text. */
export const USAGE = `Usage:
  deno task grade SUBMISSION [options]      grade one submission (a folder with katas/)
  deno task grade --class DIR [options]     grade every submission folder in DIR
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
  --jobs N           katas graded at once (default: one per core)
  --root DIR         the instructor's copy (default: this repository)
  --student NAME     the student's name for one submission (default: the folder's name)
  --json             print the result as JSON instead of the summary
  --no-cache         rerun the reference instead of using its cached case list
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

const VALUE_FLAGS = new Set([
  "--class",
  "--out",
  "--table",
  "--katas",
  "--timeout",
  "--heap-mb",
  "--rss-mb",
  "--jobs",
  "--root",
  "--student",
]);

function positive(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`Cannot read ${flag}: "${text}" is not a positive number`);
  }
  return value;
}

/**
 * Parses the grader's command line.
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
  const parsed: GradeArgs = {
    timeoutMs: DEFAULTS.timeoutMs,
    heapMb: DEFAULTS.heapMb,
    rssMb: DEFAULTS.rssMb,
    root: defaultRoot,
    json: false,
    cache: true,
    quiet: false,
    unsandboxed: false,
    printTable: false,
    help: false,
  };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    let value: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (VALUE_FLAGS.has(arg)) {
      value ??= args[++i];
      if (value === undefined || (value.startsWith("--") && value.length > 2)) {
        throw new UsageError(`Cannot read ${arg}: it needs a value`);
      }
    }
    switch (arg) {
      case "--class":
        parsed.classDir = value;
        break;
      case "--out":
        parsed.out = value;
        break;
      case "--table":
        parsed.table = value;
        break;
      case "--katas":
        parsed.katas = value!.split(",").map((k) => k.trim()).filter(Boolean);
        break;
      case "--timeout":
        parsed.timeoutMs = positive(arg, value!) * 1000;
        break;
      case "--heap-mb":
        parsed.heapMb = Math.round(positive(arg, value!));
        break;
      case "--rss-mb":
        parsed.rssMb = Math.round(positive(arg, value!));
        break;
      case "--jobs":
        parsed.jobs = Math.round(positive(arg, value!));
        break;
      case "--root":
        parsed.root = value!;
        break;
      case "--student":
        parsed.student = value;
        break;
      case "--json":
        parsed.json = true;
        break;
      case "--no-cache":
        parsed.cache = false;
        break;
      case "--quiet":
        parsed.quiet = true;
        break;
      case "--unsandboxed":
        parsed.unsandboxed = true;
        break;
      case "--print-table":
        parsed.printTable = true;
        break;
      case "-h":
      case "--help":
        parsed.help = true;
        break;
      default:
        if (arg.startsWith("-")) throw new UsageError(`Cannot grade: unknown option "${arg}"`);
        positional.push(arg);
    }
  }
  if (positional.length > 1) {
    throw new UsageError(
      `Cannot grade: one submission at a time (got ${positional.length}); use --class DIR for many`,
    );
  }
  parsed.submission = positional[0];
  if (parsed.submission && parsed.classDir) {
    throw new UsageError("Cannot grade: give either a SUBMISSION or --class DIR, not both");
  }
  if (!parsed.submission && !parsed.classDir && !parsed.printTable && !parsed.help) {
    throw new UsageError("Cannot grade: give a SUBMISSION folder or --class DIR");
  }
  return parsed;
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
 * @returns The exit code: 0 graded, 1 bad input, 2 bad usage.
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
  try {
    let submissions: SubmissionInput[] = [];
    const warnings: string[] = [];
    if (options.classDir) {
      const listed = await listClass(absolutePath(options.classDir));
      submissions = listed.submissions;
      warnings.push(...listed.warnings);
    } else if (options.submission) {
      const path = absolutePath(options.submission);
      const kind = await entryKind(path);
      if (kind !== "dir") {
        io.err(
          `Cannot grade "${options.submission}": ${
            kind === null ? "there is no such folder" : "it is not a folder"
          }\n`,
        );
        return 1;
      }
      submissions = [{ student: options.student ?? basename(path), path }];
    }
    let table: { text: string; source: string } | undefined;
    if (options.table) {
      try {
        table = { text: await Deno.readTextFile(options.table), source: options.table };
      } catch {
        io.err(`Cannot read grading table "${options.table}": there is no such file\n`);
        return 1;
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
    result.warnings.unshift(...warnings);
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
      if (options.classDir) await writeClassOutputs(out, result);
      else await writeSubmissionOutputs(out, result.submissions[0], result.gradedAt);
      if (!options.quiet) io.err(`wrote the results to ${options.out}\n`);
    }
    if (options.json) {
      io.out(JSON.stringify(options.classDir ? result : result.submissions[0], null, 2) + "\n");
    } else if (options.classDir) {
      io.out(formatClassSummary(result));
    } else if (result.submissions.length) {
      io.out(formatSubmissionBrief(result.submissions[0]));
      if (!options.out) {
        io.out("(every failure, in full: --out DIR writes summary.txt and feedback)\n");
      }
      if (result.sandbox === "none") {
        io.out(`${result.warnings.find((w) => w.startsWith("UNSANDBOXED"))}\n`);
      }
      for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
    }
    return 0;
  } catch (error) {
    if (
      error instanceof GradingTableError || error instanceof GradeSetupError ||
      error instanceof ClassFolderError
    ) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (import.meta.main) {
  Deno.exit(await runGradeCli(Deno.args));
}
