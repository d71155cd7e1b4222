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
   * Queues a task. Tasks of different groups take turns: the next task to start
   * is the oldest one of the group that has started the fewest, so one group
   * (a submission whose every kata runs to its time limit) cannot hold every
   * worker while another waits.
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
  #next(): Task | undefined {
    let best = -1;
    let fewest = Infinity;
    for (let i = 0; i < this.#queue.length; i++) {
      const count = this.#started.get(this.#queue[i].group) ?? 0;
      if (count < fewest) {
        fewest = count;
        best = i;
      }
    }
    if (best < 0) return undefined;
    const [{ task, group }] = this.#queue.splice(best, 1);
    this.#started.set(group, fewest + 1);
    return task;
  }

  async run(): Promise<void> {
    const worker = async (id: number) => {
      while (true) {
        const task = this.#next();
        if (!task) {
          if (this.#running === 0) {
            for (const wake of this.#idle.splice(0)) wake();
            return;
          }
          await new Promise<void>((resolve) => this.#idle.push(resolve));
          continue;
        }
        this.#running++;
        try {
          await task(id);
        } catch (error) {
          this.#onError(error);
        } finally {
          this.#running--;
        }
      }
    };
    await Promise.all(Array.from({ length: this.#workers }, (_, id) => worker(id)));
  }
}
