// Kata 03 suite: minibatches, the linear-regression loss and gradient, and SGD,
// from index bookkeeping worked out by hand to a whole training run on the cars data.
// Run: deno test katas/03_minibatch_sgd
import {
  linearRegressionLossAndGradient,
  minibatchIndices,
  trainLinearRegression,
} from "./minibatch_sgd.ts";
import { NotImplementedError, Rng, ShapeError, tensor, ValueError } from "../../lib/mod.ts";
import { loadTable, standardize } from "../../lib/data/mod.ts";
import { assertAllClose, check, defineKata } from "../../lib/testing/mod.ts";
import carsCsv from "../../data/cars.csv" with { type: "text" };

const test = defineKata(3);

// ---------------------------------------------------------------------------
// Helpers: a reference written from the lecture with plain float64 numbers, so
// it shares no code with the learner's tensors.

const show = (value: unknown) => JSON.stringify(value);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Runs `make` and returns what it threw; a stub's NotImplementedError goes straight up. */
function thrown(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return error;
  }
  return undefined;
}

/** Fails unless `error` is an instance of `kind` whose message matches `pattern`. */
function checkRefused(
  error: unknown,
  kind: typeof ValueError | typeof ShapeError,
  pattern: RegExp,
  call: string,
  why: string,
): void {
  check(
    error instanceof kind && pattern.test(error.message),
    `${call}: expected a ${kind.name} whose message matches ${pattern}, got ${
      error === undefined ? "no error" : String(error)
    }.\n${why}`,
  );
}

/** The batches of one epoch: `order` cut in order into pieces of B (the last may be short). */
function cut(order: number[], batchSize: number): number[][] {
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    batches.push(order.slice(start, start + batchSize));
  }
  return batches;
}

/** Compares batches; names a known wrong answer when the output is one. */
function checkBatches(
  actual: number[][],
  expected: number[][],
  where: string,
  mistakes: { name: string; explanation: string; batches: number[][] }[] = [],
): void {
  if (show(actual) === show(expected)) return;
  const known = mistakes.find((m) => show(m.batches) === show(actual));
  check(
    false,
    `Batches differ in ${where}:\n  expected ${show(expected)}\n  got      ${show(actual)}` +
      (known ? `\nLikely mistake — ${known.name}: ${known.explanation}` : ""),
  );
}

/** Synthetic regression data: y = 3·x1 − 2·x2 + 5 + noise, rounded to float32 like the tensors. */
function syntheticData(n: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Rng(seed);
  const X = range(n).map(() => [Math.fround(rng.normal()), Math.fround(rng.normal())]);
  const y = X.map(([a, b]) => Math.fround(3 * a - 2 * b + 5 + 0.5 * rng.normal()));
  return { X, y };
}

/** L = (1/n)·Σ (x_i·w + b − y_i)² over the given rows (all rows by default). */
function mse(X: number[][], y: number[], w: number[], b: number, rows = range(X.length)): number {
  let total = 0;
  for (const i of rows) {
    const r = X[i].reduce((s, x, j) => s + x * w[j], b) - y[i];
    total += r * r;
  }
  return total / rows.length;
}

/** ∂L/∂w = (2/n)·Σ r_i x_i and ∂L/∂b = (2/n)·Σ r_i over the given rows. */
function mseGradient(
  X: number[][],
  y: number[],
  w: number[],
  b: number,
  rows: number[],
): { gradW: number[]; gradB: number } {
  const gradW = w.map(() => 0);
  let gradB = 0;
  for (const i of rows) {
    const r = X[i].reduce((s, x, j) => s + x * w[j], b) - y[i];
    X[i].forEach((x, j) => (gradW[j] += (2 * r * x) / rows.length));
    gradB += (2 * r) / rows.length;
  }
  return { gradW, gradB };
}

interface SgdSetup {
  batchSize: number;
  learningRate: (t: number) => number;
  epochs: number;
  seed: number;
}

/** How the reference may go wrong on purpose, to recognise a learner's mistake. */
interface SgdVariant {
  /** "fresh": a new permutation each epoch (right); "same": the first one reused; "file": no shuffle. */
  order?: "fresh" | "same" | "file";
  /** Multiply the averaged gradient by the batch size (= summing it). */
  summed?: boolean;
  /** Index the schedule by epoch instead of by update. */
  scheduleByEpoch?: boolean;
}

