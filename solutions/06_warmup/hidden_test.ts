// Kata 06 hidden cases: graded, never released. Written as if this file sat in
// katas/06_warmup/ (it imports ./warmup.ts): run here it checks the reference
// (`deno test -A solutions/06_warmup/hidden_test.ts`); the grader copies it next
// to a submission's code. Written against SPEC §6, not against the public suite,
// to catch what a suite that is still changing may let through. What students
// see of a failure: ./hidden.json.
import { linearWarmup, stepSwitch, transformerSchedule, warmupCosine } from "./warmup.ts";
import { check, defineKata } from "../../lib/testing/mod.ts";
import { ValueError } from "../../lib/mod.ts";

const test = defineKata(6);
const plain = { tensors: false } as const;

/** Checks schedule values at update indices, to 1e-12 relative. */
function expectValues(
  what: string,
  schedule: (t: number) => number,
  expected: Array<[t: number, value: number]>,
): void {
  for (const [t, value] of expected) {
    const actual = schedule(t);
    check(
      Math.abs(actual - value) <= 1e-12 * Math.max(1, Math.abs(value)),
      `${what} at t = ${t}: expected ${value}, got ${actual}`,
    );
  }
}

test(
  "linearWarmup() starts at peak/warmupSteps at t = 0 and reaches the peak at t = warmupSteps − 1",
  () => {
    // peak·(t+1)/warmupSteps: 0.1, 0.2, 0.3, then 0.3 for ever. Counting t from 1
    // (peak·t/warmupSteps) would start at 0 and reach the peak one update late.
    expectValues(
      "linearWarmup({ peak: 0.3, warmupSteps: 3 })",
      linearWarmup({ peak: 0.3, warmupSteps: 3 }),
      [
        [0, 0.1],
        [1, 0.2],
        [2, 0.3],
        [3, 0.3],
        [1000, 0.3],
      ],
    );
  },
  plain,
);

test(
  "transformerSchedule() with scale 2 peaks at s = warmupSteps and then decays as s^−0.5",
  () => {
    // dModel = 64 (dModel^−0.5 = 1/8), warmupSteps = 4 (4^−1.5 = 1/8), s = t + 1:
    // s = 1: 2·(1/8)·min(1, 1/8) = 1/32; s = 4: 2·(1/8)·min(1/2, 1/2) = 1/8;
    // s = 16: 2·(1/8)·min(1/4, 2) = 1/16.
    expectValues(
      "transformerSchedule({ dModel: 64, warmupSteps: 4, scale: 2 })",
      transformerSchedule({ dModel: 64, warmupSteps: 4, scale: 2 }),
      [[0, 1 / 32], [3, 1 / 8], [15, 1 / 16]],
    );
  },
  plain,
);

test("warmupCosine() with a floor: half-way down the cosine is floor + (peak − floor)/2", () => {
  // peak 1, warmupSteps 2, totalSteps 6, floor 0.1: warm-up 0.5, 1; then
  // 0.1 + 0.9·½(1 + cos(π(t − 2)/4)); floor from t = 6 on.
  const cosine = (t: number) => 0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * (t - 2) / 4));
  expectValues(
    "warmupCosine({ peak: 1, warmupSteps: 2, totalSteps: 6, floor: 0.1 })",
    warmupCosine({ peak: 1, warmupSteps: 2, totalSteps: 6, floor: 0.1 }),
    [[0, 0.5], [1, 1], [2, 1], [3, cosine(3)], [4, 0.55], [6, 0.1], [50, 0.1]],
  );
}, plain);

test("stepSwitch() switches exactly at update switchAt, not one update early or late", () => {
  expectValues(
    "stepSwitch({ warmupLr: 0.01, lr: 0.1, switchAt: 3 })",
    stepSwitch({ warmupLr: 0.01, lr: 0.1, switchAt: 3 }),
    [[0, 0.01], [2, 0.01], [3, 0.1], [4, 0.1]],
  );
}, plain);

test("schedules are pure functions of t: asking out of order gives the same values", () => {
  const schedules: Array<[string, (t: number) => number]> = [
    ["linearWarmup", linearWarmup({ peak: 2, warmupSteps: 5 })],
    ["warmupCosine", warmupCosine({ peak: 1, warmupSteps: 3, totalSteps: 10 })],
    ["transformerSchedule", transformerSchedule({ dModel: 16, warmupSteps: 3 })],
  ];
  for (const [name, schedule] of schedules) {
    const forward = [0, 1, 2, 3, 4, 5, 6, 7].map((t) => schedule(t));
    const backward = [7, 6, 5, 4, 3, 2, 1, 0].map((t) => schedule(t)).reverse();
    const again = [0, 1, 2, 3, 4, 5, 6, 7].map((t) => schedule(t));
    check(
      forward.every((v, i) => v === backward[i] && v === again[i]),
      `${name}(t) changed with the order of the calls: ${forward} then ${backward}; a schedule must not count calls`,
    );
  }
}, plain);

test("warmupCosine() with the default floor 0 ends near 0 one update before totalSteps", () => {
  // peak 2, warmupSteps 1, totalSteps 5: t = 4 is 3/4 of the way: 2·½(1 + cos(3π/4)).
  expectValues(
    "warmupCosine({ peak: 2, warmupSteps: 1, totalSteps: 5 })",
    warmupCosine({ peak: 2, warmupSteps: 1, totalSteps: 5 }),
    [[0, 2], [4, 1 + Math.cos(3 * Math.PI / 4)], [5, 0]],
  );
}, plain);

test("warmupCosine() refuses a floor above the peak with a ValueError", () => {
  let error: unknown;
  try {
    warmupCosine({ peak: 0.1, warmupSteps: 2, totalSteps: 10, floor: 0.5 });
  } catch (caught) {
    error = caught;
  }
  check(error instanceof ValueError, `floor 0.5 above peak 0.1 must be refused, got ${error}`);
}, plain);
