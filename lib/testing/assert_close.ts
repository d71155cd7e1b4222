/**
 * Assertions that compare numbers and tensors within the dtype's tolerance and,
 * when they fail, teach: shape, the first mismatching indices with expected and
 * actual, max absolute and relative error, where it happened, and the likely
 * mistake when the output matches a known wrong answer.
 *
 * @module
 */
import { type DType, isFloat } from "../core/dtype.ts";
import { formatShape } from "../core/errors.ts";
import { type NestedArray, Tensor } from "../tensor/tensor.ts";
import { reshape } from "../tensor/ops/shape_ops.ts";
import { currentCaseDtype, type Tolerance, toleranceFor } from "./tolerance.ts";

/** A wrong answer a learner is likely to produce, and what it means. */
export interface KnownMistake {
  /** A short name, e.g. "Adam without bias correction". */
  name: string;
  /** What to do about it, e.g. "divide m by 1−β1^t before using it". */
  explanation: string;
  /** The values that mistake would produce. */
  values: Tensor | NestedArray | ArrayLike<number>;
}

/** Options of the assertions. */
export interface CloseOptions {
  /**
   * Where the values come from, starting with the function that returned them:
   * "adam() step 1, params". Shape and dtype failures read "<where> returned …".
   */
  where?: string;
  /**
   * The dtype whose tolerance applies. Leave it out in a kata case: the case's
   * own dtype (`KataContext.dtype`) is used, and a float tensor of another
   * float dtype fails as a dtype error. Outside a case: the actual tensor's
   * dtype, else float64.
   */
  dtype?: DType;
  /** A tolerance multiplier for finite differences; 1 otherwise. */
  looseness?: number;
  /** Known wrong answers to recognise. */
  mistakes?: readonly KnownMistake[];
  /** A hint printed whatever the output (the expected formula, say). */
  hint?: string;
}

/** A failed teaching assertion; its stack is just its message, so output stays readable. */
export class KataAssertionError extends Error {
  /**
   * Creates the error.
   *
   * @param message The teaching message.
   */
  constructor(message: string) {
    super(message);
    this.name = "KataAssertionError";
    this.stack = `${this.name}: ${message}`;
  }
}

interface Flat {
  values: Float64Array;
  shape: number[];
}

function shapeOfNested(value: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  return shape;
}

async function flatten(value: Tensor | NestedArray | ArrayLike<number>): Promise<Flat> {
  if (value instanceof Tensor) {
    return { values: Float64Array.from(await value.data()), shape: [...value.shape] };
  }
  if (typeof value === "number") return { values: Float64Array.of(value), shape: [] };
  if (Array.isArray(value)) {
    return {
      values: Float64Array.from((value as unknown[]).flat(Infinity) as number[]),
      shape: shapeOfNested(value),
    };
  }
  const list = value as ArrayLike<number>;
  return { values: Float64Array.from(list), shape: [list.length] };
}

function indexOf(flat: number, shape: number[]): string {
  if (shape.length === 0) return "[]";
  const index: number[] = [];
  for (let i = shape.length - 1; i >= 0; i--) {
    index.unshift(flat % shape[i]);
    flat = Math.floor(flat / shape[i]);
  }
  return formatShape(index);
}

function isClose(a: number, e: number, tol: Tolerance): boolean {
  if (Number.isNaN(a) || Number.isNaN(e)) return Number.isNaN(a) && Number.isNaN(e);
  if (!Number.isFinite(e) || !Number.isFinite(a)) return a === e;
  return Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e);
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/**
 * Whether `actual` is what a known mistake would produce: the same shape
 * exactly, and every value close. An output with a NaN or an infinity matches
 * no mistake: a value that blew up says nothing about which slip made it.
 */
function matches(actual: Flat, expected: Flat, tol: Tolerance): boolean {
  if (!sameShape(actual.shape, expected.shape)) return false;
  if (!actual.values.every(Number.isFinite)) return false;
  for (let i = 0; i < actual.values.length; i++) {
    if (!isClose(actual.values[i], expected.values[i], tol)) return false;
  }
  return true;
}

/** "a scalar (shape [])" or "shape [2,3]". */
function describeShape(shape: number[]): string {
  return shape.length === 0 ? "a scalar (shape [])" : `shape ${formatShape(shape)}`;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(7));

/**
 * Asserts that `actual` equals `expected` within the dtype's tolerance.
 *
 * @param actual A tensor, nested arrays or a typed array.
 * @param expected The reference, same shape.
 * @param options Where, dtype, looseness, known mistakes, hint.
 * @throws {KataAssertionError} With a teaching message when they differ.
 *
 * @example
 * ```ts
 * import { assertAllClose } from "./assert_close.ts";
 * import { tensor } from "../tensor/mod.ts";
 * await assertAllClose(tensor([0.1, 0.2]), [0.1, 0.2]);
 * ```
 */