interface SgdRun {
  w: number[];
  b: number;
  lossHistory: number[];
  /** The full-data loss after every update (what a per-batch history would hold). */
  lossAfterEachUpdate: number[];
  updates: number;
}

/**
 * The reference SGD, from the lecture's recipe: w = 0, b = 0; one Rng(seed) for the
 * run; every epoch a new rng.permutation(n) cut into batches of B in order; one
 * update θ ← θ − η^t·g per batch, t counting updates from 0; the full-data loss
 * recorded after each epoch.
 */
function referenceSgd(
  X: number[][],
  y: number[],
  setup: SgdSetup,
  variant: SgdVariant = {},
): SgdRun {
  const n = X.length;
  const rng = new Rng(setup.seed);
  let w = X[0].map(() => 0);
  let b = 0;
  let first: number[] | undefined;
  const run: SgdRun = { w, b, lossHistory: [], lossAfterEachUpdate: [], updates: 0 };
  for (let epoch = 0; epoch < setup.epochs; epoch++) {
    const order = variant.order === "file"
      ? range(n)
      : variant.order === "same"
      ? (first ??= rng.permutation(n))
      : rng.permutation(n);
    for (const batch of cut(order, setup.batchSize)) {
      const { gradW, gradB } = mseGradient(X, y, w, b, batch);
      const scale = variant.summed ? batch.length : 1;
      const eta = setup.learningRate(variant.scheduleByEpoch ? epoch : run.updates);
      w = w.map((wj, j) => wj - eta * scale * gradW[j]);
      b -= eta * scale * gradB;
      run.updates += 1;
      run.lossAfterEachUpdate.push(mse(X, y, w, b));
    }
    run.lossHistory.push(mse(X, y, w, b));
  }
  return { ...run, w, b };
}

/** Least squares in closed form: solve the normal equations (FᵀF)θ = Fᵀy with F = [X, 1]. */
function leastSquares(X: number[][], y: number[]): { w: number[]; b: number; loss: number } {
  // Gaussian elimination with partial pivoting on the (d+1)×(d+1) system, in float64.
  const F = X.map((row) => [...row, 1]);
  const m = F[0].length;
  const A = range(m).map((a) => [
    ...range(m).map((c) => F.reduce((s, f) => s + f[a] * f[c], 0)),
    F.reduce((s, f, i) => s + f[a] * y[i], 0),
  ]);
  for (let k = 0; k < m; k++) {
    const pivot = range(m - k).map((i) => i + k).reduce((p, i) =>
      Math.abs(A[i][k]) > Math.abs(A[p][k]) ? i : p
    );
    [A[k], A[pivot]] = [A[pivot], A[k]];
    for (let i = k + 1; i < m; i++) {
      const factor = A[i][k] / A[k][k];
      for (let c = k; c <= m; c++) A[i][c] -= factor * A[k][c];
    }
  }
  const theta = new Array<number>(m).fill(0);
  for (let i = m - 1; i >= 0; i--) {
    let s = A[i][m];
    for (let c = i + 1; c < m; c++) s -= A[i][c] * theta[c];
    theta[i] = s / A[i][i];
  }
  const w = theta.slice(0, m - 1);
  const b = theta[m - 1];
  return { w, b, loss: mse(X, y, w, b) };
}

/** The cars data (horsepower and weight → miles per gallon), features standardised. */
async function cars() {
  const table = loadTable(carsCsv, {
    features: ["horsepower", "weight_in_lbs"],
    target: "miles_per_gallon",
    dropMissing: true,
  });
  const { X } = standardize(table.X);
  const n = X.shape[0];
  const flat = [...(await X.data())];
  const rows = range(n).map((i) => flat.slice(2 * i, 2 * i + 2));
  const y = table.y!;
  return { X, y, rows, targets: [...(await y.data())] };
}

const SMALL = syntheticData(20, 2024);
const SMALL_SETUP: SgdSetup = { batchSize: 6, learningRate: () => 0.05, epochs: 3, seed: 7 };
const SMALL_RUN = referenceSgd(SMALL.X, SMALL.y, SMALL_SETUP);

