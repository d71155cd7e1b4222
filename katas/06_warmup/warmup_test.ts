// Kata 06 suite: each schedule against its formula at the boundaries, where it
// peaks, its shape on each side, the options it refuses, and — driving your own
// adam() from kata 05 — why warm-up helps. Run: deno test katas/06_warmup
import {
  NotImplementedError,
  type Optimizer,
  runOptimizer,
  type Schedule,
  stack,
  type Tensor,
  tensor,
  ValueError,
} from "../../lib/mod.ts";
import {
  assertAllClose,
  assertClose,
  assertRefuses,
  check,
  defineKata,
  prerequisite,
} from "../../lib/testing/mod.ts";
import { adagrad, adam } from "../05_adam/adam.ts";
import { constant, linearWarmup, stepSwitch, transformerSchedule, warmupCosine } from "./warmup.ts";

const test = defineKata(6);

/**
 * Schedules return plain numbers, no tensors: those cases run once, on the CPU, and
 * are compared at float64's tolerance (JavaScript numbers are doubles). Only the
 * cases that drive kata 05's optimizers move tensors and run on every backend.
 */
const numbers = { tensors: false, dtype: "float64" } as const;

/**
 * The last two cases drive your adam() and adagrad() from kata 05. They wait
 * ("solve kata 05 first") until both take kata 05's first step: −η·sign(g).
 */
const kata05 = await prerequisite(5, async () => {
  const params = tensor([1, -2]);
  const grad = tensor([0.5, -4]);
  const steps = [adam({ learningRate: 0.1 }), adagrad({ learningRate: 0.1 })].map((o) => {
    const optimizer = o as Optimizer<unknown>;
    return optimizer.update(grad, optimizer.init(params), params).params.data();
  });
  return (await Promise.all(steps)).every((theta) =>
    Math.abs(theta[0] - 0.9) < 1e-6 && Math.abs(theta[1] + 1.9) < 1e-6
  );
});

/** η^t for each t in `ts`. */
const valuesAt = (schedule: Schedule, ts: readonly number[]) => ts.map((t) => schedule(t));

const range = (n: number) => Array.from({ length: n }, (_, t) => t);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The library's assertRefuses(), with the message given as a prefix and the
 * fragments it must quote: a ValueError "Cannot create …: … peak -0.1 …".
 */
function refuses(
  fn: () => unknown,
  where: string,
  prefix: string,
  fragments: readonly string[],
  likelyMistake = "",
): Promise<void> {
  const pattern = new RegExp(
    `^${escape(prefix)}${fragments.map((f) => `(?=[\\s\\S]*${escape(f)})`).join("")}`,
  );
  // The likely mistake is always "… accepted": name it only when nothing was thrown.
  let accepted = true;
  try {
    fn();
  } catch {
    accepted = false;
  }
  return assertRefuses(
    where,
    fn,
    ValueError,
    pattern,
    (likelyMistake && accepted ? `Likely mistake — ${likelyMistake}.\n` : "") +
      "Refuse bad options when the schedule is made, with the helpers requireRate() and " +
      "requireCount(), or a ValueError of your own in the same words.",
  );
}

/** The name of the one convention this kata does not follow, for every message that sees it. */
const HUGGINGFACE = "warm-up counted by t (HuggingFace's convention)";
const HUGGINGFACE_WHY =
  "HuggingFace's get_linear_schedule_with_warmup uses peak·t/warmupSteps, so its update 0 gets " +
  "η = 0 and the peak comes one update later. That is another library's convention, not a bug " +
  "there; this kata counts like the lecture — update t = 0 is the first of warmupSteps updates — " +
  "so use peak·(t + 1)/warmupSteps";

// ---------------------------------------------------------------------------
// linearWarmup: peak·(t+1)/warmupSteps while t < warmupSteps, then peak.

test("linearWarmup() starts at peak/warmupSteps on update 0, not at 0", () => {
  // peak 0.8, 4 warm-up updates: η⁰ = 0.8·1/4 = 0.2. Counting from t instead of
  // t + 1 gives η⁰ = 0: the first update would not move at all.
  // (HuggingFace's get_linear_schedule_with_warmup uses t/warmupSteps, so its
  // update 0 is skipped: a convention of that library. This kata uses t + 1.)
  const eta0 = linearWarmup({ peak: 0.8, warmupSteps: 4 })(0);
  return assertClose(eta0, 0.2, {
    where: "linearWarmup({ peak: 0.8, warmupSteps: 4 })(0)",
    mistakes: [{
      name: HUGGINGFACE,
      explanation: HUGGINGFACE_WHY,
      values: 0,
    }],
    hint: "η^t = peak·(t + 1)/warmupSteps while t < warmupSteps",
  });
}, numbers);

