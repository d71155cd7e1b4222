// Kata 09 suite — the lecture's flowchart: from reports worked by hand (each verdict,
// then the order of the questions, then the details that tell the verdicts apart), its
// refusals, and last the experiments on real data that produce such reports.
// Run: deno test katas/09_diagnosis
import { NotImplementedError, type Optimizer, tensor, ValueError } from "../../lib/mod.ts";
import { assertRefuses, check, defineKata, prerequisite } from "../../lib/testing/mod.ts";
import { adam } from "../05_adam/adam.ts";
import {
  diagnose,
  type DiagnoseOptions,
  type Diagnosis,
  type LossReport,
  type Verdict,
} from "./diagnosis.ts";
import {
  carSplits,
  DEPTH_RUNS,
  fitMpg,
  mse,
  penguins,
  THRESHOLDS,
  trainPenguins,
} from "./experiments.ts";

const test = defineKata(9);
const PLAIN = { tensors: false } as const;

const NO_WITNESS = "(none)";

/** A wrong verdict a slip produces, and what to do about it. */
interface VerdictMistake {
  name: string;
  verdict: Verdict;
  comparedWith?: string;
  explanation: string;
}

/** Calls diagnose() and checks the verdict (and the witness), naming a known slip. */
function expectVerdict(
  report: LossReport,
  options: DiagnoseOptions,
  expected: { verdict: Verdict; comparedWith?: string },
  why: string,
  mistakes: VerdictMistake[] = [],
): Diagnosis {
  const call = `diagnose(${JSON.stringify(report)}, ${JSON.stringify(options)})`;
  const result = diagnose(report, options);
  // comparedWith: undefined means "any", NO_WITNESS means "none given".
  const same = (v: Verdict, c?: string) =>
    result.verdict === v && (c === undefined || (result.comparedWith ?? NO_WITNESS) === c);
  if (same(expected.verdict, expected.comparedWith)) return result;
  const lines = [
    `${call}:`,
    `  expected "${expected.verdict}"${
      expected.comparedWith ? ` (compared with "${expected.comparedWith}")` : ""
    }, got "${result.verdict}"${
      result.comparedWith ? ` (compared with "${result.comparedWith}")` : ""
    }`,
    `  why: ${why}`,
  ];
  const slip = mistakes.find((m) => same(m.verdict, m.comparedWith));
  if (slip) lines.push(`Likely mistake — ${slip.name}: ${slip.explanation}`);
  check(false, lines.join("\n"));
  return result;
}

const OPTIONS: DiagnoseOptions = { largeLoss: 0.3, gap: 0.1 };

// ── one verdict each ─────────────────────────────────────────────────────────────────

test('diagnose() says "ok" when training, validation and test losses are small and close', () => {
  expectVerdict(
    { models: ["mlp"], train: [0.1], validation: [0.15], test: [0.18] },
    OPTIONS,
    { verdict: "ok" },
    "0.1 ≤ 0.3 fits; validation 0.15 − 0.1 = 0.05 ≤ 0.1; test 0.18 − 0.15 = 0.03 ≤ 0.1",
  );
}, PLAIN);

test(
  'diagnose() says "model-bias" when the most flexible model has a large training loss and no shallower one does better',
  () => {
    expectVerdict(
      { models: ["linear", "mlp"], train: [1.0, 0.7], validation: [1.05, 0.75] },
      OPTIONS,
      { verdict: "model-bias" },
      "mlp's 0.7 > 0.3 is large, and the shallower linear model does worse (1.0): too simple",
      [{
        name: "optimization and model bias swapped",
        verdict: "optimization",
        explanation:
          "optimization is to blame when the DEEPER model's training loss is the higher one: train[deep] − train[shallow] > gap",
      }],
    );
  },
  PLAIN,
);

test(
  'diagnose() says "optimization" when a deeper model has a higher training loss than a shallower one',
  () => {
    expectVerdict(
      { models: ["shallow", "deep"], train: [0.1, 0.9], validation: [0.15, 0.95] },
      OPTIONS,
      { verdict: "optimization", comparedWith: "shallow" },
      "deep's 0.9 is large, and shallow reaches 0.1: the deep net contains the shallow one, so it failed to optimize",
      [{
        name: "witness not reported",
        verdict: "optimization",
        comparedWith: NO_WITNESS,
        explanation: "say which shallower model fits better: set comparedWith to its name",
      }, {
        name: "optimization and model bias swapped",
        verdict: "model-bias",
        explanation:
          "a shallower model that fits BETTER shows the deeper one could have: that is optimization, not model bias",
      }],
    );
  },
  PLAIN,
);