async function trainSmall(setup: SgdSetup, learningRate: number | ((t: number) => number)) {
  return await trainLinearRegression(tensor(SMALL.X), tensor(SMALL.y), {
    batchSize: setup.batchSize,
    learningRate,
    epochs: setup.epochs,
    seed: setup.seed,
  });
}

const DROPPED_LAST = {
  name: "the last partial batch dropped silently",
  explanation:
    "when B does not divide n the last batch is shorter; keep it unless dropLast is true, so every example is used once per epoch",
};

const MATH_RANDOM =
  "Likely mistake — shuffling with Math.random instead of the seeded rng: take the order from options.rng.permutation(n), so one seed gives one order everywhere";

// ---------------------------------------------------------------------------
// minibatchIndices()

test("minibatchIndices() without shuffling cuts 0…n−1 in order into batches of B, the last one shorter", () => {
  const batches = minibatchIndices(10, 4, { shuffle: false });
  checkBatches(
    batches,
    [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]],
    "minibatchIndices(10, 4, { shuffle: false })",
    [
      { ...DROPPED_LAST, batches: [[0, 1, 2, 3], [4, 5, 6, 7]] },
    ],
  );
});

test("minibatchIndices() with dropLast drops a short last batch, and only a short one", () => {
  checkBatches(
    minibatchIndices(10, 4, { shuffle: false, dropLast: true }),
    [[0, 1, 2, 3], [4, 5, 6, 7]],
    "minibatchIndices(10, 4, { shuffle: false, dropLast: true })",
  );
  checkBatches(
    minibatchIndices(8, 4, { shuffle: false, dropLast: true }),
    [[0, 1, 2, 3], [4, 5, 6, 7]],
    "minibatchIndices(8, 4, { shuffle: false, dropLast: true }) — B divides n, nothing to drop",
    [{
      name: "dropLast dropping a full last batch",
      explanation:
        "dropLast drops the last batch only when it is SHORT (fewer than B rows); a full one stays",
      batches: [[0, 1, 2, 3]],
    }],
  );
  checkBatches(
    minibatchIndices(3, 5, { shuffle: false }),
    [[0, 1, 2]],
    "minibatchIndices(3, 5, { shuffle: false }) — B larger than n gives one short batch",
  );
});

test("minibatchIndices() with shuffle: false keeps the order even when an rng is given", () => {
  checkBatches(
    minibatchIndices(10, 4, { shuffle: false, rng: new Rng(1) }),
    [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]],
    "minibatchIndices(10, 4, { shuffle: false, rng: new Rng(1) })",
    [{
      name: "shuffle: false ignored when an rng is given",
      explanation:
        "each option acts on its own: shuffle decides whether to permute, the rng only how; test shuffle, not the rng",
      batches: cut(new Rng(1).permutation(10), 4),
    }],
  );
});

test("minibatchIndices() refuses a batch size that is not a positive integer", () => {
  for (const batchSize of [0, -2, 2.5, NaN]) {
    checkRefused(
      thrown(() => minibatchIndices(10, batchSize, { shuffle: false })),
      ValueError,
      new RegExp(`^Cannot [^:]+: batch size ${batchSize} `),
      `minibatchIndices(10, ${batchSize})`,
      "A batch size of 0 would loop forever and 2.5 has no meaning: throw new ValueError(`Cannot cut minibatches: batch size ${batchSize} is not a positive integer`)",
    );
  }
  checkRefused(
    thrown(() => minibatchIndices(10, 3)),
    ValueError,
    /^Cannot [^:]+: .*rng/,
    "minibatchIndices(10, 3) with shuffle on and no rng",
    "Shuffling needs the seeded rng; say so instead of failing on `undefined.permutation`",
  );
});

