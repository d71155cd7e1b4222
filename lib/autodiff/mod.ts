/**
 * Reverse-mode automatic differentiation over the tensor library:
 * `grad`, `valueAndGrad` and `hvp`.
 *
 * @example
 * ```ts
 * import { grad } from "./mod.ts";
 * import { tensor } from "../tensor/mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(await grad((x) => x.mul(x).sum())(tensor([1, 2])).array(), [2, 4]);
 * ```
 *
 * @module
 */
export * from "./grad.ts";
