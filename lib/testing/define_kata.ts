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
import { setCaseDtype } from "./tolerance.ts";
import { BackendError } from "../core/errors.ts";

/** What a case receives: the backend it runs on and the dtype to use. */
export interface KataContext {
  /** The backend this run of the case uses (also the default backend). */
  backend: BackendName;
  /** The dtype the case asked for. */
  dtype: DType;
}

/** An earlier kata a case builds on, and whether it is solved (see {@linkcode prerequisite}). */
export interface Prerequisite {
  /** The earlier kata's number, two digits: "01". */
  kata: string;
  /** Whether its probe passed: its functions answer a small case right. */
  ready: boolean;
  /** Why it is not ready (the probe's error), for the curious; empty when ready. */
  why: string;
}

/** Per-case options. */
export interface CaseOptions {
  /**
   * float32 (default) runs on every backend; float64 runs on the CPU only. The
   * assertions take their tolerance from it (`KataContext.dtype`).
   */
  dtype?: DType;
  /** false for a case that computes with plain numbers only: it runs once, on the CPU. */
  tensors?: boolean;
  /**
   * The earlier kata this case builds on. Until it is solved the case is
   * skipped, named `… [cpu — waiting: solve kata 01 first]`.
   */
  needs?: Prerequisite;
}

/** A case body. */
export type CaseFn = (ctx: KataContext) => void | Promise<void>;

/** Registers one case on every backend. */
export type KataTest = (name: string, fn: CaseFn, options?: CaseOptions) => void;

/** The backends a `--backend=` argument may name. */
const BACKENDS: readonly BackendName[] = ["cpu", "webgpu"];

/**
 * The backends to run on, from `-- --backend=cpu` (or `webgpu`); both when absent.
 *
 * @param args The test's arguments, `Deno.args`.
 * @returns The backends.
 * @throws {BackendError} For any other value, listing the valid ones.
 *
 * @example
 * ```ts
 * import { requestedBackends } from "./define_kata.ts";
 * import { deepStrictEqual, throws } from "node:assert";
 * deepStrictEqual(requestedBackends(["--backend=cpu"]), ["cpu"]);
 * throws(() => requestedBackends(["--backend=gpu"]), /valid values: cpu, webgpu/);
 * ```
 */
export function requestedBackends(args: readonly string[]): BackendName[] {
  const values = args.filter((a) => a.startsWith("--backend=")).map((a) =>
    a.slice("--backend=".length)
  );
  if (values.length === 0) return [...BACKENDS];
  const bad = values.filter((v) => !BACKENDS.includes(v as BackendName));
  if (bad.length) {
    throw new BackendError(
      `Cannot run the cases: --backend=${bad[0]} is not a backend (valid values: ${
        BACKENDS.join(", ")
      }; leave --backend out to run on both)`,
    );
  }
  return [...new Set(values as BackendName[])];
}

const backends = requestedBackends(Deno.args);

// Mesa's Vulkan driver opens a Wayland connection when WebGPU starts, and
// libwayland writes "error: XDG_RUNTIME_DIR is invalid or not set in the
// environment." twice to stderr when that variable is unset. Only the
// environment controls it, so with env permission we set it for this process;
// without it (plain `deno test katas/…`) a test cannot, and the loop sets it.
if (
  backends.includes("webgpu") &&
  Deno.permissions.querySync({ name: "env", variable: "XDG_RUNTIME_DIR" }).state === "granted" &&
  !Deno.env.get("XDG_RUNTIME_DIR")
) {
  Deno.env.set("XDG_RUNTIME_DIR", Deno.env.get("TMPDIR") || "/tmp");
}

const gpu = backends.includes("webgpu") ? await initWebGpu() : undefined;

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
    registerOnBackends(name, fn, options, (error) => explainError(error, number), true);
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
  registerOnBackends(name, fn, options, (error) => error, false);
}

/**
 * Probes an earlier kata a suite builds on, once, when the suite loads: the
 * probe calls that kata's functions on a small case worked by hand and returns
 * whether they answered right. A probe that throws (a stub's "not implemented
 * yet", say) or returns false leaves the kata not ready, and the cases that
 * name it in `needs` wait: `… [cpu — waiting: solve kata 01 first]`.
 *
 * @param kata The earlier kata's number, e.g. 1 or "01".
 * @param probe Calls the earlier kata's code; true when it answered right. Runs on the CPU.
 * @returns What to pass as a case's `needs`.
 *
 * @example
 * ```ts
 * import { prerequisite } from "./define_kata.ts";
 * import { strictEqual } from "node:assert";
 * const solved = await prerequisite(1, () => 2 + 2 === 4);
 * strictEqual(solved.ready, true);
 * const stub = await prerequisite(1, () => {
 *   throw new Error("not implemented yet");
 * });
 * strictEqual(stub.ready, false);
 * ```
 */
export async function prerequisite(
  kata: number | string,
  probe: () => boolean | Promise<boolean>,
): Promise<Prerequisite> {
  const number = String(kata).padStart(2, "0");
  const previous = setDefaultBackend(getBackend("cpu"));
  try {
    const ok = await probe();
    return { kata: number, ready: ok === true, why: ok === true ? "" : "wrong answer" };
  } catch (error) {
    return {
      kata: number,
      ready: false,
      why: error instanceof Error ? error.message : String(error),
    };
  } finally {
    setDefaultBackend(previous);
  }
}

function registerOnBackends(
  name: string,
  fn: CaseFn,
  options: CaseOptions = {},
  explain: (error: unknown) => unknown,
  kataCase: boolean,
): void {
  const dtype = options.dtype ?? "float32";
  // A kata case's assertions take the case's dtype; a plain-number case keeps
  // float64 tolerances unless it names a dtype; library tests keep the old rule
  // (the actual tensor's dtype).
  const toleranceDtype = !kataCase || options.tensors === false ? options.dtype : dtype;
  for (const backend of backends) {
    // float64 lives on the CPU only; a case without tensors has nothing to run on a GPU.
    if (backend === "webgpu" && (dtype === "float64" || options.tensors === false)) continue;
    const noGpu = backend === "webgpu" && !gpu;
    const waiting = options.needs && !options.needs.ready ? options.needs.kata : undefined;
    const label = caseName({
      name,
      backend,
      waiting,
      skipped: noGpu && waiting === undefined
        ? webgpuUnavailableReason() ?? "not requested"
        : undefined,
    });
    Deno.test({
      name: label,
      ignore: noGpu || waiting !== undefined,
      // WebGPU buffers are released by the collector, not at the end of a case.
      sanitizeResources: false,
      sanitizeOps: false,
      fn: async () => {
        const previous = setDefaultBackend(getBackend(backend));
        const previousDtype = setCaseDtype(toleranceDtype);
        try {
          await fn({ backend, dtype });
        } catch (error) {
          throw explain(error);
        } finally {
          setDefaultBackend(previous);
          setCaseDtype(previousDtype);
        }
      },
    });
  }
}
