/**
 * TensorFlow.js's answers, recorded ahead of time for the kata suites.
 *
 * A suite that checks a kata against TensorFlow.js reads the numbers from
 * `katas/NN_slug/tensorflow_recorded.ts`, which `deno task oracles` writes by
 * running the recipes of `solutions/NN_slug/tensorflow_recipes.ts`. So no run
 * of a learner's code — in the guided loop, in `deno test`, or in the grader's
 * sandbox — loads TensorFlow.js beside it, where submitted code could poison
 * it; the recorded numbers are frozen before any code can reach them.
 * `tensorflow_oracles_test.ts` runs every recipe again and fails when a
 * recorded number differs, so TensorFlow.js stays the reference we did not
 * write.
 *
 * @module
 */
import { pathToFileURL } from "node:url";
import { KATA_DIRS, kataFiles } from "../kata/catalogue.ts";
import { loadTensorflow } from "../testing/tfjs.ts";

/** The `tf` namespace a recipe is given (tfjs-core with its CPU backend). */
export type Tf = Awaited<ReturnType<typeof loadTensorflow>>;

/** A number, or arrays and plain objects of them: what a recipe may return. */
export type RecordedValue =
  | number
  | ArrayLike<number>
  | RecordedValue[]
  | { [name: string]: RecordedValue };

/** One answer to record. */
export interface Recipe {
  /** What TensorFlow.js is asked, in words (written above the numbers). */
  what: string;
  /** Computes the answer with TensorFlow.js. */
  run(tf: Tf): Promise<RecordedValue> | RecordedValue;
}

/** A kata's recipes, by the name its suite reads them under. */
export type Recipes = Record<string, Recipe>;

/** Where TensorFlow.js's version is read from (the import map's pinned specifier). */
async function tensorflowVersion(root: string): Promise<string> {
  const config = JSON.parse(await Deno.readTextFile(`${root}/deno.json`));
  const specifier = String(config.imports?.["@tensorflow/tfjs-core"] ?? "");
  return specifier.slice(specifier.lastIndexOf("@") + 1) || "unknown";
}

/** A number as source text that reads back as the same double. */
function numberText(x: number, where: string): string {
  if (!Number.isFinite(x)) {
    throw new TypeError(`Cannot record ${where}: TensorFlow.js returned ${x}`);
  }
  return Object.is(x, -0) ? "-0" : String(x);
}

/** A recorded value as source text (arrays of numbers on one line; `deno fmt` wraps them). */
function valueText(value: RecordedValue, where: string): string {
  if (typeof value === "number") return numberText(value, where);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<RecordedValue>);
    return `[${items.map((item, i) => valueText(item, `${where}[${i}]`)).join(", ")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const fields = Object.entries(value).map(([key, item]) =>
      `${key}: ${valueText(item, `${where}.${key}`)}`
    );
    return `{ ${fields.join(", ")} }`;
  }
  throw new TypeError(`Cannot record ${where}: ${typeof value} is not a number or array`);
}

/**
 * Writes the source of a kata's `tensorflow_recorded.ts` (before `deno fmt`).
 *
 * @param kata The kata folder, e.g. "05_adam".
 * @param version TensorFlow.js's version.
 * @param answers Each recipe's name, description and answer, in order.
 * @returns The module text.
 *
 * @example
 * ```ts
 * import { renderRecorded } from "./tensorflow_oracles.ts";
 * import { match } from "node:assert";
 * const text = renderRecorded("05_adam", "4.22.0", [{ name: "step", what: "one step", value: [0.5] }]);
 * match(text, /step: \[0\.5\],/);
 * ```
 */
export function renderRecorded(
  kata: string,
  version: string,
  answers: Array<{ name: string; what: string; value: RecordedValue }>,
): string {
  const lines = [
    `// TensorFlow.js ${version}'s answers (CPU backend, float32) that this kata's suite`,
    "// compares with, recorded ahead of time by `deno task oracles` so that no run of",
    "// your code loads TensorFlow.js beside it. Generated: do not edit. The instructor's",
    `// copy re-runs TensorFlow.js in its checks and fails when a number here differs.`,
    `import { recorded } from "../../lib/testing/recorded.ts";`,
    "",
    `/** TensorFlow.js's answers for kata ${kata.slice(0, 2)}, frozen. */`,
    "export const TENSORFLOW = recorded({",
  ];
  for (const { name, what, value } of answers) {
    lines.push(`  /** ${what} */`, `  ${name}: ${valueText(value, `${kata} ${name}`)},`);
  }
  lines.push("});", "");
  return lines.join("\n");
}

/** Formats TypeScript source the way `deno fmt` does (the repository's settings). */
async function formatted(root: string, text: string): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", `--config=${root}/deno.json`, "--ext=ts", "-"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  const { success, stdout, stderr } = await child.output();
  if (!success) {
    throw new Error(`Cannot format the recorded answers: ${new TextDecoder().decode(stderr)}`);
  }
  return new TextDecoder().decode(stdout);
}

/**
 * Runs a kata's recipes with TensorFlow.js and returns its
 * `tensorflow_recorded.ts`, formatted — or null when the kata has no recipes.
 *
 * @param root The instructor's copy.
 * @param kata The kata folder.
 * @returns The file's text, or null.
 * @throws {TypeError} If a recipe returns something that is not numbers (or NaN, ±Infinity).
 *
 * @example
 * ```ts ignore
 * import { recordKata } from "./tensorflow_oracles.ts";
 * const text = await recordKata(".", "05_adam");
 * ```
 */
export async function recordKata(root: string, kata: string): Promise<string | null> {
  const path = `${root}/${kataFiles(kata).recipes}`;
  try {
    await Deno.stat(path);
  } catch {
    return null;
  }
  const { recipes } = await import(pathToFileURL(await Deno.realPath(path)).href) as {
    recipes: Recipes;
  };
  const tf = await loadTensorflow();
  const answers = [];
  for (const [name, recipe] of Object.entries(recipes)) {
    answers.push({ name, what: recipe.what, value: await recipe.run(tf) });
  }
  return await formatted(root, renderRecorded(kata, await tensorflowVersion(root), answers));
}

/**
 * The katas that have recipes.
 *
 * @param root The instructor's copy.
 * @returns Their folders, in catalogue order.
 *
 * @example
 * ```ts
 * import { katasWithRecipes } from "./tensorflow_oracles.ts";
 * import { ok } from "node:assert";
 * ok((await katasWithRecipes(".")).includes("05_adam"));
 * ```
 */
export async function katasWithRecipes(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const kata of KATA_DIRS) {
    try {
      await Deno.stat(`${root}/${kataFiles(kata).recipes}`);
      found.push(kata);
    } catch { /* none */ }
  }
  return found;
}

if (import.meta.main) {
  for (const kata of await katasWithRecipes(".")) {
    const text = await recordKata(".", kata);
    await Deno.writeTextFile(kataFiles(kata).recorded, text!);
    console.log(`wrote ${kataFiles(kata).recorded}`);
  }
}
