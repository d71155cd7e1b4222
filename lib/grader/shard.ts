/**
 * Grading a class on several machines: `--shard K/N` grades a deterministic
 * 1/N of the class (the K-th of every N students, in name order), and
 * `deno task grade merge OUT SHARD_DIRS…` joins the shards' outputs into one
 * gradebook and one set of per-student files, the same as one unsharded run
 * would have written (timestamps aside).
 *
 * @module
 */
import type { ClassOutcome } from "./results.ts";

/** A shard: the K-th (1-based) of N. */
export interface Shard {
  /** Which shard, 1…count. */
  index: number;
  /** How many shards. */
  count: number;
}

/** A shard or a merge that cannot be done. */
export class ShardError extends Error {
  /**
   * Makes the error.
   *
   * @param message "Cannot …".
   */
  constructor(message: string) {
    super(message);
    this.name = "ShardError";
  }
}

/**
 * Reads `K/N`.
 *
 * @param text E.g. "2/3".
 * @returns The shard.
 * @throws {ShardError} Unless 1 ≤ K ≤ N are whole numbers.
 *
 * @example
 * ```ts
 * import { parseShard } from "./shard.ts";
 * import { deepStrictEqual, throws } from "node:assert";
 * deepStrictEqual(parseShard("2/3"), { index: 2, count: 3 });
 * throws(() => parseShard("4/3"), /Cannot read --shard "4\/3"/);
 * ```
 */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new ShardError(
      `Cannot read --shard "${text}": it must be K/N with 1 ≤ K ≤ N, e.g. 1/3, 2/3, 3/3`,
    );
  }
  return { index, count };
}

/**
 * The submissions of one shard: every N-th, from the K-th, in the order given
 * (the class folder's name order), so that the N shards split the class
 * exactly and evenly.
 *
 * @param items The whole class, in name order.
 * @param shard Which shard.
 * @returns This shard's part.
 *
 * @example
 * ```ts
 * import { shardOf } from "./shard.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(shardOf(["a", "b", "c", "d", "e"], { index: 2, count: 3 }), ["b", "e"]);
 * ```
 */
export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}

/**
 * Joins the results of shards into the result of the whole class.
 *
 * @param shards Each shard's `grade.json`, with where it came from.
 * @returns One result: submissions in name order, warnings once each, the
 *   latest grading time and the longest duration.
 * @throws {ShardError} When the shards graded different katas or cases, or
 *   share a student.
 *
 * @example
 * ```ts
 * import { mergeShards } from "./shard.ts";
 * import { strictEqual } from "node:assert";
 * const part = (student: string) => ({
 *   source: student,
 *   result: {
 *     submissions: [{ student, path: student, katas: [], points: 0, maxPoints: 0, notes: [], durationMs: 1 }],
 *     katas: ["05_adam"], warnings: ["w"], durationMs: 5, gradedAt: `2026-01-0${student === "b" ? 2 : 1}`,
 *   },
 * });
 * const merged = mergeShards([part("b"), part("a")]);
 * strictEqual(merged.submissions.map((s) => s.student).join(), "a,b");
 * strictEqual(merged.warnings.length, 1);
 * ```
 */
export function mergeShards(shards: Array<{ source: string; result: ClassOutcome }>): ClassOutcome {
  if (!shards.length) throw new ShardError("Cannot merge: no shard folder given");
  const [first] = shards;
  const seen = new Map<string, string>();
  for (const { source, result } of shards) {
    if (result.katas.join() !== first.result.katas.join()) {
      throw new ShardError(
        `Cannot merge "${source}": it graded ${result.katas.join(", ")}, but "${first.source}" ` +
          `graded ${first.result.katas.join(", ")}`,
      );
    }
    if (JSON.stringify(result.cases ?? {}) !== JSON.stringify(first.result.cases ?? {})) {
      throw new ShardError(
        `Cannot merge "${source}": its cases differ from "${first.source}"'s (another version of the course?)`,
      );
    }
    if ((result.sandbox ?? "none") !== (first.result.sandbox ?? "none")) {
      throw new ShardError(
        `Cannot merge "${source}": it was graded ${
          result.sandbox === "bubblewrap" ? "in" : "without"
        } a sandbox, "${first.source}" not`,
      );
    }
    for (const submission of result.submissions) {
      const other = seen.get(submission.student);
      if (other) {
        throw new ShardError(
          `Cannot merge: "${submission.student}" was graded in both "${other}" and "${source}"`,
        );
      }
      seen.set(submission.student, source);
    }
  }
  const submissions = shards.flatMap((s) => s.result.submissions)
    .sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  return {
    submissions,
    katas: first.result.katas,
    warnings: [...new Set(shards.flatMap((s) => s.result.warnings))],
    durationMs: Math.max(...shards.map((s) => s.result.durationMs)),
    gradedAt: shards.map((s) => s.result.gradedAt).sort().at(-1)!,
    sandbox: first.result.sandbox,
    cases: first.result.cases,
  };
}
