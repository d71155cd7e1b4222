/**
 * Kata 09's figures, from kata 09's suite's experiments: the penguins' training
 * and validation loss per step for a shallow and a deep sigmoid MLP (the deep
 * one's TRAINING loss stays higher: optimization) and the deep net fixed with
 * ReLU, He and the learner's Adam (kata 05); and the cars' train/validation/test
 * losses for a split by model year vs a random split (mismatch). The learner's
 * diagnose() gives each verdict in the title.
 *
 * @module
 */
import penguinsCsv from "../../../data/penguins.csv" with { type: "text" };
import carsCsv from "../../../data/cars.csv" with { type: "text" };
import type * as Kata09 from "../../../katas/09_diagnosis/diagnosis.ts";
import type * as Kata05 from "../../../katas/05_adam/adam.ts";
import { gather, oneHot, type Optimizer, Rng, type Tensor } from "../../mod.ts";
import { valueAndGrad } from "../../autodiff/mod.ts";
import { type Activation, mlp } from "../../nn/mod.ts";
import { loadTable, standardize } from "../../data/mod.ts";
import { type BuildContext, chartTitle, type Figure, LearnerCalls, PANEL } from "../figure.ts";

/** The penguin runs, as in kata 09's suite: 20 full-batch steps; gradient descent η = 1, Adam η = 0.03. */
export const DEPTH_RUNS = { steps: 20, learningRate: 1, adamLearningRate: 0.03 } as const;
/** The thresholds of kata 09's suite: cross-entropy in nats for the penguins, mpg² for the cars. */
export const THRESHOLDS = {
  penguins: { largeLoss: 0.5, gap: 0.1 },
  cars: { largeLoss: 25, gap: 10 },
} as const;

type Split = Record<"train" | "validation", { X: Tensor; Y: Tensor }>;

/** The penguins' four measurements (standardized) and species, split 70/30 by `new Rng(0)`. */
function penguins(): Split {
  const table = loadTable(penguinsCsv, {
    features: ["beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"],
    label: "species",
    dropMissing: true,
    dtype: "float64",
  });
  const X = standardize(table.X).X;
  const order = new Rng(0).permutation(X.shape[0]);
  const cut = Math.round(0.7 * order.length);
  const part = (rows: number[]) => ({
    X: gather(X, rows),
    Y: oneHot(gather(table.labels!, rows), 3).cast("float64"),
  });
  return { train: part(order.slice(0, cut)), validation: part(order.slice(cut)) };
}

/** Mean cross-entropy of logits [B, 3] against one-hot labels [B, 3]. */
function crossEntropy(logits: Tensor, Y: Tensor): Tensor {
  const logSumExp = logits.exp().sum(1, true).log();
  return logits.sub(logSumExp).mul(Y).sum().div(-Y.shape[0]);
}

/** Trains an MLP on the penguins and returns its training and validation loss before and after each step. */
async function trainPenguins(
  data: Split,
  hidden: number[],
  activation: Activation,
  init: "he" | "xavier",
  optimizer: number | Optimizer<unknown>,
): Promise<{ train: number[]; validation: number[] }> {
  const net = mlp({
    sizes: [4, ...hidden, 3],
    activation,
    init,
    rng: new Rng(1),
    dtype: "float64",
  });
  let theta = net.init();
  const lossAndGrad = valueAndGrad((t) => crossEntropy(net.forward(t, data.train.X), data.train.Y));
  const train: number[] = [];
  const validation: number[] = [];
  const record = async (value: Tensor) => {
    train.push(await value.item());
    validation.push(
      await crossEntropy(net.forward(theta, data.validation.X), data.validation.Y).item(),
    );
  };
  let state = typeof optimizer === "number" ? undefined : optimizer.init(theta);
  for (let s = 0; s < DEPTH_RUNS.steps; s++) {
    const { value, grad } = lossAndGrad(theta);
    await record(value);
    if (typeof optimizer === "number") theta = theta.sub(grad.mul(optimizer));
    else ({ params: theta, state } = optimizer.update(grad, state, theta));
  }
  await record(lossAndGrad(theta).value);
  return { train, validation };
}

/**
 * Builds kata 09's figures from the learner's module (and, for the fixed run, kata 05's adam()).
 *
 * @param kata The learner's `katas/09_diagnosis/diagnosis.ts`.
 * @param context Loads kata 05.
 * @returns Two figures: `09_deep_vs_shallow`, `09_mismatch`.
 *
 * @example
 * ```ts
 * import { kata09Figures } from "./09_diagnosis.ts";
 * import { deepStrictEqual } from "node:assert";
 * const load = (dir: string) => import(`../../../katas/${dir}/${dir.slice(3)}.ts`);
 * const figures = await kata09Figures(await import("../../../katas/09_diagnosis/diagnosis.ts"), { load, webgpu: false });
 * deepStrictEqual(figures.map((f) => f.name), ["09_deep_vs_shallow", "09_mismatch"]);
 * ```
 */
