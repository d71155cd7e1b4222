/**
 * A seeded random number generator: the same seed gives the same numbers on
 * every run and every backend (numbers are drawn on the CPU, then uploaded).
 * The generator is xoshiro128** seeded through splitmix32.
 *
 * @module
 */
import { ValueError } from "../core/errors.ts";

/**
 * A reproducible stream of random numbers.
 *
 * @example Same seed, same permutation
 * ```ts
 * import { Rng } from "./rng.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(new Rng(7).permutation(5), new Rng(7).permutation(5));
 * ```
 */
export class Rng {
  #s: Uint32Array;
  #spareNormal: number | undefined;

  /**
   * Creates a generator.
   *
   * @param seed Any integer; equal seeds give equal streams.
   * @throws {ValueError} When the seed is not a finite integer.
   */
  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new ValueError(`Cannot create Rng: seed ${seed} is not an integer`);
    }
    // splitmix32 expands the seed into four non-zero state words.
    let x = (seed ^ Math.floor(seed / 2 ** 32)) >>> 0;
    this.#s = new Uint32Array(4);
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.#s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }

  /** The next 32 random bits (xoshiro128**). */
  nextUint32(): number {
    const s = this.#s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  float(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /**
   * A uniform integer in [lo, hi).
   *
   * @param lo The smallest value.
   * @param hi One past the largest value.
   * @returns An integer.
   * @throws {ValueError} When the range is empty or not integral.
   */
  int(lo: number, hi: number): number {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || hi <= lo) {
      throw new ValueError(`Cannot draw an integer: range [${lo}, ${hi}) is empty or not integral`);
    }
    return lo + Math.floor(this.float() * (hi - lo));
  }

  /** A standard normal number (Box–Muller, both values used). */
  normal(): number {
    if (this.#spareNormal !== undefined) {
      const spare = this.#spareNormal;
      this.#spareNormal = undefined;
      return spare;
    }
    let u = 0;
    while (u === 0) u = this.float();
    const v = this.float();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /**
   * A uniformly random permutation of 0…n−1 (Fisher–Yates).
   *
   * @param n How many indices.
   * @returns A new array.
   * @throws {ValueError} When n is negative or not an integer.
   */
  permutation(n: number): number[] {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new ValueError(`Cannot draw a permutation: n ${n} is not a non-negative integer`);
    }
    const out = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
