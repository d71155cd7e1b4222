/**
 * The one format of a test case's name: what it proves, then in brackets the
 * backend it ran on, whether it is a hidden (grading) case, and why it was
 * skipped:
 *
 * ```text
 * adam() follows TensorFlow.js [cpu]
 * adam() follows TensorFlow.js [webgpu — skipped: no adapter]
 * adam() keeps its state [cpu, hidden]
 * adam() drives kata 06 [cpu — waiting: solve kata 05 first]
 * ```
 *
 * Test suites write names with {@linkcode caseName}; the guided loop and the
 * grader read them back with {@linkcode parseCaseName}, so a new label cannot
 * silently break scoring. It sits in core because writers (testing, the
 * backend tests) and readers (loop, grader) live in different layers.
 *
 * @module
 */
import { ValueError } from "./errors.ts";

/** The backends a case can run on (the names of `lib/backend`'s backends). */
export const CASE_BACKENDS = ["cpu", "webgpu"] as const;

/** A case name's parts. */
export interface CaseNameParts {
  /** What the case proves, e.g. "adam() follows TensorFlow.js". */
  name: string;
  /** The backend the case runs on. */
  backend: typeof CASE_BACKENDS[number];
  /** Why the case is skipped; absent when it runs. */
  skipped?: string;
  /** Whether the case is a hidden grading case; absent means visible. */
  hidden?: boolean;
  /**
   * The earlier kata ("05") this case builds on and waits for: it is skipped,
   * and the kata counts as waiting rather than failed, until that kata passes.
   */
  waiting?: string;
}

// Anchored at the end and matched leftmost, so a skip reason may hold "]" or " — ".
const SUFFIX = new RegExp(
  ` \\[(${
    CASE_BACKENDS.join("|")
  })(, hidden)?(?: — waiting: solve kata (\\d\\d) first)?(?: — skipped: ([\\s\\S]*))?\\]$`,
);

/**
 * Writes a case name.
 *
 * @param parts The name, the backend, and optionally the skip reason and the hidden mark.
 * @returns "name [backend]", "name [backend — skipped: why]" or "name [backend, hidden]".
 * @throws {ValueError} When the name already ends like a case name, since it
 *   could not be read back.
 *
 * @example
 * ```ts
 * import { caseName } from "./case_name.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(caseName({ name: "add() broadcasts", backend: "cpu" }), "add() broadcasts [cpu]");
 * strictEqual(
 *   caseName({ name: "add() broadcasts", backend: "webgpu", skipped: "no adapter" }),
 *   "add() broadcasts [webgpu — skipped: no adapter]",
 * );
 * ```
 */
export function caseName(parts: CaseNameParts): string {
  const { name, backend, skipped, hidden, waiting } = parts;
  if (!(CASE_BACKENDS as readonly string[]).includes(backend)) {
    throw new ValueError(
      `Cannot name case "${name}": backend "${backend}" is not one of ${CASE_BACKENDS.join(", ")}`,
    );
  }
  if (SUFFIX.test(name)) {
    throw new ValueError(
      `Cannot name case "${name}": it already ends with a backend in brackets`,
    );
  }
  if (waiting !== undefined && !/^\d\d$/.test(waiting)) {
    throw new ValueError(
      `Cannot name case "${name}": waiting for kata "${waiting}", expected two digits like "05"`,
    );
  }
  const wait = waiting === undefined ? "" : ` — waiting: solve kata ${waiting} first`;
  const skip = skipped === undefined ? "" : ` — skipped: ${skipped}`;
  return `${name} [${backend}${hidden ? ", hidden" : ""}${wait}${skip}]`;
}

/**
 * Reads a case name written by {@linkcode caseName}.
 *
 * @param text A case name as `deno test` reports it.
 * @returns Its parts, or undefined when it has no backend suffix.
 *
 * @example
 * ```ts
 * import { parseCaseName } from "./case_name.ts";
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * deepStrictEqual(parseCaseName("x [webgpu — skipped: no adapter]"), {
 *   name: "x",
 *   backend: "webgpu",
 *   skipped: "no adapter",
 * });
 * strictEqual(parseCaseName("x [cpu — waiting: solve kata 05 first]")?.waiting, "05");
 * strictEqual(parseCaseName("matmul [2,3] @ [3,4]"), undefined);
 * ```
 */
export function parseCaseName(text: string): CaseNameParts | undefined {
  const match = SUFFIX.exec(text);
  if (!match) return undefined;
  const parts: CaseNameParts = {
    name: text.slice(0, match.index),
    backend: match[1] as CaseNameParts["backend"],
  };
  if (match[3] !== undefined) parts.waiting = match[3];
  if (match[4] !== undefined) parts.skipped = match[4];
  if (match[2]) parts.hidden = true;
  return parts;
}

/**
 * A case's name without its "waiting" mark, and the kata it waits for: a case
 * that waits for an earlier kata is still the case its reference ran.
 *
 * @param text A case name as `deno test` reports it.
 * @returns The name as the reference knows it, and the kata waited for (if any).
 *
 * @example
 * ```ts
 * import { withoutWaiting } from "./case_name.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(withoutWaiting("fit() [cpu — waiting: solve kata 10 first]"), {
 *   name: "fit() [cpu]",
 *   waiting: "10",
 * });
 * deepStrictEqual(withoutWaiting("fit() [cpu]"), { name: "fit() [cpu]" });
 * ```
 */
export function withoutWaiting(text: string): { name: string; waiting?: string } {
  const parts = parseCaseName(text);
  if (!parts?.waiting) return { name: text };
  const { waiting, ...rest } = parts;
  return { name: caseName(rest), waiting };
}
