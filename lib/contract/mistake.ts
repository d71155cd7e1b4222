/**
 * Planted mistakes: each is a small edit of a kata's solution that a learner
 * could plausibly make. The kata contract applies each one and proves that at
 * least one case fails with a message that names it.
 *
 * @module
 */

/** One planted mistake. */
export interface PlantedMistake {
  /** The name the catching case's message must contain, e.g. "Adam without bias correction". */
  name: string;
  /** Text edits of the solution file: each `[from, to]`; `from` must occur exactly once. */
  edits: ReadonlyArray<readonly [string, string]>;
}

/**
 * Applies a mistake's edits to a solution's source.
 *
 * @param source The solution's source.
 * @param mistake The mistake.
 * @returns The edited source.
 * @throws {Error} When an edit's text does not occur exactly once (the catalogue drifted).
 *
 * @example
 * ```ts
 * import { applyMistake } from "./mistake.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(applyMistake("a + b", { name: "minus", edits: [["+", "-"]] }), "a - b");
 * ```
 */
export function applyMistake(source: string, mistake: PlantedMistake): string {
  let out = source;
  for (const [from, to] of mistake.edits) {
    const count = out.split(from).length - 1;
    if (count !== 1) {
      throw new Error(
        `Cannot plant mistake "${mistake.name}": its text occurs ${count} times in the solution, not once: ${
          JSON.stringify(from)
        }`,
      );
    }
    out = out.replace(from, () => to);
  }
  return out;
}