test(
  'diagnose() says "overfitting" when the validation loss is far above a small training loss',
  () => {
    expectVerdict(
      { models: ["mlp"], train: [0.05], validation: [0.6] },
      OPTIONS,
      { verdict: "overfitting" },
      "0.05 fits; validation − training = 0.55 > 0.1",
      [{
        name: "gap measured as training minus validation",
        verdict: "ok",
        explanation: "overfitting means validation ABOVE training: validation − train > gap",
      }],
    );
  },
  PLAIN,
);

test('diagnose() says "mismatch" when the test loss is far above a good validation loss', () => {
  expectVerdict(
    { models: ["mlp"], train: [0.1], validation: [0.15], test: [0.9] },
    OPTIONS,
    { verdict: "mismatch" },
    "0.1 fits, validation 0.15 is close; test − validation = 0.75 > 0.1: the test data differ",
  );
}, PLAIN);

// ── the order of the questions ───────────────────────────────────────────────────────

test(
  "diagnose() asks about the training loss first: a model that cannot fit its training data is not overfitting",
  () => {
    expectVerdict(
      { models: ["mlp"], train: [0.9], validation: [1.5] },
      OPTIONS,
      { verdict: "model-bias" },
      "training 0.9 > 0.3 is large: the validation loss cannot be judged before the model fits",
      [{
        name: "validation loss checked before training loss",
        verdict: "overfitting",
        explanation:
          "the flowchart asks first whether the TRAINING loss is large; overfitting needs a small training loss",
      }],
    );
  },
  PLAIN,
);

test('diagnose() calls it "overfitting", not "mismatch", when validation is already bad', () => {
  const plain = diagnose({ models: ["mlp"], train: [0.05], validation: [0.5] }, OPTIONS).verdict;
  check(
    plain === "overfitting",
    `diagnose() of train 0.05, validation 0.5 (no test losses) gave "${plain}", not "overfitting": ` +
      'make the case "diagnose() says overfitting …" pass first',
  );
  expectVerdict(
    { models: ["mlp"], train: [0.05], validation: [0.5], test: [0.9] },
    OPTIONS,
    { verdict: "overfitting" },
    "validation − training = 0.45 > 0.1 already; mismatch is only for a model that does well on validation",
    [{
      name: "mismatch checked before overfitting",
      verdict: "mismatch",
      explanation: "ask about validation before test: mismatch means validation fine, test bad",
    }],
  );
}, PLAIN);

test("diagnose() diagnoses the last, most flexible model of the report", () => {
  const result = expectVerdict(
    {
      models: ["constant", "linear", "mlp"],
      train: [0.9, 0.4, 0.05],
      validation: [0.9, 0.42, 0.08],
    },
    OPTIONS,
    { verdict: "ok" },
    "the mlp fits (0.05) and generalizes (0.08); the constant model is only there for comparison",
    [{
      name: "first model diagnosed instead of the last",
      verdict: "model-bias",
      explanation: "the report is ordered by capacity: the model to diagnose is the LAST one",
    }],
  );
  check(result.model === "mlp", `diagnose(): expected model "mlp", got "${result.model}"`);
}, PLAIN);

// ── details that tell the verdicts apart ─────────────────────────────────────────────

test(
  "diagnose() compares TRAINING losses to tell optimization from model bias, not validation losses",
  () => {
    expectVerdict(
      { models: ["shallow", "deep"], train: [0.65, 0.62], validation: [0.7, 1.2] },
      { largeLoss: 0.5, gap: 0.1 },
      { verdict: "model-bias" },
      "deep's training loss 0.62 is lower than shallow's 0.65: deep fits as well; its validation loss 1.2 does not matter here",
      [{
        name: "validation losses compared instead of training losses",
        verdict: "optimization",
        explanation:
          "optimization is about fitting the training data: compare the TRAINING losses of the shallow and deep models",
      }],
    );
  },
  PLAIN,
);

