/**
 * The release manifest: SHA-256 checksums of every test file the student copy
 * contains (and of the library and data it runs on), written by
 * `deno task release` as `grad-dojo-manifest.json`. The grader compares a
 * submission's test files with it and reports the ones that changed.
 *
 * @module
 */
import { sha256File, walkFiles } from "./files.ts";

/** The manifest's file name, at the top of a release. */
export const MANIFEST_FILE = "grad-dojo-manifest.json";

/** The format tag, so a future change can be recognised. */
export const MANIFEST_FORMAT = "grad-dojo manifest 1";

/** What `grad-dojo-manifest.json` holds. */
export interface Manifest {
  /** {@linkcode MANIFEST_FORMAT}. */
  format: string;
  /** SHA-256 of every test file (`*_test.ts`), by path relative to the release root. */
  tests: Record<string, string>;
  /** SHA-256 of every other file the tests run on (lib/, data/, deno.json, deno.lock). */
  support: Record<string, string>;
}

/** Test files: `*_test.ts` and the like. */
const TEST_FILE = /(^|\/)[^/]*[._]test\.(ts|mts|js|mjs)$/;

/**
 * Whether a path names a test file.
 *
 * @param path A relative path.
 * @returns True for `*_test.ts`, `*.test.ts` and their .mts/.js/.mjs forms.
 *
 * @example
 * ```ts
 * import { isTestFile } from "./manifest.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(isTestFile("katas/05_adam/adam_test.ts"), true);
 * strictEqual(isTestFile("katas/05_adam/adam.ts"), false);
 * ```
 */
export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

/** Whether a release file is one the tests run on (checked in `support`). */
function isSupport(path: string): boolean {
  return path.startsWith("lib/") || path.startsWith("data/") || path === "deno.json" ||
    path === "deno.lock";
}

/**
 * Builds the manifest of a tree.
 *
 * @param root The tree (a release, or the instructor's copy).
 * @param paths The files to consider, relative to `root`.
 * @returns The manifest.
 *
 * @example
 * ```ts ignore
 * import { buildManifest } from "./manifest.ts";
 * const manifest = await buildManifest("release", ["katas/05_adam/adam_test.ts"]);
 * console.log(manifest.tests["katas/05_adam/adam_test.ts"]);
 * ```
 */
export async function buildManifest(root: string, paths: string[]): Promise<Manifest> {
  const manifest: Manifest = { format: MANIFEST_FORMAT, tests: {}, support: {} };
  for (const path of [...paths].sort()) {
    if (isTestFile(path)) manifest.tests[path] = await sha256File(`${root}/${path}`);
    else if (isSupport(path)) manifest.support[path] = await sha256File(`${root}/${path}`);
  }
  return manifest;
}

/**
 * Reads a tree's manifest, if it has one.
 *
 * @param root The tree.
 * @returns The manifest, or null when there is none.
 * @throws {Error} When the file exists but is not a manifest.
 *
 * @example
 * ```ts ignore
 * import { readManifest } from "./manifest.ts";
 * const manifest = await readManifest("release");
 * ```
 */
export async function readManifest(root: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(`${root}/${MANIFEST_FILE}`);
  } catch {
    return null;
  }
  let value: Partial<Manifest>;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Cannot read ${MANIFEST_FILE}: it is not JSON (${(error as Error).message})`);
  }
  if (value.format !== MANIFEST_FORMAT || typeof value.tests !== "object") {
    throw new Error(`Cannot read ${MANIFEST_FILE}: its format is not "${MANIFEST_FORMAT}"`);
  }
  return { format: value.format, tests: value.tests ?? {}, support: value.support ?? {} };
}

/**
 * The manifest of the kata test files of a tree, computed on the spot: what the
 * release would write for them.
 *
 * @param root The instructor's copy.
 * @returns A manifest whose `tests` lists `katas/**` test files.
 *
 * @example
 * ```ts ignore
 * import { manifestOfKatas } from "./manifest.ts";
 * const manifest = await manifestOfKatas(".");
 * ```
 */
export async function manifestOfKatas(root: string): Promise<Manifest> {
  const { files } = await walkFiles(`${root}/katas`).catch(() => ({ files: [] }));
  return await buildManifest(root, files.map((f) => `katas/${f.path}`));
}

/** How a submission's test files compare with the manifest. */
export interface TestFileCheck {
  /** Test files whose contents differ from the manifest. */
  modified: string[];
  /** Test files of the manifest the submission does not have. */
  missing: string[];
}

/**
 * Compares a submission's kata test files with the manifest.
 *
 * @param manifest The release manifest.
 * @param katasDir The submission's `katas/` folder.
 * @param katas Only these kata folders ("05_adam"); all when omitted.
 * @returns The modified and missing test files, as `katas/…` paths.
 *
 * @example
 * ```ts ignore
 * import { compareTestFiles, manifestOfKatas } from "./manifest.ts";
 * const { modified } = await compareTestFiles(await manifestOfKatas("."), "submission/katas");
 * ```
 */
export async function compareTestFiles(
  manifest: Manifest,
  katasDir: string,
  katas?: readonly string[],
): Promise<TestFileCheck> {
  const modified: string[] = [];
  const missing: string[] = [];
  for (const [path, expected] of Object.entries(manifest.tests)) {
    if (!path.startsWith("katas/")) continue;
    const folder = path.split("/")[1];
    if (katas && !katas.includes(folder)) continue;
    const local = `${katasDir}/${path.slice("katas/".length)}`;
    let actual: string;
    try {
      const info = await Deno.lstat(local);
      if (!info.isFile) throw new Error("not a file");
      actual = await sha256File(local);
    } catch {
      if (await folderExists(`${katasDir}/${folder}`)) missing.push(path);
      continue;
    }
    if (actual !== expected) modified.push(path);
  }
  return { modified, missing };
}

async function folderExists(path: string): Promise<boolean> {
  try {
    return (await Deno.lstat(path)).isDirectory;
  } catch {
    return false;
  }
}

/**
 * Checks a tree against its own manifest: what differs or is missing.
 *
 * @param root The tree.
 * @param manifest Its manifest.
 * @returns Paths that changed or went missing since the release.
 *
 * @example
 * ```ts ignore
 * import { readManifest, verifyTree } from "./manifest.ts";
 * const problems = await verifyTree("release", (await readManifest("release"))!);
 * ```
 */
export async function verifyTree(root: string, manifest: Manifest): Promise<string[]> {
  const problems: string[] = [];
  for (const [path, expected] of Object.entries({ ...manifest.tests, ...manifest.support })) {
    try {
      if (await sha256File(`${root}/${path}`) !== expected) problems.push(`${path} changed`);
    } catch {
      problems.push(`${path} is missing`);
    }
  }
  return problems;
}