export async function assertAllClose(
  actual: Tensor | NestedArray | ArrayLike<number>,
  expected: Tensor | NestedArray | ArrayLike<number>,
  options: CloseOptions = {},
): Promise<void> {
  const caseDtype = currentCaseDtype();
  const returned = options.where ?? "the code under test";
  if (actual instanceof Tensor && options.dtype === undefined && caseDtype !== undefined) {
    if (isFloat(caseDtype) && isFloat(actual.dtype) && actual.dtype !== caseDtype) {
      throw new KataAssertionError(
        `${returned} returned a ${actual.dtype} tensor; expected ${caseDtype}, the dtype this case computes in.\n` +
          `Likely mistake — a ${actual.dtype} result for ${caseDtype} input: take the dtype (and backend) ` +
          "from the input, e.g. tensor(values, { dtype: input.dtype }); a default dtype is float32" +
          (options.hint ? `\nHint: ${options.hint}` : ""),
      );
    }
  }
  const dtype = options.dtype ??
    (actual instanceof Tensor ? actual.dtype : caseDtype ?? "float64");
  const tol = toleranceFor(dtype, options.looseness ?? 1);
  const a = await flatten(actual);
  const e = await flatten(expected);
  const where = options.where ? ` in ${options.where}` : "";
  const lines: string[] = [];
  if (!sameShape(a.shape, e.shape)) {
    lines.push(
      `${returned} returned ${describeShape(a.shape)}; expected ${describeShape(e.shape)}`,
    );
  } else {
    const bad: number[] = [];
    let maxAbs = 0;
    let maxRel = 0;
    for (let i = 0; i < a.values.length; i++) {
      const diff = Math.abs(a.values[i] - e.values[i]);
      if (!isClose(a.values[i], e.values[i], tol)) {
        bad.push(i);
        maxAbs = Math.max(maxAbs, Number.isNaN(diff) ? Infinity : diff);
        maxRel = Math.max(maxRel, diff / Math.max(Math.abs(e.values[i]), Number.MIN_VALUE));
      }
    }
    if (bad.length === 0) return;
    lines.push(
      `Values differ${where} (shape ${
        formatShape(e.shape)
      }, ${dtype}): ${bad.length} of ${e.values.length} entries outside rtol ${tol.rtol}, atol ${tol.atol}`,
    );
    for (const i of bad.slice(0, 5)) {
      lines.push(
        `  entry ${indexOf(i, e.shape)}: expected ${fmt(e.values[i])}, got ${fmt(a.values[i])}`,
      );
    }
    if (bad.length > 5) lines.push(`  … and ${bad.length - 5} more`);
    lines.push(`  max abs error ${fmt(maxAbs)}, max rel error ${fmt(maxRel)}`);
    if (bad.some((i) => Number.isNaN(a.values[i]))) {
      lines.push("  NaN came out: look for 0/0, log of 0 or a negative, or sqrt of a negative");
    }
  }
  for (const mistake of options.mistakes ?? []) {
    if (matches(a, await flatten(mistake.values), tol)) {
      lines.push(`Likely mistake — ${mistake.name}: ${mistake.explanation}`);
      break;
    }
  }
  if (options.hint) lines.push(`Hint: ${options.hint}`);
  throw new KataAssertionError(lines.join("\n"));
}

/**
 * Asserts that a number equals another within the dtype's tolerance.
 *
 * @param actual The number (or a one-element tensor).
 * @param expected The reference.
 * @param options As for {@linkcode assertAllClose}.
 * @throws {KataAssertionError} When they differ.
 *
 * @example
 * ```ts
 * import { assertClose } from "./assert_close.ts";
 * await assertClose(0.1 + 0.2, 0.3);
 * ```
 */
export async function assertClose(
  actual: number | Tensor,
  expected: number,
  options: CloseOptions = {},
): Promise<void> {
  // A tensor of any other size is reported as a shape failure by assertAllClose.
  const scalar = actual instanceof Tensor && actual.size === 1 ? reshape(actual, []) : actual;
  // A mistake's one value, written [x] or x, predicts a scalar here.
  const mistakes = options.mistakes?.map((m) => ({ ...m, values: asScalar(m.values) }));
  await assertAllClose(scalar, expected, { ...options, mistakes });
}

function asScalar(values: KnownMistake["values"]): KnownMistake["values"] {
  if (values instanceof Tensor) return values.size === 1 ? reshape(values, []) : values;
  if (typeof values === "number") return values;
  const list = Array.isArray(values) ? (values as unknown[]).flat(Infinity) as number[] : values;
  return list.length === 1 ? (list[0] as NestedArray) : values;
}

/**
 * Fails with a teaching message when `condition` is false.
 *
 * @param condition What must hold.
 * @param message What was expected, what came out, and the likely mistake.
 * @throws {KataAssertionError} When the condition is false.
 *
 * @example
 * ```ts
 * import { check } from "./assert_close.ts";
 * check(1 < 2, "one is less than two");
 * ```
 */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new KataAssertionError(message);
}
