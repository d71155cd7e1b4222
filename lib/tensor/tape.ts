/**
 * The recording hook of reverse-mode autodiff. While `grad()` (in
 * `lib/autodiff/`) runs a function, it pushes a {@linkcode Tape} here; every
 * op calls {@linkcode record} with its inputs, its output and its backward
 * rule, and the tape keeps the ones that depend on the differentiated input.
 * The ops import this file, never `lib/autodiff/`, so no import runs upward.
 *
 * With no tape active, an op pays one array-length test.
 *
 * This file imports no value from `tensor.ts` (the `Tensor` class imports it,
 * for {@linkcode noteCreated} and {@linkcode deferDispose}), so tensors are
 * described here by the small {@linkcode Recorded} interface.
 *
 * @module
 */

/** What the tape needs of a tensor: `Tensor` satisfies it. */
export interface Recorded {
  /** The length of each axis. */
  readonly shape: readonly number[];
  /** Releases the memory (deferred while a tape pins the tensor). */
  dispose(): void;
}

/**
 * A backward rule: given the gradient `g` of the loss with respect to the op's
 * output, the gradient with respect to each input, in the order the inputs were
 * recorded (`null` for an input that takes none: a number, an index, a condition).
 * `needs[i]` says whether input i depends on the differentiated input at all: a
 * rule may skip (and return null for) the others, e.g. the data X of X·W.
 * Rules are written with the ops themselves, so that while an outer tape is
 * active they are recorded too and gradients of gradients work.
 */
export type Backward = (
  // deno-lint-ignore no-explicit-any
  g: any,
  // deno-lint-ignore no-explicit-any
  inputs: readonly any[],
  // deno-lint-ignore no-explicit-any
  output: any,
  needs: readonly boolean[],
) => readonly unknown[];

/** One recorded op. */
export interface TapeNode {
  /** The op's name, as errors show it (`mul`, `argmax`, `cast to int32`). */
  readonly name: string;
  /** The inputs (tensors, numbers, or lists of tensors for concat). */
  readonly inputs: readonly unknown[];
  /** The output. */
  readonly output: Recorded;
  /** The backward rule, or a reason the op has no gradient. */
  readonly backward: Backward | string;
}

/**
 * The ops run while one `grad()` call evaluates its function, in order, and
 * the tensors created meanwhile (so the call can free them afterwards).
 */
export class Tape {
  /** Recorded ops, in execution order (a valid topological order). */
  readonly nodes: TapeNode[] = [];
  /** Tensors that depend on the differentiated input. */
  readonly tracked: Set<unknown> = new Set();
  /** Every tensor constructed while this tape was active. */
  readonly created: Recorded[] = [];
  /** False while this tape's own backward pass runs (an outer tape still records). */
  recording = true;
  /** Tensors this tape keeps alive until {@linkcode Tape.release}. */
  readonly #pinned: Recorded[] = [];

  /**
   * Keeps a tensor's storage alive until {@linkcode Tape.release}, even if the
   * program (or an op, for its temporaries) disposes it meanwhile.
   *
   * @param x The tensor.
   */
  pin(x: Recorded): void {
    pins.set(x, (pins.get(x) ?? 0) + 1);
    this.#pinned.push(x);
  }

  /** Drops this tape's pins, running the disposals they deferred, and forgets the graph. */
  release(): void {
    for (const x of this.#pinned) {
      const count = pins.get(x)! - 1;
      if (count > 0) {
        pins.set(x, count);
        continue;
      }
      pins.delete(x);
      if (deferred.delete(x)) x.dispose();
    }
    this.#pinned.length = 0;
    this.nodes.length = 0;
    this.tracked.clear();
  }
}

/** The active tapes, innermost last. Ops test `active.length` before recording. */
export const active: Tape[] = [];
const pins = new Map<Recorded, number>();
const deferred = new Set<Recorded>();

/**
 * Records one op on every active tape for which an input is tracked; the
 * output becomes tracked there. Ops call this after computing their output,
 * and only when `active.length > 0`.
 *
 * @param name The op's name for error messages.
 * @param inputs The inputs, in the order `backward` returns gradients.
 * @param output The output.
 * @param backward The backward rule, or why the op has none (e.g. "a comparison").
 *
 * @example
 * ```ts
 * import { active, record, Tape } from "./tape.ts";
 * import { tensor } from "./mod.ts";
 * import { strictEqual } from "node:assert";
 * const tape = new Tape();
 * const x = tensor([1, 2]);
 * tape.tracked.add(x);
 * active.push(tape);
 * const y = x.mul(3); // mul calls record()
 * active.pop();
 * strictEqual(tape.nodes[0].name, "mul");
 * strictEqual(tape.tracked.has(y), true);
 * tape.release();
 * ```
 */
export function record(
  name: string,
  inputs: readonly unknown[],
  output: Recorded,
  backward: Backward | string,
): void {
  for (const tape of active) {
    if (!tape.recording) continue;
    let tracked = false;
    for (const x of inputs) {
      if (Array.isArray(x) ? x.some((y) => tape.tracked.has(y)) : tape.tracked.has(x)) {
        tracked = true;
        break;
      }
    }
    if (!tracked) continue;
    tape.nodes.push({ name, inputs, output, backward });
    tape.tracked.add(output);
    for (const x of inputs) {
      if (Array.isArray(x)) x.forEach((y) => tape.pin(y));
      else if (typeof x === "object" && x !== null) tape.pin(x as Recorded);
    }
    tape.pin(output);
  }
}

/**
 * Notes a new tensor on every active tape (the `Tensor` constructor calls this
 * while a tape is active).
 *
 * @param x The new tensor.
 *
 * @example
 * ```ts
 * import { active, noteCreated, Tape } from "./tape.ts";
 * import { strictEqual } from "node:assert";
 * const tape = new Tape();
 * active.push(tape);
 * noteCreated({ shape: [], dispose() {} });
 * active.pop();
 * strictEqual(tape.created.length, 1);
 * ```
 */
export function noteCreated(x: Recorded): void {
  for (const tape of active) tape.created.push(x);
}

/**
 * Whether a disposal must wait because a tape pins the tensor; if so it is
 * remembered and runs when the last pin goes. `Tensor.dispose()` asks this.
 *
 * @param x The tensor being disposed.
 * @returns True when the disposal was deferred.
 *
 * @example
 * ```ts
 * import { deferDispose } from "./tape.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(deferDispose({ shape: [], dispose() {} }), false);
 * ```
 */
export function deferDispose(x: Recorded): boolean {
  if (pins.size === 0 || !pins.has(x)) return false;
  deferred.add(x);
  return true;
}
