// Kata 08 suite — N-fold cross validation, from the simplest case to the hardest:
// kFold by hand, its refusals, its properties over many n, k and seeds (fast-check),
// crossValidate, selectModel, and the lecture's overfitting picture. Last, the stretch
// group ("stretch: …"): stratifiedKFold and the exact wording of every refusal. Its cases
// wait until you start stratifiedKFold(); the core is green without them.
//
// References we did not write: kFold follows scikit-learn's KFold (the first n % k folds
// get one extra item; validation indices in the shuffled order, train indices ascending);
// std is NumPy's default np.std (ddof = 0, divide by k), what `cross_val_score(...).std()`
// reports; the polynomial fits are judged only by facts that hold for any least-squares
// solver (nested models on the same rows: training loss never rises with the degree).
import fc from "fast-check";
import { NotImplementedError, Rng, ValueError } from "../../lib/mod.ts";
import {
  assertAllClose,
  assertClose,
  assertRefuses,
  type CaseFn,
  type CaseOptions,
  check,
  defineKata,
  KataAssertionError,
} from "../../lib/testing/mod.ts";
import {
  type Candidate,
  crossValidate,
  type Fold,
  kFold,
  type ModelScore,
  selectModel,
  stratifiedKFold,
} from "./kfold.ts";
import { DEGREE_RUNS, noisySine, polynomialCandidates } from "./experiments.ts";

const test = defineKata(8);

// ── helpers ──────────────────────────────────────────────────────────────────────────

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const show = (value: unknown): string => JSON.stringify(value);
const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : `${e}`);

/** The fold sizes of the README: the first n mod k folds hold ⌊n/k⌋ + 1, the rest ⌊n/k⌋. */
function specSizes(n: number, k: number): number[] {
  return range(k).map((f) => Math.floor(n / k) + (f < n % k ? 1 : 0));
}

/** What "the remainder given to the last fold" produces: ⌊n/k⌋ each, the last the rest. */
function lastFoldSizes(n: number, k: number): number[] {
  const base = Math.floor(n / k);
  return range(k).map((f) => (f < k - 1 ? base : n - (k - 1) * base));
}

/** Cuts `order` into consecutive pieces of the given sizes. */
function cut(order: readonly number[], sizes: readonly number[]): number[][] {
  let start = 0;
  return sizes.map((size) => order.slice(start, start += size));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The core refusal check, with the library's assertRefuses(): a ValueError whose
 * message starts with `prefix` ("Cannot split into k folds:") and quotes each of
 * `fragments` (the bad value). The likely mistake is always "… accepted" or
 * "… not refused", so it is named only when nothing was thrown at all.
 */
async function assertRefused(
  fn: () => unknown,
  prefix: string,
  fragments: readonly string[],
  where: string,
  mistake: string,
): Promise<void> {
  let threw = false;
  try {
    await fn();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    threw = true;
  }
  const pattern = new RegExp(
    `^${escape(prefix)}${fragments.map((f) => `(?=[\\s\\S]*${escape(f)})`).join("")}`,
  );
  await assertRefuses(
    where,
    fn,
    ValueError,
    pattern,
    (threw || !mistake ? "" : `Likely mistake — ${mistake}\n`) +
      `Throw the library's ValueError("${prefix} …"), quoting the value that is wrong ` +
      "(the README lists what to refuse)",
  );
}

/** The stretch check: the library's ValueError with exactly `message` (the README's table). */
async function assertExactMessage(fn: () => unknown, message: string, where: string) {
  await assertRefuses(
    where,
    fn,
    ValueError,
    new RegExp(`^${escape(message)}$`),
    `Stretch: the README's table gives the exact words, "Cannot <action>: <current state>", ` +
      "values quoted, no trailing period",
  );
}

/**
 * Checks a property over many inputs drawn by fast-check (a fixed seed, so every run
 * sees the same inputs); on failure, rethrows the teaching message of the smallest
 * failing input that fast-check found.
 */
function property<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void): void {
  const details = fc.check(fc.property(arbitrary, (value) => predicate(value)), {
    seed: 808,
    numRuns: 120,
  });
  if (!details.failed) return;
  const error = details.errorInstance;
  if (error instanceof NotImplementedError || error instanceof KataAssertionError) throw error;
  const input = show(details.counterexample);
  throw new KataAssertionError(`Property failed for ${input}: ${errorText(error)}`);
}

const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** n in 2…40, k in 2…n, a seed, shuffle on or off. */
const splitArb = fc.integer({ min: 2, max: 40 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    k: fc.integer({ min: 2, max: n }),
    seed: seedArb,
    shuffle: fc.boolean(),
  })
);

/**
 * The facts every k-fold split must satisfy: k folds; every index held out exactly
 * once; train and validation disjoint and together all of 0…n−1; train ascending;
 * sizes as the README's rule (`sizes: "spec"`) or within one of each other (`"balanced"`).
 */
