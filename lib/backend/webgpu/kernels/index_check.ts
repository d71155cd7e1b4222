/**
 * Range checks of int32 indices on the GPU, for gather and oneHot, with no
 * extra dispatch and no read-back in the op: the kernel records the first bad
 * index, and the next read of the device copies the record and refuses.
 *
 * The backend keeps one check buffer of `u32` words:
 * - a summary, `[serial, position, value, 0]`, of the first failing op among
 *   those whose slots were already folded (see {@linkcode indexCheckFold});
 * - {@linkcode SLOTS} slots of {@linkcode SLOT_WORDS} words, one per checked op
 *   since the last read or fold. A thread that meets a bad index at position
 *   `k` does `atomicMax(slot[0], KEY - k)`, so `slot[0]` ends as `KEY - (the
 *   first bad position)`, or 0 if every index was fine. The bad value travels
 *   a byte per word: `atomicMax(slot[1 + j], (NEAR - k) << 8 | byte j of the
 *   value)`. The high 24 bits are largest for the first bad position, so each
 *   word ends holding that position's byte: one atomic word cannot hold a
 *   position and a value, and this needs no second pass over the indices.
 *   Past position {@linkcode NEAR} the high bits no longer tell positions
 *   apart, and the value is reported as unknown.
 *
 * When the slots run out before a read, one single-thread dispatch folds them
 * into the summary (unless it already holds an earlier failure) and they are
 * cleared: the first failing op, in program order, is always the one reported.
 *
 * {@linkcode IndexChecks} is the host side: the check buffer, the ops
 * registered since the last read, and the error a read reports.
 *
 * @module
 */
import { ShapeError } from "../../../core/errors.ts";
import { type Binding, type Dispatch, type Kernel, type Step, u32Field } from "./kernel.ts";

/** Words of the summary at the start of the check buffer. */
export const SUMMARY_WORDS = 4;
/** Words per slot: the key, then the value's four bytes, each tagged with the position. */
export const SLOT_WORDS = 8;
/** Checked ops recorded before their slots are folded into the summary. */
export const SLOTS = 256;
/** Bytes of the check buffer. */
export const CHECK_BYTES = (SUMMARY_WORDS + SLOTS * SLOT_WORDS) * 4;
/** `KEY - position` is what a slot's first word holds for a bad index at `position`. */
export const KEY = 0xffffffff;
/** Positions from here on share the byte words' tag (0), so their value is not recorded. */
export const NEAR = 0xffffff;

/** The first bad index of a checked op, as read back. */
export interface BadIndex {
  /** The op's serial number (from 1) since the last read. */
  serial: number;
  /** Where the bad index sits in the (flattened) indices. */
  position: number;
  /** The bad index, or `undefined` past position {@linkcode NEAR}. */
  value: number | undefined;
}

/**
 * The WGSL a checked kernel adds: the check buffer as atomics at `binding`,
 * and `flag_bad_index(slot, position, value)`, where `slot` is the slot's
 * first word (a uniform).
 *
 * @param binding The binding number of the check buffer.
 * @returns WGSL declarations.
 *
 * @example
 * ```ts
 * import { checkDeclarations } from "./index_check.ts";
 * import { ok } from "node:assert";
 * ok(checkDeclarations(4).includes("@binding(4)"));
 * ```
 */
export function checkDeclarations(binding: number): string {
  return /* wgsl */ `
@group(0) @binding(${binding}) var<storage, read_write> check: array<atomic<u32>>;

// Records that \`value\`, at \`position\` of the indices, is out of range; the first position wins.
fn flag_bad_index(slot: u32, position: u32, value: i32) {
  atomicMax(&check[slot], ${KEY}u - position);
  let tag = (${NEAR}u - min(position, ${NEAR}u)) << 8u;
  let bits = bitcast<u32>(value);
  atomicMax(&check[slot + 1u], tag | (bits & 0xffu));
  atomicMax(&check[slot + 2u], tag | ((bits >> 8u) & 0xffu));
  atomicMax(&check[slot + 3u], tag | ((bits >> 16u) & 0xffu));
  atomicMax(&check[slot + 4u], tag | (bits >> 24u));
}
`;
}

