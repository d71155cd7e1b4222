// Kata 11 suite — why more data helps: from the 0-1 loss of one threshold worked out by
// hand, through the bound and the sample size (closed forms computed by hand in the
// comments), to a Monte-Carlo check against the exact binomial probability.
// Run: deno test katas/11_generalization
//
// The data are synthetic (the lecture's Pokémon-vs-Digimon setting has no public data
// set): a population of 500 examples with one feature x in [0, 1) and a label that is
// 1 from x ≥ 0.6 on, each label flipped with probability 0.2, drawn with a seeded Rng.
import { Rng, ValueError } from "../../lib/mod.ts";
import {
  assertAllClose,
  assertClose,
  assertRefuses,
  check,
  defineKata,
  type KnownMistake,
} from "../../lib/testing/mod.ts";
import {
  badTrainingSetBound,
  bestThreshold,
  drawTrainingSet,
  type Example,
  largestGap,
  monteCarlo,
  samplesNeeded,
  thresholdFamily,
  zeroOneLoss,
} from "./generalization.ts";

const test = defineKata(11);
const PLAIN = { tensors: false } as const;

// ── the data ─────────────────────────────────────────────────────────────────────────

/** Four examples to work by hand: θ = 0.3 gets only (0.6, 0) wrong. */
const FOUR: Example[] = [{ x: 0.1, y: 0 }, { x: 0.4, y: 1 }, { x: 0.6, y: 0 }, { x: 0.9, y: 1 }];

/** The synthetic population D_all: 500 examples, label 1 from x ≥ 0.6, 20% of labels flipped. */
function makePopulation(size: number, seed: number): Example[] {
  const rng = new Rng(seed);
  return Array.from({ length: size }, () => {
    const x = rng.float();
    const clean = x >= 0.6 ? 1 : 0;
    return { x, y: rng.float() < 0.2 ? 1 - clean : clean };
  });
}
const POPULATION = makePopulation(500, 2023);

// References written here, plainly, so that a case about monteCarlo() does not
// blame it for a mistake in another function.
function referenceLoss(threshold: number, examples: readonly Example[]): number {
  return examples.filter(({ x, y }) => (x >= threshold ? 1 : 0) !== y).length / examples.length;
}
function referenceGap(family: readonly number[], train: readonly Example[]): number {
  return Math.max(
    ...family.map((h) => Math.abs(referenceLoss(h, train) - referenceLoss(h, POPULATION))),
  );
}
function referenceBest(family: readonly number[], examples: readonly Example[]): number {
  const losses = family.map((h) => referenceLoss(h, examples));
  return family[losses.indexOf(Math.min(...losses))];
}

/** P(|K/N − p| > ε) for K ~ Binomial(N, p), summed exactly over k = 0 … N. */
function binomialTail(n: number, p: number, epsilon: number): number {
  let pmf = (1 - p) ** n; // P(K = 0)
  let total = 0;
  for (let k = 0; k <= n; k++) {
    if (Math.abs(k / n - p) > epsilon) total += pmf;
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p)); // P(K = k + 1) from P(K = k)
  }
  return total;
}

/**
 * The monteCarlo() cases build on the other functions: check them first, so that a
 * mistake in one of them is reported as that, not blamed on monteCarlo().
 */
function requirePieces(dependent: string): void {
  const pieces: [string, unknown, unknown][] = [
    ["zeroOneLoss(0.3, four examples)", zeroOneLoss(0.3, FOUR), 0.25],
    [
      "bestThreshold([0.05, 0.3, 0.5, 0.7, 0.95], four examples)",
      bestThreshold([0.05, 0.3, 0.5, 0.7, 0.95], FOUR),
      0.3,
    ],
    [
      "largestGap([0.05, 0.3, 0.7], 3 of the four, the four)",
      largestGap([0.05, 0.3, 0.7], [FOUR[0], FOUR[1], FOUR[3]], FOUR),
      0.25,
    ],
    [
      "drawTrainingSet(four examples, 6, new Rng(1))",
      drawTrainingSet(FOUR, 6, new Rng(1)).map((e) => e.x).join(),
      (() => {
        const rng = new Rng(1);
        return Array.from({ length: 6 }, () => FOUR[rng.int(0, 4)].x).join();
      })(),
    ],
  ];
  for (const [call, actual, expected] of pieces) {
    check(
      actual === expected,
      `${dependent} builds on ${call}, which gave ${actual}, not ${expected}: make its own case pass first`,
    );
  }
}

