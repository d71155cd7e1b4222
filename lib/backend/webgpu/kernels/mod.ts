/**
 * The one list of WebGPU kernels. Each file holds one complete WGSL shader
 * with its entry point `main`, the layout it declares (`params`, `bindings`)
 * and a `plan…()` that says how to dispatch it; adding an op means adding a
 * file here and a short method in `webgpu_backend.ts`. `layout_test.ts`
 * checks every kernel listed here against its WGSL.
 *
 * @example
 * ```ts
 * import { KERNELS } from "./mod.ts";
 * import { ok } from "node:assert";
 * ok(Object.values(KERNELS).every((kernel) => kernel.name.length > 0));
 * ```
 *
 * @module
 */
import { binary } from "./binary.ts";
import { concat } from "./concat.ts";
import { fill } from "./fill.ts";
import { gather } from "./gather.ts";
import { indexCheckFold } from "./index_check.ts";
import { matmul } from "./matmul.ts";
import { matmulSmall } from "./matmul_small.ts";
import { oneHot } from "./one_hot.ts";
import { reduce } from "./reduce.ts";
import { reduceShort } from "./reduce_short.ts";
import { stridedCopy } from "./strided_copy.ts";
import { unary } from "./unary.ts";
import { where } from "./where.ts";

/** Every kernel, by the op that uses it. */
export const KERNELS = {
  fill,
  unary,
  binary,
  where,
  reduce,
  reduceShort,
  matmul,
  matmulSmall,
  stridedCopy,
  gather,
  indexCheckFold,
  concat,
  oneHot,
} as const;

export type { Kernel, WgslType } from "./kernel.ts";
