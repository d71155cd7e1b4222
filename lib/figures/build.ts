/**
 * `deno task show`'s engine: load the learner's kata files, build each kata's
 * figures, render them to SVG and write them, with `index.html`, into one folder.
 *
 * @module
 */
import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { KATA_DIRS, kataFiles } from "../kata/catalogue.ts";
import { ValueError } from "../core/errors.ts";
import type { Figure } from "./figure.ts";
import { FIGURE_BUILDERS } from "./katas/mod.ts";
import { renderSvg } from "./render.ts";
import { type PageEntry, renderPage } from "./page.ts";

/** Options of {@linkcode buildFigures}. */
export interface BuildOptions {
  /** The repository (or student copy) whose `katas/` are drawn. Default: the working directory. */
  root?: string;
  /** Kata folders to draw, e.g. ["05_adam"]. Default: every kata. */
  katas?: readonly string[];
  /** Where to write. Default: `<root>/figures`. */
  outDir?: string;
  /** Measure on WebGPU too where an adapter exists (default true); false keeps to the CPU. */
  webgpu?: boolean;
}

/** One written figure. */
export interface WrittenFigure {
  /** The figure, with its spec and data. */
  figure: Figure;
  /** The SVG file's path. */
  path: string;
  /** The SVG text. */
  svg: string;
}

/** What happened to one kata. */
export interface KataOutcome {
  /** "05_adam". */
  dir: string;
  /** Its figures, in order. */
  figures: WrittenFigure[];
  /** Why none could be drawn (the kata file did not load, or has no figures yet). */
  problem?: string;
}

/** What {@linkcode buildFigures} did. */
export interface BuildReport {
  /** The folder written. */
  outDir: string;
  /** The page's path. */
  page: string;
  /** One entry per kata asked for, in catalogue order. */
  katas: KataOutcome[];
}

/** The manifest kept beside the page, so that drawing one kata keeps the others on the page. */
const MANIFEST = "figures.json";

function isPermissionError(error: unknown): boolean {
  return error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotCapable;
}

/**
 * Draws the figures of some katas from the learner's own kata files.
 *
 * @param options Where the katas are, which ones, where to write.
 * @returns What was written, kata by kata.
 * @throws {ValueError} "Cannot write figures: …" when the folder cannot be written.
 *
 * @example Drawing kata 04 into a temporary folder
 * ```ts ignore
 * import { buildFigures } from "./build.ts";
 * const report = await buildFigures({ katas: ["04_momentum"], outDir: await Deno.makeTempDir() });
 * console.log(report.katas[0].figures.map((f) => f.path));
 * ```
 */
export async function buildFigures(options: BuildOptions = {}): Promise<BuildReport> {
  const root = resolve(options.root ?? ".");
  const outDir = options.outDir ?? join(root, "figures");
  const dirs = KATA_DIRS.filter((dir) => (options.katas ?? KATA_DIRS).includes(dir));
  await prepare(outDir);

  const load = async (dir: string): Promise<Record<string, unknown>> => {
    const file = join(root, kataFiles(dir).stub);
    try {
      return await import(pathToFileURL(file).href);
    } catch (error) {
      const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new ValueError(`Cannot load ${kataFiles(dir).stub}: ${why.split("\n")[0]}`);
    }
  };

  const outcomes: KataOutcome[] = [];
  for (const dir of dirs) {
    const builder = FIGURE_BUILDERS[dir];
    if (!builder) {
      outcomes.push({ dir, figures: [], problem: "no figures for this kata yet" });
      continue;
    }
    let figures: Figure[];
    try {
      figures = await builder({ load, webgpu: options.webgpu ?? true });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      outcomes.push({ dir, figures: [], problem: why.split("\n")[0] });
      continue;
    }
    const written: WrittenFigure[] = [];
    for (const figure of figures) {
      const svg = await renderSvg(figure.spec);
      const path = join(outDir, `${figure.name}.svg`);
      await write(path, svg);
      written.push({ figure, path, svg });
    }
    outcomes.push({ dir, figures: written });
  }

  const entries = await mergeManifest(outDir, outcomes);
  const page = join(outDir, "index.html");
  await write(page, renderPage(entries));
  return { outDir, page, katas: outcomes };
}

async function prepare(outDir: string): Promise<void> {
  try {
    await Deno.mkdir(outDir, { recursive: true });
    const probe = join(outDir, ".write-check");
    await Deno.writeTextFile(probe, "");
    await Deno.remove(probe);
  } catch (error) {
    if (isPermissionError(error)) {
      const shown = isAbsolute(outDir) ? outDir : `${outDir}/`;
      throw new ValueError(
        `Cannot write figures: no permission to write in "${shown}" (${
          error instanceof Error ? error.message.split("\n")[0] : error
        }); run \`deno task show\` from the repository root, or make that folder writable`,
      );
    }
    throw error;
  }
}

async function write(path: string, text: string): Promise<void> {
  try {
    await Deno.writeTextFile(path, text);
  } catch (error) {
    if (isPermissionError(error)) {
      throw new ValueError(`Cannot write figures: no permission to write "${path}"`);
    }
    throw error;
  }
}

/** Updates the manifest with this run's katas and returns every kata's entry, in catalogue order. */
async function mergeManifest(outDir: string, outcomes: KataOutcome[]): Promise<PageEntry[]> {
  const path = join(outDir, MANIFEST);
  let previous: PageEntry[] = [];
  try {
    previous = JSON.parse(await Deno.readTextFile(path));
    if (!Array.isArray(previous)) previous = [];
  } catch { /* first run, or unreadable: start afresh */ }
  const byDir = new Map(previous.map((entry) => [entry.dir, entry]));
  for (const outcome of outcomes) {
    byDir.set(outcome.dir, {
      dir: outcome.dir,
      problem: outcome.problem,
      figures: outcome.figures.map(({ figure }) => ({
        file: `${figure.name}.svg`,
        title: figure.title,
        caption: figure.caption,
        notes: figure.notes,
        preview: figure.preview,
      })),
    });
  }
  const entries = KATA_DIRS.filter((dir) => byDir.has(dir)).map((dir) => byDir.get(dir)!);
  await write(path, JSON.stringify(entries, null, 2) + "\n");
  return entries;
}