// ── zeroOneLoss ──────────────────────────────────────────────────────────────────────

test("zeroOneLoss() is the fraction of examples the threshold gets wrong", async () => {
  // θ = 0.3 predicts [0, 1, 1, 1] for x = [0.1, 0.4, 0.6, 0.9]; the labels are
  // [0, 1, 0, 1]: one wrong of four → 0.25. θ = 0.5 predicts [0, 0, 1, 1]: two wrong → 0.5.
  const actual = [zeroOneLoss(0.3, FOUR), zeroOneLoss(0.5, FOUR)];
  await assertAllClose(actual, [0.25, 0.5], {
    where: "zeroOneLoss(θ, four examples) for θ = 0.3 and 0.5",
    mistakes: [
      {
        name: "loss summed instead of averaged",
        explanation:
          "divide the count of mistakes by the number of examples, so the loss lies in [0, 1]",
        values: [1, 2],
      },
      {
        name: "accuracy instead of loss",
        explanation: "count the examples classify() gets WRONG, not those it gets right",
        values: [0.75, 0.5],
      },
    ],
  });
}, PLAIN);

test("zeroOneLoss() refuses an empty data set instead of returning 0/0", async () => {
  await assertRefuses(
    "zeroOneLoss(0.5, [])",
    () => zeroOneLoss(0.5, []),
    ValueError,
    /^Cannot compute the loss of threshold 0\.5: the data set is empty/,
    "Likely mistake — empty data set not refused: 0 mistakes out of 0 examples is 0/0 = NaN; " +
      'throw a ValueError("Cannot compute the loss of threshold …: the data set is empty")',
  );
}, PLAIN);

// ── bestThreshold ────────────────────────────────────────────────────────────────────

test(
  "bestThreshold() returns the threshold with the lowest loss, the first one on ties",
  async () => {
    const loss = zeroOneLoss(0.3, FOUR);
    check(
      loss === 0.25,
      `bestThreshold() compares zeroOneLoss() values, and zeroOneLoss(0.3, four examples) gave ${loss}, not 0.25: make its case pass first`,
    );
    // On FOUR: θ = 0.05 → 0.5, θ = 0.3 → 0.25, θ = 0.5 → 0.5, θ = 0.7 → 0.25 (it misses
    // (0.4, 1) only), θ = 0.95 → 0.5. Lowest 0.25, reached first by θ = 0.3.
    const family = [0.05, 0.3, 0.5, 0.7, 0.95];
    await assertAllClose([bestThreshold(family, FOUR)], [0.3], {
      where: "bestThreshold([0.05, 0.3, 0.5, 0.7, 0.95], four examples)",
      mistakes: [
        {
          name: "ties broken toward the last",
          explanation:
            "replace the best only on a strictly lower loss (<, not ≤), so the first stays",
          values: [0.7],
        },
        {
          name: "argmax instead of argmin",
          explanation: "h^train = argmin L(h, D_train): keep the LOWEST loss",
          values: [0.05],
        },
        {
          name: "index instead of threshold",
          explanation: "return the threshold θ itself (family[i]), not its position i",
          values: [1],
        },
      ],
    });
  },
  PLAIN,
);

// ── drawTrainingSet ──────────────────────────────────────────────────────────────────