/**
 * Decodes one slot.
 *
 * @param words The check buffer's words (or a copy of them).
 * @param offset The slot's first word.
 * @returns The first bad position and its value, or `undefined` if the op was fine.
 *
 * @example
 * ```ts
 * import { decodeSlot, KEY, NEAR } from "./index_check.ts";
 * import { deepStrictEqual } from "node:assert";
 * const tag = (NEAR - 3) * 256; // first bad position 3, value -2 = 0xfffffffe
 * const slot = Uint32Array.of(KEY - 3, tag + 0xfe, tag + 0xff, tag + 0xff, tag + 0xff, 0, 0, 0);
 * deepStrictEqual(decodeSlot(slot, 0), { position: 3, value: -2 });
 * // From position NEAR on, the position is exact but the value is not kept.
 * deepStrictEqual(decodeSlot(Uint32Array.of(KEY - NEAR - 5, 7, 7, 7, 7), 0), {
 *   position: NEAR + 5,
 *   value: undefined,
 * });
 * ```
 */
export function decodeSlot(
  words: Uint32Array,
  offset: number,
): { position: number; value: number | undefined } | undefined {
  const key = words[offset];
  if (key === 0) return undefined;
  const position = KEY - key;
  if (position >= NEAR) return { position, value: undefined };
  let bits = 0;
  for (let j = 0; j < 4; j++) bits |= (words[offset + 1 + j] & 0xff) << (8 * j);
  return { position, value: bits | 0 };
}

/**
 * The first failing op recorded in a copy of the check buffer.
 *
 * @param words The summary and the first `used` slots.
 * @param used Slots written since the last fold.
 * @param firstSerial The serial of the op in slot 0.
 * @returns The bad index, or `undefined` when every index was in range.
 *
 * @example
 * ```ts
 * import { firstBadIndex, KEY, SLOT_WORDS, SUMMARY_WORDS } from "./index_check.ts";
 * import { deepStrictEqual } from "node:assert";
 * const words = new Uint32Array(SUMMARY_WORDS + 2 * SLOT_WORDS);
 * words[SUMMARY_WORDS + SLOT_WORDS] = KEY - 0; // slot 1: index 0 at position 0
 * deepStrictEqual(firstBadIndex(words, 2, 7), { serial: 8, position: 0, value: 0 });
 * words[0] = 3; // folded earlier: op 3 had index 9 at position 1
 * words[1] = 1;
 * words[2] = 9;
 * deepStrictEqual(firstBadIndex(words, 2, 7), { serial: 3, position: 1, value: 9 });
 * ```
 */
export function firstBadIndex(
  words: Uint32Array,
  used: number,
  firstSerial: number,
): BadIndex | undefined {
  if (words[0] !== 0) {
    const value = words[1] >= NEAR ? undefined : words[2] | 0;
    return { serial: words[0], position: words[1], value };
  }
  for (let slot = 0; slot < used; slot++) {
    const bad = decodeSlot(words, SUMMARY_WORDS + slot * SLOT_WORDS);
    if (bad) return { serial: firstSerial + slot, ...bad };
  }
  return undefined;
}

/**
 * Folds the slots into the summary: the first failing slot, decoded, unless the
 * summary already holds a failure. The backend clears the slots right after.
 * Bindings: 1 `check`. Grid: one workgroup of one thread.
 *
 * @example
 * ```ts
 * import { indexCheckFold } from "./index_check.ts";
 * import { ok } from "node:assert";
 * ok(indexCheckFold.wgsl({}).includes("params.first_serial"));
 * ```
 */
export const indexCheckFold: Kernel<Record<string, never>> = {
  name: "index_check_fold",
  params: [u32Field("first_serial"), u32Field("used")],
  bindings: { check: 1 },
  wgsl: () => /* wgsl */ `
struct Params {
  first_serial: u32, // of the op in slot 0
  used: u32, // slots written
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> check: array<u32>;

@compute @workgroup_size(1)
fn main() {
  if (check[0] != 0u) { return; } // an earlier op already failed
  for (var slot = 0u; slot < params.used; slot++) {
    let base = ${SUMMARY_WORDS}u + slot * ${SLOT_WORDS}u;
    let key = check[base];
    if (key != 0u) {
      var bits = 0u;
      for (var j = 0u; j < 4u; j++) { bits |= (check[base + 1u + j] & 0xffu) << (8u * j); }
      check[0] = params.first_serial + slot;
      check[1] = ${KEY}u - key;
      check[2] = bits;
      return;
    }
  }
}
`,
};

/** What an index-checked op was asked, to word its error when an index was out of range. */
export type IndexCheck =
  | { op: "gather"; axis: number; length: number }
  | { op: "oneHot"; depth: number };

/** Where a checked kernel records a bad index: its slot's first word and the check buffer. */
export interface CheckSlot {
  /** The slot's first word in the check buffer (the kernel's `slot` uniform). */
  slot: number;
  /** The check buffer, bound whole. */
  binding: Binding;
}