test("minibatchIndices() shuffles with rng.permutation(n): each index exactly once, in ⌈n/B⌉ batches", () => {
  // n = 23, B = 5: ⌈23/5⌉ = 5 batches of sizes 5, 5, 5, 5, 3.
  const batches = minibatchIndices(23, 5, { rng: new Rng(42) });
  const sizes = batches.map((b) => b.length);
  check(
    show(sizes) === show([5, 5, 5, 5, 3]),
    `minibatchIndices(23, 5): expected batch sizes [5,5,5,5,3] (⌈23/5⌉ = 5 batches), got ${
      show(sizes)
    }` +
      (show(sizes) === show([5, 5, 5, 5])
        ? `\nLikely mistake — ${DROPPED_LAST.name}: ${DROPPED_LAST.explanation}`
        : ""),
  );
  const seen = batches.flat().toSorted((a, b) => a - b);
  check(
    show(seen) === show(range(23)),
    `minibatchIndices(23, 5): expected every index 0…22 exactly once, got (sorted) ${show(seen)}`,
  );
  checkBatches(
    batches,
    cut(new Rng(42).permutation(23), 5),
    "minibatchIndices(23, 5, { rng: new Rng(42) }) against new Rng(42).permutation(23) cut in order\n" +
      MATH_RANDOM,
  );
});

test("minibatchIndices() gives the same batches for the same seed", () => {
  const first = minibatchIndices(12, 5, { rng: new Rng(3) });
  const second = minibatchIndices(12, 5, { rng: new Rng(3) });
  check(
    show(first) === show(second),
    `minibatchIndices(12, 5) with two new Rng(3): expected the same batches twice, got\n  ${
      show(first)
    }\n  ${show(second)}\n${MATH_RANDOM}`,
  );
});

test("minibatchIndices() draws a new order every epoch from one rng", () => {
  const rng = new Rng(11);
  const epoch0 = minibatchIndices(12, 4, { rng });
  const epoch1 = minibatchIndices(12, 4, { rng });
  const twin = new Rng(11);
  const expected0 = cut(twin.permutation(12), 4);
  const expected1 = cut(twin.permutation(12), 4);
  check(
    show(epoch0) !== show(epoch1),
    `minibatchIndices(12, 4) called twice with one rng: expected two different orders, got ${
      show(epoch0)
    } both times.\n` +
      "Likely mistake — a new Rng(seed) made inside minibatchIndices (the same order every time): call options.rng.permutation(n) on the rng you were given",
  );
  checkBatches(epoch1, expected1, "the second epoch from one Rng(11)");
  checkBatches(epoch0, expected0, "the first epoch from one Rng(11)");
});

// ---------------------------------------------------------------------------
// linearRegressionLossAndGradient()

// Worked out by hand: X = [[1, 2], [3, 4], [0, −1]], y = [1, 2, 3], w = [0.5, −1], b = 2.
//   ŷ = Xw + b = [0.5 − 2 + 2, 1.5 − 4 + 2, 0 + 1 + 2] = [0.5, −0.5, 3]
//   r = ŷ − y  = [−0.5, −2.5, 0],  Σr² = 0.25 + 6.25 + 0 = 6.5,  L = 6.5/3
//   Xᵀr = [1·(−0.5) + 3·(−2.5) + 0·0, 2·(−0.5) + 4·(−2.5) + (−1)·0] = [−8, −11]
//   gradW = (2/3)·Xᵀr = [−16/3, −22/3],  gradB = (2/3)·Σr = (2/3)·(−3) = −2
const HAND = { X: [[1, 2], [3, 4], [0, -1]], y: [1, 2, 3], w: [0.5, -1], b: 2 };

test("linearRegressionLossAndGradient() gives the loss as the MEAN of (Xw + b − y)²", async () => {
  const { loss } = linearRegressionLossAndGradient(
    tensor(HAND.X),
    tensor(HAND.y),
    tensor(HAND.w),
    HAND.b,
  );
  await assertAllClose(loss, 6.5 / 3, {
    where: "linearRegressionLossAndGradient(), loss (a 0-d tensor)",
    mistakes: [{
      name: "the loss summed instead of averaged",
      explanation: "L is the mean over rows, (1/n)·Σ r²: take .mean(), not .sum()",
      values: 6.5,
    }],
    hint: "r = Xw + b − y; L = mean(r²)",
  });
});