test(
  "drawTrainingSet() draws n examples with replacement, draw k = population[rng.int(0, size)]",
  async () => {
    // Ten draws from four examples: with replacement, repeats are expected.
    const actual = drawTrainingSet(FOUR, 10, new Rng(5)).map((e) => e.x);
    const reference = new Rng(5);
    const expected = Array.from({ length: 10 }, () => FOUR[reference.int(0, 4)].x);
    const shortRange = new Rng(5);
    await assertAllClose(actual, expected, {
      where: "drawTrainingSet(four examples, 10, new Rng(5)), the x of each draw",
      mistakes: [
        {
          name: "sampling without replacement",
          explanation:
            "Hoeffding needs N independent draws: each draw picks from the whole population, " +
            "repeats allowed, so N may exceed the population's size",
          values: new Rng(5).permutation(4).map((i) => FOUR[i].x),
        },
        {
          name: "last example never drawn",
          explanation:
            "rng.int(lo, hi) is uniform on [lo, hi): hi is population.length, not length − 1",
          values: Array.from({ length: 10 }, () => FOUR[shortRange.int(0, 3)].x),
        },
      ],
    });
  },
  PLAIN,
);

// ── largestGap ───────────────────────────────────────────────────────────────────────

test("largestGap() is max over the whole family of |L(h, D_train) − L(h, D_all)|", async () => {
  const loss = zeroOneLoss(0.3, FOUR);
  check(
    loss === 0.25,
    `largestGap() compares zeroOneLoss() values, and zeroOneLoss(0.3, four examples) gave ${loss}, not 0.25: make its case pass first`,
  );
  // D_all = FOUR, D_train = its examples at x = 0.1, 0.4, 0.9 (labels 0, 1, 1).
  //   θ = 0.05: train 1/3 (misses 0.1), all 0.50 → −1/6
  //   θ = 0.3:  train 0,                 all 0.25 → −1/4
  //   θ = 0.7:  train 1/3 (misses 0.4),  all 0.25 → +1/12
  // Largest |gap| = 1/4, from a training set that makes θ = 0.3 look better than it is.
  const family = [0.05, 0.3, 0.7];
  const train = [FOUR[0], FOUR[1], FOUR[3]];
  await assertAllClose([largestGap(family, train, FOUR)], [0.25], {
    where: "largestGap([0.05, 0.3, 0.7], D_train of 3, D_all of 4)",
    mistakes: [
      {
        name: "one-sided gap",
        explanation:
          "a training set misleads in both directions: take |L(h, D_train) − L(h, D_all)|",
        values: [1 / 12],
      },
      {
        name: "mean gap instead of the largest",
        explanation: "D_train is good only if EVERY h is within ε: take the maximum over H",
        values: [(1 / 6 + 1 / 4 + 1 / 12) / 3],
      },
    ],
  });
}, PLAIN);

// ── badTrainingSetBound ──────────────────────────────────────────────────────────────

test(
  "badTrainingSetBound(10⁴, 1000, 0.1) is 10⁴·2·e^−20 ≈ 4.12e−5, the lecture's example",
  async () => {
    // 2Nε² = 2·1000·0.01 = 20; e^−20 = 2.0611536e−9; ·2 = 4.1223072e−9; ·10⁴ = 4.1223072e−5.
    await assertClose(badTrainingSetBound(10_000, 1000, 0.1), 2e4 * Math.exp(-20), {
      where: "badTrainingSetBound(|H| = 10⁴, N = 1000, ε = 0.1)",
      mistakes: [
        {
          name: "bound without the factor 2",
          explanation: "Hoeffding bounds BOTH tails, too good and too bad: 2·exp(−2Nε²) per h",
          values: [1e4 * Math.exp(-20)], // 2.0611536e−5
        },
        {
          name: "union bound forgotten",
          explanation: "any of the |H| hypotheses may stray: multiply one h's bound by |H|",
          values: [2 * Math.exp(-20)], // 4.1223072e−9
        },
        {
          name: "exponent without the 2",
          explanation: "Hoeffding's exponent is −2Nε², not −Nε²",
          values: [10_000 * 2 * Math.exp(-10)], // ≈ 0.908
        },
      ],
    });
  },
  PLAIN,
);

