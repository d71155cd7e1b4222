/**
 * Reading a submission: where its katas are, and a clean copy of the files the
 * grader will use (staging). Staging keeps only source and data files, never
 * the submission's test files (the pristine ones replace them), never links,
 * never configuration that could change how Deno resolves modules.
 *
 * @module
 */
import { copyFileTo, entryKind, walkFiles } from "./files.ts";
import { isTestFile } from "./manifest.ts";

/** File types the grader copies from a submission. */
const KEPT = /\.(ts|mts|js|mjs|json|md|csv|txt)$/;
/** File types worth a note when left out (code the grader will not load). */
const CODE = /\.(tsx|jsx|cts|cjs|wasm)$/;
/** Files that would change how Deno resolves modules. */
const CONFIG = new Set(["deno.json", "deno.jsonc", "package.json", "import_map.json", "deno.lock"]);
/** The most one file may weigh. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** The most a whole submission may weigh. */
export const MAX_SUBMISSION_BYTES = 16 * 1024 * 1024;
/** The most files a submission may hold (kept ones). */
export const MAX_SUBMISSION_FILES = 2000;

/** A kata folder name: "05_adam". */
const KATA_FOLDER = /^\d{2}_[A-Za-z0-9_]+$/;

/**
 * Finds a submission's kata folders: `SUBMISSION/katas/`, or the submission
 * itself when it holds kata folders (`05_adam/`) directly.
 *
 * @param submission The submission folder.
 * @returns The folder that holds the kata folders, or null.
 *
 * @example
 * ```ts ignore
 * import { findKatasDir } from "./submission.ts";
 * console.log(await findKatasDir("submissions/alice"));
 * ```
 */
export async function findKatasDir(submission: string): Promise<string | null> {
  if (await entryKind(`${submission}/katas`) === "dir") return `${submission}/katas`;
  try {
    for await (const entry of Deno.readDir(submission)) {
      if (entry.isDirectory && KATA_FOLDER.test(entry.name)) return submission;
    }
  } catch { /* unreadable */ }
  return null;
}

/** What staging kept and left out. */
export interface StagedKatas {
  /** Kata folders present in the submission. */
  folders: string[];
  /** What was left out and why, for the instructor. */
  notes: string[];
}

/**
 * Copies a submission's kata files into a staging folder.
 *
 * @param katasDir The submission's kata folders' parent.
 * @param stagedKatas Where to copy them (`<stage>/katas`).
 * @returns The kata folders found and notes on what was left out.
 *
 * @example
 * ```ts ignore
 * import { stageKatas } from "./submission.ts";
 * const { folders, notes } = await stageKatas("submissions/alice/katas", "/tmp/stage/alice/katas");
 * ```
 */
export async function stageKatas(katasDir: string, stagedKatas: string): Promise<StagedKatas> {
  await Deno.mkdir(stagedKatas, { recursive: true });
  const { files, links } = await walkFiles(katasDir, {
    skipDir: (_path, name) => name.startsWith(".") || name === "node_modules",
  });
  const notes = links.map((l) => `left out katas/${l}: links are not followed`);
  const folders = new Set<string>();
  let total = 0;
  let kept = 0;
  for (const file of files) {
    const [folder] = file.path.split("/");
    if (file.path.includes("/") && KATA_FOLDER.test(folder)) folders.add(folder);
    const name = file.path.split("/").pop()!;
    if (CONFIG.has(name)) {
      notes.push(`left out katas/${file.path}: configuration files are not used`);
      continue;
    }
    if (!KEPT.test(name) || isTestFile(file.path)) {
      if (CODE.test(name)) {
        notes.push(`left out katas/${file.path}: only .ts and .js code is graded`);
      }
      continue;
    }
    if (file.size > MAX_FILE_BYTES) {
      notes.push(`left out katas/${file.path}: larger than ${MAX_FILE_BYTES / 1024} KiB`);
      continue;
    }
    total += file.size;
    if (++kept > MAX_SUBMISSION_FILES) {
      notes.push(
        `left out katas/${file.path} and what follows: more than ${MAX_SUBMISSION_FILES} files`,
      );
      break;
    }
    if (total > MAX_SUBMISSION_BYTES) {
      notes.push(
        `left out katas/${file.path} and what follows: the submission passed ${
          MAX_SUBMISSION_BYTES / 1024 / 1024
        } MiB`,
      );
      break;
    }
    await copyFileTo(`${katasDir}/${file.path}`, `${stagedKatas}/${file.path}`);
  }
  // Folders that hold only left-out files still count as present.
  for await (const entry of Deno.readDir(katasDir)) {
    if (entry.isDirectory && KATA_FOLDER.test(entry.name)) folders.add(entry.name);
  }
  return { folders: [...folders].sort(), notes };
}

/**
 * Stages the instructor's reference: every kata folder's files (not its
 * tests), with each solution over its stub where the instructor's copy has
 * one (a release has none: then the stubs are the reference).
 *
 * @param root The instructor's copy.
 * @param stagedKatas Where to put it (`<stage>/katas`).
 * @returns Which katas use their solution.
 *
 * @example
 * ```ts ignore
 * import { stageReference } from "./submission.ts";
 * await stageReference(".", "/tmp/stage/reference/katas");
 * ```
 */
export async function stageReference(root: string, stagedKatas: string): Promise<Set<string>> {
  await stageKatas(`${root}/katas`, stagedKatas);
  const solved = new Set<string>();
  for await (const entry of Deno.readDir(`${root}/katas`)) {
    if (!entry.isDirectory) continue;
    const slug = entry.name.split("_").slice(1).join("_");
    const solution = `${root}/solutions/${entry.name}/${slug}.ts`;
    if (await entryKind(solution) === "file") {
      await copyFileTo(solution, `${stagedKatas}/${entry.name}/${slug}.ts`);
      solved.add(entry.name);
    }
  }
  return solved;
}
