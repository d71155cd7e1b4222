/**
 * For tests and measurements: a scratch copy of the repository's kata files
 * with the reference solutions in place of the stubs, in a temporary folder —
 * never in `katas/`. Their `../../lib/` imports are pointed at this
 * repository's `lib/` (and `data/`), so the learner code and the figures share one Tensor class.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { KATA_DIRS, kataFiles } from "../kata/catalogue.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const LIB_URL = new URL("../", import.meta.url).href; // file:///…/lib/
const DATA_URL = new URL("../../data/", import.meta.url).href; // file:///…/data/

/** Roots made by this process, removed when it ends (kept when run as a script, to be used). */
const made: string[] = [];
globalThis.addEventListener("unload", () => {
  for (const root of made) {
    try {
      Deno.removeSync(root, { recursive: true });
    } catch { /* already gone */ }
  }
});

/** Which kata files to take from where. */
export type Source = "solutions" | "katas";

/**
 * Makes a temporary root holding `katas/NN_slug/slug.ts` for every kata.
 *
 * @param sources Per kata folder, "solutions" (default) or "katas" (the shipped stub).
 * @param edit Optional rewrite of a kata file's text, e.g. to plant a throw.
 * @returns The root's path.
 */
export async function solvedRoot(
  sources: Partial<Record<string, Source>> = {},
  edit?: (dir: string, text: string) => string,
): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "grad-dojo-figures-" });
  if (!import.meta.main) made.push(root);
  for (const dir of KATA_DIRS) {
    const files = kataFiles(dir);
    const from = (sources[dir] ?? "solutions") === "solutions" ? files.solution : files.stub;
    let text = await Deno.readTextFile(join(REPO, from));
    text = text.replaceAll(`"../../lib/`, `"${LIB_URL}`).replaceAll(`"../../data/`, `"${DATA_URL}`);
    if (edit) text = edit(dir, text);
    const to = join(root, files.stub);
    await Deno.mkdir(dirname(to), { recursive: true });
    await Deno.writeTextFile(to, text);
  }
  return root;
}

/** Lets `deno run -A lib/figures/_solved_root.ts` print a solved root, to measure `show` on it. */
if (import.meta.main) console.log(await solvedRoot());
