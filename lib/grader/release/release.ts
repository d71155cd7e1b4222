/**
 * `deno task release --out DIR`: builds the student copy of the course.
 *
 * - kept: katas/ (stubs as shipped, suites, READMEs, hints), lib/ (the
 *   learner's library and tools), data/, deno.json (the learner's tasks only),
 *   deno.lock, README.md (the learner's), LICENSE, .gitignore, package.json;
 * - left out: solutions/ (references, planted mistakes, hidden tests), any
 *   `mistakes.ts` or `hidden*` file in katas/, the instructor's tools — lib/grader/,
 *   lib/contract/ (the kata contract and the stub generator read solutions/),
 *   lib/figures/_solved_root.ts — and every lib/ file that imports one of them,
 *   the tasks that run them (`grade`, `release`, `stubs`), .ci/, .git/ and other
 *   dot folders;
 * - added: `grad-dojo-manifest.json`, the SHA-256 of every test file (and of
 *   lib/, data/ and the import map) as written to the copy, which the grader
 *   compares submissions with; with `--classroom`, `.github/workflows/classroom.yml`
 *   (the sample workflow) and the grader it runs (lib/grader/ without its tests,
 *   fixtures, README and release/; the `grade` task).
 *
 * It refuses to write a copy that would leak a solution: a file holding a
 * solution region (`// #region TODO(kata …`) or identical to a solution file.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { importsOf, resolveImport } from "../../check/import_graph.ts";
import { stubFromSolution } from "../../contract/stubs.ts";
import {
  absolutePath,
  copyFileTo,
  entryKind,
  removeTree,
  sha256File,
  walkFiles,
  writeText,
} from "../files.ts";
import { buildManifest, MANIFEST_FILE } from "../manifest.ts";

/** What to build. */
export interface ReleaseOptions {
  /** The instructor's copy. */
  root: string;
  /** Where to write the student copy (must be absent or empty unless `force`). */
  out: string;
  /** Replace a non-empty `out`. */
  force?: boolean;
  /** Add the sample GitHub Classroom workflow. */
  classroom?: boolean;
}

/** What was built. */
export interface ReleaseReport {
  /** Files written (the manifest included). */
  files: string[];
  /** Test files in the manifest. */
  tests: number;
  /** Things the instructor should look at (stale stubs). */
  warnings: string[];
}

/** A release that cannot be built. */
export class ReleaseError extends Error {
  /**
   * Makes the error.
   *
   * @param message "Cannot build the release: …".
   */
  constructor(message: string) {
    super(message);
    this.name = "ReleaseError";
  }
}

const TOP_LEVEL_FILES = new Set([
  "deno.json",
  "deno.lock",
  "README.md",
  "LICENSE",
  ".gitignore",
  "package.json",
]);
const TOP_LEVEL_DIRS = new Set(["katas", "lib", "data"]);
/** The README of the student copy: the learner's commands only. */
const STUDENT_README = fileURLToPath(new URL("student_readme.md", import.meta.url));

/** The instructor's files: never in a student copy. */
const INSTRUCTOR_ONLY = [
  // The kata contract and the stub generator read solutions/; the release uses them
  // in the instructor's copy, no command of the student copy does.
  /^lib\/contract\//,
  // The figures' tests draw from the reference solutions.
  /^lib\/figures\/_solved_root\.ts$/,
  /^katas\/.*\/mistakes\.ts$/,
  /^katas\/.*\/hidden[^/]*$/,
];
/**
 * The grader: left out, but with `--classroom` the workflow grades with the
 * copy's own grader, so its code (not its tests, fixtures, instructor notes or
 * the release) is kept.
 */
const GRADER = /^lib\/grader\//;
const GRADER_INSTRUCTOR_ONLY = [
  /^lib\/grader\/release\//,
  /^lib\/grader\/fixtures\//,
  /^lib\/grader\/[^.]*\.(md|yml)$/,
  /^lib\/grader\/(?:[^/]+\/)*(?:[^/]*_test|_test_[^/]*)\.ts$/,
];
/** Tasks of the instructor: never in the copy's deno.json (`grade` stays with `--classroom`). */
const INSTRUCTOR_TASKS = ["grade", "release", "stubs"];