function checkFolds(
  folds: Fold[],
  n: number,
  k: number,
  where: string,
  sizes: "spec" | "balanced",
): void {
  const count = Array.isArray(folds) ? `${folds.length} folds` : show(folds);
  check(
    Array.isArray(folds) && folds.length === k,
    `${where}: expected an array of ${k} folds, got ${count}`,
  );
  const heldOutIn: number[][] = range(n).map(() => []);
  for (const [f, fold] of folds.entries()) {
    check(
      Array.isArray(fold?.train) && Array.isArray(fold?.validation),
      `${where}: fold ${f} should be { train: number[], validation: number[] }, got ${show(fold)}`,
    );
    for (const i of fold.validation) {
      check(
        Number.isInteger(i) && i >= 0 && i < n,
        `${where}: fold ${f}'s validation holds ${i}, which is not an index in 0…${n - 1}`,
      );
      heldOutIn[i].push(f);
    }
  }
  // Only an index held out TWICE shows that folds came from different permutations;
  // folds of ⌊n/k⌋ that leave the last n mod k indices out show a dropped remainder.
  const twice = heldOutIn.some((f) => f.length > 1);
  const floorSized = folds.every((fold) => fold.validation.length === Math.floor(n / k));
  for (const i of range(n)) {
    const folds = heldOutIn[i];
    const actual = folds.length === 0 ? "in no fold" : `in folds ${show(folds)}`;
    check(
      folds.length === 1,
      `${where}: index ${i} should be held out (in validation) exactly once over the ` +
        `${k} folds, but it is held out ${actual}.\n` +
        (twice
          ? `Likely mistake — a new permutation per fold: draw rng.permutation(n) once, then ` +
            `cut that one order into consecutive pieces`
          : floorSized && n % k !== 0
          ? `Likely mistake — the n mod k leftover items dropped: every fold held ⌊n/k⌋ = ${
            Math.floor(n / k)
          }; give the leftovers one apiece to the first folds (see foldSizes)`
          : "Every index belongs to exactly one validation fold"),
    );
  }
  const actualSizes = folds.map((fold) => fold.validation.length);
  if (sizes === "spec") {
    const expected = specSizes(n, k);
    const big = Math.floor(n / k) + 1;
    check(
      show(actualSizes) === show(expected),
      `${where}: validation fold sizes should be ${show(expected)} (the first n mod k = ` +
        `${n % k} folds hold ⌊n/k⌋ + 1 = ${big}), got ${show(actualSizes)}.\n` +
        (show(actualSizes) === show(lastFoldSizes(n, k))
          ? `Likely mistake — the remainder given to the last fold: give the n mod k ` +
            `leftover items one apiece to the first folds (see foldSizes)`
          : `Cut the order with foldSizes(n, k)`),
    );
  } else {
    check(
      Math.max(...actualSizes) - Math.min(...actualSizes) <= 1,
      `${where}: fold sizes should differ by at most one, got ${show(actualSizes)}.\n` +
        `Likely mistake — each class dealt from fold 0: keep counting positions from one ` +
        `class to the next (position p goes to fold p mod k), so the classes' leftovers ` +
        `land on different folds`,
    );
  }
  for (const [f, { train, validation }] of folds.entries()) {
    const held = new Set(validation);
    const leaked = train.filter((i) => held.has(i));
    check(
      leaked.length === 0,
      `${where}: fold ${f} trains on ${show(leaked.slice(0, 8))}, which it also holds out.\n` +
        `Likely mistake — validation leaking into train: train must be every index EXCEPT ` +
        `the fold's validation indices, or the validation loss measures memory`,
    );
    const inTrain = new Set(train);
    const missing = range(n).filter((i) => !held.has(i) && !inTrain.has(i));
    const problem = missing.length ? `, missing ${show(missing.slice(0, 8))}` : " (some twice)";
    check(
      missing.length === 0 && train.length + validation.length === n,
      `${where}: fold ${f}'s train should hold the ${n - validation.length} indices not in ` +
        `its validation, got ${train.length}${problem}`,
    );
    const descent = train.findIndex((value, j) => j > 0 && value <= train[j - 1]);
    const head = show(train.slice(0, 12)) + (train.length > 12 ? "…" : "");
    check(
      descent === -1,
      `${where}: fold ${f}'s train should be ascending, but ${train[descent - 1]} comes ` +
        `before ${train[descent]} (train = ${head}).\n` +
        `Likely mistake — train indices not ascending: build train by walking 0…n−1 and ` +
        `skipping the held-out indices, not by walking the shuffled order`,
    );
  }
}

type Label = number | string;

/** For each class, its count in each fold's validation. */
function classCounts(folds: Fold[], labels: readonly Label[]): Map<Label, number[]> {
  const counts = new Map<Label, number[]>();
  for (const label of labels) counts.set(label, folds.map(() => 0));
  for (const [f, fold] of folds.entries()) {
    for (const i of fold.validation) counts.get(labels[i])![f]++;
  }
  return counts;
}

function checkStratified(folds: Fold[], labels: readonly Label[], where: string): void {
  for (const [label, counts] of classCounts(folds, labels)) {
    check(
      Math.max(...counts) - Math.min(...counts) <= 1,
      `${where}: class ${show(label)} should be spread over the folds so that its counts ` +
        `differ by at most one, got ${show(counts)} per fold.\n` +
        `Likely mistake — stratification ignored: group the positions by class and deal ` +
        `each class over the folds like cards (position p → fold p mod k)`,
    );
  }
}

// ── kFold by hand ────────────────────────────────────────────────────────────────────

