import { strictEqual, throws } from "node:assert";
import { formatCountdown, PairTimer } from "./pair_timer.ts";

Deno.test("PairTimer counts down a round and is due at zero", () => {
  let now = 1_000;
  const timer = new PairTimer(2, () => now);
  strictEqual(timer.remainingMs(), 120_000);
  now += 119_999;
  strictEqual(timer.due(), false);
  now += 1;
  strictEqual(timer.due(), true);
  now += 50_000;
  strictEqual(timer.remainingMs(), 0, "never below zero");
});

Deno.test("PairTimer does not count time while paused, and pausing twice changes nothing", () => {
  let now = 0;
  const timer = new PairTimer(1, () => now);
  now = 10_000;
  timer.pause();
  timer.pause();
  now = 500_000;
  strictEqual(timer.remainingMs(), 50_000);
  strictEqual(timer.paused, true);
  timer.resume();
  timer.resume();
  now += 20_000;
  strictEqual(timer.remainingMs(), 30_000);
});

Deno.test("PairTimer.nextRound() starts the next round from the full length, running", () => {
  let now = 0;
  const timer = new PairTimer(1, () => now);
  now = 70_000;
  timer.pause();
  timer.nextRound();
  strictEqual(timer.round, 2);
  strictEqual(timer.paused, false);
  now += 1_000;
  strictEqual(timer.remainingMs(), 59_000);
});

Deno.test("PairTimer refuses a length that is not a positive number of minutes", () => {
  for (const bad of [0, -1, NaN, Infinity]) {
    throws(() => new PairTimer(bad), /Cannot start the pair timer/);
  }
});

Deno.test("formatCountdown() rounds up to whole seconds", () => {
  strictEqual(formatCountdown(0), "0:00");
  strictEqual(formatCountdown(1), "0:01");
  strictEqual(formatCountdown(600_000), "10:00");
});