test(
  "diagnose() compares with every shallower model, and names the best one (the first on ties)",
  () => {
    expectVerdict(
      {
        models: ["small", "medium", "large"],
        train: [0.1, 0.5, 0.9],
        validation: [0.12, 0.55, 0.95],
      },
      OPTIONS,
      { verdict: "optimization", comparedWith: "small" },
      "large's 0.9 is higher than medium's 0.5, and higher still than small's 0.1: the best shallower model is the witness",
      [{
        name: "only the previous model compared",
        verdict: "optimization",
        comparedWith: "medium",
        explanation:
          "compare with EVERY shallower model: any of them fitting better shows an optimization failure",
      }],
    );
    expectVerdict(
      { models: ["first", "best", "last"], train: [0.5, 0.1, 0.9], validation: [0.5, 0.1, 0.9] },
      OPTIONS,
      { verdict: "optimization", comparedWith: "best" },
      "best's 0.1 is the lowest shallower training loss, lower than first's 0.5: it is the witness",
      [{
        name: "only the first model compared",
        verdict: "optimization",
        comparedWith: "first",
        explanation:
          "compare with EVERY shallower model, and take the one with the lowest training loss as the witness",
      }],
    );
    expectVerdict(
      { models: ["a", "b", "c"], train: [0.1, 0.1, 0.9], validation: [0.1, 0.1, 0.9] },
      OPTIONS,
      { verdict: "optimization", comparedWith: "a" },
      "a and b tie at 0.1: the witness is the first of them",
      [{
        name: "ties broken toward the last",
        verdict: "optimization",
        comparedWith: "b",
        explanation:
          "keep the first shallower model on ties: replace the best only on a strictly lower training loss",
      }],
    );
  },
  PLAIN,
);

test(
  "diagnose() needs a deeper model to be worse by more than the gap before it blames optimization",
  () => {
    expectVerdict(
      { models: ["shallow", "deep"], train: [0.5, 0.52], validation: [0.55, 0.56] },
      { largeLoss: 0.3, gap: 0.05 },
      { verdict: "model-bias" },
      "0.52 − 0.5 = 0.02 ≤ 0.05 is noise, not a failure to optimize",
      [{
        name: "gap ignored in the optimization comparison",
        verdict: "optimization",
        explanation: "a deeper model counts as worse only when train[deep] − train[shallow] > gap",
      }],
    );
  },
  PLAIN,
);

test(
  "diagnose() compares strictly: a training loss of exactly largeLoss, or a difference of exactly gap, is fine",
  () => {
    // 0.5 and 0.25 are exact in binary, so these differences are exactly the gap.
    const exact: DiagnoseOptions = { largeLoss: 0.5, gap: 0.25 };
    expectVerdict(
      { models: ["mlp"], train: [0.5], validation: [0.5] },
      exact,
      { verdict: "ok" },
      "train 0.5 is not > largeLoss 0.5",
      [{
        name: "≥ instead of > at largeLoss",
        verdict: "model-bias",
        explanation:
          "a training loss is large only when train > largeLoss; exactly largeLoss still fits",
      }],
    );
    expectVerdict(
      { models: ["mlp"], train: [0.25], validation: [0.5] },
      exact,
      { verdict: "ok" },
      "validation − train = 0.5 − 0.25 = 0.25 is not > gap 0.25",
      [{
        name: "≥ instead of > for overfitting",
        verdict: "overfitting",
        explanation:
          "overfitting needs validation − train > gap; a difference of exactly gap is still noise",
      }],
    );
    expectVerdict(
      { models: ["mlp"], train: [0.25], validation: [0.25], test: [0.5] },
      exact,
      { verdict: "ok" },
      "test − validation = 0.5 − 0.25 = 0.25 is not > gap 0.25",
      [{
        name: "≥ instead of > for mismatch",
        verdict: "mismatch",
        explanation:
          "mismatch needs test − validation > gap; a difference of exactly gap is still noise",
      }],
    );
    // "≥" only when the gap is heeded at all: 0.6 − 0.5 = 0.1, well inside the gap, is noise.
    const inside = diagnose(
      { models: ["shallow", "deep"], train: [0.5, 0.6], validation: [0.5, 0.6] },
      exact,
    );
    expectVerdict(
      { models: ["shallow", "deep"], train: [0.5, 0.75], validation: [0.5, 0.75] },
      exact,
      { verdict: "model-bias" },
      "deep's 0.75 is large, but 0.75 − 0.5 = 0.25 is not > gap 0.25",
      inside.verdict !== "model-bias" ? [] : [{
        name: "≥ instead of > in the optimization comparison",
        verdict: "optimization",
        explanation: "a deeper model is worse only when train[deep] − train[shallow] > gap",
      }],
    );
  },
  PLAIN,
);