test("linearRegressionLossAndGradient() gives gradW = (2/n)·Xᵀr and gradB = (2/n)·Σr", async () => {
  const { gradW, gradB } = linearRegressionLossAndGradient(
    tensor(HAND.X),
    tensor(HAND.y),
    tensor(HAND.w),
    tensor(HAND.b),
  );
  const correct = [-16 / 3, -22 / 3];
  check(
    gradW.shape.length === 1 && gradW.shape[0] === 2 && gradB.shape.length === 0,
    `linearRegressionLossAndGradient(): expected gradW of shape [2] (one entry per weight) and gradB of shape [] (a 0-d tensor), got ${
      show(gradW.shape)
    } and ${show(gradB.shape)}`,
  );
  await assertAllClose([...(await gradW.data()), ...(await gradB.data())], [...correct, -2], {
    where: "linearRegressionLossAndGradient(), [gradW_1, gradW_2, gradB]",
    mistakes: [
      {
        name: "summing instead of averaging the batch gradient",
        explanation:
          "the gradient of a MEAN is a mean: divide Σ by the batch size n, or one η means a different step for every B",
        values: [-16, -22, -6],
      },
      {
        name: "the bias gradient missing its factor 2",
        explanation: "∂(r²)/∂b = 2r, just as for w: gradB = (2/n)·Σ r = 2·mean(r)",
        values: [...correct, -1],
      },
      {
        name: "the weight gradient missing its factor 2",
        explanation: "∂(r²)/∂w = 2r·x: gradW = (2/n)·Xᵀr, with the 2",
        values: [-8 / 3, -11 / 3, -2],
      },
      {
        name: "the residual taken as y − ŷ",
        explanation:
          "r = ŷ − y = Xw + b − y; with y − ŷ the loss is the same but every gradient changes sign and SGD climbs",
        values: [16 / 3, 22 / 3, 2],
      },
    ],
    hint: "gradW = X.transpose().matmul(r).mul(2 / n); gradB = 2·mean(r)",
  });
});

test(
  "linearRegressionLossAndGradient() agrees with central differences of its own loss",
  async () => {
    // Random X [7,3], y, w, b in float64; the gradient must be the slope of the loss
    // the same function returns: (L(θ + h·e_i) − L(θ − h·e_i)) / 2h, h = 1e-6.
    const rng = new Rng(5);
    const X = range(7).map(() => range(3).map(() => rng.normal()));
    const y = range(7).map(() => rng.normal() * 3);
    const w = range(3).map(() => rng.normal());
    const b = rng.normal();
    const f64 = { dtype: "float64" as const };
    const lossAt = async (wi: number[], bi: number) =>
      await linearRegressionLossAndGradient(tensor(X, f64), tensor(y, f64), tensor(wi, f64), bi)
        .loss.item();
    const h = 1e-6;
    const numeric: number[] = [];
    for (let j = 0; j < 3; j++) {
      const plus = w.map((v, k) => (k === j ? v + h : v));
      const minus = w.map((v, k) => (k === j ? v - h : v));
      numeric.push(((await lossAt(plus, b)) - (await lossAt(minus, b))) / (2 * h));
    }
    numeric.push(((await lossAt(w, b + h)) - (await lossAt(w, b - h))) / (2 * h));
    const { gradW, gradB } = linearRegressionLossAndGradient(
      tensor(X, f64),
      tensor(y, f64),
      tensor(w, f64),
      b,
    );
    await assertAllClose([...(await gradW.data()), ...(await gradB.data())], numeric, {
      where:
        "linearRegressionLossAndGradient() on random [7,3] data, [gradW, gradB] vs finite differences",
      looseness: 1e4, // central differences are accurate to about h² and ε/h, not to float64's 1e-9
      mistakes: [
        {
          name: "summing instead of averaging the batch gradient",
          explanation: "the loss is a mean, so its gradient is a mean too: divide by n",
          values: numeric.map((g) => 7 * g),
        },
        {
          name: "the bias gradient missing its factor 2",
          explanation: "gradB = 2·mean(r), the chain rule of the square",
          values: [...numeric.slice(0, 3), numeric[3] / 2],
        },
        {
          name: "the residual taken as y − ŷ",
          explanation: "r = ŷ − y; the other way round flips every gradient",
          values: numeric.map((g) => -g),
        },
      ],
    });
  },
  { dtype: "float64" },
);