export async function kata09Figures(kata: typeof Kata09, context: BuildContext): Promise<Figure[]> {
  return [await depthFigure(kata, context), await mismatchFigure(kata)];
}

/** The learner's verdict on a report, as the titles quote it. */
async function verdictOf(
  calls: LearnerCalls,
  kata: typeof Kata09,
  report: Kata09.LossReport,
  options: Kata09.DiagnoseOptions,
): Promise<Kata09.Diagnosis | undefined> {
  return await calls.run("diagnose()", () => kata.diagnose(report, options));
}

async function depthFigure(kata: typeof Kata09, context: BuildContext): Promise<Figure> {
  const calls = new LearnerCalls("09");
  const { learningRate, adamLearningRate, steps } = DEPTH_RUNS;
  const data = penguins();
  const shallow = await trainPenguins(data, [8], "sigmoid", "xavier", learningRate);
  const deep = await trainPenguins(data, [8, 8, 8, 8, 8], "sigmoid", "xavier", learningRate);
  const runs: [string, { train: number[]; validation: number[] }][] = [
    ["1 sigmoid layer (GD)", shallow],
    ["5 sigmoid layers (GD)", deep],
  ];
  const kata05 = await calls.run("adam() (kata 05)", async () => await context.load("05_adam"));
  if (kata05) {
    const fixed = await calls.run("adam() (kata 05)", () => {
      const optimizer = (kata05 as unknown as typeof Kata05).adam({
        learningRate: adamLearningRate,
      });
      return trainPenguins(data, [8, 8, 8, 8, 8], "relu", "he", optimizer as Optimizer<unknown>);
    });
    if (fixed) runs.push(["5 ReLU layers, He, your Adam", fixed]);
  }
  const losses: { model: string; set: string; step: number; loss: number }[] = [];
  for (const [model, run] of runs) {
    for (const set of ["train", "validation"] as const) {
      run[set].forEach((loss, step) => losses.push({ model, set, step, loss }));
    }
  }
  const diagnosis = await verdictOf(calls, kata, {
    models: ["1 sigmoid layer", "5 sigmoid layers"],
    train: [shallow.train.at(-1)!, deep.train.at(-1)!],
    validation: [shallow.validation.at(-1)!, deep.validation.at(-1)!],
  }, THRESHOLDS.penguins);
  const verdict = diagnosis
    ? `your diagnose(): "${diagnosis.verdict}"${
      diagnosis.comparedWith ? ` (vs "${diagnosis.comparedWith}")` : ""
    }`
    : "diagnose() not drawn";
  const title = `09 · Penguins, deep vs shallow: ${verdict}`;
  return {
    name: "09_deep_vs_shallow",
    title,
    caption:
      `The same penguins, the same budget (${steps} full-batch gradient-descent steps, η = ` +
      `${learningRate}), only the depth differs. Look at the TRAINING loss (solid): the five-` +
      "layer sigmoid net, which contains the one-layer net, ends far higher, near what knowing " +
      "only the species' frequencies gives (1.05 nats) — so the fault is the optimization, not " +
      'the model, and your diagnose() should say "optimization". The same depth with ReLU, He ' +
      `initialization and your Adam from kata 05 (η = ${adamLearningRate}) trains. Dashed: ` +
      "validation loss, which follows the training loss here (no overfitting)." +
      (diagnosis ? ` Your diagnose(): ${diagnosis.reason}.` : ""),
    notes: calls.notes,
    preview: {
      title: `training loss (nats) per step, ${steps} steps`,
      series: runs.map(([model, run]) => ({ name: model, values: run.train })),
    },
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { losses },
      width: PANEL.width,
      height: PANEL.height,
      data: { name: "losses" },
      mark: { type: "line" },
      encoding: {
        x: { field: "step", type: "quantitative", title: "full-batch step" },
        y: { field: "loss", type: "quantitative", title: "cross-entropy (nats)" },
        color: { field: "model", title: null, sort: null, legend: { labelLimit: 260 } },
        strokeDash: {
          field: "set",
          title: null,
          scale: { domain: ["train", "validation"], range: [[1, 0], [4, 3]] },
        },
      },
    },
  };
}

type Car = { weight: number; horsepower: number; year: number; mpg: number };