test(
  "linearWarmup() climbs by peak/warmupSteps per update and reaches the peak at t = warmupSteps − 1",
  () => {
    // peak 0.8, warmupSteps 4: t = 0, 1, 2, 3 → 0.2, 0.4, 0.6, 0.8; the peak is
    // reached on the 4th update (t = 3), and t = 4, 5 stay there.
    const ts = [0, 1, 2, 3, 4, 5];
    return assertAllClose(valuesAt(linearWarmup({ peak: 0.8, warmupSteps: 4 }), ts), [
      0.2,
      0.4,
      0.6,
      0.8,
      0.8,
      0.8,
    ], {
      where: "linearWarmup({ peak: 0.8, warmupSteps: 4 }) at t = 0…5",
      mistakes: [
        {
          name: HUGGINGFACE,
          explanation: HUGGINGFACE_WHY,
          values: [0, 0.2, 0.4, 0.6, 0.8, 0.8],
        },
        {
          name: "warm-up not capped at the peak",
          explanation: "from t = warmupSteps on, return peak instead of continuing the line",
          values: [0.2, 0.4, 0.6, 0.8, 1.0, 1.2],
        },
        {
          name: "warm-up held only from t > warmupSteps",
          explanation:
            "t = warmupSteps is already past the warm-up: the test is t ≥ warmupSteps (or t < warmupSteps for the ramp)",
          values: [0.2, 0.4, 0.6, 0.8, 1.0, 0.8],
        },
      ],
    });
  },
  numbers,
);

test("linearWarmup() holds the peak for every update after the warm-up", () => {
  const schedule = linearWarmup({ peak: 0.8, warmupSteps: 4 });
  const ts = [4, 10, 40, 1000];
  return assertAllClose(valuesAt(schedule, ts), [0.8, 0.8, 0.8, 0.8], {
    where: "linearWarmup({ peak: 0.8, warmupSteps: 4 }) at t = 4, 10, 40, 1000",
    mistakes: [{
      name: "warm-up not capped at the peak",
      explanation: "from t = warmupSteps on, return peak instead of continuing the line",
      values: ts.map((t) => 0.8 * (t + 1) / 4),
    }],
  });
}, numbers);

test("linearWarmup() with warmupSteps = 1 is at the peak from update 0", () => {
  // One warm-up update: η⁰ = peak·1/1 — no warm-up at all, as it should be.
  return assertAllClose(valuesAt(linearWarmup({ peak: 0.3, warmupSteps: 1 }), [0, 1, 2]), [
    0.3,
    0.3,
    0.3,
  ], {
    where: "linearWarmup({ peak: 0.3, warmupSteps: 1 }) at t = 0, 1, 2",
    mistakes: [{
      name: HUGGINGFACE,
      explanation: HUGGINGFACE_WHY,
      values: [0, 0.3, 0.3],
    }],
  });
}, numbers);

test(
  "linearWarmup() refuses a negative peak, warmupSteps < 1 or fractional, and a negative update index",
  async () => {
    const where = "linearWarmup()";
    await refuses(
      () => linearWarmup({ peak: -0.1, warmupSteps: 4 }),
      `${where} with peak -0.1`,
      "Cannot create linearWarmup:",
      ["peak -0.1"],
    );
    await refuses(
      () => linearWarmup({ peak: NaN, warmupSteps: 4 }),
      `${where} with peak NaN`,
      "Cannot create linearWarmup:",
      ["peak NaN"],
    );
    await refuses(
      () => linearWarmup({ peak: 0.1, warmupSteps: 0 }),
      `${where} with warmupSteps 0`,
      "Cannot create linearWarmup:",
      ["warmupSteps 0"],
      "warmupSteps 0 accepted: a warm-up of 0 updates divides by zero; requireCount(…, 1)",
    );
    await refuses(
      () => linearWarmup({ peak: 0.1, warmupSteps: 2.5 }),
      `${where} with warmupSteps 2.5`,
      "Cannot create linearWarmup:",
      ["warmupSteps 2.5"],
    );
    const schedule = linearWarmup({ peak: 0.1, warmupSteps: 4 });
    await refuses(() => schedule(-1), "linearWarmup(...)(-1)", "Cannot compute linearWarmup(t):", [
      "-1",
    ], "update index not checked: call requireUpdateIndex() first in the returned function");
    await refuses(
      () => schedule(1.5),
      "linearWarmup(...)(1.5)",
      "Cannot compute linearWarmup(t):",
      [
        "1.5",
      ],
    );
  },
  numbers,
);

// ---------------------------------------------------------------------------
// transformerSchedule: s = t + 1; scale·dModel^−0.5·min(s^−0.5, s·warmupSteps^−1.5).
// With dModel 64 and warmupSteps 16 every value is a power of two:
// dModel^−0.5 = 1/8, warmupSteps^−1.5 = 1/64, warmupSteps^−0.5 = 1/4.