test("linearRegressionLossAndGradient() refuses y of shape [n,1] instead of broadcasting to [n,n]", () => {
  // ŷ [3] − y [3,1] broadcasts to a [3,3] matrix of every prediction minus every
  // target: a wrong loss with no error at all. checkRegressionShapes() catches it.
  const error = thrown(() =>
    linearRegressionLossAndGradient(
      tensor(HAND.X),
      tensor(HAND.y.map((v) => [v])),
      tensor(HAND.w),
      HAND.b,
    )
  );
  checkRefused(
    error,
    ShapeError,
    /^Cannot [^:]+: y has shape \[3,1\]/,
    "linearRegressionLossAndGradient(X [3,2], y [3,1], w [2], b)",
    'Call the worked example checkRegressionShapes("compute the loss", X, y, w) first',
  );
});

// ---------------------------------------------------------------------------
// trainLinearRegression()

test("trainLinearRegression() makes ⌈n/B⌉ updates per epoch and records one loss per epoch", async () => {
  // n = 20, 2 epochs: B = 3 → ⌈20/3⌉ = 7 updates per epoch, 14 in all.
  const result = await trainSmall({ ...SMALL_SETUP, batchSize: 3, epochs: 2 }, 0.01);
  check(
    result.updates === 14,
    `trainLinearRegression(n = 20, B = 3, 2 epochs): expected 14 updates (⌈20/3⌉ = 7 per epoch), got ${result.updates}` +
      (result.updates === 12
        ? `\nLikely mistake — ${DROPPED_LAST.name}: ${DROPPED_LAST.explanation}`
        : result.updates === 15
        ? "\nLikely mistake — the update count t started at 1: t counts the updates made so far, 0 before the first, so η^t starts at η⁰ and 14 updates report 14"
        : ""),
  );
  check(
    result.lossHistory.length === 2,
    `trainLinearRegression(2 epochs): expected lossHistory to hold 2 losses (one per epoch), got ${result.lossHistory.length}` +
      (result.lossHistory.length === 14
        ? "\nLikely mistake — loss history recorded per batch instead of per epoch: record the full-data loss once, after the epoch's last batch"
        : ""),
  );
});

test("trainLinearRegression() records the full-data loss after each epoch in lossHistory", async () => {
  const result = await trainSmall(SMALL_SETUP, 0.05);
  await assertAllClose(result.lossHistory, SMALL_RUN.lossHistory, {
    where:
      "trainLinearRegression() on 20 rows, B = 6, η = 0.05, seed 7: lossHistory after epochs 0, 1, 2",
    mistakes: [{
      name: "loss history recorded per batch instead of per epoch",
      explanation: "lossHistory[e] is the loss on ALL the data after epoch e: one entry per epoch",
      values: SMALL_RUN.lossAfterEachUpdate,
    }, {
      name: "the loss recorded before each epoch instead of after",
      explanation:
        "lossHistory[e] is the loss AFTER epoch e's updates; the first entry is not the loss at w = 0, b = 0",
      values: [mse(SMALL.X, SMALL.y, [0, 0], 0), ...SMALL_RUN.lossHistory.slice(0, -1)],
    }],
    hint:
      "after each epoch, push the loss of linearRegressionLossAndGradient(X, y, w, b) on the whole data",
  });
});

