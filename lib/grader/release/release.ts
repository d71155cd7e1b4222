/**
 * `deno task release --out DIR`: builds the student copy of the course.
 *
 * - kept: katas/ (stubs as shipped, suites, READMEs, hints), lib/, data/,
 *   deno.json, deno.lock, README.md, LICENSE, .gitignore, package.json;
 * - left out: solutions/ (references, planted mistakes, hidden tests), any
 *   `mistakes.ts` or `hidden*` file in katas/, the grader's tests and fixtures, the
 *   kata contract's test (it needs solutions/), .ci/, .git/ and other dot folders;
 * - added: `grad-dojo-manifest.json`, the SHA-256 of every test file (and of
 *   lib/, data/ and the import map), which the grader compares submissions with;
 *   with `--classroom`, `.github/workflows/classroom.yml` (the sample workflow).
 *
 * It refuses to write a copy that would leak a solution: a file holding a
 * solution region (`// #region TODO(kata …`) or identical to a solution file.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
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

const INSTRUCTOR_ONLY = [
  /^lib\/grader\/README\.md$/,
  /^lib\/grader\/github-shards\.yml$/,
  /^lib\/grader\/release\/student_readme\.md$/,
  /^lib\/grader\/fixtures\//,
  /^lib\/grader\/(?:[^/]+\/)*[^/]*_test\.ts$/,
  /^lib\/contract\/contract_test\.ts$/,
  /^katas\/.*\/mistakes\.ts$/,
  /^katas\/.*\/hidden[^/]*$/,
];

/**
 * Whether a path of the instructor's copy belongs in the student copy.
 *
 * @param path Relative to the instructor's copy, "/" separators.
 * @returns True when it is released.
 *
 * @example
 * ```ts
 * import { isReleased } from "./release.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(isReleased("katas/05_adam/adam_test.ts"), true);
 * strictEqual(isReleased("solutions/05_adam/adam.ts"), false);
 * strictEqual(isReleased("solutions/05_adam/hidden_test.ts"), false);
 * ```
 */
export function isReleased(path: string): boolean {
  const [top] = path.split("/");
  const inFolder = path.includes("/");
  if (inFolder ? !TOP_LEVEL_DIRS.has(top) : !TOP_LEVEL_FILES.has(path)) return false;
  if (path.split("/").some((part) => part.startsWith(".") && part !== ".gitignore")) return false;
  return !INSTRUCTOR_ONLY.some((pattern) => pattern.test(path));
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
  const released = files.map((f) => f.path).filter(isReleased);

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
    await copyFileTo(`${root}/${path}`, `${out}/${path}`);
    written.push(path);
  }
  // The learner's README replaces the instructor's (no solutions/, no grading).
  await copyFileTo(STUDENT_README, `${out}/README.md`);
  if (!written.includes("README.md")) written.push("README.md");
  if (options.classroom) {
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
