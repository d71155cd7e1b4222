/**
 * File helpers for the grader and the release: walking a tree without
 * following links, copying, checksums.
 *
 * @module
 */

/** One regular file found by {@linkcode walkFiles}. */
export interface FoundFile {
  /** Its path relative to the walked folder, with "/" separators. */
  path: string;
  /** Its size in bytes. */
  size: number;
}

/** What {@linkcode walkFiles} leaves out. */
export interface WalkOptions {
  /** Skip a folder (relative path, "/" separators) when this returns true. */
  skipDir?: (path: string, name: string) => boolean;
}

/** What a walk found besides regular files. */
export interface WalkResult {
  /** Regular files, sorted by path. */
  files: FoundFile[];
  /** Symbolic links and other non-regular entries, never followed. */
  links: string[];
}

/**
 * Lists the regular files under a folder. Symbolic links are reported, never
 * followed, so a submission cannot smuggle in a file from elsewhere.
 *
 * @param root The folder.
 * @param options Folders to skip.
 * @returns Files (sorted) and links.
 *
 * @example
 * ```ts
 * import { walkFiles } from "./files.ts";
 * import { ok } from "node:assert";
 * const { files } = await walkFiles(new URL(".", import.meta.url).pathname);
 * ok(files.some((f) => f.path === "files.ts"));
 * ```
 */
export async function walkFiles(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const files: FoundFile[] = [];
  const links: string[] = [];
  const visit = async (relative: string) => {
    const dir = relative ? `${root}/${relative}` : root;
    for await (const entry of Deno.readDir(dir)) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isSymlink) {
        links.push(path);
      } else if (entry.isDirectory) {
        if (!options.skipDir?.(path, entry.name)) await visit(path);
      } else if (entry.isFile) {
        const info = await Deno.lstat(`${root}/${path}`);
        files.push({ path, size: info.size });
      } else {
        links.push(path);
      }
    }
  };
  await visit("");
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  links.sort();
  return { files, links };
}

/**
 * Copies one file, creating the folders it needs.
 *
 * @param from The source.
 * @param to The destination (overwritten).
 *
 * @example
 * ```ts ignore
 * import { copyFileTo } from "./files.ts";
 * import { strictEqual } from "node:assert";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.txt`, "x");
 * await copyFileTo(`${dir}/a.txt`, `${dir}/b/c.txt`);
 * strictEqual(await Deno.readTextFile(`${dir}/b/c.txt`), "x");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function copyFileTo(from: string, to: string): Promise<void> {
  await Deno.mkdir(dirname(to), { recursive: true });
  await Deno.copyFile(from, to);
}

/**
 * Writes a text file, creating the folders it needs.
 *
 * @param path Where.
 * @param text What.
 *
 * @example
 * ```ts ignore
 * import { writeText } from "./files.ts";
 * import { strictEqual } from "node:assert";
 * const dir = await Deno.makeTempDir();
 * await writeText(`${dir}/x/y.txt`, "hi");
 * strictEqual(await Deno.readTextFile(`${dir}/x/y.txt`), "hi");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeText(path: string, text: string): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  await Deno.writeTextFile(path, text);
}

/**
 * The folder part of a path.
 *
 * @param path A path with "/" separators.
 * @returns Everything before the last "/", or "." when there is none.
 *
 * @example
 * ```ts
 * import { dirname } from "./files.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(dirname("katas/05_adam/adam.ts"), "katas/05_adam");
 * ```
 */
export function dirname(path: string): string {
  const cut = path.replace(/\\/g, "/").lastIndexOf("/");
  return cut < 0 ? "." : cut === 0 ? "/" : path.slice(0, cut);
}

/**
 * The SHA-256 of some bytes, as lowercase hex.
 *
 * @param bytes The data.
 * @returns 64 hex digits.
 *
 * @example
 * ```ts
 * import { sha256 } from "./files.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(
 *   await sha256(new TextEncoder().encode("abc")),
 *   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
 * );
 * ```
 */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The SHA-256 of a file.
 *
 * @param path The file.
 * @returns 64 hex digits.
 *
 * @example
 * ```ts
 * import { sha256File } from "./files.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual((await sha256File(new URL("files.ts", import.meta.url).pathname)).length, 64);
 * ```
 */
export async function sha256File(path: string): Promise<string> {
  return await sha256(await Deno.readFile(path));
}

/**
 * Whether a path exists (without following a final link).
 *
 * @param path The path.
 * @returns What kind of entry it is, or null.
 *
 * @example
 * ```ts
 * import { entryKind } from "./files.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(await entryKind("/definitely/not/here"), null);
 * ```
 */
export async function entryKind(path: string): Promise<"file" | "dir" | "link" | null> {
  try {
    const info = await Deno.lstat(path);
    return info.isSymlink ? "link" : info.isDirectory ? "dir" : "file";
  } catch {
    return null;
  }
}

/**
 * Removes a folder and everything in it, ignoring one that is already gone.
 *
 * @param path The folder.
 *
 * @example
 * ```ts
 * import { removeTree } from "./files.ts";
 * await removeTree("/tmp/grad-dojo-surely-absent");
 * ```
 */
export async function removeTree(path: string): Promise<void> {
  await Deno.remove(path, { recursive: true }).catch(() => {});
}

/**
 * An absolute, "/"-separated path, without a trailing "/".
 *
 * @param path Relative to the working directory, or absolute.
 * @returns The absolute path.
 *
 * @example
 * ```ts
 * import { absolutePath } from "./files.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(absolutePath("/a/b/../c/"), "/a/c");
 * ```
 */
export function absolutePath(path: string): string {
  const slashed = path.replace(/\\/g, "/");
  const isAbsolute = slashed.startsWith("/") || /^[A-Za-z]:\//.test(slashed);
  const full = isAbsolute ? slashed : `${Deno.cwd().replace(/\\/g, "/")}/${slashed}`;
  const parts: string[] = [];
  for (const part of full.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  const joined = parts.join("/");
  return /^[A-Za-z]:$/.test(parts[0] ?? "") ? joined : `/${joined}`;
}
