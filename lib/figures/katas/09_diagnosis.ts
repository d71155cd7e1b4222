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
import type * as Kata09 from "../../../katas/09_diagnosis/diagnosis.ts";
import type * as Kata05 from "../../../katas/05_adam/adam.ts";
import {
  type CarSplit,
  carSplits,
  DEPTH_RUNS,
  fitMpg,
  mse,
  penguins,
  THRESHOLDS,
  trainPenguins,
} from "../../../katas/09_diagnosis/experiments.ts";
import type { Optimizer } from "../../mod.ts";
import { type BuildContext, chartTitle, type Figure, LearnerCalls, PANEL } from "../figure.ts";

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
  const shallow = await trainPenguins(data, [8], "sigmoid", "xavier", steps, learningRate);
  const deep = await trainPenguins(
    data,
    [8, 8, 8, 8, 8],
    "sigmoid",
    "xavier",
    steps,
    learningRate,
  );
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
      return trainPenguins(
        data,
        [8, 8, 8, 8, 8],
        "relu",
        "he",
        steps,
        optimizer as Optimizer<unknown>,
      );
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

async function mismatchFigure(kata: typeof Kata09): Promise<Figure> {
  const calls = new LearnerCalls("09");
  // As kata 09's suite: train on 1970–76 (validation drawn from the same years), test on 1980–82;
  // then the same sizes drawn at random from all those years.
  const { byYear, random } = carSplits();
  const splits: [string, CarSplit][] = [
    ["by year: test 1980–82", byYear],
    ["at random, same sizes", random],
  ];
  const losses: { split: string; set: string; loss: number }[] = [];
  const verdicts: string[] = [];
  for (const [split, { train, validation, test }] of splits) {
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
