/**
 * A work queue run by a fixed number of workers; tasks may add more tasks.
 * Each worker has a number (0…workers−1), so it can own a sandbox slot. A task
 * that throws never stops the others: its error goes to `onError`.
 *
 * @module
 */

/** A task: receives the number of the worker running it. */
export type Task = (worker: number) => Promise<void>;

/** A queue of tasks run by `workers` workers at once. */
export class WorkPool {
  readonly #workers: number;
  readonly #queue: Array<{ task: Task; group: unknown }> = [];
  readonly #started = new Map<unknown, number>();
  readonly #active = new Map<unknown, number>();
  readonly #onError: (error: unknown) => void;
  #idle: Array<() => void> = [];
  #running = 0;

  /**
   * Makes a pool.
   *
   * @param workers How many tasks may run at once (at least 1).
   * @param onError Called with the error of a task that throws.
   */
  constructor(workers: number, onError: (error: unknown) => void) {
    this.#workers = Math.max(1, Math.floor(workers));
    this.#onError = onError;
  }

  /**
   * Queues a task. Groups share the workers: the next task to start is the
   * oldest one of the group with the fewest tasks running (then the fewest
   * started), so one group (a submission whose every kata runs to its time
   * limit) cannot hold every worker while another waits.
   *
   * @param task The task.
   * @param group Its group (e.g. the submission); all tasks share one when omitted.
   */
  add(task: Task, group: unknown = undefined): void {
    this.#queue.push({ task, group });
    const wake = this.#idle.shift();
    wake?.();
  }

  /**
   * Runs until the queue is empty and every task has finished.
   *
   * @example
   * ```ts
   * import { WorkPool } from "./pool.ts";
   * import { strictEqual } from "node:assert";
   * const seen: number[] = [];
   * const pool = new WorkPool(2, () => {});
   * for (let i = 0; i < 5; i++) pool.add(async () => { seen.push(i); });
   * await pool.run();
   * strictEqual(seen.length, 5);
   * ```
   */
  /** The oldest task of the group with the fewest tasks running now (then started so far). */
  #next(): { task: Task; group: unknown } | undefined {
    let best = -1;
    let bestKey: [number, number] = [Infinity, Infinity];
    for (let i = 0; i < this.#queue.length; i++) {
      const group = this.#queue[i].group;
      const key: [number, number] = [this.#active.get(group) ?? 0, this.#started.get(group) ?? 0];
      if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
        bestKey = key;
        best = i;
      }
    }
    if (best < 0) return undefined;
    const [entry] = this.#queue.splice(best, 1);
    this.#started.set(entry.group, (this.#started.get(entry.group) ?? 0) + 1);
    return entry;
  }

  async run(): Promise<void> {
    const worker = async (id: number) => {
      while (true) {
        const next = this.#next();
        if (!next) {
          if (this.#running === 0) {
            for (const wake of this.#idle.splice(0)) wake();
            return;
          }
          await new Promise<void>((resolve) => this.#idle.push(resolve));
          continue;
        }
        this.#running++;
        this.#active.set(next.group, (this.#active.get(next.group) ?? 0) + 1);
        try {
          await next.task(id);
        } catch (error) {
          this.#onError(error);
        } finally {
          this.#running--;
          this.#active.set(next.group, this.#active.get(next.group)! - 1);
        }
      }
    };
    await Promise.all(Array.from({ length: this.#workers }, (_, id) => worker(id)));
  }
}