test("kFold(10, 3) holds out [0,1,2,3], [4,5,6], [7,8,9]: the first n mod k folds get one more", () => {
  const folds = kFold(10, 3);
  const where = "kFold(10, 3), validation fold sizes";
  check(
    Array.isArray(folds) && folds.length === 3,
    `${where}: expected 3 folds, got ${show(folds)}`,
  );
  const sizes = folds.map((fold) => fold.validation?.length);
  check(
    show(sizes) === show([4, 3, 3]),
    `${where}: expected [4,3,3] (10 = 3·3 + 1, so the first 10 mod 3 = 1 fold holds one ` +
      `more), got ${show(sizes)}.\n` +
      (show(sizes) === show([3, 3, 4])
        ? "Likely mistake — the remainder given to the last fold: the leftovers go to the " +
          "FIRST n mod k folds"
        : show(sizes) === show([3, 3, 3])
        ? "Likely mistake — the n mod k leftover items dropped: every fold held ⌊10/3⌋ = 3 and index 9 " +
          "was left out; give the leftovers one apiece to the first folds (see foldSizes)"
        : "Use foldSizes(n, k)"),
  );
  const validation = folds.map((fold) => fold.validation);
  check(
    show(validation) === show([[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]),
    `kFold(10, 3) without shuffle: validation folds should be consecutive pieces of 0…9, ` +
      `[[0,1,2,3],[4,5,6],[7,8,9]], got ${show(validation)}`,
  );
});

test("kFold(10, 3) trains each fold on every index it does not hold out, ascending", () => {
  const folds = kFold(10, 3);
  const expected = [[4, 5, 6, 7, 8, 9], [0, 1, 2, 3, 7, 8, 9], [0, 1, 2, 3, 4, 5, 6]];
  for (const [f, train] of expected.entries()) {
    const actual = folds[f]?.train;
    check(
      show(actual) === show(train),
      `kFold(10, 3), fold ${f}: train should be ${show(train)} (0…9 without its validation ` +
        `${show(folds[f]?.validation)}), got ${show(actual)}.\n` +
        (actual?.length === 10
          ? "Likely mistake — validation leaking into train: leave the fold's validation " +
            "indices out of its train"
          : "Train is the complement of the fold's validation, in ascending order"),
    );
  }
});

test("kFold() without shuffle is the same on every call and never draws from the rng", () => {
  const rng = new Rng(5);
  const first = kFold(7, 2, { rng });
  const second = kFold(7, 2, { shuffle: false, rng });
  const shuffledAnyway =
    show(first.flatMap((fold) => fold.validation)) === show(new Rng(5).permutation(7));
  const likely = shuffledAnyway
    ? "\nLikely mistake — shuffling whenever an rng is given: the folds are new Rng(5).permutation(7) " +
      "cut in pieces; shuffle is its own flag, off by default, whatever else is passed"
    : "";
  check(
    show(first) === show(second),
    `kFold(7, 2) without shuffle: two calls should give the same folds, got ${show(first)} ` +
      `and ${show(second)}` + likely,
  );
  checkFolds(first, 7, 2, "kFold(7, 2)", "spec");
  const next = rng.float();
  const fresh = new Rng(5).float();
  check(
    next === fresh,
    `kFold(7, 2, { rng }) with shuffle off: the rng should be untouched (next float ${fresh}), ` +
      `but it had moved on (next float ${next}). Draw rng.permutation(n) only when shuffling.` +
      likely,
  );
});

test("kFold(n, k, { shuffle: true, rng }) cuts ONE rng.permutation(n) into the folds", async () => {
  const folds = kFold(10, 3, { shuffle: true, rng: new Rng(42) });
  checkFolds(folds, 10, 3, "kFold(10, 3, { shuffle: true, rng: new Rng(42) })", "spec");
  const permutation = new Rng(42).permutation(10);
  // What a fresh permutation for each fold gives: fold f is piece f of the f-th draw.
  const perFold = new Rng(42);
  const draws = [perFold.permutation(10), perFold.permutation(10), perFold.permutation(10)];
  const newPermutationPerFold = draws.flatMap((draw, f) => cut(draw, specSizes(10, 3))[f]);
  await assertAllClose(folds.flatMap((fold) => fold.validation), permutation, {
    where: "kFold(10, 3, shuffled with new Rng(42)), the validation folds one after another",
    dtype: "int32",
    mistakes: [
      {
        name: "shuffling ignored",
        explanation: "with shuffle: true, take the order from rng.permutation(n), not 0…n−1",
        values: range(10),
      },
      {
        name: "a new permutation per fold",
        explanation: "draw rng.permutation(n) once, before the loop, and cut that one order",
        values: newPermutationPerFold,
      },
    ],
    hint: `read one after another, the validation folds are new Rng(42).permutation(10) = ` +
      show(permutation),
  });
});

test("kFold() with shuffle still trains each fold on the rest in ascending order", () => {
  for (const seed of [1, 2, 3]) {
    const folds = kFold(12, 4, { shuffle: true, rng: new Rng(seed) });
    checkFolds(folds, 12, 4, `kFold(12, 4, { shuffle: true, rng: new Rng(${seed}) })`, "spec");
  }
});

// ── kFold refuses what it cannot split ───────────────────────────────────────────────

test("kFold(5, 1) is refused with a ValueError: k must be at least 2", async () => {
  for (const k of [1, 0, -3]) {
    await assertRefused(
      () => kFold(5, k),
      "Cannot split into k folds:",
      [`k ${k}`],
      `kFold(5, ${k})`,
      "k = 1 accepted: with one fold, its train set would be empty; refuse k < 2",
    );
  }
});

test("kFold(3, 4) is refused with a ValueError: k must be at most n", async () => {
  await assertRefused(
    () => kFold(3, 4),
    "Cannot split into k folds:",
    ["k 4", "n 3"],
    "kFold(3, 4)",
    "k larger than n not refused: 3 items cannot fill 4 folds, one would hold out nothing",
  );
});

test("kFold(0, 2) and kFold(-4, 2) are refused with a ValueError: no data, a negative n", async () => {
  await assertRefused(
    () => kFold(0, 2),
    "Cannot split into k folds:",
    [],
    "kFold(0, 2)",
    "empty data not refused: check n before k",
  );
  await assertRefused(
    () => kFold(-4, 2),
    "Cannot split into k folds:",
    ["-4"],
    "kFold(-4, 2)",
    "a negative n not refused",
  );
});

test("kFold(10, 2.5) is refused with a ValueError: k must be an integer", async () => {
  for (const k of [2.5, NaN, Infinity]) {
    await assertRefused(
      () => kFold(10, k),
      "Cannot split into k folds:",
      [`k ${k}`],
      `kFold(10, ${k})`,
      "a non-integer k not refused: check Number.isInteger(k) before comparing it with 2 and n",
    );
  }
});

test("kFold(10, 3, { shuffle: true }) without an rng is refused", async () => {
  await assertRefused(
    () => kFold(10, 3, { shuffle: true }),
    "Cannot split into k folds:",
    ["rng"],
    "kFold(10, 3, { shuffle: true })",
    "shuffle without an rng not refused: never fall back to Math.random, folds must be " +
      "reproducible",
  );
});

// ── kFold over many n, k and seeds ───────────────────────────────────────────────────

test("kFold() over any n, k and seed holds out each index once, the first n mod k folds one larger", () => {
  property(splitArb, ({ n, k, seed, shuffle }) => {
    const folds = kFold(n, k, { shuffle, rng: new Rng(seed) });
    const where = `kFold(${n}, ${k}, { shuffle: ${shuffle}, rng: new Rng(${seed}) })`;
    checkFolds(folds, n, k, where, "spec");
  });
});

test("kFold() with shuffle: the same seed gives the same folds, different seeds differ", () => {
  const arb = fc.record({
    n: fc.integer({ min: 12, max: 40 }),
    k: fc.integer({ min: 2, max: 12 }),
    seed: seedArb,
    other: seedArb,
  }).filter(({ seed, other }) => seed !== other);
  property(arb, ({ n, k, seed, other }) => {
    const split = (s: number) => show(kFold(n, k, { shuffle: true, rng: new Rng(s) }));
    check(
      split(seed) === split(seed),
      `kFold(${n}, ${k}, { shuffle: true, rng: new Rng(${seed}) }) twice should give the ` +
        `same folds. Draw the order only from the rng you were given`,
    );
    check(
      split(seed) !== split(other),
      `kFold(${n}, ${k}, { shuffle: true }) with seeds ${seed} and ${other} should give ` +
        `different folds, got the same: ${split(seed).slice(0, 100)}….\n` +
        `Likely mistake — shuffling ignored: with shuffle: true, take the order from ` +
        `rng.permutation(n)`,
    );
  });
});

// ── what your kFold() does, so that later messages blame the right function ───────────

/** Whether your kFold() refuses k = 1. */
function refusesK1(): boolean {
  try {
    kFold(6, 1);
    return false;
  } catch {
    return true;
  }
}

/** Whether your kFold(n, k, { shuffle: true, rng }) follows rng.permutation(n). */
function kFoldShuffles(n: number, k: number, seed: number): boolean {
  try {
    const folds = kFold(n, k, { shuffle: true, rng: new Rng(seed) });
    return show(folds.flatMap((fold) => fold.validation)) === show(new Rng(seed).permutation(n));
  } catch {
    return false;
  }
}

/** Whether your kFold(n, k) keeps every fold's validation out of its train. */
function kFoldKeepsValidationOut(n: number, k: number): boolean {
  try {
    return kFold(n, k).every(({ train, validation }) => !train.some((i) => validation.includes(i)));
  } catch {
    return false;
  }
}

// ── crossValidate ────────────────────────────────────────────────────────────────────

test("crossValidate() returns the fold scores in order, their mean and population std (÷ k)", async () => {
  // Scores 1, 2, 3, 4: mean 2.5; Σ(s − 2.5)² = 2.25 + 0.25 + 0.25 + 2.25 = 5, so the
  // population std is sqrt(5/4) ≈ 1.1180 (np.std's default); the sample one sqrt(5/3) ≈ 1.2910.
  const indices: number[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const result = await crossValidate({
    n: 8,
    k: 4,
    rng: new Rng(0),
    fitAndScore: async (_fold, index) => {
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await Promise.resolve(); // an async fit, like a real training loop
      indices.push(index);
      running--;
      return index + 1;
    },
  });
  check(
    mostAtOnce === 1,
    `crossValidate({ n: 8, k: 4 }): fitAndScore should run for one fold at a time (await each ` +
      `before starting the next), but ${mostAtOnce} folds were being fitted at once.\n` +
      "Likely mistake — folds fitted all at once: Promise.all starts every fit together; " +
      "a real training loop would fight the others for memory and the GPU",
  );
  check(
    show(indices) === show([0, 1, 2, 3]),
    `crossValidate({ n: 8, k: 4 }): fitAndScore should be called once per fold, in order, ` +
      `with the fold's index, each awaited before the next: expected indices [0,1,2,3], got ` +
      show(indices),
  );
  await assertAllClose(result.scores, [1, 2, 3, 4], {
    where: "crossValidate({ n: 8, k: 4 }), scores (fitAndScore returned 1, 2, 3, 4)",
    dtype: "float64",
  });
  await assertClose(result.mean, 2.5, {
    where: "crossValidate(), mean of [1,2,3,4]",
    dtype: "float64",
    mistakes: [{
      name: "mean divided by n instead of k",
      explanation: "the mean is over the k = 4 fold scores, not the n = 8 items: 10/4",
      values: 10 / 8,
    }],
  });
  await assertClose(result.std, Math.sqrt(5 / 4), {
    where: "crossValidate(), std of [1,2,3,4]",
    dtype: "float64",
    mistakes: [{
      name: "sample standard deviation (k − 1)",
      explanation: "this std is the population one, sqrt(Σ (score − mean)² / k): divide by k",
      values: [Math.sqrt(5 / 3)],
    }],
    hint: "std = sqrt(Σ (score − mean)² / k) = sqrt(5/4)",
  });
});

test("crossValidate() splits exactly as kFold(n, k, { shuffle: true, rng })", async () => {
  const seen: Fold[] = [];
  await crossValidate({
    n: 11,
    k: 3,
    rng: new Rng(99),
    fitAndScore: (fold) => {
      seen.push(fold);
      return 0;
    },
  });
  const where = "crossValidate({ n: 11, k: 3, rng: new Rng(99) })";
  checkFolds(seen, 11, 3, `the folds ${where} passed to fitAndScore`, "spec");
  await assertAllClose(seen.flatMap((fold) => fold.validation), new Rng(99).permutation(11), {
    where: `${where}, the validation folds one after another`,
    dtype: "int32",
    // Only when your kFold() shuffles: otherwise the fault is kFold()'s (see its case).
    mistakes: kFoldShuffles(11, 3, 99)
      ? [{
        name: "crossValidate without shuffling",
        explanation: "data often arrives sorted: split with kFold(n, k, { shuffle: true, rng })",
        values: range(11),
      }]
      : [],
  });
});

test("crossValidate() uses the folds it is given, in their order", async () => {
  const given: Fold[] = [
    // Train here is not the complement of validation, so no kFold() split looks like these.
    { train: [2, 3], validation: [0, 1] },
    { train: [4, 5], validation: [3, 2] },
    { train: [0, 1], validation: [5, 4] },
  ];
  const seen: Fold[] = [];
  await crossValidate({
    n: 6,
    k: 3,
    rng: new Rng(4),
    folds: given,
    fitAndScore: (fold) => {
      seen.push(fold);
      return 0;
    },
  });
  check(
    show(seen) === show(given),
    `crossValidate({ n: 6, k: 3, folds }): fitAndScore should get exactly the folds given, ` +
      `${show(given)}, got ${show(seen)}.\n` +
      "Likely mistake — given folds ignored: use options.folds when it is there (folds ?? kFold(…)), " +
      "so that selectModel() can score every candidate on one split",
  );
});

test("crossValidate() refuses a NaN score with a ValueError that names the fold", async () => {
  await assertRefused(
    () =>
      crossValidate({
        n: 6,
        k: 3,
        rng: new Rng(1),
        fitAndScore: (_fold, index) => (index === 2 ? NaN : 1),
      }),
    "Cannot cross-validate:",
    ["fold 2", "NaN"],
    "crossValidate() with fitAndScore returning NaN on fold 2",
    "a NaN score not refused: one NaN makes the mean NaN and every comparison false",
  );
  await assertRefused(
    () => crossValidate({ n: 6, k: 1, rng: new Rng(1), fitAndScore: () => 1 }),
    "Cannot split into k folds:",
    ["k 1"],
    "crossValidate({ n: 6, k: 1 })",
    isStub(() => kFold(6, 1)) || refusesK1()
      ? "bad k not refused: split with kFold, which checks n and k"
      : "", // your kFold(6, 1) accepts k = 1 too: its own refusal case names that
  );
});

// ── selectModel ──────────────────────────────────────────────────────────────────────

/**
 * A stand-in for a model whose loss is `train` on rows it was fitted on and
 * `validation` on rows it never saw, so the table can be worked out by hand.
 */
function fixedCandidate(name: string, train: number, validation: number): Candidate<Set<number>> {
  return {
    name,
    fit: (rows) => new Set(rows),
    loss: (seen, rows) => (rows.every((i) => seen.has(i)) ? train : validation),
  };
}

test("selectModel() picks the lowest mean validation loss and returns the whole table", async () => {
  const memorizer = fixedCandidate("memorizer", 0, 4); // perfect on its training rows only
  const balanced = fixedCandidate("balanced", 1, 1.5);
  const underfit = fixedCandidate("underfit", 3, 5);
  const { best, table } = await selectModel([memorizer, balanced, underfit], {
    n: 12,
    k: 3,
    rng: new Rng(3),
  });
  const names = show(table?.map?.((row) => row.name));
  check(
    names === show(["memorizer", "balanced", "underfit"]),
    `selectModel(): the table should have one row per candidate, in their order: ` +
      `["memorizer","balanced","underfit"], got ${names}` +
      (names === show(["balanced", "memorizer", "underfit"])
        ? ".\nLikely mistake — table sorted by validation loss: keep the rows in the " +
          "candidates' order (sorting in place reorders what the caller reads); find the best by index"
        : ""),
  );
  await assertAllClose(table.map((row) => row.validationLoss), [4, 1.5, 5], {
    where: "selectModel(), table validationLoss (train/validation losses: memorizer 0/4, " +
      "balanced 1/1.5, underfit 3/5)",
    dtype: "float64",
    // A kFold() that leaks validation into train gives the same numbers: name this only
    // when your kFold() keeps them apart.
    mistakes: kFoldKeepsValidationOut(12, 3)
      ? [{
        name: "scoring on the training folds",
        explanation: "score the fitted model on fold.validation, rows it never saw; " +
          "fold.train gives the training loss",
        values: [0, 1, 3],
      }]
      : [],
  });
  await assertAllClose(table.map((row) => row.trainLoss), [0, 1, 3], {
    where: "selectModel(), table trainLoss (the loss on each fold's own train rows, averaged)",
    dtype: "float64",
  });
  const perFold = table.flatMap((row) => [...row.scores, row.std]);
  await assertAllClose(perFold, [4, 4, 4, 0, 1.5, 1.5, 1.5, 0, 5, 5, 5, 0], {
    where: "selectModel(), each row's 3 per-fold validation scores, then their std",
    dtype: "float64",
  });
  const picked = best === memorizer
    ? "memorizer"
    : best === underfit
    ? "underfit"
    : best === balanced
    ? "balanced"
    : show(best);
  check(
    best === balanced,
    `selectModel(): best should be the candidate object with the lowest mean validation ` +
      `loss, "balanced" (1.5), got ${picked}.\n` +
      (best === memorizer
        ? "Likely mistake — selecting by training loss: a model that memorizes its training " +
          "rows has the lowest training loss and generalizes worst; compare validationLoss"
        : best === underfit
        ? "Likely mistake — selecting the highest validation loss: lower is better, keep " +
          "the minimum"
        : "Return { best: candidates[i], table } with i the row of the least validationLoss"),
  );
});

test("selectModel() keeps the first of two tied candidates", async () => {
  const simple = fixedCandidate("simple", 1, 2);
  const complex = fixedCandidate("complex", 1, 2);
  const { best } = await selectModel([simple, complex], { n: 6, k: 3, rng: new Rng(8) });
  check(
    best === simple,
    `selectModel([simple, complex]) with equal validation losses (2 and 2): best should be the ` +
      `first, "simple", got ${best === complex ? '"complex"' : show(best)}.` +
      (best === complex
        ? "\nLikely mistake — ties broken towards the last candidate: replace the best only " +
          "on a strictly lower loss (<, not ≤); list simpler models first and a tie keeps the simpler"
        : ""),
  );
});

test("selectModel() scores every candidate on the same folds, drawn once from the rng", async () => {
  const seen: string[][] = [[], [], []];
  const recorder = (c: number): Candidate<number[]> => ({
    name: `recorder ${c}`,
    fit: (train) => train,
    loss: (train, rows) => {
      if (rows !== train) seen[c].push(show({ train, validation: rows }));
      return c;
    },
  });
  await selectModel([recorder(0), recorder(1), recorder(2)], { n: 10, k: 5, rng: new Rng(11) });
  // If your crossValidate() ignores the folds it is given, selectModel() cannot share a
  // split however it calls it: say that instead.
  // Folds no kFold() returns (train is not the complement of validation).
  const given: Fold[] = [{ train: [2], validation: [0] }, { train: [3], validation: [1] }];
  const received: string[] = [];
  await crossValidate({
    n: 4,
    k: 2,
    rng: new Rng(1),
    folds: given,
    fitAndScore: (fold) => (received.push(show(fold)), 0),
  });
  const foldsHonoured = show(received) === show(given.map(show));
  for (const c of [1, 2]) {
    check(
      show(seen[c]) === show(seen[0]),
      `selectModel(): candidate ${c} should be scored on the same folds as candidate 0.\n` +
        `  candidate 0: ${seen[0].slice(0, 2).join(" ")}…\n` +
        `  candidate ${c}: ${seen[c].slice(0, 2).join(" ")}…\n` +
        (foldsHonoured
          ? `Likely mistake — candidates compared on different folds: split once and pass the ` +
            `same folds to every candidate's crossValidate, so all face the same luck of the split`
          : "Your crossValidate() ignores the folds it is given (see its own case): fix that first."),
    );
  }
  const folds = seen[0].map((text) => JSON.parse(text) as Fold);
  const where = "selectModel({ n: 10, k: 5, rng: new Rng(11) })";
  checkFolds(folds, 10, 5, `the folds ${where} scored on`, "spec");
  await assertAllClose(folds.flatMap((fold) => fold.validation), new Rng(11).permutation(10), {
    where: `${where}, the validation folds one after another`,
    dtype: "int32",
    hint: "split with kFold(n, k, { shuffle: true, rng }) once, before the first candidate",
  });
});

test("selectModel([]) is refused with a ValueError: there is nothing to choose from", async () => {
  await assertRefused(
    () => selectModel([], { n: 10, k: 2, rng: new Rng(0) }),
    "Cannot select a model:",
    [],
    "selectModel([])",
    "an empty list not refused: there would be no best candidate to return",
  );
});

// ── the lecture's picture: choosing a polynomial degree ──────────────────────────────

/** Cross-validates degrees 0…9 on the noisy sine (data seed 12, fold seed `foldSeed`). */
async function chooseDegree(foldSeed: number = DEGREE_RUNS.foldSeed) {
  const { n, k, maxDegree, dataSeed } = DEGREE_RUNS;
  const { x, y } = noisySine(dataSeed);
  const candidates = polynomialCandidates(x, y, maxDegree);
  const { best, table } = await selectModel(candidates, { n, k, rng: new Rng(foldSeed) });
  return { degree: candidates.indexOf(best), table };
}

function formatTable(table: ModelScore[]): string {
  const row = (r: ModelScore) => {
    const [train, validation] = [r.trainLoss.toPrecision(4), r.validationLoss.toPrecision(4)];
    return `  ${r.name}: train ${train}, validation ${validation}`;
  };
  return table.map(row).join("\n");
}

/** Names the likely mistake when selectModel() picked the wrong degree. */
function diagnoseSelection(table: ModelScore[], picked: number): string {
  const scoredOnTrain = table.every((row) =>
    Math.abs(row.validationLoss - row.trainLoss) <= 1e-12 * Math.max(1, row.trainLoss)
  );
  if (scoredOnTrain) {
    return kFoldKeepsValidationOut(30, 5)
      ? "Likely mistake — scoring on the training folds: validationLoss equals trainLoss " +
        "on every row; score the fitted model on fold.validation, rows it never saw"
      : "validationLoss equals trainLoss on every row, and your kFold() puts validation rows " +
        "into train: see kFold's own case";
  }
  const lowestTrain = table.reduce((b, r, d) => (r.trainLoss < table[b].trainLoss ? d : b), 0);
  const highestValidation = table.reduce(
    (b, r, d) => (r.validationLoss > table[b].validationLoss ? d : b),
    0,
  );
  const likely: string[] = [];
  if (picked === highestValidation) {
    likely.push(
      "Likely mistake — selecting the highest validation loss: lower is better, keep the minimum",
    );
  }
  if (picked === lowestTrain) {
    likely.push(
      "Likely mistake — selecting by training loss: the highest degree always fits its " +
        "training rows best; choose by the loss on the held-out rows",
    );
  }
  return likely.length ? likely.join("\n") : "best is the candidate with the least validationLoss";
}

test("choosing a polynomial degree: training loss never rises as the degree grows", async () => {
  const { table } = await chooseDegree();
  for (let d = 1; d < table.length; d++) {
    const [before, after] = [table[d - 1].trainLoss, table[d].trainLoss];
    check(
      after <= before * (1 + 1e-9) + 1e-12,
      `selectModel() on degrees 0…9, y = sin(2πx) + noise: training loss rose from degree ` +
        `${d - 1} to ${d} (${before} → ${after}). Every degree-${d - 1} polynomial is also ` +
        `of degree ${d}, so on the same rows the fit can only improve.\n` +
        `trainLoss should be the loss on each fold's own train rows, averaged over the ` +
        `folds.\n${formatTable(table)}`,
    );
  }
  check(
    table[9].trainLoss < table[3].trainLoss,
    `selectModel(): training loss should keep falling up to degree 9, got:\n${formatTable(table)}`,
  );
}, { dtype: "float64" });

test(
  "choosing a polynomial degree: CV picks 3–5 and validation loss turns up (overfitting)",
  async () => {
    const { degree, table } = await chooseDegree();
    check(
      degree >= 3 && degree <= 5,
      `selectModel() on degrees 0…9 (30 noisy samples of sin(2πx), 5 folds): expected a ` +
        `moderate degree, 3 to 5, got degree ${degree}.\n${formatTable(table)}\n` +
        diagnoseSelection(table, degree),
    );
    const [chosen, highest] = [table[degree].validationLoss, table[9].validationLoss];
    check(
      highest > 2 * chosen,
      `selectModel(): past the chosen degree ${degree}, validation loss should turn up — ` +
        `degree 9 (10 coefficients for 24 training rows) chases the noise — but it scored ` +
        `${highest} against ${chosen}.\n${formatTable(table)}`,
    );
    check(
      table[9].trainLoss < highest / 2,
      `selectModel(): at degree 9 the training loss (${table[9].trainLoss}) should be far ` +
        `below the validation loss (${highest}): small loss on training data and large loss ` +
        `on new data is overfitting.\n${formatTable(table)}`,
    );
  },
  { dtype: "float64" },
);

test(
  "choosing a polynomial degree gives the same table on every run with the same seed",
  async () => {
    const first = await chooseDegree(112);
    const second = await chooseDegree(112);
    check(
      first.degree === second.degree && show(first.table) === show(second.table),
      `selectModel() twice with new Rng(112): expected identical results, got degree ` +
        `${first.degree} then ${second.degree}.\n${formatTable(first.table)}\nvs\n` +
        formatTable(second.table) +
        "\nDraw every random number from the rng given (never Math.random)",
    );
    const other = await chooseDegree(113);
    check(
      show(other.table.map((row) => row.scores)) !== show(first.table.map((row) => row.scores)),
      `selectModel() with new Rng(112) and new Rng(113) should split differently, got identical ` +
        `per-fold scores.\n` +
        (kFoldShuffles(30, 5, 112)
          ? "Likely mistake — crossValidate without shuffling: split with kFold(n, k, { shuffle: true, rng })"
          : "Your kFold() does not follow rng.permutation(n) when shuffling: see its own case"),
    );
  },
  { dtype: "float64" },
);

// ── stretch: stratifiedKFold and the exact words ─────────────────────────────────────
//
// The stretch group runs once you start stratifiedKFold() (while it still throws "not
// implemented", its cases are skipped and say so), or while the core is not done either.

/** Whether `fn` throws the stub's NotImplementedError. */
const isStub = (fn: () => unknown): boolean => {
  try {
    fn();
    return false;
  } catch (error) {
    return error instanceof NotImplementedError;
  }
};
const stretchOpen = !isStub(() => stratifiedKFold([0, 1, 0, 1], 2)) ||
  isStub(() => kFold(4, 2));

/** Registers a stretch case, "stretch: …", or its skipped placeholder. */
function stretch(name: string, fn: CaseFn, options?: CaseOptions): void {
  if (stretchOpen) {
    test(`stretch: ${name}`, fn, options);
    return;
  }
  Deno.test({
    name: `stretch: ${name} [skipped — optional: start stratifiedKFold() to run the stretch group]`,
    ignore: true,
    fn: () => {},
  });
}

// ── stratifiedKFold ──────────────────────────────────────────────────────────────────

const penguins: string[] = [
  ...Array(6).fill("Adelie"),
  ...Array(3).fill("Gentoo"),
  ...Array(2).fill("Chinstrap"),
];

stretch(
  "stratifiedKFold() spreads each class within one over the folds (6/3/2 penguins, k 3)",
  () => {
    const folds = stratifiedKFold(penguins, 3);
    const where = "stratifiedKFold(6×Adelie, 3×Gentoo, 2×Chinstrap, sorted by species, 3)";
    checkFolds(folds, penguins.length, 3, where, "balanced");
    checkStratified(folds, penguins, where);
    const counts = classCounts(folds, penguins);
    const adelie = show(counts.get("Adelie"));
    const gentoo = show(counts.get("Gentoo"));
    check(
      adelie === "[2,2,2]" && gentoo === "[1,1,1]",
      `${where}: expected Adelie [2,2,2] and Gentoo [1,1,1] per fold, got ${adelie} and ${gentoo}`,
    );
  },
);

stretch("stratifiedKFold() keeps fold sizes within one when every class leaves a remainder", () => {
  // 3 classes of 4 items, k = 3: each class leaves one over. Dealt from fold 0 each
  // time, all three leftovers land on fold 0: sizes [6, 3, 3] instead of [4, 4, 4].
  const labels = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
  const folds = stratifiedKFold(labels, 3);
  const where = "stratifiedKFold([0×4, 1×4, 2×4], 3)";
  checkStratified(folds, labels, where);
  checkFolds(folds, labels.length, 3, where, "balanced");
});

stretch(
  "stratifiedKFold() over any labels, k and seed: a partition with every class balanced",
  () => {
    const arb = fc.integer({ min: 1, max: 4 })
      .chain((classes) =>
        fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: 2, maxLength: 40 })
      )
      .chain((labels) =>
        fc.record({
          labels: fc.constant(labels),
          k: fc.integer({ min: 2, max: labels.length }),
          seed: seedArb,
          shuffle: fc.boolean(),
        })
      );
    property(arb, ({ labels, k, seed, shuffle }) => {
      const options = `{ shuffle: ${shuffle}, rng: new Rng(${seed}) }`;
      const where = `stratifiedKFold(${show(labels)}, ${k}, ${options})`;
      const folds = stratifiedKFold(labels, k, { shuffle, rng: new Rng(seed) });
      checkFolds(folds, labels.length, k, where, "balanced");
      checkStratified(folds, labels, where);
      const again = stratifiedKFold(labels, k, { shuffle, rng: new Rng(seed) });
      check(
        show(folds) === show(again),
        `${where}: the same seed should give the same folds. Draw only from the rng given`,
      );
    });
  },
);

