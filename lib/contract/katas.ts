/**
 * The list of katas and where each one's files live.
 *
 * @module
 */

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
}

/** The kata folders, in order (SPEC §1). */
export const KATA_DIRS = [
  "01_gradient_hessian",
  "02_critical_points",
  "03_minibatch_sgd",
  "04_momentum",
  "05_adam",
  "06_warmup",
  "07_softmax_cross_entropy",
  "08_kfold",
  "10_overfitting",
] as const;

/**
 * The files of a kata folder.
 *
 * @param dir The folder name, e.g. "05_adam".
 * @returns Its paths.
 *
 * @example
 * ```ts
 * import { kataFiles } from "./katas.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(kataFiles("05_adam").test, "katas/05_adam/adam_test.ts");
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
  };
}