test("badTrainingSetBound() squares ε: with ε = 0.5, N = 10, |H| = 1 it is 2·e^−5", async () => {
  // 2Nε² = 2·10·0.25 = 5 → 2·e^−5 = 0.013475894. With ε not squared: 2·e^−10 = 9.0799e−5.
  await assertClose(badTrainingSetBound(1, 10, 0.5), 2 * Math.exp(-5), {
    where: "badTrainingSetBound(|H| = 1, N = 10, ε = 0.5)",
    mistakes: [{
      name: "ε not squared",
      explanation: "the exponent is −2Nε²: square ε",
      values: [2 * Math.exp(-10)],
    }],
  });
}, PLAIN);

test(
  "badTrainingSetBound() is capped at 1: N = 100 gives 10⁴·2·e^−2 ≈ 2707, which says nothing",
  async () => {
    // 2Nε² = 2; 10⁴·2·e^−2 = 2706.7057 — a "probability" above 1 is no information.
    await assertClose(badTrainingSetBound(10_000, 100, 0.1), 1, {
      where: "badTrainingSetBound(|H| = 10⁴, N = 100, ε = 0.1)",
      mistakes: [{
        name: "bound not capped at 1",
        explanation: "a probability is at most 1: return min(1, |H|·2·exp(−2Nε²))",
        values: [2e4 * Math.exp(-2)], // 2706.7057
      }],
    });
  },
  PLAIN,
);

// ── samplesNeeded ────────────────────────────────────────────────────────────────────

const SAMPLE_SIZE_MISTAKES: KnownMistake[] = [
  {
    name: "sample size rounded down",
    explanation:
      "N must reach ln(2|H|/δ)/(2ε²) = 610.30: round UP (Math.ceil), 610 examples leave the bound at 0.1006 > δ",
    values: [610],
  },
  {
    name: "δ multiplied inside the logarithm",
    explanation: "|H|·2·e^(−2Nε²) ≤ δ gives ln(2|H|/δ): divide by δ",
    values: [381], // ⌈ln(2000)/0.02⌉ = ⌈380.05⌉
  },
  {
    name: "factor 2 dropped inside the logarithm",
    explanation: "the 2 of Hoeffding's two tails stays in the logarithm: ln(2|H|/δ)",
    values: [576], // ⌈ln(10⁵)/0.02⌉ = ⌈575.65⌉
  },
];

test("samplesNeeded(10⁴, 0.1, 0.1) is ⌈ln(2·10⁵)/0.02⌉ = ⌈610.30⌉ = 611", async () => {
  // ln(2·10⁴/0.1) = ln(2·10⁵) = ln 2 + 5·ln 10 = 0.693147 + 11.512925 = 12.206073;
  // 2ε² = 0.02; 12.206073/0.02 = 610.3036 → 611 (N = 610 leaves 2·10⁴·e^−12.2 = 0.1006 > δ).
  await assertAllClose([samplesNeeded(10_000, 0.1, 0.1)], [611], {
    where: "samplesNeeded(|H| = 10⁴, ε = 0.1, δ = 0.1)",
    mistakes: SAMPLE_SIZE_MISTAKES,
  });
}, PLAIN);

test(
  "samplesNeeded() squares ε: |H| = 10, ε = 0.05, δ = 0.01 needs ⌈ln(2000)/0.005⌉ = 1521",
  async () => {
    // ln(2·10/0.01) = ln 2000 = 7.6009025; 2ε² = 0.005; 7.6009025/0.005 = 1520.18 → 1521.
    await assertAllClose([samplesNeeded(10, 0.05, 0.01)], [1521], {
      where: "samplesNeeded(|H| = 10, ε = 0.05, δ = 0.01)",
      mistakes: [{
        name: "ε not squared in the sample size",
        explanation: "solve 2Nε² ≥ ln(2|H|/δ): divide by 2ε², not by 2ε",
        values: [77], // ⌈7.6009/0.1⌉ = ⌈76.01⌉
      }],
    });
  },
  PLAIN,
);