stretch("stratifiedKFold() with shuffle: different seeds give different folds", () => {
  const labels = range(30).map((i) => (i < 18 ? "a" : "b"));
  const a = stratifiedKFold(labels, 3, { shuffle: true, rng: new Rng(1) });
  const b = stratifiedKFold(labels, 3, { shuffle: true, rng: new Rng(2) });
  checkStratified(a, labels, "stratifiedKFold(18×a + 12×b, 3, new Rng(1))");
  check(
    show(a) !== show(b),
    `stratifiedKFold(18×a + 12×b, 3, { shuffle: true }) with seeds 1 and 2 should differ, ` +
      `both gave ${show(a.map((fold) => fold.validation))}.\n` +
      `Likely mistake — stratified shuffling ignored: group the positions of ONE ` +
      `rng.permutation(n) by class, not 0…n−1`,
  );
});

stretch(
  "stratifiedKFold() refuses empty labels, k < 2, k > n and a non-integer k, in the README's words",
  async () => {
    const cannot = "Cannot split into stratified k folds";
    const rows: [() => unknown, string, string][] = [
      [
        () => stratifiedKFold([], 2),
        `${cannot}: labels is empty, there is no data to split`,
        "stratifiedKFold([], 2)",
      ],
      [
        () => stratifiedKFold([0, 1, 0], 1),
        `${cannot}: k 1 is less than 2, nothing would be left to train on`,
        "stratifiedKFold([0, 1, 0], 1)",
      ],
      [
        () => stratifiedKFold([0, 1, 0], 4),
        `${cannot}: k 4 is more than n 3, some fold would be empty`,
        "stratifiedKFold([0, 1, 0], 4)",
      ],
      [
        () => stratifiedKFold([0, 1, 0, 1], 1.5),
        `${cannot}: k 1.5 is not an integer`,
        "stratifiedKFold([0, 1, 0, 1], 1.5)",
      ],
    ];
    for (const [fn, message, where] of rows) await assertExactMessage(fn, message, where);
  },
);