test(
  "transformerSchedule() at update 0 is dModel^−0.5 · warmupSteps^−1.5 (s = t + 1, never 0)",
  () => {
    // s = 1: min(1, 1/64) = 1/64, times 1/8 → 1/512.
    const eta0 = transformerSchedule({ dModel: 64, warmupSteps: 16 })(0);
    return assertClose(eta0, 1 / 512, {
      where: "transformerSchedule({ dModel: 64, warmupSteps: 16 })(0)",
      mistakes: [
        {
          name: "Transformer step counted from 0",
          explanation:
            "the paper's step starts at 1: use s = t + 1 (with s = 0, min(0^−0.5, 0) = 0)",
          values: 0,
        },
        {
          name: "max instead of min in the Transformer schedule",
          explanation:
            "the rate is the smaller of the rise s·w^−1.5 and the decay s^−0.5: use Math.min",
          values: 1 / 8,
        },
        {
          name: "Transformer rise written as s/warmupSteps",
          explanation:
            "the rise is s·warmupSteps^−1.5, not a linear warm-up s/warmupSteps: only with the −1.5 power do the two curves meet at s = warmupSteps",
          values: 1 / 128,
        },
      ],
    });
  },
  numbers,
);

test("transformerSchedule() peaks at t = warmupSteps − 1 at dModel^−0.5 · warmupSteps^−0.5", () => {
  const schedule = transformerSchedule({ dModel: 64, warmupSteps: 16 });
  const values = valuesAt(schedule, range(200));
  const peakAt = values.indexOf(Math.max(...values));
  const likely = peakAt === 16
    ? " Likely mistake — Transformer step counted from 0: with s = t the peak moves to t = warmupSteps; use s = t + 1."
    : peakAt === 0 || peakAt === 199
    ? " Likely mistake — max instead of min in the Transformer schedule: the rate follows the smaller curve."
    : "";
  check(
    peakAt === 15,
    `transformerSchedule({ dModel: 64, warmupSteps: 16 }) over t = 0…199: expected the peak at ` +
      `t = 15 (s = t + 1 = warmupSteps), got it at t = ${peakAt} (η = ${values[peakAt]}).${likely}`,
  );
  // At s = 16 both curves meet: 16^−0.5 = 16·16^−1.5 = 1/4, times 1/8 → 1/32.
  return assertClose(values[15], 1 / 32, { where: "transformerSchedule() at t = 15 (s = 16)" });
}, numbers);

test("transformerSchedule() rises strictly before its peak and falls strictly after it", () => {
  const values = valuesAt(transformerSchedule({ dModel: 64, warmupSteps: 16 }), range(100));
  for (let t = 1; t < values.length; t++) {
    const rising = t <= 15;
    const ok = rising ? values[t] > values[t - 1] : values[t] < values[t - 1];
    check(
      ok,
      `transformerSchedule({ dModel: 64, warmupSteps: 16 }): expected η to ${
        rising ? "rise" : "fall"
      } from ` +
        `t = ${t - 1} to t = ${t}, got ${values[t - 1]} then ${
          values[t]
        }. It rises as s·warmupSteps^−1.5 ` +
        `up to s = warmupSteps and falls as s^−0.5 after (s = t + 1); the min of the two curves does both.`,
    );
  }
}, numbers);

test(
  "transformerSchedule() matches the paper for dModel 512, warmupSteps 4000, and multiplies by scale",
  () => {
    const schedule = transformerSchedule({ dModel: 512, warmupSteps: 4000 });
    const doubled = transformerSchedule({ dModel: 512, warmupSteps: 4000, scale: 2 });
    // Peak at s = 4000: (512·4000)^−0.5 = 2048000^−0.5 ≈ 6.98771e-4 (the paper's
    // well-known ~7e-4). Four times later, s = 16000: half of it, the 1/sqrt(s) decay.
    // At s = 1: 512^−0.5·4000^−1.5 ≈ 1.74693e-7, and scale 2 doubles every value.
    const peak = 1 / Math.sqrt(2048000);
    return assertAllClose(
      [schedule(3999), schedule(15999), schedule(0), doubled(0), doubled(3999)],
      [peak, peak / 2, peak / 4000, (2 * peak) / 4000, 2 * peak],
      {
        where:
          "transformerSchedule({ dModel: 512, warmupSteps: 4000 }) at t = 3999, 15999, 0, then scale 2 at t = 0, 3999",
        mistakes: [{
          name: "Transformer step counted from 0",
          explanation: "use s = t + 1: the paper counts steps from 1",
          values: [
            3999 / 4000 * peak,
            peak / Math.sqrt(15999 / 16000) / 2,
            0,
            0,
            2 * 3999 / 4000 * peak,
          ],
        }, {
          name: "scale ignored",
          explanation: "multiply the whole schedule by scale (1 unless given)",
          values: [peak, peak / 2, peak / 4000, peak / 4000, peak],
        }],
        hint: "scale · dModel^−0.5 · min(s^−0.5, s · warmupSteps^−1.5) with s = t + 1",
      },
    );
  },
  numbers,
);

