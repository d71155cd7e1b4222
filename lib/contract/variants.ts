/**
 * Builds the trees the kata contract runs: for each kata, a copy of every
 * kata's suite with that kata's code replaced by its solution, its stub, or its
 * solution with one planted mistake; the other katas get their solutions, so a
 * kata that builds on an earlier one sees a finished earlier kata.
 *
 * @module
 */
import { KATA_DIRS, type KataFiles, kataFiles } from "../kata/catalogue.ts";
import { applyMistake, type PlantedMistake } from "./mistake.ts";

/** One tree to run. */
export interface Variant {
  /** The kata under test. */
  kata: KataFiles;
  /**
   * "solution", "stub", "mistake", or "waiting": the kata's solution with every
   * earlier kata left as its stub (built only for a suite that imports an earlier kata).
   */
  kind: "solution" | "stub" | "mistake" | "waiting";
  /** The planted mistake, for kind "mistake". */
  mistake?: PlantedMistake;
  /** The tree's folder. */
  root: string;
  /** The kata's test file inside the tree. */
  testFile: string;
}

/** The katas whose solution and suite exist, with their mistakes. */
export async function loadKatas(
  root: string,
): Promise<{ kata: KataFiles; mistakes: PlantedMistake[] }[]> {
  const out = [];
  for (const dir of KATA_DIRS) {
    const kata = kataFiles(dir);
    try {
      await Deno.stat(`${root}/${kata.solution}`);
      await Deno.stat(`${root}/${kata.test}`);
    } catch {
      continue; // reported by the contract as a missing kata
    }
    let mistakes: PlantedMistake[] = [];
    try {
      const module = await import(`file://${root}/${kata.mistakes}`);
      mistakes = module.mistakes ?? [];
    } catch { /* reported by the contract */ }
    out.push({ kata, mistakes });
  }
  return out;
}

/**
 * Writes one variant tree.
 *
 * @param repo The repository root.
 * @param dest The tree's folder.
 * @param kata The kata under test.
 * @param code The kata's code for this variant.
 * @param earlierAsStubs Whether the katas before this one get their stubs, not their solutions.
 * @returns The test file's path in the tree.
 */
export async function writeTree(
  repo: string,
  dest: string,
  kata: KataFiles,
  code: string,
  earlierAsStubs = false,
): Promise<string> {
  for (const dir of KATA_DIRS) {
    const other = kataFiles(dir);
    let solution: string;
    try {
      solution = await Deno.readTextFile(
        `${repo}/${earlierAsStubs && dir < kata.dir ? other.stub : other.solution}`,
      );
      await Deno.stat(`${repo}/${other.test}`);
    } catch {
      continue;
    }
    await Deno.mkdir(`${dest}/katas/${dir}`, { recursive: true });
    // The kata folder as shipped (suite, recorded answers, experiments, README), then the code.
    for await (const entry of Deno.readDir(`${repo}/katas/${dir}`)) {
      const path = `katas/${dir}/${entry.name}`;
      if (entry.isFile && path !== other.stub) {
        await Deno.copyFile(`${repo}/${path}`, `${dest}/${path}`);
      }
    }
    await Deno.writeTextFile(`${dest}/${other.stub}`, dir === kata.dir ? code : solution);
  }
  // lib/ is code: a link will do. data/ is read by text imports, which need no
  // permission inside the tree but would through a link that leaves it: copy it.
  await Deno.symlink(`${repo}/lib`, `${dest}/lib`).catch(() => {});
  await Deno.mkdir(`${dest}/data`, { recursive: true });
  for await (const entry of Deno.readDir(`${repo}/data`)) {
    if (entry.isFile) {
      await Deno.copyFile(`${repo}/data/${entry.name}`, `${dest}/data/${entry.name}`);
    }
  }
  return `${dest}/${kata.test}`;
}

/**
 * Builds every variant of the given katas under `base`.
 *
 * @param repo The repository root.
 * @param base An empty temporary folder.
 * @param katas The katas and their mistakes.
 * @returns The variants.
 */
export async function buildVariants(
  repo: string,
  base: string,
  katas: { kata: KataFiles; mistakes: PlantedMistake[] }[],
): Promise<Variant[]> {
  const variants: Variant[] = [];
  for (const { kata, mistakes } of katas) {
    const solution = await Deno.readTextFile(`${repo}/${kata.solution}`);
    const stub = await Deno.readTextFile(`${repo}/${kata.stub}`).catch(() => "");
    const add = async (
      kind: Variant["kind"],
      code: string,
      mistake?: PlantedMistake,
      index = 0,
    ) => {
      const root = `${base}/${kata.dir}__${kind}${mistake ? index : ""}`;
      variants.push({
        kata,
        kind,
        mistake,
        root,
        testFile: await writeTree(repo, root, kata, code, kind === "waiting"),
      });
    };
    await add("solution", solution);
    await add("stub", stub);
    if (buildsOnEarlierKata(await Deno.readTextFile(`${repo}/${kata.test}`))) {
      await add("waiting", solution);
    }
    for (const [i, mistake] of mistakes.entries()) {
      let code: string;
      try {
        code = applyMistake(solution, mistake);
      } catch {
        continue; // reported by the contract case for this mistake
      }
      await add("mistake", code, mistake, i);
    }
  }
  return variants;
}

/**
 * Whether a suite imports an earlier kata's code (`from "../01_gradient_hessian/…"`).
 *
 * @param suite The suite's source.
 * @returns True when it does.
 *
 * @example
 * ```ts
 * import { buildsOnEarlierKata } from "./variants.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(buildsOnEarlierKata('import { adam } from "../05_adam/adam.ts";'), true);
 * strictEqual(buildsOnEarlierKata('import { adam } from "./adam.ts";'), false);
 * ```
 */
export function buildsOnEarlierKata(suite: string): boolean {
  return /from\s+["']\.\.\/\d\d_/.test(suite);
}
