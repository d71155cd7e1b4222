/**
 * grad-dojo's shared library: tensors, autodiff, a small `nn`, the kata types.
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