/** The cars with weight and horsepower known: weight in 1000 lb, horsepower in 100 hp. */
function cars(): Car[] {
  const table = loadTable(carsCsv, {
    features: ["weight_in_lbs", "horsepower", "year"],
    target: "miles_per_gallon",
    dropMissing: true,
    dtype: "float64",
  });
  const X = table.X.arraySync() as number[][];
  const y = table.y!.arraySync() as number[];
  return X.map(([w, hp, year], i) => ({ weight: w / 1000, horsepower: hp / 100, year, mpg: y[i] }));
}

/** Least squares mpg ≈ a + b·weight + c·horsepower, by the 3×3 normal equations (Gauss–Jordan). */
function fitMpg(rows: Car[]): (car: Car) => number {
  const features = (car: Car) => [1, car.weight, car.horsepower];
  const M = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
  for (const car of rows) {
    const f = features(car);
    for (let i = 0; i < 3; i++) {
      M[i][3] += f[i] * car.mpg;
      for (let j = 0; j < 3; j++) M[i][j] += f[i] * f[j];
    }
  }
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const factor = M[r][c] / M[c][c];
      for (let k = c; k < 4; k++) M[r][k] -= factor * M[c][k];
    }
  }
  const w = M.map((row, i) => row[3] / row[i]);
  return (car: Car) => features(car).reduce((sum, f, i) => sum + f * w[i], 0);
}

const mse = (predict: (car: Car) => number, rows: Car[]) =>
  rows.reduce((sum, car) => sum + (predict(car) - car.mpg) ** 2, 0) / rows.length;

async function mismatchFigure(kata: typeof Kata09): Promise<Figure> {
  const calls = new LearnerCalls("09");
  // As kata 09's suite: train on 1970–76 (validation drawn from the same years), test on 1980–82;
  // then the same sizes drawn at random from all those years.
  const all = cars();
  const early = all.filter((car) => car.year <= 1976);
  const late = all.filter((car) => car.year >= 1980);
  const shuffled = new Rng(1).permutation(early.length).map((i) => early[i]);
  const nValidation = Math.round(0.2 * early.length);
  const byYear = { validation: shuffled.slice(0, nValidation), train: shuffled.slice(nValidation) };
  const pool = [...early, ...late];
  const mixed = new Rng(1).permutation(pool.length).map((i) => pool[i]);
  const random = {
    test: mixed.slice(0, late.length),
    validation: mixed.slice(late.length, late.length + nValidation),
    train: mixed.slice(late.length + nValidation),
  };
  const splits: [string, Car[], Car[], Car[]][] = [
    ["by year: test 1980–82", byYear.train, byYear.validation, late],
    ["at random, same sizes", random.train, random.validation, random.test],
  ];
  const losses: { split: string; set: string; loss: number }[] = [];
  const verdicts: string[] = [];
  for (const [split, train, validation, test] of splits) {
    const predict = fitMpg(train);
    const [l1, l2, l3] = [mse(predict, train), mse(predict, validation), mse(predict, test)];
    losses.push(
      { split, set: "train", loss: l1 },
      { split, set: "validation", loss: l2 },
      { split, set: "test", loss: l3 },
    );
    const diagnosis = await verdictOf(calls, kata, {
      models: [split],
      train: [l1],
      validation: [l2],
      test: [l3],
    }, THRESHOLDS.cars);
    if (diagnosis) verdicts.push(`"${diagnosis.verdict}"`);
  }
  const title = verdicts.length === 2
    ? `09 · Cars' mpg: by year → ${verdicts[0]}, at random → ${verdicts[1]} (your diagnose())`
    : "09 · Cars' mpg: train, validation and test loss, split by year vs at random";
  return {
    name: "09_mismatch",
    title,
    caption:
      "Miles per gallon from weight and horsepower, by least squares. Split by year, the model " +
      "fits its training years and does as well on validation cars of the same years — but the " +
      "1980–82 test cars go further on the same weight and power (fuel-economy rules changed): " +
      "test ≫ validation is a mismatch, and more training data of the same kind will not help. " +
      "The same sizes drawn at random from all those years: the three losses agree. Look for " +
      "the one tall test bar.",
    notes: calls.notes,
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { losses },
      width: PANEL.width / 2,
      height: PANEL.height,
      data: { name: "losses" },
      mark: { type: "bar" },
      encoding: {
        column: {
          field: "split",
          type: "nominal",
          title: null,
          sort: splits.map(([split]) => split),
          header: { labelFontSize: 11 },
        },
        x: {
          field: "set",
          type: "nominal",
          title: null,
          sort: ["train", "validation", "test"],
          axis: { labelAngle: 0 },
        },
        y: { field: "loss", type: "quantitative", title: "mean squared error (mpg²)" },
        color: {
          field: "set",
          type: "nominal",
          title: null,
          scale: {
            domain: ["train", "validation", "test"],
            range: ["#4c78a8", "#f58518", "#e45756"],
          },
          legend: null,
        },
      },
    },
  };
}
