/**
 * What a kata's figure builder returns, and how it calls the learner's code:
 * a function not written yet, or one that throws, becomes a note on the figure
 * instead of ending the run.
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";
import { NotImplementedError } from "../kata/mod.ts";
import type { Preview } from "./preview.ts";

/** One figure: a Vega-Lite spec whose data sit in its `datasets`, and what to say about it. */
export interface Figure {
  /** The file name without `.svg`, starting with the kata's number: "05_valley_paths". */
  name: string;
  /** The heading on the page. */
  title: string;
  /** The lecture's point and what to look for. */
  caption: string;
  /** The chart. Its named `datasets` hold every number drawn, so tests can read them. */
  spec: TopLevelSpec & { datasets: Record<string, Record<string, unknown>[]> };
  /** What could not be drawn and why (a function not implemented yet, or one that threw). */
  notes: string[];
  /** Curves for the guided loop's terminal preview, where the figure has some. */
  preview?: Preview;
}

/** Loads a learner's kata module by folder name ("05_adam"). */
export type LoadKata = (dir: string) => Promise<Record<string, unknown>>;

/** What every builder is told about the run. */
export interface BuildContext {
  /** Loads a learner's kata module: the builder's own and, for katas that build on them, earlier ones. */
  load: LoadKata;
  /** Whether a figure may measure on WebGPU where an adapter exists (false: the CPU only). */
  webgpu: boolean;
}

/** Builds one kata's figures. */
export type FigureBuilder = (context: BuildContext) => Promise<Figure[]>;

/** What one call into the learner's code gave. */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; missing: true; note: string }
  | { ok: false; missing: false; note: string; error: unknown };

/**
 * Calls into the learner's kata code and keeps a note of every function that is
 * not implemented yet or that threw, so that a figure can say so and draw the rest.
 *
 * @example Collecting notes
 * ```ts
 * import { LearnerCalls } from "./figure.ts";
 * import { NotImplementedError } from "../kata/mod.ts";
import type { Preview } from "./preview.ts";
 * import { strictEqual } from "node:assert";
 *
 * const calls = new LearnerCalls("05");
 * const missing = await calls.run("adam()", () => {
 *   throw new NotImplementedError("kata 05: adam() — see katas/05_adam/README.md");
 * });
 * strictEqual(missing, undefined);
 * strictEqual(await calls.run("double()", () => 2 * 21), 42);
 * strictEqual(calls.notes[0], "adam() is not implemented yet (kata 05): this figure leaves out what it would draw");
 * ```
 */
export class LearnerCalls {
  /** One line per function that could not be used, in the order met, without repeats. */
  readonly notes: string[] = [];
  /** The functions that threw something other than NotImplementedError. */
  readonly threw: string[] = [];

  /**
   * Creates a recorder for one figure.
   *
   * @param kata The kata whose code is called, e.g. "05".
   */
  constructor(readonly kata: string) {}

  /**
   * Calls `fn`; on a throw records a note naming `functionName` and returns undefined.
   *
   * @param functionName The learner's function as the learner knows it, e.g. "adam()".
   * @param fn The call.
   * @returns Its value, or undefined when it threw.
   */
  async run<T>(functionName: string, fn: () => T | Promise<T>): Promise<T | undefined> {
    const outcome = await this.attempt(functionName, fn);
    return outcome.ok ? outcome.value : undefined;
  }

  /**
   * Calls `fn` and says what happened, recording a note when it threw.
   *
   * @param functionName The learner's function, e.g. "adam()".
   * @param fn The call.
   * @returns The value, or why there is none.
   */
  async attempt<T>(functionName: string, fn: () => T | Promise<T>): Promise<Outcome<T>> {
    try {
      return { ok: true, value: await fn() };
    } catch (thrown) {
      // A call made through guard() says which of the learner's functions threw.
      const error = thrown instanceof ThrownBy ? thrown.error : thrown;
      if (thrown instanceof ThrownBy) functionName = thrown.functionName;
      if (isNotImplemented(error)) {
        const note =
          `${functionName} is not implemented yet (kata ${this.kata}): this figure leaves out what it would draw`;
        this.note(note);
        return { ok: false, missing: true, note };
      }
      const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const note = `${functionName} threw ${what.split("\n")[0]}`;
      this.note(note);
      if (!this.threw.includes(functionName)) this.threw.push(functionName);
      return { ok: false, missing: false, note, error };
    }
  }

  /**
   * Wraps one of the learner's functions so that, inside {@linkcode LearnerCalls.run},
   * a throw from it is reported under its own name even when several are called together.
   *
   * @param functionName The learner's function, e.g. "minibatchIndices()".
   * @param fn The function.
   * @returns The same function, tagging what it throws.
   */
  guard<A extends unknown[], R>(functionName: string, fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => {
      try {
        return fn(...args);
      } catch (error) {
        throw error instanceof ThrownBy ? error : new ThrownBy(functionName, error);
      }
    };
  }

  /**
   * Adds a note unless it is already there.
   *
   * @param line The note.
   */
  note(line: string): void {
    if (!this.notes.includes(line)) this.notes.push(line);
  }
}

/** What {@linkcode LearnerCalls.guard} throws: the learner's error and whose it is. */
class ThrownBy extends Error {
  constructor(readonly functionName: string, readonly error: unknown) {
    super(`${functionName} threw`);
  }
}

/**
 * Whether an error is the kata stubs' "not implemented yet".
 *
 * @param error Anything thrown.
 * @returns True for a NotImplementedError (also one from another copy of lib/).
 *
 * @example
 * ```ts
 * import { isNotImplemented } from "./figure.ts";
 * import { NotImplementedError } from "../kata/mod.ts";
import type { Preview } from "./preview.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(isNotImplemented(new NotImplementedError("kata 05: adam()")), true);
 * strictEqual(isNotImplemented(new RangeError("no")), false);
 * ```
 */
export function isNotImplemented(error: unknown): boolean {
  return error instanceof NotImplementedError ||
    (error instanceof Error && error.name === "NotImplementedError");
}

/** Width and height of one chart panel, in pixels. */
export const PANEL = { width: 360, height: 260 } as const;

/**
 * The Vega-Lite title of a figure: its title, with the notes as a subtitle so
 * the SVG itself says what is missing.
 *
 * @param title The heading.
 * @param notes What could not be drawn.
 * @returns A Vega-Lite title object.
 *
 * @example
 * ```ts
 * import { chartTitle } from "./figure.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(chartTitle("Paths", ["adam() is not implemented yet"]).subtitle, [
 *   "adam() is not implemented yet",
 * ]);
 * ```
 */
export function chartTitle(
  title: string,
  notes: readonly string[],
): { text: string; subtitle?: string[]; subtitleColor?: string; anchor: "start" } {
  return notes.length === 0
    ? { text: title, anchor: "start" }
    : { text: title, subtitle: [...notes], subtitleColor: "#b34700", anchor: "start" };
}

/**
 * `count` evenly spaced numbers from `start` to `stop`, both included.
 *
 * @param start The first.
 * @param stop The last.
 * @param count How many, at least 2.
 * @returns The numbers.
 *
 * @example
 * ```ts
 * import { grid } from "./figure.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(grid(-1, 1, 5), [-1, -0.5, 0, 0.5, 1]);
 * ```
 */
export function grid(start: number, stop: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + (stop - start) * i / (count - 1));
}