test(
  "transformerSchedule() refuses dModel or warmupSteps below 1 and a negative scale",
  async () => {
    const prefix = "Cannot create transformerSchedule:";
    await refuses(
      () => transformerSchedule({ dModel: 0, warmupSteps: 16 }),
      "transformerSchedule() with dModel 0",
      prefix,
      ["dModel 0"],
    );
    await refuses(
      () => transformerSchedule({ dModel: 64, warmupSteps: 0 }),
      "transformerSchedule() with warmupSteps 0",
      prefix,
      ["warmupSteps 0"],
    );
    await refuses(
      () => transformerSchedule({ dModel: 64, warmupSteps: 16, scale: -1 }),
      "transformerSchedule() with scale -1",
      prefix,
      ["scale -1"],
    );
    const schedule = transformerSchedule({ dModel: 64, warmupSteps: 16 });
    await refuses(
      () => schedule(-1),
      "transformerSchedule(...)(-1)",
      "Cannot compute transformerSchedule(t):",
      ["-1"],
      "update index not checked: s = t + 1 = 0 would divide by zero",
    );
  },
  numbers,
);

// ---------------------------------------------------------------------------
// warmupCosine with peak 1, floor 0.2, warmupSteps 4, totalSteps 12: warm-up
// 0.25, 0.5, 0.75, 1 (t = 0…3), then 0.2 + 0.8·½(1 + cos(π·(t − 4)/8)) for
// t = 4…11, then 0.2. Worked by hand: t = 4 → 1; t = 6 → 0.6 + 0.4·cos(π/4) =
// 0.6 + 0.2√2; t = 8 → 0.6; t = 10 → 0.6 − 0.2√2; t = 11 → 0.6 − 0.4·cos(π/8).

const cosineOptions = { peak: 1, warmupSteps: 4, totalSteps: 12, floor: 0.2 };
const cosineWhere = "warmupCosine({ peak: 1, warmupSteps: 4, totalSteps: 12, floor: 0.2 })";
/** The cosine phase as a learner might get it wrong: over `length` updates, between `top` and `bottom`. */
const cosineAt = (t: number, length: number, bottom = 0.2) =>
  bottom + (1 - bottom) * 0.5 * (1 + Math.cos((Math.PI * (t - 4)) / length));

test("warmupCosine() warms up exactly like linearWarmup() for t < warmupSteps", () => {
  return assertAllClose(valuesAt(warmupCosine(cosineOptions), [0, 1, 2, 3]), [0.25, 0.5, 0.75, 1], {
    where: `${cosineWhere} at t = 0…3`,
    mistakes: [{
      name: HUGGINGFACE,
      explanation: HUGGINGFACE_WHY,
      values: [0, 0.25, 0.5, 0.75],
    }],
  });
}, numbers);

test(
  "warmupCosine() starts its cosine at the peak at t = warmupSteps and is halfway down mid-decay",
  () => {
    const ts = [4, 6, 8, 10];
    const r = 0.2 * Math.SQRT2;
    return assertAllClose(valuesAt(warmupCosine(cosineOptions), ts), [1, 0.6 + r, 0.6, 0.6 - r], {
      where: `${cosineWhere} at t = 4, 6, 8, 10`,
      mistakes: [
        {
          name: "cosine decaying over totalSteps instead of totalSteps − warmupSteps",
          explanation:
            "the cosine phase lasts totalSteps − warmupSteps updates: divide (t − warmupSteps) by that",
          values: ts.map((t) => cosineAt(t, 12)),
        },
        {
          name: "the floor ignored",
          explanation: "decay from peak to floor: floor + (peak − floor)·½(1 + cos(π·progress))",
          values: ts.map((t) => cosineAt(t, 8, 0)),
        },
        {
          name: "a full cosine instead of half",
          explanation:
            "half a cosine, cos(π·progress), runs from 1 to −1 once; cos(2π·progress) comes back up to the peak",
          values: ts.map((t) => 0.2 + 0.8 * 0.5 * (1 + Math.cos((2 * Math.PI * (t - 4)) / 8))),
        },
        {
          name: "cosine phase counted from t + 1",
          explanation:
            "the cosine starts at the peak on update t = warmupSteps: progress = (t − warmupSteps)/(totalSteps − warmupSteps), 0 there",
          values: ts.map((t) => cosineAt(t + 1, 8)),
        },
      ],
      hint: "floor + (peak − floor)·½(1 + cos(π·(t − warmupSteps)/(totalSteps − warmupSteps)))",
    });
  },
  numbers,
);

