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

/**
 * The mistakes a failure message names that are not the one planted: every
 * "Likely mistake — X" whose X does not start with the planted mistake's name,
 * and every other planted mistake's name that occurs anywhere in the message.
 * A message that names a mistake other than the one made sends a learner to
 * break code that is right, so the kata contract fails on any of them.
 *
 * @param message A failing case's message.
 * @param mistake The mistake that was planted.
 * @param all Every mistake the kata plants.
 * @returns The other names the message gives, empty when it names only `mistake` or none.
 *
 * @example
 * ```ts
 * import { misnamedMistakes } from "./mistake.ts";
 * import { deepStrictEqual } from "node:assert";
 * const a = { name: "dividing by h instead of 2h", edits: [] };
 * const b = { name: "Taylor without the ½", edits: [] };
 * deepStrictEqual(misnamedMistakes("Likely mistake — Taylor without the ½: …", a, [a, b]), [
 *   "Taylor without the ½",
 * ]);
 * deepStrictEqual(misnamedMistakes("Likely mistake — dividing by h instead of 2h: …", a, [a, b]), []);
 * deepStrictEqual(misnamedMistakes("Values differ in f()", a, [a, b]), []);
 * deepStrictEqual(misnamedMistakes("Likely mistake — a guess: …", a, [a, b]), ["a guess"]);
 * ```
 */
export function misnamedMistakes(
  message: string,
  mistake: PlantedMistake,
  all: readonly PlantedMistake[],
): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/Likely mistake — ([^\n]*)/g)) {
    if (!match[1].startsWith(mistake.name)) names.add(match[1].split(":")[0].trim());
  }
  for (const other of all) {
    if (other.name !== mistake.name && !mistake.name.includes(other.name)) {
      if (message.includes(other.name)) names.add(other.name);
    }
  }
  return [...names];
}
