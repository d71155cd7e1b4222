/**
 * `deno task stubs`: writes every kata's stub file from its solution.
 *
 * @module
 */
import { KATA_DIRS, kataFiles } from "../kata/catalogue.ts";
import { stubFromSolution } from "./stubs.ts";

if (import.meta.main) {
  for (const dir of KATA_DIRS) {
    const files = kataFiles(dir);
    let solution: string;
    try {
      solution = await Deno.readTextFile(files.solution);
    } catch {
      console.log(`skip ${dir}: no ${files.solution}`);
      continue;
    }
    await Deno.mkdir(`katas/${dir}`, { recursive: true });
    await Deno.writeTextFile(files.stub, stubFromSolution(solution, dir));
    console.log(`wrote ${files.stub}`);
  }
}
