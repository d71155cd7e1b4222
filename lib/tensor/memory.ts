/**
 * Memory: learners never free anything (a tensor's storage is released when the
 * tensor is garbage-collected); hot loops can `dispose()` or run inside
 * `scope()`, which releases every tensor created inside it except those returned.
 *
 * @module
 */
import type { Backend, Storage } from "../backend/backend.ts";
import { BackendError } from "../core/errors.ts";

/** Something a scope can release. */
export interface Disposable {
  /** Releases the memory now. */
  dispose(): void;
  /** Whether `dispose()` has run. */
  readonly isDisposed: boolean;
}

interface Held {
  backend: Backend;
  storage: Storage;
}

const collected = new FinalizationRegistry<Held>((held) => release(held.backend, held.storage));
/** The part of `AsyncLocalStorage` that scopes use. */
interface ScopeStore {
  getStore(): Set<Disposable> | undefined;
  run<R>(store: Set<Disposable>, fn: () => R): R;
}

/**
 * Deno and Node (20.16+) lend `AsyncLocalStorage` through
 * `process.getBuiltinModule`; a browser has neither, so there tensors are
 * never tracked by a scope and {@linkcode scope} refuses, saying to use
 * `dispose()`, rather than guess which scope an awaited tensor belongs to.
 */
function scopeStore(): ScopeStore | undefined {
  const process = (globalThis as {
    process?: { getBuiltinModule?: (id: string) => unknown };
  }).process;
  const hooks = process?.getBuiltinModule?.("node:async_hooks") as
    | { AsyncLocalStorage: new () => ScopeStore }
    | undefined;
  return hooks ? new hooks.AsyncLocalStorage() : undefined;
}

const scopes = scopeStore();

/**
 * Drops one reference to a storage, freeing it on the last.
 *
 * @param backend The storage's backend.
 * @param storage The storage.
 *
 * @example
 * ```ts
 * import { release } from "./memory.ts";
 * import { getBackend } from "../backend/registry.ts";
 * import { strictEqual } from "node:assert";
 * const cpu = getBackend("cpu");
 * const before = cpu.liveBuffers();
 * release(cpu, cpu.fill(2, 0, "float32"));
 * strictEqual(cpu.liveBuffers(), before);
 * ```
 */
export function release(backend: Backend, storage: Storage): void {
  storage.refs--;
  if (storage.refs === 0) backend.free(storage);
}

/**
 * Registers a new tensor: with the garbage collector (for backends whose
 * storages must be released, see `Backend.releaseOnCollect`), and with the
 * innermost scope.
 *
 * @param tensor The new tensor.
 * @param backend Its backend.
 * @param storage Its storage.
 *
 * @example
 * ```ts
 * import { track } from "./memory.ts";
 * import { zeros } from "./creation.ts";
 * track(zeros([1]), zeros([1]).backend, zeros([1]).storage); // normally done by the Tensor constructor
 * ```
 */
export function track(tensor: Disposable, backend: Backend, storage: Storage): void {
  if (backend.releaseOnCollect) collected.register(tensor, { backend, storage }, tensor);
  scopes?.getStore()?.add(tensor);
}

/**
 * Stops the garbage collector from releasing a tensor that was disposed by hand.
 *
 * @param tensor The disposed tensor.
 *
 * @example
 * ```ts
 * import { untrack } from "./memory.ts";
 * untrack({ dispose() {}, isDisposed: true });
 * ```
 */
export function untrack(tensor: Disposable): void {
  collected.unregister(tensor);
}

/** Collects the tensors (and nested arrays/objects of them) in a value. */
function collectKept(value: unknown, kept: Set<unknown>, seen = new Set<unknown>()): void {
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  if ("dispose" in value && "isDisposed" in value) {
    kept.add(value);
    return;
  }
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) collectKept(child, kept, seen);
}

/**
 * Runs `fn` and then disposes every tensor created during it, except the
 * tensors in its result (found in arrays and plain objects). Safe across
 * `await`: concurrent scopes do not see each other's tensors.
 *
 * @param fn The work; may be async.
 * @returns What `fn` returned.
 * @throws {BackendError} Where the runtime has no `AsyncLocalStorage` (a browser).
 *
 * @example One optimizer step that leaks nothing
 * ```ts
 * import { scope } from "./memory.ts";
 * import { add, mul, tensor } from "./mod.ts";
 * import { getBackend } from "../backend/registry.ts";
 * import { strictEqual } from "node:assert";
 * const theta = tensor([1, 2]);
 * const before = getBackend("cpu").liveBuffers();
 * const next = await scope(() => add(theta, mul(theta, -0.1)));
 * strictEqual(getBackend("cpu").liveBuffers(), before + 1);
 * strictEqual(next.shape[0], 2);
 * ```
 */
export async function scope<T>(fn: () => T | Promise<T>): Promise<T> {
  if (!scopes) {
    throw new BackendError(
      "Cannot open a scope: this runtime has no AsyncLocalStorage (node:async_hooks), " +
        "as in a browser; free tensors with dispose() instead",
    );
  }
  const created = new Set<Disposable>();
  const parent = scopes.getStore();
  const result = await scopes.run(created, fn);
  const kept = new Set<unknown>();
  collectKept(result, kept);
  for (const tensor of created) {
    if (kept.has(tensor)) parent?.add(tensor);
    else if (!tensor.isDisposed) tensor.dispose();
  }
  return result;
}