test("diagnose() judges overfitting by the gap, not by the validation loss alone", () => {
  expectVerdict(
    { models: ["mlp"], train: [0.25], validation: [0.32] },
    OPTIONS,
    { verdict: "ok" },
    "validation 0.32 is above largeLoss, but only 0.07 above training: the model generalizes as well as it fits",
    [{
      name: "overfitting from the validation loss alone",
      verdict: "overfitting",
      explanation:
        "overfitting is a GAP: validation − train > gap, whatever the validation loss itself",
    }],
  );
}, PLAIN);

test(
  "diagnose() compares the test loss with the validation loss for mismatch, not with the training loss",
  () => {
    expectVerdict(
      { models: ["mlp"], train: [0.05], validation: [0.14], test: [0.2] },
      OPTIONS,
      { verdict: "ok" },
      "test 0.2 − validation 0.14 = 0.06 ≤ 0.1; training is lower, but that gap was already judged as (no) overfitting",
      [{
        name: "test compared with the training loss",
        verdict: "mismatch",
        explanation:
          "both validation and test are held out; only the distribution differs: compare test with VALIDATION",
      }],
    );
  },
  PLAIN,
);

test("diagnose() works without test losses: they are optional", () => {
  let result: Diagnosis | undefined;
  try {
    result = diagnose({ models: ["mlp"], train: [0.1], validation: [0.12] }, OPTIONS);
  } catch (error) {
    if (error instanceof TypeError) {
      check(
        false,
        `diagnose() of a report without test losses threw ${error}.\n` +
          "Likely mistake — test losses assumed present: report.test may be undefined; skip the mismatch question then",
      );
    }
    throw error;
  }
  check(
    result.verdict === "ok",
    `diagnose() without test losses: expected "ok", got "${result.verdict}"`,
  );
}, PLAIN);

test(
  "diagnose() explains itself: the reason names the model, the losses that decided it, and the shallower witness",
  () => {
    const optimization = diagnose(
      { models: ["shallow", "deep"], train: [0.1, 0.9], validation: [0.15, 0.95] },
      OPTIONS,
    );
    const overfitting = diagnose({ models: ["mlp"], train: [0.05], validation: [0.6] }, OPTIONS);
    for (
      const [what, result, words] of [
        ["optimization", optimization, ['"deep"', '"shallow"', "0.9", "0.1"]],
        ["overfitting", overfitting, ['"mlp"', "0.05", "0.6"]],
      ] as const
    ) {
      const missing = words.filter((w) => !result.reason.includes(w));
      check(
        missing.length === 0,
        `diagnose() ${what}: the reason should quote ${words.join(", ")}; it lacks ${
          missing.join(", ")
        }.\n` +
          `  reason: ${result.reason}\n  (formatLoss() is the worked example that writes a loss)`,
      );
    }
  },
  PLAIN,
);

// ── bad input ────────────────────────────────────────────────────────────────────────

