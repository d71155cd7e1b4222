/**
 * Turns what a learner types ("05", "5", "adam", "05_adam", "katas/05_adam/")
 * into a kata folder name, and says whether that folder is there.
 *
 * @module
 */
import { KATA_DIRS, kataFiles } from "../contract/katas.ts";
import { ValueError } from "../core/errors.ts";

/**
 * The kata folder a learner means.
 *
 * @param input A number ("5", "05"), a slug ("adam"), a folder ("05_adam") or a path.
 * @returns The folder name, e.g. "05_adam".
 * @throws {ValueError} When no kata matches, with the list of katas.
 *
 * @example
 * ```ts
 * import { resolveKata } from "./kata_ref.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(resolveKata("5"), "05_adam");
 * strictEqual(resolveKata("katas/05_adam/"), "05_adam");
 * strictEqual(resolveKata("Adam"), "05_adam");
 * ```
 */
export function resolveKata(input: string): string {
  const text = input.trim().toLowerCase().replace(/^\.?\/?(katas|solutions)\//, "").replace(
    /\/.*$/,
    "",
  );
  for (const dir of KATA_DIRS) {
    const { number, slug } = kataFiles(dir);
    if (text === dir || text === slug || (/^\d+$/.test(text) && Number(text) === Number(number))) {
      return dir;
    }
  }
  throw new ValueError(
    `Cannot find kata "${input.trim()}": choose a number from 01 to ${
      kataFiles(KATA_DIRS[KATA_DIRS.length - 1]).number
    } or a name (${KATA_DIRS.join(", ")})`,
  );
}

/**
 * Whether a kata's folder holds its stub and its test file.
 *
 * @param root The repository root.
 * @param dir The kata folder, e.g. "05_adam".
 * @returns The missing paths, relative to the root (empty when the kata is complete).
 *
 * @example
 * ```ts ignore
 * import { missingFiles } from "./kata_ref.ts";
 * console.log(await missingFiles(Deno.cwd(), "05_adam")); // [] once kata 05 is in place
 * ```
 */
export async function missingFiles(root: string, dir: string): Promise<string[]> {
  const { stub, test } = kataFiles(dir);
  const missing: string[] = [];
  for (const path of [stub, test]) {
    try {
      await Deno.stat(`${root}/${path}`);
    } catch {
      missing.push(path);
    }
  }
  return missing;
}