test("warmupCosine() reaches the floor at totalSteps and stays there", () => {
  const ts = [11, 12, 13, 20, 100];
  const expected = [0.6 - 0.4 * Math.cos(Math.PI / 8), 0.2, 0.2, 0.2, 0.2];
  return assertAllClose(valuesAt(warmupCosine(cosineOptions), ts), expected, {
    where: `${cosineWhere} at t = 11, 12, 13, 20, 100`,
    mistakes: [
      {
        name: "cosine not clamped at totalSteps",
        explanation: "from t = totalSteps on return floor; the cosine would climb back up",
        values: ts.map((t) => cosineAt(t, 8)),
      },
      {
        name: "the floor ignored",
        explanation: "decay to floor, not to 0, and hold floor after totalSteps",
        values: [cosineAt(11, 8, 0), 0.2, 0.2, 0.2, 0.2],
      },
      {
        name: "cosine decaying over totalSteps instead of totalSteps − warmupSteps",
        explanation:
          "the cosine phase lasts totalSteps − warmupSteps updates, so it reaches floor exactly at totalSteps",
        values: [cosineAt(11, 12), 0.2, 0.2, 0.2, 0.2],
      },
    ],
  });
}, numbers);

test("warmupCosine() without a floor decays to 0", () => {
  // floor defaults to 0: peak 1, warmupSteps 4, totalSteps 12 → t = 8 is halfway, ½;
  // t = 12 and later, 0.
  const ts = [4, 8, 12, 20];
  let values: number[] = [];
  let error: unknown;
  try {
    values = valuesAt(warmupCosine({ peak: 1, warmupSteps: 4, totalSteps: 12 }), ts);
  } catch (e) {
    error = e;
  }
  if (error instanceof NotImplementedError) throw error;
  check(
    error === undefined,
    `warmupCosine({ peak: 1, warmupSteps: 4, totalSteps: 12 }): expected it to work without a floor, got ${
      String(error)
    }. Likely mistake — floor without its default 0: destructure it as { floor = 0 }.`,
  );
  return assertAllClose(values, [1, 0.5, 0, 0], {
    where: "warmupCosine({ peak: 1, warmupSteps: 4, totalSteps: 12 }) at t = 4, 8, 12, 20",
  });
}, numbers);

test("warmupCosine() never rises after the warm-up and never drops below the floor", () => {
  const values = valuesAt(warmupCosine(cosineOptions), range(40));
  for (let t = 5; t < values.length; t++) {
    if (values[t] <= values[t - 1] + 1e-15 && values[t] >= 0.2 - 1e-15) continue;
    // Name a mistake only where the values say which one it is.
    const earlierFine = values.slice(4, 12).every((v, i) =>
      Math.abs(v - cosineAt(i + 4, 8)) < 1e-9
    );
    const likely = t > 12 && earlierFine && values[t] > values[t - 1]
      ? " Likely mistake — cosine not clamped at totalSteps: past totalSteps the cosine climbs back; return floor there."
      : values[t] < 0.2 && Math.abs(values[t] - cosineAt(t, 8, 0)) < 1e-9
      ? " Likely mistake — the floor ignored: decay to floor, not to 0."
      : "";
    check(
      false,
      `${cosineWhere}: expected η to stay between floor 0.2 and its previous value after the warm-up, ` +
        `got η^${t - 1} = ${values[t - 1]} then η^${t} = ${values[t]}.${likely}`,
    );
  }
}, numbers);

test("warmupCosine() refuses totalSteps ≤ warmupSteps and a floor above the peak", async () => {
  const prefix = "Cannot create warmupCosine:";
  await refuses(
    () => warmupCosine({ peak: 1, warmupSteps: 4, totalSteps: 4 }),
    "warmupCosine() with totalSteps 4 = warmupSteps 4",
    prefix,
    ["totalSteps 4", "warmupSteps 4"],
    "totalSteps equal to warmupSteps accepted: totalSteps − warmupSteps = 0 would divide by zero; refuse totalSteps ≤ warmupSteps",
  );
  await refuses(
    () => warmupCosine({ peak: 0.1, warmupSteps: 4, totalSteps: 12, floor: 0.5 }),
    "warmupCosine() with floor 0.5 above peak 0.1",
    prefix,
    ["floor 0.5", "peak 0.1"],
    "floor above the peak not refused: a floor above the peak makes the decay climb (swapped arguments?)",
  );
  await refuses(
    () => warmupCosine({ peak: 0.1, warmupSteps: 0, totalSteps: 12 }),
    "warmupCosine() with warmupSteps 0",
    "Cannot create",
    ["warmupSteps 0"],
  );
}, numbers);