test("samplesNeeded() is the smallest N whose bound is at most δ", () => {
  for (
    const [hypotheses, epsilon, delta] of [[1, 0.2, 0.5], [100, 0.1, 0.05], [10_000, 0.1, 0.1]]
  ) {
    const n = samplesNeeded(hypotheses, epsilon, delta);
    const at = badTrainingSetBound(hypotheses, n, epsilon);
    const before = badTrainingSetBound(hypotheses, n - 1, epsilon);
    check(
      Number.isInteger(n) && at <= delta && before > delta,
      `samplesNeeded(${hypotheses}, ${epsilon}, ${delta}) = ${n}: expected a whole N whose bound ` +
        `is ≤ δ = ${delta} while N − 1's is above it; the bound at N is ${at}, at N − 1 ${before}`,
    );
  }
}, PLAIN);

// ── bad input ────────────────────────────────────────────────────────────────────────

test(
  "badTrainingSetBound() and samplesNeeded() refuse |H| < 1, N < 0, ε ≤ 0 and δ outside (0, 1)",
  async () => {
    const cases: [string, () => unknown, RegExp, string][] = [
      [
        "badTrainingSetBound(0, 100, 0.1)",
        () => badTrainingSetBound(0, 100, 0.1),
        /^Cannot bound P\(D_train bad\): \|H\| = 0 is not a whole number ≥ 1/,
        "Likely mistake — |H| < 1 not refused: a family holds at least one hypothesis",
      ],
      [
        "badTrainingSetBound(10, -5, 0.1)",
        () => badTrainingSetBound(10, -5, 0.1),
        /^Cannot bound P\(D_train bad\): N = -5 is not a whole number ≥ 0/,
        "a training set holds a whole number N ≥ 0 of examples",
      ],
      [
        "badTrainingSetBound(10, 100, 0)",
        () => badTrainingSetBound(10, 100, 0),
        /^Cannot bound P\(D_train bad\): ε = 0 is not a positive number/,
        "ε is a tolerance: it must be > 0",
      ],
      [
        "samplesNeeded(0.5, 0.1, 0.1)",
        () => samplesNeeded(0.5, 0.1, 0.1),
        /^Cannot size the training set: \|H\| = 0\.5 is not a whole number ≥ 1/,
        "|H| counts hypotheses: a whole number ≥ 1",
      ],
      [
        "samplesNeeded(10, -0.1, 0.1)",
        () => samplesNeeded(10, -0.1, 0.1),
        /^Cannot size the training set: ε = -0\.1 is not a positive number/,
        "Likely mistake — ε ≤ 0 not refused: with ε ≤ 0 no N is enough (2ε² is 0 or the sign flips)",
      ],
      [
        "samplesNeeded(10, 0.1, 0)",
        () => samplesNeeded(10, 0.1, 0),
        /^Cannot size the training set: δ = 0 is outside \(0, 1\)/,
        "Likely mistake — δ outside (0, 1) not refused: δ = 0 asks for certainty, ln(2|H|/0) = ∞",
      ],
      [
        "samplesNeeded(10, 0.1, 1)",
        () => samplesNeeded(10, 0.1, 1),
        /^Cannot size the training set: δ = 1 is outside \(0, 1\)/,
        "Likely mistake — δ outside (0, 1) not refused: δ is a probability of failure we accept, below 1",
      ],
    ];
    for (const [call, fn, pattern, advice] of cases) {
      await assertRefuses(call, fn, ValueError, pattern, advice);
    }
  },
  PLAIN,
);

// ── the Monte-Carlo check ────────────────────────────────────────────────────────────

