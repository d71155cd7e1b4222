/**
 * The guided loop's `f` key: draw one kata's figures in a child process (the
 * same command as `deno task show NN --backend=cpu`, with its narrow
 * permissions and a fresh copy of the learner's code), then preview them in the
 * terminal with the paths of the SVG files.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PageEntry } from "./page.ts";
import { previewLines } from "./preview.ts";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const CONFIG = fileURLToPath(new URL("../../deno.json", import.meta.url));

/**
 * The lines that preview a kata's figures after drawing them (terminal chart, SVG paths, page).
 *
 * @param entry The kata's entry of `figures/figures.json`.
 * @param folder How to show the figures folder, e.g. "figures".
 * @param colour Colour the chart's series.
 * @returns The lines.
 *
 * @example
 * ```ts
 * import { entryLines } from "./loop_preview.ts";
 * import { ok } from "node:assert";
 * const lines = entryLines({ dir: "04_momentum", figures: [{
 *   file: "04_bump.svg", title: "Bump", caption: "", notes: [],
 *   preview: { title: "θ", series: [{ name: "GD", values: [2, 1.5, 1] }] },
 * }] }, "figures", false);
 * ok(lines.includes("  figures/04_bump.svg"));
 * ```
 */
export function entryLines(entry: PageEntry, folder: string, colour: boolean): string[] {
  const lines: string[] = [];
  const preview = entry.figures.find((f) => f.preview)?.preview;
  if (preview) lines.push(...previewLines(preview, { colour, height: 8 }), "");
  if (entry.problem) lines.push(entry.problem);
  lines.push(`${entry.dir}'s figures (open them in a browser):`);
  for (const figure of entry.figures) {
    lines.push(`  ${folder}/${figure.file}`);
    for (const note of figure.notes) lines.push(`    · ${note}`);
  }
  lines.push(`  ${folder}/index.html (every kata on one page)`);
  return lines;
}

/**
 * Draws one kata's figures into `<root>/figures` in a child Deno and returns the preview's lines.
 *
 * @param root The repository root.
 * @param dir The kata folder, e.g. "05_adam".
 * @param colour Colour the chart.
 * @returns The lines to show; on failure, the child's message.
 */
export async function drawForLoop(root: string, dir: string, colour: boolean): Promise<string[]> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--config",
      CONFIG,
      "--allow-read",
      "--allow-write=figures",
      MAIN,
      dir,
      "--backend=cpu",
    ],
    cwd: root,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const message = new TextDecoder().decode(stderr).trim();
  if (code !== 0) {
    return [`Cannot draw ${dir}'s figures: ${message.split("\n")[0] || `exit code ${code}`}`];
  }
  let entries: PageEntry[];
  try {
    entries = JSON.parse(await Deno.readTextFile(join(root, "figures", "figures.json")));
  } catch (error) {
    return [`Cannot read figures/figures.json: ${(error as Error).message}`];
  }
  const entry = entries.find((e) => e.dir === dir);
  return entry ? entryLines(entry, "figures", colour) : [`No figures were drawn for ${dir}`];
}