/**
 * Whether a path of the instructor's copy belongs in the student copy, by its
 * name alone ({@linkcode buildRelease} also leaves out every lib/ file that
 * imports a file left out).
 *
 * @param path Relative to the instructor's copy, "/" separators.
 * @param options `classroom`: the copy carries the grader its workflow runs.
 * @returns True when it is released.
 *
 * @example
 * ```ts
 * import { isReleased } from "./release.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(isReleased("katas/05_adam/adam_test.ts"), true);
 * strictEqual(isReleased("solutions/05_adam/adam.ts"), false);
 * strictEqual(isReleased("solutions/05_adam/hidden_test.ts"), false);
 * strictEqual(isReleased("lib/grader/main.ts"), false);
 * strictEqual(isReleased("lib/grader/main.ts", { classroom: true }), true);
 * strictEqual(isReleased("lib/contract/generate_stubs.ts"), false);
 * ```
 */
export function isReleased(path: string, options: { classroom?: boolean } = {}): boolean {
  const [top] = path.split("/");
  const inFolder = path.includes("/");
  if (inFolder ? !TOP_LEVEL_DIRS.has(top) : !TOP_LEVEL_FILES.has(path)) return false;
  if (path.split("/").some((part) => part.startsWith(".") && part !== ".gitignore")) return false;
  if (GRADER.test(path)) {
    return options.classroom === true && !GRADER_INSTRUCTOR_ONLY.some((p) => p.test(path));
  }
  return !INSTRUCTOR_ONLY.some((pattern) => pattern.test(path));
}

/**
 * Leaves out every lib/ module that imports (directly or through others) a
 * lib/ file that is not released, so that the copy type-checks and its tests
 * load: the figures' tests that draw from the solutions, say.
 *
 * @param root The instructor's copy.
 * @param all Every path of the instructor's copy.
 * @param released Paths that pass {@linkcode isReleased}.
 * @returns The released paths that import no file of `all` left out.
 */
async function withoutBrokenImports(
  root: string,
  all: string[],
  released: string[],
): Promise<string[]> {
  const kept = new Set(released);
  const leftOut = new Set(all.filter((path) => !kept.has(path)));
  const imports = new Map<string, string[]>();
  for (const path of released) {
    if (!path.startsWith("lib/") || !path.endsWith(".ts")) continue;
    const targets = importsOf(await Deno.readTextFile(`${root}/${path}`))
      .map((specifier) => resolveImport(path, specifier))
      // Only files of the course count: a test's sample source may name "./g.ts".
      .filter((target): target is string => target !== undefined && leftOut.has(target));
    imports.set(path, targets);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const [path, targets] of imports) {
      if (kept.has(path) && targets.some((target) => !kept.has(target))) {
        kept.delete(path);
        leftOut.add(path);
        changed = true;
      }
    }
  }
  return released.filter((path) => kept.has(path));
}

/**
 * The copy's deno.json: the instructor's, without the instructor's tasks, any
 * task that runs a file the copy does not hold, and `exclude` entries for
 * folders it does not hold.
 *
 * @param text The instructor's deno.json.
 * @param released The paths of the copy.
 * @param options `classroom`: keep the `grade` task (the workflow runs it).
 * @returns The copy's deno.json text.
 *
 * @example
 * ```ts
 * import { studentConfig } from "./release.ts";
 * import { deepStrictEqual } from "node:assert";
 * const text = JSON.stringify({
 *   tasks: { start: "deno run lib/loop/main.ts", stubs: "deno run lib/contract/generate_stubs.ts" },
 *   exclude: ["lib/grader/fixtures/"],
 * });
 * const config = JSON.parse(studentConfig(text, ["lib/loop/main.ts"]));
 * deepStrictEqual(config, { tasks: { start: "deno run lib/loop/main.ts" }, exclude: [] });
 * ```
 */