test("monteCarlo() trial k judges the k-th training set drawn from rng", async () => {
  requirePieces("monteCarlo()");
  // The same seed, drawn by hand with population[rng.int(0, 500)]: every trial's gap,
  // verdict and excess loss must agree exactly.
  const family = thresholdFamily(10);
  const { badProbability, trials } = monteCarlo({
    population: POPULATION,
    family,
    n: 30,
    epsilon: 0.15,
    trials: 40,
    rng: new Rng(11),
  });
  const rng = new Rng(11);
  const hAll = referenceBest(family, POPULATION);
  const expected = Array.from({ length: 40 }, () => {
    const train = Array.from({ length: 30 }, () => POPULATION[rng.int(0, 500)]);
    const gap = referenceGap(family, train);
    const hTrain = referenceBest(family, train);
    return {
      gap,
      hTrain,
      bad: gap > 0.15 ? 1 : 0,
      excess: referenceLoss(hTrain, POPULATION) - referenceLoss(hAll, POPULATION),
      excessOnTrain: referenceLoss(hTrain, train) - referenceLoss(hAll, POPULATION),
    };
  });
  check(trials.length === 40, `monteCarlo({ trials: 40 }) returned ${trials.length} trials`);
  await assertAllClose(trials.map((t) => t.largestGap), expected.map((e) => e.gap), {
    where: "monteCarlo(), largestGap of each trial",
    mistakes: [{
      name: "the same training set every trial",
      explanation: "draw a fresh D_train inside the loop: P(bad) is over the draw of D_train",
      values: expected.map(() => expected[0].gap),
    }],
  });
  await assertAllClose(trials.map((t) => (t.bad ? 1 : 0)), expected.map((e) => e.bad), {
    where: "monteCarlo(), bad (1) or good (0) for each trial",
    hint: "a trial is bad when its largest gap exceeds ε",
  });
  const fraction = expected.reduce((sum, e) => sum + e.bad, 0) / 40;
  await assertClose(badProbability, fraction, {
    where: "monteCarlo().badProbability",
    mistakes: [{
      name: "fraction of good training sets",
      explanation: "estimate P(D_train BAD): count the trials whose gap exceeds ε",
      values: [1 - fraction],
    }],
  });
  await assertAllClose(trials.map((t) => t.trainedThreshold), expected.map((e) => e.hTrain), {
    where: "monteCarlo(), trainedThreshold = h^train of each trial",
    hint: "h^train = bestThreshold(family, D_train), the training set of that trial",
  });
  await assertAllClose(trials.map((t) => t.excessLoss), expected.map((e) => e.excess), {
    where: "monteCarlo(), excessLoss = L(h^train, D_all) − L(h^all, D_all) of each trial",
    mistakes: [
      {
        name: "excess loss measured on the training set",
        explanation:
          "h^train is chosen on D_train but judged on D_all: L(h^train, D_all) − L(h^all, D_all)",
        values: expected.map((e) => e.excessOnTrain),
      },
      {
        name: "h^all chosen on the training set",
        explanation: "h^all = argmin L(h, D_all): pick it on the whole population",
        values: expected.map(() => 0),
      },
    ],
  });
}, PLAIN);

test("monteCarlo() with one hypothesis matches the exact binomial P(|K/N − p| > ε)", () => {
  requirePieces("monteCarlo()");
  // With |H| = 1 the training loss is K/N, K ~ Binomial(N, p) with p = L(h, D_all):
  // N draws with replacement, each wrong with probability p. The exact tail is a
  // sum over k; 2000 trials estimate it to about ±0.01 (one standard error).
  const family = thresholdFamily(1); // [0.5]
  const p = referenceLoss(0.5, POPULATION);
  const exact = binomialTail(40, p, 0.1);
  const { badProbability } = monteCarlo({
    population: POPULATION,
    family,
    n: 40,
    epsilon: 0.1,
    trials: 2000,
    rng: new Rng(3),
  });
  const standardError = Math.sqrt(exact * (1 - exact) / 2000);
  check(
    Math.abs(badProbability - exact) <= 4 * standardError,
    `monteCarlo(|H| = 1, N = 40, ε = 0.1, 2000 trials): expected about ${exact.toFixed(4)} ` +
      `(the exact binomial tail, ± ${(4 * standardError).toFixed(4)}), got ${badProbability}` +
      (Math.abs(badProbability - (1 - exact)) <= 4 * standardError
        ? "\nLikely mistake — fraction of good training sets: count the BAD ones"
        : ""),
  );
  check(
    badProbability <= badTrainingSetBound(1, 40, 0.1),
    `Hoeffding: the estimate ${badProbability} should stay under 2·e^−0.8 = ${2 * Math.exp(-0.8)}`,
  );
}, PLAIN);

