/**
 * Registers a kata case once per available backend, with the backend in the
 * test name, WebGPU skipped (and saying why) where it cannot start, and stub
 * errors reported as "not implemented yet" instead of a stack trace.
 *
 * Pick backends from the command line: `deno test katas/05_adam -- --backend=cpu`.
 *
 * @module
 */
import type { BackendName } from "../backend/backend.ts";
import {
  getBackend,
  initWebGpu,
  setDefaultBackend,
  webgpuUnavailableReason,
} from "../backend/registry.ts";
import { NotImplementedError } from "../kata/not_implemented.ts";
import { caseName } from "../core/case_name.ts";
import type { DType } from "../core/dtype.ts";
import { KataAssertionError } from "./assert_close.ts";

/** What a case receives: the backend it runs on and the dtype to use. */
export interface KataContext {
  /** The backend this run of the case uses (also the default backend). */
  backend: BackendName;
  /** The dtype the case asked for. */
  dtype: DType;
}

/** Per-case options. */
export interface CaseOptions {
  /** float32 (default) runs on every backend; float64 runs on the CPU only. */
  dtype?: DType;
  /** false for a case that computes with plain numbers only: it runs once, on the CPU. */
  tensors?: boolean;
}

/** A case body. */
export type CaseFn = (ctx: KataContext) => void | Promise<void>;

/** Registers one case on every backend. */
export type KataTest = (name: string, fn: CaseFn, options?: CaseOptions) => void;

function requestedBackends(): BackendName[] {
  const arg = Deno.args.find((a) => a.startsWith("--backend="))?.slice("--backend=".length);
  if (arg === "cpu" || arg === "webgpu") return [arg];
  return ["cpu", "webgpu"];
}

const gpu = requestedBackends().includes("webgpu") ? await initWebGpu() : undefined;

/**
 * Turns a stub's error into a one-line message: "not implemented yet" for this
 * kata's own stubs, "needs kata NN" for an earlier kata's.
 *
 * @param error What the case threw.
 * @param kata This kata's number, two digits.
 * @returns The error to report.
 *
 * @example
 * ```ts
 * import { explainError } from "./define_kata.ts";
 * import { NotImplementedError } from "../kata/not_implemented.ts";
 * import { strictEqual } from "node:assert";
 * const e = explainError(new NotImplementedError("kata 05: adam() — see katas/05_adam/README.md"), "06");
 * strictEqual((e as Error).message, "needs kata 05: adam() is not implemented yet (see katas/05_adam/README.md)");
 * ```
 */
export function explainError(error: unknown, kata: string): unknown {
  if (!(error instanceof NotImplementedError)) return error;
  const readme = error.readme ? ` (see ${error.readme})` : "";
  const message = error.kata && error.kata !== kata
    ? `needs kata ${error.kata}: ${error.task} is not implemented yet${readme}`
    : `not implemented yet: kata ${error.kata || kata} — ${error.task}${readme}`;
  return new KataAssertionError(message);
}

/**
 * Makes the `test` function of one kata.
 *
 * @param kata The kata number, e.g. 5 or "05".
 * @returns `test(name, fn, options?)`, which registers `name [cpu]` and `name [webgpu]`.
 *
 * @example
 * ```ts ignore
 * import { defineKata } from "./define_kata.ts";
 * const test = defineKata(5);
 * test("adam() takes a step of −η on step 1 [spec]", async ({ backend }) => {
 *   // …build tensors (they go to `backend`), call the learner's code, assert
 * });
 * ```
 */
export function defineKata(kata: number | string): KataTest {
  const number = String(kata).padStart(2, "0");
  return (name, fn, options) =>
    registerOnBackends(name, fn, options, (error) => explainError(error, number));
}

/**
 * Registers a library test once per available backend (`name [cpu]`,
 * `name [webgpu]`), like a kata case but without the kata's messages.
 *
 * @param name What the test proves.
 * @param fn The body; tensors it creates go to the case's backend.
 * @param options `dtype: "float64"` runs on the CPU only.
 *
 * @example
 * ```ts ignore
 * import { backendTest } from "./define_kata.ts";
 * backendTest("add() broadcasts a row over a column", async () => {});
 * ```
 */
export function backendTest(name: string, fn: CaseFn, options?: CaseOptions): void {
  registerOnBackends(name, fn, options, (error) => error);
}

function registerOnBackends(
  name: string,
  fn: CaseFn,
  options: CaseOptions = {},
  explain: (error: unknown) => unknown,
): void {
  const dtype = options.dtype ?? "float32";
  for (const backend of requestedBackends()) {
    // float64 lives on the CPU only; a case without tensors has nothing to run on a GPU.
    if (backend === "webgpu" && (dtype === "float64" || options.tensors === false)) continue;
    const skip = backend === "webgpu" && !gpu;
    const label = caseName({
      name,
      backend,
      skipped: skip ? webgpuUnavailableReason() ?? "not requested" : undefined,
    });
    Deno.test({
      name: label,
      ignore: skip,
      // WebGPU buffers are released by the collector, not at the end of a case.
      sanitizeResources: false,
      sanitizeOps: false,
      fn: async () => {
        const previous = setDefaultBackend(getBackend(backend));
        try {
          await fn({ backend, dtype });
        } catch (error) {
          throw explain(error);
        } finally {
          setDefaultBackend(previous);
        }
      },
    });
  }
}
