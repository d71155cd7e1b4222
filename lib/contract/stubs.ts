/**
 * Stubs are generated from the solutions, so the two never drift. A solution
 * marks each piece of learner work as a region:
 *
 * ```ts ignore
 * // #region TODO(kata 05): adam() — keep m and v, correct their bias, step
 * …the reference code…
 * // #endregion
 * ```
 *
 * and the stub replaces the region by the TODO line and a `NotImplementedError`
 * naming the kata and its README.
 *
 * @module
 */

/** deno.json's fmt.lineWidth. */
const LINE_WIDTH = 100;

const REGION =
  /^([ \t]*)\/\/ #region (TODO\(kata (\d+)\): (\S+\(\))[^\n]*)\n[\s\S]*?^[ \t]*\/\/ #endregion[^\n]*\n/gm;

/**
 * The stub file for a solution file.
 *
 * @param solution The solution's source.
 * @param kataDir The kata's folder name, e.g. "05_adam".
 * @returns The stub's source.
 *
 * @example
 * ```ts
 * import { stubFromSolution } from "./stubs.ts";
 * import { strictEqual } from "node:assert";
 * const solution = "function f() {\n  // #region TODO(kata 05): f() — return 1\n  return 1;\n  // #endregion\n}\n";
 * strictEqual(
 *   stubFromSolution(solution, "05_adam"),
 *   'function f() {\n  // TODO(kata 05): f() — return 1\n  throw new NotImplementedError("kata 05: f() — see katas/05_adam/README.md");\n}\n',
 * );
 * ```
 */
export function stubFromSolution(solution: string, kataDir: string): string {
  return solution.replace(
    REGION,
    (_all, indent: string, todo: string, kata: string, task: string) => {
      const message = `"kata ${kata}: ${task} — see katas/${kataDir}/README.md"`;
      let call = `${indent}throw new NotImplementedError(${message});`;
      // Wrap as \`deno fmt\` would, so generated stubs pass \`deno fmt --check\`.
      if (call.length > LINE_WIDTH) {
        call = `${indent}throw new NotImplementedError(\n${indent}  ${message},\n${indent});`;
      }
      return `${indent}// ${todo}\n${call}\n`;
    },
  );
}
