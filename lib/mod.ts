/**
 * grad-dojo's shared library: tensors, autodiff, a small `nn`, the kata types
 * (the stub error, the optimizer and schedule types, `runOptimizer`). The test
 * helpers are a separate entry point, `./testing` (`lib/testing/mod.ts`):
 * importing them starts WebGPU and registers per-backend cases, which a
 * program that only computes with tensors should not pay for.
 *
 * @example
 * ```ts
 * import { tensor } from "./mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(await tensor([1, 2]).sum().item(), 3);
 * ```
 *
 * @module
 */
export * from "./tensor/mod.ts";
export * from "./autodiff/mod.ts";
export * from "./nn/mod.ts";
export * from "./kata/mod.ts";
