/**
 * Hidden tests: cases the student release does not contain, kept in the
 * instructor's copy beside the solution.
 *
 * - `solutions/NN_slug/hidden_test.ts` is a kata test file written as if it sat
 *   in the kata folder: it imports `./slug.ts` and `../../lib/testing/mod.ts`.
 *   Run in place it tests the reference solution (`deno test
 *   solutions/05_adam/hidden_test.ts`); when grading, the grader copies it into
 *   the sandbox's kata folder under a random name, so it tests the submission.
 * - `solutions/NN_slug/hidden.json` (optional) sets what a student sees of a
 *   failed hidden case:
 *
 *   ```json
 *   { "feedback": "message", "cases": { "adam() survives 10,000 steps": "none" } }
 *   ```
 *
 *   `full` shows the whole failure report, `message` its first line only,
 *   `none` only that the case failed. The default is `message`. Case names are
 *   given without their backend (" [cpu]").
 *
 * @module
 */
import { caseKey } from "./grading_table.ts";

/** What a student sees of a failed case. */
export type Feedback = "full" | "message" | "none";

/** The feedback levels, in order. */
export const FEEDBACK_LEVELS: readonly Feedback[] = ["full", "message", "none"];

/** The feedback of a hidden case that hidden.json does not mention. */
export const DEFAULT_HIDDEN_FEEDBACK: Feedback = "message";

/** One kata's hidden tests. */
export interface HiddenTests {
  /** The hidden test file (absolute path), or null when the kata has none. */
  testFile: string | null;
  /** The feedback of cases hidden.json does not name. */
  feedback: Feedback;
  /** Feedback per case name (without backend). */
  cases: Map<string, Feedback>;
}

function isFeedback(value: unknown): value is Feedback {
  return typeof value === "string" && (FEEDBACK_LEVELS as readonly string[]).includes(value);
}

/**
 * Reads a kata's hidden tests and their feedback settings from the
 * instructor's copy.
 *
 * @param root The instructor's copy.
 * @param kataDir The kata folder, e.g. "05_adam".
 * @returns The hidden test file (or null) and the feedback settings.
 * @throws {Error} When hidden.json is not valid or names an unknown level.
 *
 * @example
 * ```ts ignore
 * import { readHiddenTests } from "./hidden.ts";
 * const hidden = await readHiddenTests(".", "05_adam");
 * console.log(hidden.testFile, hidden.feedback);
 * ```
 */
export async function readHiddenTests(root: string, kataDir: string): Promise<HiddenTests> {
  const folder = `${root}/solutions/${kataDir}`;
  let testFile: string | null = `${folder}/hidden_test.ts`;
  try {
    if (!(await Deno.lstat(testFile)).isFile) testFile = null;
  } catch {
    testFile = null;
  }
  const hidden: HiddenTests = { testFile, feedback: DEFAULT_HIDDEN_FEEDBACK, cases: new Map() };
  let text: string;
  try {
    text = await Deno.readTextFile(`${folder}/hidden.json`);
  } catch {
    return hidden;
  }
  return { ...parseHiddenConfig(text, `solutions/${kataDir}/hidden.json`), testFile };
}

/**
 * Parses a hidden.json.
 *
 * @param text Its contents.
 * @param source Its path, for messages.
 * @returns The settings (testFile null).
 * @throws {Error} When it is not valid.
 *
 * @example
 * ```ts
 * import { parseHiddenConfig } from "./hidden.ts";
 * import { strictEqual } from "node:assert";
 * const config = parseHiddenConfig('{"feedback":"none","cases":{"a":"full"}}');
 * strictEqual(config.feedback, "none");
 * strictEqual(config.cases.get("a"), "full");
 * ```
 */
export function parseHiddenConfig(text: string, source = "hidden.json"): HiddenTests {
  let value: { feedback?: unknown; cases?: Record<string, unknown> };
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Cannot read ${source}: it is not JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`Cannot read ${source}: it must be an object with "feedback" and "cases"`);
  }
  const levels = FEEDBACK_LEVELS.map((l) => `"${l}"`).join(", ");
  const feedback = value.feedback ?? DEFAULT_HIDDEN_FEEDBACK;
  if (!isFeedback(feedback)) {
    throw new Error(
      `Cannot read ${source}: feedback ${JSON.stringify(feedback)} is not one of ${levels}`,
    );
  }
  const cases = new Map<string, Feedback>();
  for (const [name, level] of Object.entries(value.cases ?? {})) {
    if (!isFeedback(level)) {
      throw new Error(
        `Cannot read ${source}: case "${name}" has feedback ${
          JSON.stringify(level)
        }, not one of ${levels}`,
      );
    }
    cases.set(caseKey(name), level);
  }
  return { testFile: null, feedback, cases };
}

/**
 * What a student sees of a failure message at a feedback level.
 *
 * @param message The full failure report.
 * @param feedback The level.
 * @returns The whole message, its first line, or "".
 *
 * @example
 * ```ts
 * import { messageFor } from "./hidden.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(messageFor("Expected 1\n  at x.ts:3", "message"), "Expected 1");
 * strictEqual(messageFor("Expected 1", "none"), "");
 * ```
 */
export function messageFor(message: string, feedback: Feedback): string {
  if (feedback === "full") return message;
  if (feedback === "none") return "";
  return message.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
}