test("trainLinearRegression() is plain SGD on a fresh shuffle of one Rng(seed) every epoch", async () => {
  // The reference: w = b = 0, rng = new Rng(7), each epoch rng.permutation(20) cut
  // into batches of 6, 6, 6, 2, one update w −= η·gradW, b −= η·gradB per batch.
  const result = await trainSmall(SMALL_SETUP, 0.05);
  const both = (run: SgdRun) => [...run.w, run.b];
  const variant = (v: SgdVariant) => both(referenceSgd(SMALL.X, SMALL.y, SMALL_SETUP, v));
  await assertAllClose([...(await result.w.data()), ...(await result.b.data())], both(SMALL_RUN), {
    where: "trainLinearRegression() on 20 rows, B = 6, η = 0.05, seed 7, 3 epochs: [w_1, w_2, b]",
    mistakes: [
      {
        name: "no reshuffle between epochs",
        explanation:
          "every epoch walked the same batches (a new Rng(seed) each epoch, or batches cut once before the loop). Make ONE new Rng(seed) before the epoch loop and call minibatchIndices(n, B, { rng }) INSIDE it, so each epoch draws a new permutation",
        values: variant({ order: "same" }),
      },
      {
        name: "batches in file order (no shuffle at all)",
        explanation:
          "SGD's batches are random: pass { rng } to minibatchIndices and keep shuffle on",
        values: variant({ order: "file" }),
      },
      {
        name: "summing instead of averaging the batch gradient",
        explanation: "each update uses the MEAN gradient of its batch",
        values: variant({ summed: true }),
      },
    ],
    hint: "start from w = 0 and b = 0; t counts updates, so η^t = learningRateAt(learningRate, t)",
  });
});

test("trainLinearRegression() returns w of shape [d] and b as a scalar, in X's dtype", async () => {
  const X = tensor(SMALL.X, { dtype: "float64" });
  const y = tensor(SMALL.y, { dtype: "float64" });
  // 0 epochs: no update yet, so w = 0 and b = 0 exactly as they were made.
  const start = await trainLinearRegression(X, y, {
    batchSize: 6,
    learningRate: 0.05,
    epochs: 0,
    seed: 7,
  });
  await assertAllClose(start.w, [0, 0], { where: "trainLinearRegression(float64 X, 0 epochs).w" });
  await assertAllClose(start.b, 0, {
    where: "trainLinearRegression(float64 X, 0 epochs).b",
    mistakes: [{
      name: "b as a [1] tensor instead of a scalar",
      explanation: "b is one number for the whole model: zeros([]) (shape []), not zeros([1])",
      values: [0],
    }],
  });
  const run = referenceSgd(SMALL.X, SMALL.y, SMALL_SETUP);
  const trained = await trainLinearRegression(X, y, { ...SMALL_SETUP, learningRate: 0.05 });
  await assertAllClose(trained.w, run.w, {
    where: "trainLinearRegression(float64 X, 3 epochs).w",
    looseness: 1e3,
  });
  await assertAllClose(trained.b, run.b, {
    where: "trainLinearRegression(float64 X, 3 epochs).b",
    looseness: 1e3,
    mistakes: [{
      name: "b as a [1] tensor instead of a scalar",
      explanation: "b is one number for the whole model: zeros([]) (shape []), not zeros([1])",
      values: [run.b],
    }],
  });
}, { dtype: "float64" });

test("trainLinearRegression() indexes a learning-rate schedule by update, not by epoch", async () => {
  const schedule = (t: number) => 0.1 / (1 + t);
  const setup = { ...SMALL_SETUP, learningRate: schedule };
  const result = await trainSmall(setup, schedule);
  const expected = referenceSgd(SMALL.X, SMALL.y, setup);
  const byEpoch = referenceSgd(SMALL.X, SMALL.y, setup, { scheduleByEpoch: true });
  await assertAllClose(
    [...(await result.w.data()), ...(await result.b.data())],
    [...expected.w, expected.b],
    {
      where: "trainLinearRegression() with η^t = 0.1/(1 + t), 3 epochs of 4 updates: [w_1, w_2, b]",
      mistakes: [{
        name: "the schedule indexed by epoch instead of by update",
        explanation:
          "t counts updates from 0 over the whole run: η^t = learningRateAt(learningRate, updatesSoFar)",
        values: [...byEpoch.w, byEpoch.b],
      }],
    },
  );
});

