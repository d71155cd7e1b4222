// Kata 08 hidden cases: graded, never released. Written as if this file sat in
// katas/08_kfold/ (it imports ./kfold.ts): run here it checks the reference
// (`deno test -A solutions/08_kfold/hidden_test.ts`); the grader copies it next
// to a submission's code. Written against SPEC §6, not against the public suite,
// to catch what a suite that is still changing may let through. What students
// see of a failure: ./hidden.json.
import { crossValidate, kFold, selectModel, stratifiedKFold } from "./kfold.ts";
import { Rng, ValueError } from "../../lib/mod.ts";
import { check, defineKata } from "../../lib/testing/mod.ts";

const test = defineKata(8);
const plain = { tensors: false } as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

test("kFold(10, 3): the first 10 mod 3 folds hold one more item, in order, train ascending", () => {
  const folds = kFold(10, 3);
  const expected = [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]];
  check(
    same(folds.map((f) => f.validation), expected),
    `validation folds: expected ${JSON.stringify(expected)}, got ${
      JSON.stringify(folds.map((f) => f.validation))
    } (the larger folds come first)`,
  );
  for (const [i, fold] of folds.entries()) {
    const train = range(0, 10).filter((x) => !expected[i].includes(x));
    check(same(fold.train, train), `fold ${i} train: expected ${train}, got ${fold.train}`);
  }
}, plain);

test("kFold(n, n) is leave-one-out: fold i holds out exactly item i", () => {
  const folds = kFold(7, 7);
  check(folds.length === 7, `expected 7 folds, got ${folds.length}`);
  for (const [i, fold] of folds.entries()) {
    check(same(fold.validation, [i]), `fold ${i}: validation ${fold.validation}, expected [${i}]`);
    check(fold.train.length === 6 && !fold.train.includes(i), `fold ${i}: train ${fold.train}`);
  }
}, plain);

test("kFold() with shuffle cuts ONE permutation in order; train is still ascending", () => {
  const permutation = new Rng(11).permutation(9);
  const folds = kFold(9, 3, { shuffle: true, rng: new Rng(11) });
  for (const [i, fold] of folds.entries()) {
    const expected = permutation.slice(3 * i, 3 * i + 3);
    check(
      same(fold.validation, expected),
      `fold ${i}: validation ${fold.validation}, expected ${expected} (rng.permutation(9) cut in order)`,
    );
    const train = [...fold.train];
    check(
      same(train, [...train].sort((a, b) => a - b)),
      `fold ${i}: train not ascending: ${train}`,
    );
  }
}, plain);

test(
  "stratifiedKFold() spreads every class: per fold, counts of a class differ by at most one",
  () => {
    // 5 of class 0, 6 of class 1, 1 of class 2, 3 folds.
    const labels = [0, 1, 0, 1, 1, 0, 2, 1, 0, 1, 0, 1];
    const folds = stratifiedKFold(labels, 3);
    const seen = folds.flatMap((f) => f.validation).sort((a, b) => a - b);
    check(same(seen, range(0, 12)), `every item must be held out exactly once, got ${seen}`);
    for (const label of [0, 1, 2]) {
      const counts = folds.map((f) => f.validation.filter((i) => labels[i] === label).length);
      check(
        Math.max(...counts) - Math.min(...counts) <= 1,
        `class ${label}: per-fold counts ${counts} differ by more than one`,
      );
    }
    for (const [i, fold] of folds.entries()) {
      check(
        fold.train.every((x) => !fold.validation.includes(x)) &&
          fold.train.length + fold.validation.length === 12,
        `fold ${i}: train and validation must split the 12 items`,
      );
    }
  },
  plain,
);

test(
  "crossValidate(): scores in fold order, mean, and the POPULATION standard deviation",
  async () => {
    // Score = the fold's validation size: kFold(10, 4) sizes 3, 3, 2, 2 (shuffling keeps the sizes).
    const result = await crossValidate({
      n: 10,
      k: 4,
      rng: new Rng(2),
      fitAndScore: (fold) => fold.validation.length,
    });
    check(same(result.scores, [3, 3, 2, 2]), `scores: expected [3,3,2,2], got ${result.scores}`);
    check(Math.abs(result.mean - 2.5) < 1e-12, `mean: expected 2.5, got ${result.mean}`);
    // Population: sqrt(4·0.25/4) = 0.5; the sample formula would give sqrt(1/3) ≈ 0.577.
    check(Math.abs(result.std - 0.5) < 1e-12, `std: expected 0.5 (divide by k), got ${result.std}`);
  },
  plain,
);

test(
  "selectModel() picks the lowest mean VALIDATION loss, not the lowest training loss",
  async () => {
    // "memorise" is perfect on its own training rows and bad on held-out ones.
    const memorise = {
      name: "memorise",
      fit: (train: number[]) => new Set(train),
      loss: (model: Set<number>, rows: number[]) => rows.every((r) => model.has(r)) ? 0 : 10,
    };
    const simple = { name: "simple", fit: () => null, loss: () => 1 };
    const selection = await selectModel([memorise, simple], { n: 12, k: 3, rng: new Rng(4) });
    check(
      selection.best.name === "simple",
      `best: expected "simple" (validation loss 1 < 10), got "${selection.best.name}"`,
    );
    check(
      selection.table.length === 2 && selection.table[0].name === "memorise",
      "the table holds one row per candidate, in the candidates' order",
    );
  },
  plain,
);

test("kFold() refuses k larger than n with a ValueError", () => {
  let error: unknown;
  try {
    kFold(3, 5);
  } catch (caught) {
    error = caught;
  }
  check(
    error instanceof ValueError,
    `kFold(3, 5) must be refused (a fold would be empty), got ${error}`,
  );
}, plain);

test(
  "crossValidate() shuffles once with its rng: the folds are kFold(n, k, { shuffle: true, rng })",
  async () => {
    const expected = kFold(10, 4, { shuffle: true, rng: new Rng(9) }).map((f) => f.validation[0]);
    const result = await crossValidate({
      n: 10,
      k: 4,
      rng: new Rng(9),
      fitAndScore: (fold) => fold.validation[0],
    });
    check(
      same(result.scores, expected),
      `each fold's first held-out item: expected ${expected}, got ${result.scores}`,
    );
  },
  plain,
);
