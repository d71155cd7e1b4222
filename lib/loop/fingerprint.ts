/**
 * A short hash of the code a kata's result depends on: every `.ts` file in its
 * folder and the files of earlier katas it imports. A stored result whose hash
 * no longer matches is re-checked.
 *
 * @module
 */
import { KATA_DIRS } from "../kata/catalogue.ts";

/** What a fingerprint covers and its hash. */
export interface Fingerprint {
  /** 16 hex digits of SHA-256 over the files' paths and contents. */
  hash: string;
  /** The files hashed, relative to the root, sorted. */
  files: string[];
}

/**
 * 16 hex digits of the SHA-256 of a text.
 *
 * @param text What to hash.
 * @returns The digest's first 16 hex digits.
 *
 * @example
 * ```ts
 * import { shortHash } from "./fingerprint.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(await shortHash("abc"), "ba7816bf8f01cfea");
 * ```
 */
export async function shortHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/**
 * The other kata folders a source file imports (`"../05_adam/adam.ts"`).
 *
 * @param source A kata's source text.
 * @returns The folder names, e.g. ["05_adam"].
 *
 * @example
 * ```ts
 * import { importedKatas } from "./fingerprint.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(importedKatas('import { adam } from "../05_adam/adam.ts";'), ["05_adam"]);
 * ```
 */
export function importedKatas(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/["']\.\.\/(\d\d_[a-z0-9_]+)\/[^"']+["']/g)) {
    if ((KATA_DIRS as readonly string[]).includes(match[1])) found.add(match[1]);
  }
  return [...found];
}

async function tsFiles(root: string, dir: string): Promise<string[]> {
  const files: string[] = [];
  try {
    for await (const entry of Deno.readDir(`${root}/katas/${dir}`)) {
      if (entry.isFile && entry.name.endsWith(".ts")) files.push(`katas/${dir}/${entry.name}`);
    }
  } catch { /* a missing folder has no files */ }
  return files;
}

/**
 * Fingerprints a kata: its folder's `.ts` files and those of the katas it imports.
 *
 * @param root The repository root.
 * @param dir The kata folder, e.g. "06_warmup".
 * @returns The hash and the files it covers.
 *
 * @example
 * ```ts ignore
 * import { kataFingerprint } from "./fingerprint.ts";
 * const { hash, files } = await kataFingerprint(Deno.cwd(), "05_adam");
 * console.log(hash, files);
 * ```
 */
export async function kataFingerprint(root: string, dir: string): Promise<Fingerprint> {
  const seen = new Set<string>([dir]);
  const queue = [dir];
  const contents = new Map<string, string>();
  while (queue.length) {
    const current = queue.shift()!;
    for (const file of await tsFiles(root, current)) {
      let text = "";
      try {
        text = await Deno.readTextFile(`${root}/${file}`);
      } catch { /* vanished while reading: hashed as empty */ }
      contents.set(file, text);
      for (const other of importedKatas(text)) {
        if (!seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
  }
  const files = [...contents.keys()].sort();
  const hash = await shortHash(
    files.map((file) => `${file}\n${contents.get(file)}`).join("\n\0\n"),
  );
  return { hash, files };
}

/**
 * The kata folders whose files a kata's result depends on (itself first).
 *
 * @param fingerprint A kata's fingerprint.
 * @returns Folder names, e.g. ["06_warmup", "05_adam"].
 *
 * @example
 * ```ts
 * import { fingerprintDirs } from "./fingerprint.ts";
 * import { deepStrictEqual } from "node:assert";
 * const files = ["katas/05_adam/adam.ts", "katas/06_warmup/warmup.ts"];
 * deepStrictEqual(fingerprintDirs("06_warmup", { hash: "", files }), ["06_warmup", "05_adam"]);
 * ```
 */
export function fingerprintDirs(dir: string, fingerprint: Fingerprint): string[] {
  const dirs = new Set([dir]);
  for (const file of fingerprint.files) dirs.add(file.split("/")[1]);
  return [...dirs];
}