test(
  "monteCarlo(): P(D_train bad) stays under the bound, grows with |H| and falls with N",
  () => {
    requirePieces("monteCarlo()");
    const sizes = [1, 10, 100];
    const ns = [20, 80, 320];
    const table = sizes.map((size) =>
      ns.map((n) =>
        monteCarlo({
          population: POPULATION,
          family: thresholdFamily(size),
          n,
          epsilon: 0.1,
          trials: 200,
          rng: new Rng(7),
        }).badProbability
      )
    );
    const shown = sizes.map((size, i) => `|H| = ${size}: ${table[i].join(", ")}`).join("; ");
    for (const [i, size] of sizes.entries()) {
      for (const [j, n] of ns.entries()) {
        const bound = badTrainingSetBound(size, n, 0.1);
        check(
          table[i][j] <= bound,
          `|H| = ${size}, N = ${n}: the estimate ${table[i][j]} exceeds the bound ${bound}`,
        );
      }
    }
    const grows = ns.every((_, j) => table[0][j] <= table[1][j] && table[1][j] <= table[2][j]) &&
      table[0][0] < table[2][0];
    check(
      grows,
      `expected P(bad) to grow with |H| at each N (N = ${ns}); got ${shown}. ` +
        "More hypotheses give more chances that one of them looks wrong on D_train",
    );
    const falls = sizes.every((_, i) => table[i][0] >= table[i][1] && table[i][1] >= table[i][2]) &&
      table[2][0] > table[2][2];
    check(
      falls,
      `expected P(bad) to fall with N for each |H| (|H| = ${sizes}); got ${shown}. ` +
        "A larger training set looks more like the population",
    );
  },
  PLAIN,
);

test(
  "monteCarlo(): whenever D_train is good, L(h^train, D_all) − L(h^all, D_all) ≤ 2ε",
  () => {
    requirePieces("monteCarlo()");
    // If every h is within ε on D_train, then
    // L(h^train, D_all) ≤ L(h^train, D_train) + ε ≤ L(h^all, D_train) + ε ≤ L(h^all, D_all) + 2ε.
    const epsilon = 0.08;
    const { trials } = monteCarlo({
      population: POPULATION,
      family: thresholdFamily(20),
      n: 60,
      epsilon,
      trials: 300,
      rng: new Rng(19),
    });
    const good = trials.filter((t) => !t.bad);
    check(
      good.length > 0 && good.length < trials.length,
      `expected some good and some bad training sets with N = 60, ε = ${epsilon}; ` +
        `got ${good.length} good of ${trials.length}`,
    );
    const inconsistent = trials.find((t) => t.bad !== (t.largestGap > epsilon));
    check(
      inconsistent === undefined,
      `a trial with largest gap ${inconsistent?.largestGap} is marked bad = ${inconsistent?.bad}; ` +
        `bad means gap > ε = ${epsilon}`,
    );
    const negative = trials.find((t) => t.excessLoss < 0);
    check(
      negative === undefined,
      `a trial has excess loss ${negative?.excessLoss} < 0, but h^all is the best of H on D_all: ` +
        "judge h^train on D_all, like h^all",
    );
    const worst = Math.max(...good.map((t) => t.excessLoss));
    check(
      worst <= 2 * epsilon,
      `a good training set gave excess loss ${worst} > 2ε = ${2 * epsilon}`,
    );
    check(
      trials.some((t) => t.excessLoss > 0),
      "every trial has excess loss 0: with N = 60 some h^train should lose to h^all on D_all; " +
        "h^all is chosen on the whole population, h^train on D_train",
    );
  },
  PLAIN,
);
