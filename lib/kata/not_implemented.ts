/**
 * The error every kata stub throws until the learner fills it in.
 *
 * @module
 */

/**
 * Thrown by a kata stub. Its message names the kata, the function and where to
 * read: `kata 05: adam() — see katas/05_adam/README.md`. The test helpers turn
 * it into "not implemented yet: kata 05 — adam()" instead of a stack trace.
 *
 * @example
 * ```ts
 * import { NotImplementedError } from "./not_implemented.ts";
 * import { strictEqual } from "node:assert";
 * const error = new NotImplementedError("kata 05: adam() — see katas/05_adam/README.md");
 * strictEqual(error.kata, "05");
 * strictEqual(error.task, "adam()");
 * ```
 */
export class NotImplementedError extends Error {
  /** The kata number, two digits ("05"), or "" when the message does not say. */
  readonly kata: string;
  /** The function to write, e.g. "adam()". */
  readonly task: string;
  /** Where to read, e.g. "katas/05_adam/README.md". */
  readonly readme: string;

  /**
   * Creates the error.
   *
   * @param message `kata NN: fn() — see katas/NN_slug/README.md`
   */
  constructor(message: string) {
    super(message);
    this.name = "NotImplementedError";
    const match = /^kata (\d+): (.+?)(?: — see (.+))?$/.exec(message);
    this.kata = match?.[1].padStart(2, "0") ?? "";
    this.task = match?.[2] ?? message;
    this.readme = match?.[3] ?? "";
  }
}
