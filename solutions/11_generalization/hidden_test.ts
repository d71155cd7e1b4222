// Kata 11 hidden cases: graded, never released. Written as if this file sat in
// katas/11_generalization/ (it imports ./generalization.ts): run here it checks the
// reference (`deno test solutions/11_generalization/hidden_test.ts`); the grader copies
// it next to a submission's generalization.ts. What students see of a failure: ./hidden.json.
import { Rng, ValueError } from "../../lib/mod.ts";
import {
  assertAllClose,
  assertClose,
  assertRefuses,
  check,
  defineKata,
} from "../../lib/testing/mod.ts";
import {
  badTrainingSetBound,
  drawTrainingSet,
  type Example,
  largestGap,
  monteCarlo,
  samplesNeeded,
  thresholdFamily,
} from "./generalization.ts";

const test = defineKata(11);
const PLAIN = { tensors: false } as const;

/** 200 examples on a grid, label 1 from x ≥ 0.5 on, every fifth label flipped. */
const POPULATION: Example[] = Array.from({ length: 200 }, (_, i) => {
  const x = (i + 0.5) / 200;
  const clean = x >= 0.5 ? 1 : 0;
  return { x, y: i % 5 === 0 ? 1 - clean : clean };
});

test("badTrainingSetBound(1, 50, 0.2) is Hoeffding's 2·e^−4 for a single hypothesis", async () => {
  // 2Nε² = 2·50·0.04 = 4; 2·e^−4 = 2·0.018315639 = 0.036631278.
  await assertClose(badTrainingSetBound(1, 50, 0.2), 2 * Math.exp(-4), {
    where: "badTrainingSetBound(|H| = 1, N = 50, ε = 0.2)",
    hint: "with |H| = 1 the union bound is Hoeffding's two tails alone: 2·exp(−2Nε²)",
  });
}, PLAIN);

test("samplesNeeded(10⁶, 0.01, 0.01) is ⌈ln(2·10⁸)/2·10⁻⁴⌉ = 95,570", async () => {
  // ln(2·10⁶/0.01) = ln(2·10⁸) = 0.693147 + 8·2.302585 = 19.113828; / 0.0002 = 95,569.14 → 95,570.
  await assertAllClose([samplesNeeded(1_000_000, 0.01, 0.01)], [95_570], {
    where: "samplesNeeded(|H| = 10⁶, ε = 0.01, δ = 0.01)",
    hint: "N = ⌈ln(2|H|/δ)/(2ε²)⌉",
  });
}, PLAIN);

test("drawTrainingSet() from a population of one repeats it n times", () => {
  const only = { x: 0.3, y: 1 };
  const drawn = drawTrainingSet([only], 5, new Rng(0));
  check(
    drawn.length === 5 && drawn.every((e) => e === only),
    `drawTrainingSet([one example], 5): expected that example 5 times, got ${
      JSON.stringify(drawn)
    }`,
  );
}, PLAIN);

test("largestGap() of the population against itself is 0", async () => {
  await assertClose(largestGap(thresholdFamily(7), POPULATION, POPULATION), 0, {
    where: "largestGap(7 thresholds, D_all, D_all)",
  });
}, PLAIN);

test("monteCarlo() with ε = 1 never finds a bad training set", () => {
  // A 0-1 loss lies in [0, 1], so no gap can exceed 1.
  const { badProbability, trials } = monteCarlo({
    population: POPULATION,
    family: thresholdFamily(5),
    n: 10,
    epsilon: 1,
    trials: 50,
    rng: new Rng(4),
  });
  check(
    badProbability === 0 && trials.length === 50 && trials.every((t) => !t.bad),
    `monteCarlo(ε = 1, 50 trials): expected P(bad) = 0 over 50 trials, got ${badProbability} ` +
      `over ${trials.length}`,
  );
}, PLAIN);

test("monteCarlo() refuses 0 trials and ε = 0", async () => {
  const options = { population: POPULATION, family: [0.5], n: 10, epsilon: 0.1, trials: 10 };
  await assertRefuses(
    "monteCarlo({ trials: 0 })",
    () => monteCarlo({ ...options, trials: 0, rng: new Rng(1) }),
    ValueError,
    /^Cannot run the Monte-Carlo check: 0 trials/,
    "an estimate needs at least one trial",
  );
  await assertRefuses(
    "monteCarlo({ epsilon: 0 })",
    () => monteCarlo({ ...options, epsilon: 0, rng: new Rng(1) }),
    ValueError,
    /^Cannot run the Monte-Carlo check: ε = 0/,
    "ε must be positive",
  );
}, PLAIN);