stretch("the refusals use the README's exact words, checked in its order", async () => {
  const rows: [() => unknown, string, string][] = [
    [
      () => kFold(-4, 2),
      "Cannot split into k folds: n -4 is not a non-negative integer",
      "kFold(-4, 2)",
    ],
    [
      () => kFold(0, 2),
      "Cannot split into k folds: n is 0, there is no data to split",
      "kFold(0, 2)",
    ],
    [() => kFold(10, 2.5), "Cannot split into k folds: k 2.5 is not an integer", "kFold(10, 2.5)"],
    [() => kFold(10, NaN), "Cannot split into k folds: k NaN is not an integer", "kFold(10, NaN)"],
    [
      () => kFold(5, 1),
      "Cannot split into k folds: k 1 is less than 2, nothing would be left to train on",
      "kFold(5, 1)",
    ],
    [
      () => kFold(3, 4),
      "Cannot split into k folds: k 4 is more than n 3, some fold would be empty",
      "kFold(3, 4)",
    ],
    [
      () => kFold(10, 3, { shuffle: true }),
      "Cannot split into k folds: shuffle is on but no rng was given",
      "kFold(10, 3, { shuffle: true })",
    ],
    [
      () =>
        crossValidate({ n: 6, k: 3, rng: new Rng(1), fitAndScore: (_f, i) => (i === 2 ? NaN : 1) }),
      "Cannot cross-validate: fold 2 scored NaN, not a finite number",
      "crossValidate() with a NaN score on fold 2",
    ],
    [
      () => selectModel([], { n: 10, k: 2, rng: new Rng(0) }),
      "Cannot select a model: there are no candidates",
      "selectModel([])",
    ],
  ];
  for (const [fn, message, where] of rows) await assertExactMessage(fn, message, where);
});