// ---------------------------------------------------------------------------
// stepSwitch: the ResNet recipe.

test(
  "stepSwitch() follows the ResNet recipe: 0.01 for updates 0…399, 0.1 from update 400 on",
  () => {
    const schedule = stepSwitch({ warmupLr: 0.01, lr: 0.1, switchAt: 400 });
    const ts = [0, 398, 399, 400, 401, 10000];
    return assertAllClose(valuesAt(schedule, ts), [0.01, 0.01, 0.01, 0.1, 0.1, 0.1], {
      where:
        "stepSwitch({ warmupLr: 0.01, lr: 0.1, switchAt: 400 }) at t = 0, 398, 399, 400, 401, 10000",
      mistakes: [
        {
          name: "the switch applied one step early",
          explanation: "updates 0 … switchAt − 1 use warmupLr: the test is t < switchAt",
          values: [0.01, 0.01, 0.1, 0.1, 0.1, 0.1],
        },
        {
          name: "the switch applied one step late",
          explanation:
            "update switchAt is the first to use lr: the test is t < switchAt, not t ≤ switchAt",
          values: [0.01, 0.01, 0.01, 0.01, 0.1, 0.1],
        },
      ],
    });
  },
  numbers,
);

test(
  "stepSwitch() with switchAt 0 uses lr from the start, and refuses a negative switchAt or rate",
  async () => {
    let atZero: number | undefined;
    let error: unknown;
    try {
      atZero = stepSwitch({ warmupLr: 0.01, lr: 0.1, switchAt: 0 })(0);
    } catch (e) {
      error = e;
    }
    if (error instanceof NotImplementedError) throw error;
    check(
      error === undefined,
      `stepSwitch({ warmupLr: 0.01, lr: 0.1, switchAt: 0 }): expected it to be accepted, got ${
        String(error)
      }. Likely mistake — switchAt = 0 refused: 0 warm-up updates is a legal choice (no warm-up); ` +
        "requireCount(…, 0) allows it.",
    );
    check(
      atZero === 0.1,
      `stepSwitch({ warmupLr: 0.01, lr: 0.1, switchAt: 0 })(0): expected 0.1 (no warm-up updates at all), ` +
        `got ${atZero}.` +
        (atZero === 0.01
          ? " Likely mistake — the switch applied one step late: use t < switchAt."
          : ""),
    );
    const prefix = "Cannot create stepSwitch:";
    await refuses(
      () => stepSwitch({ warmupLr: 0.01, lr: 0.1, switchAt: -1 }),
      "stepSwitch() with switchAt -1",
      prefix,
      ["switchAt -1"],
    );
    await refuses(
      () => stepSwitch({ warmupLr: -0.01, lr: 0.1, switchAt: 400 }),
      "stepSwitch() with warmupLr -0.01",
      prefix,
      ["warmupLr -0.01"],
    );
    await refuses(
      () => stepSwitch({ warmupLr: 0.01, lr: Infinity, switchAt: 400 }),
      "stepSwitch() with lr Infinity",
      prefix,
      ["lr Infinity"],
    );
  },
  numbers,
);

test("every schedule is a pure function of t: asking out of order gives the same values", () => {
  const makers: [string, () => Schedule][] = [
    ["linearWarmup", () => linearWarmup({ peak: 0.8, warmupSteps: 4 })],
    ["transformerSchedule", () => transformerSchedule({ dModel: 64, warmupSteps: 16 })],
    ["warmupCosine", () => warmupCosine(cosineOptions)],
    ["stepSwitch", () => stepSwitch({ warmupLr: 0.01, lr: 0.1, switchAt: 5 })],
  ];
  const ts = [0, 1, 2, 3, 4, 5, 6, 7, 8, 20];
  for (const [name, make] of makers) {
    const inOrder = valuesAt(make(), ts);
    const backwards = valuesAt(make(), [...ts].reverse()).reverse();
    const reused = make();
    valuesAt(reused, ts);
    const again = valuesAt(reused, ts);
    check(
      inOrder.every((v, i) => v === backwards[i] && v === again[i]),
      `${name}(): expected the same η^t however often and in whatever order t is asked, got ` +
        `[${inOrder.join(", ")}] in order, [${backwards.join(", ")}] backwards and ` +
        `[${
          again.join(", ")
        }] on a second pass. Likely mistake — the schedule keeps its own counter: ` +
        "compute η from the t it is given, nothing else (the optimizer passes t).",
    );
  }
}, numbers);