/** The checks a read carries: the bytes to copy back, and what they mean. */
export interface PendingChecks {
  /** The check buffer. */
  buffer: GPUBuffer;
  /** Bytes of it in use (the summary and the used slots): copy, then clear them. */
  bytes: number;
  /**
   * The error of the first bad index, from the copied words.
   *
   * @param words The first `bytes` of the check buffer.
   * @returns The ShapeError the CPU would have thrown, or undefined when all was in range.
   */
  error(words: Uint32Array): ShapeError | undefined;
}

/**
 * The ShapeError of a bad index found on the GPU, in the op layer's wording.
 *
 * @param check What the op was asked.
 * @param value The bad index, or undefined when it was not kept.
 * @param position Where it sits in the indices.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { indexError } from "./index_check.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(
 *   indexError({ op: "oneHot", depth: 3 }, 5, 1).message,
 *   "Cannot one-hot encode: index 5 (at position 1) is out of range for depth 3 (detected on the GPU at the next read)",
 * );
 * ```
 */
export function indexError(
  check: IndexCheck,
  value: number | undefined,
  position: number,
): ShapeError {
  const where = check.op === "gather"
    ? `for axis ${check.axis} of length ${check.length}`
    : `for depth ${check.depth}`;
  const action = check.op === "gather" ? "gather" : "one-hot encode";
  // Past 2^24 - 1 positions the kernel keeps the position but not the value.
  const index = value === undefined ? "an index" : `index ${value}`;
  return new ShapeError(
    `Cannot ${action}: ${index} (at position ${position}) is out of range ${where} (detected on the GPU at the next read)`,
  );
}

/**
 * The host side of the GPU index checks: the check buffer, the checked ops
 * since the last read, in order (serial = position + 1), and the slots they use.
 *
 * @example
 * ```ts ignore
 * import { IndexChecks } from "./index_check.ts";
 * const checks = new IndexChecks(device);
 * const { slot, binding, before } = checks.register({ op: "oneHot", depth: 3 });
 * ```
 */
export class IndexChecks {
  readonly #buffer: GPUBuffer;
  /** Every checked op since the last read, in order. */
  #checks: IndexCheck[] = [];
  /** Slots written since the last fold (the last `#slotsUsed` entries of `#checks`). */
  #slotsUsed = 0;
  /** One description per distinct check, so that `#checks` holds shared objects. */
  #kinds = new Map<string, IndexCheck>();

  /**
   * Makes the check buffer.
   *
   * @param device The device.
   */
  constructor(device: GPUDevice) {
    const { STORAGE, COPY_SRC, COPY_DST } = GPUBufferUsage;
    this.#buffer = device.createBuffer({ size: CHECK_BYTES, usage: STORAGE | COPY_SRC | COPY_DST });
  }

  /** The check buffer, bound whole. */
  get binding(): Binding {
    return { buffer: this.#buffer, size: CHECK_BYTES };
  }

  /**
   * Registers a checked op.
   *
   * @param check What the op is asked, for its error.
   * @returns Its slot, and the steps to run before it: when every slot is
   *   taken, a fold into the summary and the clearing of the slots.
   */
  register(check: IndexCheck): CheckSlot & { before: Step[] } {
    const key = JSON.stringify(check);
    let kind = this.#kinds.get(key);
    if (!kind) this.#kinds.set(key, kind = check);
    const before: Step[] = [];
    if (this.#slotsUsed === SLOTS) {
      const fold: Dispatch<Record<string, never>> = {
        kernel: indexCheckFold,
        variant: {},
        params: { first_serial: this.#checks.length - SLOTS + 1, used: SLOTS },
        buffers: { check: this.binding },
        groups: 1,
      };
      const slots = {
        buffer: this.#buffer,
        offset: SUMMARY_WORDS * 4,
        bytes: SLOTS * SLOT_WORDS * 4,
      };
      before.push(fold, { clear: slots });
      this.#slotsUsed = 0;
    }
    this.#checks.push(kind);
    return { slot: SUMMARY_WORDS + SLOT_WORDS * this.#slotsUsed++, binding: this.binding, before };
  }

  /**
   * Hands the checks recorded since the last read to a read, and starts afresh.
   *
   * @returns What to copy back and how to read it, or undefined when no op was checked.
   */
  take(): PendingChecks | undefined {
    if (this.#checks.length === 0) return undefined;
    const checks = this.#checks;
    const used = this.#slotsUsed;
    this.#checks = [];
    this.#slotsUsed = 0;
    this.#kinds.clear();
    return {
      buffer: this.#buffer,
      bytes: (SUMMARY_WORDS + used * SLOT_WORDS) * 4,
      error: (words) => {
        const bad = firstBadIndex(words, used, checks.length - used + 1);
        return bad && indexError(checks[bad.serial - 1], bad.value, bad.position);
      },
    };
  }
}