export function studentConfig(
  text: string,
  released: readonly string[],
  options: { classroom?: boolean } = {},
): string {
  const config = JSON.parse(text);
  const held = new Set(released);
  const holds = (path: string) =>
    held.has(path) || released.some((p) => p.startsWith(path.endsWith("/") ? path : `${path}/`));
  if (config.tasks && typeof config.tasks === "object") {
    const tasks: Record<string, unknown> = {};
    for (const [name, task] of Object.entries(config.tasks as Record<string, unknown>)) {
      if (INSTRUCTOR_TASKS.includes(name) && !(options.classroom && name === "grade")) continue;
      const command = typeof task === "string"
        ? task
        : String((task as { command?: string })?.command ?? "");
      const files = command.match(/(?<=^|\s)(?:lib|katas|data|solutions)\/[^\s]*\.[mc]?[jt]s\b/g);
      if (files?.some((file) => !held.has(file))) continue;
      tasks[name] = task;
    }
    config.tasks = tasks;
  }
  if (Array.isArray(config.exclude)) {
    config.exclude = config.exclude.filter((entry: unknown) =>
      typeof entry !== "string" || /[*?{[]/.test(entry) || holds(entry.replace(/\/$/, ""))
    );
  }
  return JSON.stringify(config, null, 2) + "\n";
}

/**
 * Builds the student copy.
 *
 * @param options The instructor's copy and where to write.
 * @returns The files written and warnings.
 * @throws {ReleaseError} When `out` is not empty, lies inside a kata folder, or
 *   the copy would leak a solution.
 *
 * @example
 * ```ts ignore
 * import { buildRelease } from "./release.ts";
 * const report = await buildRelease({ root: ".", out: "/tmp/student-copy" });
 * console.log(report.tests, "test files");
 * ```
 */
export async function buildRelease(options: ReleaseOptions): Promise<ReleaseReport> {
  const root = absolutePath(options.root);
  const out = absolutePath(options.out);
  if (out === root || root.startsWith(`${out}/`)) {
    throw new ReleaseError(
      `Cannot build the release in "${options.out}": it holds the course itself`,
    );
  }
  const kind = await entryKind(out);
  let replace = false;
  if (kind === "file" || kind === "link") {
    throw new ReleaseError(`Cannot build the release in "${options.out}": it is not a folder`);
  }
  if (kind === "dir") {
    let empty = true;
    for await (const _ of Deno.readDir(out)) {
      empty = false;
      break;
    }
    if (!empty && !options.force) {
      throw new ReleaseError(
        `Cannot build the release in "${options.out}": it is not empty (add --force to replace it)`,
      );
    }
    replace = !empty;
  }
  const outInside = out.startsWith(`${root}/`) ? out.slice(root.length + 1) : null;
  const { files } = await walkFiles(root, {
    skipDir: (path, name) =>
      path === outInside || name === ".git" || name === "node_modules" || path === "solutions",
  });
  const classroom = options.classroom === true;
  const all = files.map((f) => f.path);
  const released = await withoutBrokenImports(
    root,
    all,
    all.filter((path) => isReleased(path, { classroom })),
  );

  // No solution may leak: neither a region nor a whole solution file.
  const solutions = new Map<string, string>();
  const { files: solutionFiles } = await walkFiles(`${root}/solutions`).catch(() => ({
    files: [],
  }));
  for (const file of solutionFiles) {
    solutions.set(await sha256File(`${root}/solutions/${file.path}`), `solutions/${file.path}`);
  }
  const leaks: string[] = [];
  for (const path of released) {
    if (!/\.(ts|js|mts|mjs|md)$/.test(path)) continue;
    const text = await Deno.readTextFile(`${root}/${path}`);
    if (/^[ \t]*\/\/ #region TODO\(kata/m.test(text)) leaks.push(`${path} holds a solution region`);
    const same = solutions.get(await sha256File(`${root}/${path}`));
    if (same) leaks.push(`${path} is identical to ${same}`);
  }
  if (leaks.length) {
    throw new ReleaseError(
      `Cannot build the release: it would leak solutions: ${leaks.join("; ")}`,
    );
  }

  const warnings: string[] = [];
  const notStubs: string[] = [];
  for (const file of solutionFiles) {
    const [dir, name] = file.path.split("/");
    if (name !== `${dir.split("_").slice(1).join("_")}.ts`) continue;
    const stub = `katas/${dir}/${name}`;
    try {
      const expected = stubFromSolution(
        await Deno.readTextFile(`${root}/solutions/${file.path}`),
        dir,
      );
      if (expected !== await Deno.readTextFile(`${root}/${stub}`)) notStubs.push(stub);
    } catch {
      notStubs.push(`${stub} (missing)`);
    }
  }
  if (notStubs.length) {
    // A kata file that is not its generated stub may hold the instructor's own
    // solution: students would receive it.
    const text = `${notStubs.join(", ")} ${notStubs.length === 1 ? "is" : "are"} not the stub${
      notStubs.length === 1 ? "" : "s"
    } that \`deno task stubs\` generates`;
    if (!options.force) {
      throw new ReleaseError(
        `Cannot build the release: ${text} (a solved kata would reach the students); ` +
          "run `deno task stubs`, or add --force to release them as they are",
      );
    }
    warnings.push(`${text}; released anyway (--force)`);
  }
  // Every check passed: only now is anything removed or written.
  if (replace) await removeTree(out);

  const written: string[] = [];
  for (const path of released) {
    if (path === "deno.json") {
      const config = studentConfig(await Deno.readTextFile(`${root}/${path}`), released, {
        classroom,
      });
      await writeText(`${out}/${path}`, config);
    } else {
      await copyFileTo(`${root}/${path}`, `${out}/${path}`);
    }
    written.push(path);
  }
  // The learner's README replaces the instructor's (no solutions/, no grading).
  await copyFileTo(STUDENT_README, `${out}/README.md`);
  if (!written.includes("README.md")) written.push("README.md");
  if (classroom) {
    const workflow = fileURLToPath(new URL("../github-classroom.yml", import.meta.url));
    await copyFileTo(workflow, `${out}/.github/workflows/classroom.yml`);
    written.push(".github/workflows/classroom.yml");
  }
  const manifest = await buildManifest(out, written);
  await writeText(`${out}/${MANIFEST_FILE}`, JSON.stringify(manifest, null, 2) + "\n");
  written.push(MANIFEST_FILE);
  return { files: written, tests: Object.keys(manifest.tests).length, warnings };
}

/** The usage text. */
export const RELEASE_USAGE =
  `Usage: deno task release --out DIR [--force] [--classroom] [--root DIR]

  --out DIR     where to write the student copy (absent or empty)
  --force       replace DIR when it is not empty, and release kata files that are not their
                generated stubs (they are named; without --force the release refuses)
  --classroom   add .github/workflows/classroom.yml (GitHub Classroom autograding)
  --root DIR    the instructor's copy (default: this repository)`;

/**
 * Runs the release command line.
 *
 * @param args The arguments.
 * @param write Where to print.
 * @returns The exit code.
 *
 * @example
 * ```ts ignore
 * import { runReleaseCli } from "./release.ts";
 * Deno.exit(await runReleaseCli(["--out", "/tmp/student-copy"]));
 * ```
 */
export async function runReleaseCli(
  args: string[],
  write: (text: string) => void = (text) => console.log(text),
): Promise<number> {
  let values: { out?: string; root?: string; force?: boolean; classroom?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: "string" },
        root: { type: "string" },
        force: { type: "boolean" },
        classroom: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    const text = (error as Error).message;
    const unknown = /Unknown option '([^']+)'|Unexpected argument '([^']+)'/.exec(text);
    write(
      `Cannot build the release: ${
        unknown ? `unknown argument "${unknown[1] ?? unknown[2]}"` : text
      }\n\n${RELEASE_USAGE}`,
    );
    return 2;
  }
  if (values.help) {
    write(RELEASE_USAGE);
    return 0;
  }
  const out = values.out;
  const root = values.root ?? fileURLToPath(new URL("../../..", import.meta.url));
  const force = values.force === true;
  const classroom = values.classroom === true;
  if (!out) {
    write(`Cannot build the release: --out DIR is required\n\n${RELEASE_USAGE}`);
    return 2;
  }
  try {
    const report = await buildRelease({ root, out, force, classroom });
    for (const warning of report.warnings) write(`warning: ${warning}`);
    write(
      `wrote ${report.files.length} files to ${out} (${report.tests} test files in ${MANIFEST_FILE}; ` +
        "no solutions, planted mistakes or hidden tests)",
    );
    return 0;
  } catch (error) {
    if (error instanceof ReleaseError) {
      write(error.message);
      return 1;
    }
    throw error;
  }
}

if (import.meta.main) {
  Deno.exit(await runReleaseCli(Deno.args));
}
