/**
 * The kata catalogue: which katas exist, in what order, where each one's files
 * live, and which kata a name means. Every tool (the contract, the guided loop,
 * the grader, the release) reads the list from here, so adding a kata is one
 * line in {@linkcode KATA_DIRS}.
 *
 * @module
 */
import { ValueError } from "../core/errors.ts";

/** The kata folders, in teaching order (SPEC §1). Add a kata here, and nowhere else. */
export const KATA_DIRS = [
  "01_gradient_hessian",
  "02_critical_points",
  "03_minibatch_sgd",
  "04_momentum",
  "05_adam",
  "06_warmup",
  "07_softmax_cross_entropy",
  "08_kfold",
  "09_diagnosis",
  "10_overfitting",
  "11_generalization",
  "12_capstone",
] as const;

/** One kata's files, relative to the repository root. */
export interface KataFiles {
  /** "05_adam". */
  dir: string;
  /** "05". */
  number: string;
  /** "adam". */
  slug: string;
  /** "katas/05_adam/adam.ts". */
  stub: string;
  /** "katas/05_adam/adam_test.ts". */
  test: string;
  /** "solutions/05_adam/adam.ts". */
  solution: string;
  /** "solutions/05_adam/mistakes.ts". */
  mistakes: string;
  /** "katas/05_adam/hints.md". */
  hints: string;
  /** "katas/05_adam/README.md". */
  readme: string;
  /** "katas/05_adam/tensorflow_recorded.ts": TensorFlow.js's answers for the suite, where it has any. */
  recorded: string;
  /** "solutions/05_adam/tensorflow_recipes.ts": what the suite asks TensorFlow.js, where it asks. */
  recipes: string;
}

/**
 * The files of a kata folder.
 *
 * @param dir The folder name, e.g. "05_adam".
 * @returns Its paths, relative to the repository root.
 *
 * @example
 * ```ts
 * import { kataFiles } from "./catalogue.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(kataFiles("05_adam").test, "katas/05_adam/adam_test.ts");
 * strictEqual(kataFiles("07_softmax_cross_entropy").slug, "softmax_cross_entropy");
 * ```
 */
export function kataFiles(dir: string): KataFiles {
  const [number, ...rest] = dir.split("_");
  const slug = rest.join("_");
  return {
    dir,
    number,
    slug,
    stub: `katas/${dir}/${slug}.ts`,
    test: `katas/${dir}/${slug}_test.ts`,
    solution: `solutions/${dir}/${slug}.ts`,
    mistakes: `solutions/${dir}/mistakes.ts`,
    hints: `katas/${dir}/hints.md`,
    readme: `katas/${dir}/README.md`,
    recorded: `katas/${dir}/tensorflow_recorded.ts`,
    recipes: `solutions/${dir}/tensorflow_recipes.ts`,
  };
}

/**
 * The kata folder a name means, or undefined; {@linkcode findKata} is the
 * same with an error.
 *
 * @param input A number ("5", "05"), a slug ("adam"), a folder ("05_adam") or a
 *   path ("katas/05_adam/"), in any case and with spaces around.
 * @returns The folder name, e.g. "05_adam", or undefined when no kata matches.
 *
 * @example
 * ```ts
 * import { matchKata } from "./catalogue.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(matchKata("Adam"), "05_adam");
 * strictEqual(matchKata("adamw"), undefined);
 * ```
 */
export function matchKata(input: string): string | undefined {
  const text = input.trim().toLowerCase()
    .replace(/^\.?\/?(katas|solutions)\//, "")
    .replace(/\/.*$/, "");
  for (const dir of KATA_DIRS) {
    const { number, slug } = kataFiles(dir);
    if (text === dir || text === slug || (/^\d+$/.test(text) && Number(text) === Number(number))) {
      return dir;
    }
  }
  return undefined;
}

/**
 * The kata folder a learner or an instructor means. The loop, the grader and
 * the release all resolve names here, so they agree on what "5" or "adam" is
 * and refuse an unknown name with the same message.
 *
 * @param input A number ("5", "05"), a slug ("adam"), a folder ("05_adam") or a path.
 * @returns The folder name, e.g. "05_adam".
 * @throws {ValueError} When no kata matches, with the list of katas.
 *
 * @example
 * ```ts
 * import { findKata } from "./catalogue.ts";
 * import { strictEqual, throws } from "node:assert";
 * strictEqual(findKata("5"), "05_adam");
 * strictEqual(findKata("katas/05_adam/"), "05_adam");
 * throws(() => findKata("adamw"), /Cannot find kata "adamw": choose a number from 01 to/);
 * ```
 */
export function findKata(input: string): string {
  const dir = matchKata(input);
  if (dir !== undefined) return dir;
  const last = kataFiles(KATA_DIRS[KATA_DIRS.length - 1]).number;
  throw new ValueError(
    `Cannot find kata "${input.trim()}": choose a number from 01 to ${last} or a name (${
      KATA_DIRS.join(", ")
    })`,
  );
}

/**
 * Which of a kata's stub and test file are missing from a checkout.
 *
 * @param root The repository root.
 * @param dir The kata folder, e.g. "05_adam".
 * @returns The missing paths, relative to the root (empty when the kata is complete).
 *
 * @example
 * ```ts
 * import { missingFiles } from "./catalogue.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await missingFiles("/no/such/checkout", "05_adam"), [
 *   "katas/05_adam/adam.ts",
 *   "katas/05_adam/adam_test.ts",
 * ]);
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