test(
  "diagnose() refuses an empty report, lists of different lengths and losses that are not numbers ≥ 0",
  async () => {
    const cases: [string, LossReport, RegExp, string][] = [
      [
        "an empty report",
        { models: [], train: [], validation: [] },
        /^Cannot diagnose: the report has no models/,
        "Likely mistake — empty report not refused: there is no model to diagnose",
      ],
      [
        "2 models, 1 training loss",
        { models: ["a", "b"], train: [0.1], validation: [0.1, 0.2] },
        /^Cannot diagnose: 2 models but 1 training losses/,
        "Likely mistake — inconsistent loss lists not refused: entry i of each list belongs to models[i]",
      ],
      [
        "2 models, 3 test losses",
        { models: ["a", "b"], train: [0.1, 0.1], validation: [0.1, 0.2], test: [0.1, 0.2, 0.3] },
        /^Cannot diagnose: 2 models but 3 test losses/,
        "Likely mistake — inconsistent loss lists not refused: test losses are optional, but when given they need one per model too",
      ],
      [
        "a NaN validation loss",
        { models: ["a"], train: [0.1], validation: [NaN] },
        /^Cannot diagnose: the validation loss NaN of "a" is not a finite number ≥ 0/,
        'Likely mistake — NaN loss not refused: NaN compares false with everything, so it would read as "ok"',
      ],
      [
        "a negative training loss",
        { models: ["a"], train: [-1], validation: [0.1] },
        /^Cannot diagnose: the training loss -1 of "a" is not a finite number ≥ 0/,
        "Likely mistake — a negative loss not refused: a loss is never negative: refuse loss < 0",
      ],
      [
        "an infinite test loss",
        { models: ["a"], train: [0.1], validation: [0.1], test: [Infinity] },
        /^Cannot diagnose: the test loss Infinity of "a" is not a finite number ≥ 0/,
        "Likely mistake — an infinite loss not refused: test Number.isFinite(loss), which is false for ±Infinity as well as NaN",
      ],
    ];
    for (const [what, report, pattern, advice] of cases) {
      await assertRefuses(
        `diagnose(${what})`,
        () => diagnose(report, OPTIONS),
        ValueError,
        pattern,
        advice,
      );
    }
    await assertRefuses(
      "diagnose(…, { largeLoss: -1, gap: 0.1 })",
      () =>
        diagnose({ models: ["a"], train: [0.1], validation: [0.1] }, { largeLoss: -1, gap: 0.1 }),
      ValueError,
      /^Cannot diagnose: the threshold largeLoss = -1 is not a finite number ≥ 0/,
      "Likely mistake — negative threshold not refused: thresholds are losses too, finite and ≥ 0",
    );
    // 0 is a threshold like any other: no tolerance at all.
    let zero: Diagnosis | undefined;
    let error: unknown;
    try {
      zero = diagnose({ models: ["a"], train: [0], validation: [0] }, { largeLoss: 0, gap: 0 });
    } catch (e) {
      if (e instanceof NotImplementedError) throw e;
      error = e;
    }
    check(
      zero?.verdict === "ok",
      `diagnose(a perfect model, { largeLoss: 0, gap: 0 }): expected "ok" (0 > 0 is false), got ${
        zero ? `"${zero.verdict}"` : String(error)
      }` +
        (error instanceof ValueError
          ? "\nLikely mistake — a zero threshold refused: thresholds are finite numbers ≥ 0, and 0 is one"
          : ""),
    );
  },
  PLAIN,
);

// ── the experiments on real data ─────────────────────────────────────────────────────
// They run in float64 on the CPU: the point is the optimizer, not the backend, and the
// numbers then agree to the last digit on every machine.

/** The training and validation loss after the last of `steps` updates (experiments.ts). */
async function trainedPenguins(...args: Parameters<typeof trainPenguins>) {
  const { train, validation } = await trainPenguins(...args);
  return { train: train.at(-1)!, validation: validation.at(-1)! };
}

// The fix trains with the learner's Adam from kata 05. Probe it on its step 1, worked by
// hand: from θ = [1, −2, 3] with g = [0.5, −4, 2] and η = 0.1, bias correction makes the
// step exactly −η·sign(g), so θ¹ = [0.9, −1.9, 2.9].
const kata05 = await prerequisite(5, async () => {
  const optimizer = adam({ learningRate: 0.1 });
  const theta = tensor([1, -2, 3]);
  const { params } = optimizer.update(tensor([0.5, -4, 2]), optimizer.init(theta), theta);
  const step1 = [...await params.data()];
  return [0.9, -1.9, 2.9].every((x, i) => Math.abs(step1[i] - x) < 1e-6);
});

// The thresholds and run lengths of the experiments (experiments.ts says why these numbers).
const PENGUIN_OPTIONS: DiagnoseOptions = THRESHOLDS.penguins;
const CAR_OPTIONS: DiagnoseOptions = THRESHOLDS.cars;
const { steps: STEPS, learningRate: ETA, adamLearningRate } = DEPTH_RUNS;