test("trainLinearRegression() with B = n is full-batch gradient descent, step for step", async () => {
  // With B = n every batch is the whole data set (in a shuffled order, which does
  // not change a mean), so each epoch is exactly one gradient-descent step:
  // θ^{t+1} = θ^t − η·∇L(θ^t) on all 20 rows. Our own GD loop, in float64:
  const eta = 0.1;
  const steps = 8;
  let w = [0, 0];
  let b = 0;
  const losses: number[] = [];
  for (let t = 0; t < steps; t++) {
    const { gradW, gradB } = mseGradient(SMALL.X, SMALL.y, w, b, range(20));
    w = w.map((wj, j) => wj - eta * gradW[j]);
    b -= eta * gradB;
    losses.push(mse(SMALL.X, SMALL.y, w, b));
  }
  const result = await trainSmall({
    batchSize: 20,
    learningRate: () => eta,
    epochs: steps,
    seed: 1,
  }, eta);
  check(
    result.updates === steps,
    `trainLinearRegression(B = n = 20, ${steps} epochs): expected ${steps} updates (one per epoch), got ${result.updates}`,
  );
  await assertAllClose(result.lossHistory, losses, {
    where:
      `trainLinearRegression() with B = n = 20, η = ${eta}: loss after each of ${steps} steps vs gradient descent`,
  });
  await assertAllClose([...(await result.w.data()), ...(await result.b.data())], [...w, b], {
    where:
      `trainLinearRegression() with B = n = 20 after ${steps} steps: [w_1, w_2, b] vs gradient descent`,
  });
});

test("one epoch at the same η: B = 1 makes n updates and ends lower than B = n, which makes one", async () => {
  // What this shows: with the same η, one epoch of B = 1 takes 20 small noisy
  // steps and B = n one exact step, so on this convex loss the 20 steps get
  // further. What it does not show: the lecture's timing claims (a larger batch
  // is not slower per update with parallel hardware, a smaller one is slower per
  // epoch: nothing is timed here), nor that noise helps: a convex loss has no
  // saddle or poor minimum to escape, and B = n with a larger η would do as well.
  const eta = 0.05;
  const single = await trainSmall({ ...SMALL_SETUP, batchSize: 1, epochs: 1 }, eta);
  const full = await trainSmall({ ...SMALL_SETUP, batchSize: 20, epochs: 1 }, eta);
  check(
    single.updates === 20 && full.updates === 1,
    `one epoch over n = 20 rows: expected 20 updates with B = 1 and 1 with B = n, got ${single.updates} and ${full.updates}`,
  );
  check(
    single.lossHistory[0] < full.lossHistory[0],
    `one epoch over n = 20 rows with η = ${eta}: expected B = 1 (20 updates) to end with a lower loss than B = n (1 update), got ${
      single.lossHistory[0]
    } and ${full.lossHistory[0]}`,
  );
});

test("trainLinearRegression() on the cars data ends within 1% of the least-squares optimum", async () => {
  const { X, y, rows, targets } = await cars();
  const optimum = leastSquares(rows, targets);
  // B = 56 divides n = 392, so every batch is full (a short last batch would make
  // the last step of each epoch noisier); η = 0.05, 12 epochs: 7 updates per epoch,
  // 84 in all. SGD with a constant η does not converge exactly, it hovers near the
  // optimum (measured: 17.910 against 17.841, 0.38% above it; at most 0.41% for
  // seeds 1 to 9).
  const result = await trainLinearRegression(X, y, {
    batchSize: 56,
    learningRate: 0.05,
    epochs: 12,
    seed: 2024,
  });
  const final = result.lossHistory.at(-1) ?? NaN;
  const [w, b] = [[...(await result.w.data())], (await result.b.data())[0]];
  check(
    final <= 1.01 * optimum.loss && final >= optimum.loss * (1 - 1e-4),
    `trainLinearRegression(cars, B = 56, η = 0.05, 12 epochs): expected a final loss between the optimum ${
      optimum.loss.toFixed(4)
    } and 1% above it (${(1.01 * optimum.loss).toFixed(4)}), got ${final}.\n` +
      `  lossHistory: first ${
        result.lossHistory[0]
      }, last ${final}; w = [${w}], b = ${b}; least squares: w = [${
        optimum.w.map((v) => v.toFixed(4))
      }], b = ${optimum.b.toFixed(4)}.\n` +
      (final > result.lossHistory[0]
        ? "The loss grew: check the sign of the gradient (r = ŷ − y) and of the step (w −= η·gradW)"
        : final < optimum.loss * (1 - 1e-4)
        ? "A loss below the least-squares optimum: the loss reported is not the mean squared error on all the data"
        : "The loss fell but not far enough: check that each batch's gradient is a mean, not a sum, and that every batch is used"),
  );
});
