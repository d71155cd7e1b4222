/**
 * Asserting that bad input is refused with the right error class and message,
 * the way a kata suite needs it: a stub's `NotImplementedError` passes through
 * (so the case reports "not implemented yet"), anything else is a teaching failure.
 *
 * @module
 */
import { NotImplementedError } from "../kata/not_implemented.ts";
import { KataAssertionError } from "./assert_close.ts";

/** An error class the library throws. */
// deno-lint-ignore no-explicit-any
export type ErrorClass = new (...args: any[]) => Error;

/**
 * Asserts that `fn` throws (or rejects with) an instance of `kind` whose
 * message matches `pattern`.
 *
 * @param call The call as the learner would write it, for the message: `adam({ beta1: 1 })`.
 * @param fn The call.
 * @param kind The expected error class, e.g. `ValueError`.
 * @param pattern What the message must match.
 * @param advice What to do about it, printed on failure.
 * @throws {KataAssertionError} When nothing, or something else, is thrown.
 * @throws {NotImplementedError} Rethrown from a stub.
 *
 * @example
 * ```ts
 * import { assertRefuses } from "./assert_refuses.ts";
 * import { ValueError } from "../core/errors.ts";
 * await assertRefuses("f(-1)", () => {
 *   throw new ValueError("Cannot f: -1 is negative");
 * }, ValueError, /^Cannot f: -1 is negative$/, "refuse negative input");
 * ```
 */
export async function assertRefuses(
  call: string,
  fn: () => unknown,
  kind: ErrorClass,
  pattern: RegExp,
  advice: string,
): Promise<void> {
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  if (error instanceof NotImplementedError) throw error;
  if (error instanceof kind && pattern.test(error.message)) return;
  const got = error === undefined ? "no error" : String(error);
  throw new KataAssertionError(
    `${call}: expected a ${kind.name} matching ${pattern}, got ${got}.\n${advice}`,
  );
}