test(
  'the experiment: on the penguins a deep sigmoid MLP ends with a HIGHER training loss than a shallow one → "optimization"',
  async () => {
    diagnose({ models: ["m"], train: [0], validation: [0] }, PENGUIN_OPTIONS);
    // ↑ while diagnose() is not written, stop here, before the (slower) training
    // Same data, same budget (20 full-batch steps of gradient descent, η = 1), same
    // initialization rule (Xavier); only the depth differs. Five sigmoid layers squash the
    // gradient at each layer (σ' ≤ 1/4), so the first layers barely move.
    const data = penguins();
    const shallow = await trainedPenguins(data, [8], "sigmoid", "xavier", STEPS, ETA);
    const deep = await trainedPenguins(data, [8, 8, 8, 8, 8], "sigmoid", "xavier", STEPS, ETA);
    check(
      deep.train > shallow.train + PENGUIN_OPTIONS.gap,
      `the experiment itself: expected the deep net's training loss above the shallow one's, ` +
        `got deep ${deep.train}, shallow ${shallow.train}`,
    );
    expectVerdict(
      {
        models: ["1 sigmoid layer", "5 sigmoid layers"],
        train: [shallow.train, deep.train],
        validation: [shallow.validation, deep.validation],
      },
      PENGUIN_OPTIONS,
      { verdict: "optimization", comparedWith: "1 sigmoid layer" },
      `the deep net's training loss ${
        deep.train.toFixed(3)
      } is large, and the shallow one reaches ${
        shallow.train.toFixed(3)
      }: the deep net could have done as well`,
    );
  },
  { dtype: "float64" },
);

test(
  'the fix: the same deep MLP with ReLU, He initialization and your Adam (kata 05) trains → "ok"',
  async () => {
    diagnose({ models: ["m"], train: [0], validation: [0] }, PENGUIN_OPTIONS);
    // ↑ while diagnose() is not written, stop here, before the (slower) training
    const data = penguins();
    const fixed = await trainedPenguins(
      data,
      [8, 8, 8, 8, 8],
      "relu",
      "he",
      STEPS,
      adam({ learningRate: adamLearningRate }) as Optimizer<unknown>,
    );
    check(
      fixed.train < PENGUIN_OPTIONS.largeLoss,
      `the experiment itself: expected the deep ReLU net trained by adam() to fit (training loss ` +
        `below ${PENGUIN_OPTIONS.largeLoss}), got ${fixed.train}: check your adam() from kata 05`,
    );
    expectVerdict(
      { models: ["5 ReLU layers, Adam"], train: [fixed.train], validation: [fixed.validation] },
      PENGUIN_OPTIONS,
      { verdict: "ok" },
      `training ${fixed.train.toFixed(3)} and validation ${
        fixed.validation.toFixed(3)
      } are both small`,
    );
  },
  { dtype: "float64", needs: kata05 },
);

test(
  'the experiment: cars\' MPG trained on model years 1970–76 and tested on 1980–82 → "mismatch"; a random split of the same years → "ok"',
  () => {
    diagnose({ models: ["m"], train: [0], validation: [0] }, CAR_OPTIONS);
    // ↑ while diagnose() is not written, stop here, before the (slower) training
    const { byYear: years, random: drawn } = carSplits();
    const { train, validation, test: late } = years;
    const byYear = fitMpg(train);
    const yearReport: LossReport = {
      models: ["linear, years 1970–76"],
      train: [mse(byYear, train)],
      validation: [mse(byYear, validation)],
      test: [mse(byYear, late)],
    };
    expectVerdict(
      yearReport,
      CAR_OPTIONS,
      { verdict: "mismatch" },
      `fits 1970–76 (train ${yearReport.train[0].toFixed(1)}, validation ${
        yearReport.validation[0].toFixed(1)
      } mpg²) but misses 1980–82 (test ${yearReport.test![0].toFixed(1)} mpg²): later cars ` +
        "of the same weight and power go further",
    );
    // The same years, the same sizes, but drawn at random: the test set is now like the rest.
    const { train: train2, validation: validation2, test: test2 } = drawn;
    const random = fitMpg(train2);
    const randomReport: LossReport = {
      models: ["linear, random split"],
      train: [mse(random, train2)],
      validation: [mse(random, validation2)],
      test: [mse(random, test2)],
    };
    expectVerdict(
      randomReport,
      CAR_OPTIONS,
      { verdict: "ok" },
      `train ${randomReport.train[0].toFixed(1)}, validation ${
        randomReport.validation[0].toFixed(1)
      }, test ${randomReport.test![0].toFixed(1)} mpg²: all from one distribution`,
    );
  },
  PLAIN,
);
