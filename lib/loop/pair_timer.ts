/**
 * The pair-programming rotation timer: counts down N minutes, says when the
 * driver and the navigator swap, and pauses while a hint is being read. Its
 * clock is injected, so tests need not wait.
 *
 * @module
 */
import { ValueError } from "../core/errors.ts";

/**
 * A countdown that can pause, and restarts for each new round.
 *
 * @example
 * ```ts
 * import { PairTimer } from "./pair_timer.ts";
 * import { strictEqual } from "node:assert";
 * let now = 0;
 * const timer = new PairTimer(7, () => now);
 * now = 60_000;
 * timer.pause();          // a hint is open
 * now = 600_000;
 * timer.resume();
 * strictEqual(timer.remainingMs(), 6 * 60_000);
 * now += 6 * 60_000;
 * strictEqual(timer.due(), true);
 * ```
 */
export class PairTimer {
  /** The length of a round, in milliseconds. */
  readonly periodMs: number;
  /** The round in progress, from 1. */
  round = 1;
  #now: () => number;
  #startedAt: number;
  #elapsedBefore = 0;
  #pausedAt: number | undefined;

  /**
   * Starts the first round.
   *
   * @param minutes The length of a round, more than 0.
   * @param now The clock, in milliseconds.
   * @throws {ValueError} When `minutes` is not a positive number.
   */
  constructor(minutes: number, now: () => number = Date.now) {
    if (!(minutes > 0) || !Number.isFinite(minutes)) {
      throw new ValueError(
        `Cannot start the pair timer: ${minutes} minutes is not a positive number`,
      );
    }
    this.periodMs = Math.round(minutes * 60_000);
    this.#now = now;
    this.#startedAt = now();
  }

  /** Time spent in this round so far, pauses excluded. */
  elapsedMs(): number {
    const end = this.#pausedAt ?? this.#now();
    return this.#elapsedBefore + (end - this.#startedAt);
  }

  /** Time left in this round, never below 0. */
  remainingMs(): number {
    return Math.max(0, this.periodMs - this.elapsedMs());
  }

  /** Whether the round is over and it is time to swap. */
  due(): boolean {
    return this.remainingMs() === 0;
  }

  /** Whether the countdown is paused. */
  get paused(): boolean {
    return this.#pausedAt !== undefined;
  }

  /** Stops the countdown (while a hint is open); does nothing if already paused. */
  pause(): void {
    if (this.#pausedAt === undefined) this.#pausedAt = this.#now();
  }

  /** Starts the countdown again; does nothing if it is running. */
  resume(): void {
    if (this.#pausedAt === undefined) return;
    this.#elapsedBefore += this.#pausedAt - this.#startedAt;
    this.#startedAt = this.#now();
    this.#pausedAt = undefined;
  }

  /** Starts the next round from the full length, running. */
  nextRound(): void {
    this.round++;
    this.#elapsedBefore = 0;
    this.#startedAt = this.#now();
    this.#pausedAt = undefined;
  }
}

/**
 * Formats a duration as m:ss, rounding up so that "0:00" means time is up.
 *
 * @param ms Milliseconds.
 * @returns "6:59", "0:05", "0:00".
 *
 * @example
 * ```ts
 * import { formatCountdown } from "./pair_timer.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(formatCountdown(7 * 60_000), "7:00");
 * strictEqual(formatCountdown(59_001), "1:00");
 * strictEqual(formatCountdown(4_200), "0:05");
 * ```
 */
export function formatCountdown(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