// ---------------------------------------------------------------------------
// The lecture's argument, with your adam() from kata 05.
//
// L(θ) = ½(θ₁ − 3)² + 200·θ₂²: a broad direction θ₁ that has 3 units to travel
// (so it wants a large η, here 0.1) and a narrow valley θ₂ (curvature 400) in
// whose bottom we almost start: θ⁰ = [0, 0.001]. L(θ⁰) = 4.5 + 0.0002 = 4.5002.
//
// On its first update Adam knows one gradient, so σ = sqrt(v̂) = |g⁰| and the
// step is η·g⁰/|g⁰| = η·sign(g⁰), whatever the size of g⁰. In θ₂ the gradient is
// 400·0.001 = 0.4 and the bottom is 0.001 away, but the step is η = 0.1:
// θ¹ = [0.1, −0.099], 99 times farther from the bottom than θ⁰, and
// L(θ¹) = ½·2.9² + 200·0.099² = 4.205 + 1.9602 = 6.1652 — the loss jumps up 37%.
//
// With linearWarmup({ peak: 0.1, warmupSteps: 10 }) the first step is
// η⁰ = 0.01: θ¹ = [0.01, −0.009], L(θ¹) = ½·2.99² + 200·0.009² = 4.47005 +
// 0.0162 = 4.48625. By the time η reaches 0.1, v̂ has averaged ten gradients
// of θ₂'s valley and the steps there have shrunk: measured over 100 updates
// (float32), the warmed run's highest loss is that 4.48625 at t = 1, below
// L(θ⁰); both runs end below 0.01 (≈ 1.4e-4 warmed, ≈ 2.3e-4 unwarmed).

test(
  "adam() with linearWarmup() never rises above L(θ⁰), where constant-η Adam overshoots",
  async () => {
    const warm = linearWarmup({ peak: 0.1, warmupSteps: 10 });
    const target = tensor([3, 0]);
    const curvature = tensor([1, 400]);
    const gradient = (theta: Tensor) => theta.sub(target).mul(curvature);
    const theta0 = tensor([0, 0.001]);
    const steps = 100;
    // Losses of the whole trajectory in one read-back: ½ Σ_i c_i (θ_i − θ*_i)².
    const lossesOf = async (path: Tensor[]) =>
      Array.from(await stack(path).sub(target).square().mul(curvature).sum(1).mul(0.5).data());

    const warmedPath = runOptimizer(gradient, theta0, adam({ learningRate: warm }), steps);
    const unwarmedPath = runOptimizer(
      gradient,
      theta0,
      adam({ learningRate: constant(0.1) }),
      steps,
    );

    // Step 1 of Adam is η⁰·sign(g⁰), so θ¹ shows the η⁰ your schedule handed to adam().
    await assertAllClose(warmedPath[1], [0.01, -0.009], {
      where:
        "θ¹ of adam({ learningRate: linearWarmup({ peak: 0.1, warmupSteps: 10 }) }) from θ⁰ = [0, 0.001]",
      mistakes: [{
        name: HUGGINGFACE,
        explanation: HUGGINGFACE_WHY,
        values: [0, 0.001],
      }],
      hint:
        "Adam's first step is η⁰·sign(g⁰) = 0.01·[−1, +1]; if this fails with a correct schedule, " +
        "check your kata 05 adam()",
    });

    // Name "not capped" only when your schedule's own values show it.
    const uncapped = valuesAt(warm, range(steps)).slice(10).some((eta) => eta > 0.1 + 1e-12)
      ? " Likely mistake — warm-up not capped at the peak: from t = warmupSteps on, return peak."
      : "";
    const warmed = await lossesOf(warmedPath);
    const unwarmed = await lossesOf(unwarmedPath);
    const start = warmed[0];
    const unwarmedPeak = Math.max(...unwarmed.slice(1, 21));
    const warmedPeak = Math.max(...warmed.slice(1));
    const warmedPeakAt = warmed.indexOf(warmedPeak);

    check(
      unwarmedPeak > 6 && unwarmed[1] > start,
      `constant-η Adam (η = 0.1): expected the loss to jump from L(θ⁰) = ${start} to about 6.1652 on step 1 ` +
        `(the step is η·sign(g) whatever |g| is), got L(θ¹) = ${
          unwarmed[1]
        }, early peak ${unwarmedPeak}. ` +
        "This run uses only the worked example constant() and your kata 05 adam(): check adam()'s first step.",
    );
    check(
      warmedPeak < start,
      `adam() with linearWarmup({ peak: 0.1, warmupSteps: 10 }): expected the loss never to rise above ` +
        `L(θ⁰) = ${start} in ${steps} updates (the unwarmed run peaks at ${unwarmedPeak}), got ${warmedPeak} ` +
        `at t = ${warmedPeakAt}. The first updates must be small: η^t = 0.01·(t + 1) for t < 10, then 0.1.` +
        uncapped,
    );
    for (const [name, losses] of [["warmed", warmed], ["unwarmed", unwarmed]] as const) {
      check(
        losses[steps] < 0.01,
        `adam(), ${name} run: expected the loss below 0.01 after ${steps} updates (warm-up costs little ` +
          `in the long run), got ${losses[steps]}.${name === "warmed" ? uncapped : ""}`,
      );
    }
  },
  { needs: kata05 },
);

