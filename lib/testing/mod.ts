/**
 * Test helpers for katas and library tests.
 *
 * @example
 * ```ts
 * import { assertAllClose } from "./mod.ts";
 * await assertAllClose([1, 2], [1, 2]);
 * ```
 *
 * @module
 */
export * from "./tolerance.ts";
export * from "./assert_close.ts";
export * from "./assert_refuses.ts";
export * from "./define_kata.ts";
