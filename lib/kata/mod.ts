/**
 * What the katas build on: the stub error, the optimizer and schedule types,
 * and `runOptimizer`.
 *
 * @example
 * ```ts
 * import { learningRateAt } from "./mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(learningRateAt(0.1, 0), 0.1);
 * ```
 *
 * @module
 */
export * from "./not_implemented.ts";
export * from "./optimizer.ts";