// ---------------------------------------------------------------------------
// The lecture's Adagrad "explosion", with your adagrad() from kata 05.
//
// L(θ) = ½·0.001·(θ₁ − 100)² + ½·100·(θ₂ − 0.02·θ₁)²: a long, gently sloping valley
// whose floor θ₂ = 0.02·θ₁ rises as θ₁ travels, between walls of curvature 100. From
// θ⁰ = [0, 0], on the floor, θ₁ has 100 units to go, so the floor keeps moving under θ₂:
// θ₂'s gradients stay small but never quite 0.
//
// The lecture's Adagrad divides by σ₂^t = sqrt(mean of (g₂^k)²). On the floor the recent
// (g₂^t)² are tiny, so the mean keeps falling — roughly as 1/(t + 1) — and the step
// η·g₂/σ₂ in θ₂, the steep direction, grows until it throws θ₂ up the wall. The big
// gradients there raise σ₂ again, θ₂ settles, and it starts over. Measured (float32 and
// float64 agree): the wall term ½·100·(θ₂ − 0.02θ₁)² falls to 2.4e-3 by t = 10, then bursts
// up to 0.43 after t = 60 and is still 0.36 in the last 20 updates. A sum (PyTorch's form)
// could not shrink σ this way: it only grows.
//
// η^t = 0.1/√(t + 1) — the same updates as PyTorch's sum form, kata 05 shows — keeps the
// wall term below 7e-6 from t = 20 on. Your warmupCosine({ peak: 0.1, warmupSteps: 10,
// totalSteps: 200 }) still bounces while η is large (up to 0.25), but as η decays it
// settles: below 1e-5 over the last 20 updates.

test(
  "constant-η Adagrad bursts up the valley's wall once σ has shrunk; a decaying η settles",
  async () => {
    const target = tensor([100, 0]);
    const gradient = (theta: Tensor) => {
      const wall = theta.mul(tensor([-0.02, 1])).sum().mul(100); // 100·(θ₂ − 0.02θ₁)
      return theta.sub(target).mul(tensor([0.001, 0])).add(tensor([-0.02, 1]).mul(wall));
    };
    const steps = 200;
    /** The wall term ½·100·(θ₂ − 0.02θ₁)² at every θ^t of a run, in one read-back. */
    const wallOf = async (learningRate: number | Schedule) => {
      const path = runOptimizer(
        gradient,
        tensor([0, 0]),
        adagrad({ learningRate }) as Optimizer<unknown>,
        steps,
      );
      return Array.from(await stack(path).mul(tensor([-0.02, 1])).sum(1).square().mul(50).data());
    };
    const fmt = (x: number) => x.toExponential(2);

    const constantRun = await wallOf(constant(0.1));
    const quiet = Math.min(...constantRun.slice(10, 60));
    const burst = Math.max(...constantRun.slice(60));
    const late = Math.max(...constantRun.slice(steps - 20));
    check(
      quiet < 0.01 && burst > 0.1 && late > 0.05,
      `adagrad({ learningRate: constant(0.1) }) on the valley: expected the wall term to go quiet ` +
        `(below 0.01 somewhere in t = 10…59), then burst (above 0.1 after t = 60) and still burst late ` +
        `(above 0.05 in the last 20 updates); got quiet ${fmt(quiet)}, burst ${fmt(burst)}, late ${
          fmt(late)
        }. This run uses only the worked example constant() and your kata 05 adagrad(): check that ` +
        "σ is the root MEAN square, sqrt(Σ_k (g^k)²/(t + 1)) — a sum only grows and cannot shrink σ.",
    );

    const decayed = await wallOf((t: number) => 0.1 / Math.sqrt(t + 1));
    const decayedMax = Math.max(...decayed.slice(20));
    check(
      decayedMax < 1e-4,
      `adagrad({ learningRate: (t) => 0.1/√(t + 1) }) on the valley: expected the wall term below 1e-4 ` +
        `from t = 20 on, got up to ${fmt(decayedMax)}. This run uses only your kata 05 adagrad().`,
    );

    const cosine = await wallOf(warmupCosine({ peak: 0.1, warmupSteps: 10, totalSteps: steps }));
    const cosineLate = Math.max(...cosine.slice(steps - 20));
    check(
      cosineLate < 1e-4,
      `adagrad({ learningRate: warmupCosine({ peak: 0.1, warmupSteps: 10, totalSteps: ${steps} }) }): ` +
        `expected the wall term below 1e-4 over the last 20 updates, as η decays towards 0, got up to ${
          fmt(cosineLate)
        }.`,
    );
  },
  { needs: kata05 },
);
