/**
 * Kata 12's figures: the capstone's learning curves (training and validation
 * cross-entropy per epoch of the learner's trainClassifier(), the epoch early
 * stopping keeps, the held-out accuracy), and the broken run vs the learner's
 * fixTheRun().
 *
 * @module
 */
import type * as Kata12 from "../../../katas/12_capstone/capstone.ts";
import { chartTitle, type Figure, LearnerCalls, PANEL } from "../figure.ts";

/**
 * The capstone run, as in kata 12's suite (split seed 12, 8 hidden units, batches of 16, Adam
 * peaking at 0.03 after 10 warm-up steps, at most 25 epochs, patience 4, seed 1); the broken and
 * fixed runs train 10 epochs each.
 */
export const CAPSTONE_RUNS = {
  splitSeed: 12,
  train: {
    hidden: 8,
    epochs: 25,
    batchSize: 16,
    peak: 0.03,
    warmupSteps: 10,
    patience: 4,
    seed: 1,
  },
  fixEpochs: 10,
} as const;

/**
 * Builds kata 12's figures from the learner's module.
 *
 * @param kata The learner's `katas/12_capstone/capstone.ts`.
 * @returns Two figures: `12_learning_curves`, `12_broken_vs_fixed`.
 *
 * @example
 * ```ts
 * import { kata12Figures } from "./12_capstone.ts";
 * import { deepStrictEqual } from "node:assert";
 * const figures = await kata12Figures(await import("../../../katas/12_capstone/capstone.ts"));
 * deepStrictEqual(figures.map((f) => f.name), ["12_learning_curves", "12_broken_vs_fixed"]);
 * ```
 */
export async function kata12Figures(kata: typeof Kata12): Promise<Figure[]> {
  return [await learningCurves(kata), await brokenVsFixed(kata)];
}

async function learningCurves(kata: typeof Kata12): Promise<Figure> {
  const calls = new LearnerCalls("12");
  const { splitSeed, train: options } = CAPSTONE_RUNS;
  const data = await calls.run(
    "penguinSplit()",
    () => kata.penguinSplit({ seed: splitSeed, standardize: true }),
  );
  const losses: { epoch: number; set: string; loss: number }[] = [];
  const best: { epoch: number; loss: number; label: string }[] = [];
  let accuracy: number | undefined;
  if (data) {
    // The learner's run, early stopping on the validation rows.
    const run = await calls.run(
      "trainClassifier()",
      () => kata.trainClassifier(data.train, data.validation, options),
    );
    if (run) {
      run.history.forEach((loss, epoch) => losses.push({ epoch, set: "validation", loss }));
      best.push({
        epoch: run.bestEpoch,
        loss: run.history[run.bestEpoch],
        label: `kept: epoch ${run.bestEpoch}`,
      });
      accuracy = await calls.run(
        "accuracyOf()",
        () => kata.accuracyOf(run.theta, run.shape, data.test),
      );
      // The same run again (same seed, same shuffles) watching the training rows instead, for
      // as many epochs and with no early stop: its history is the training loss per epoch.
      const again = await calls.run(
        "trainClassifier()",
        () =>
          kata.trainClassifier(data.train, data.train, {
            ...options,
            epochs: run.history.length,
            patience: run.history.length,
          }),
      );
      again?.history.forEach((loss, epoch) => losses.push({ epoch, set: "training", loss }));
    }
  }
  const held = accuracy === undefined ? "" : `, held-out accuracy ${(100 * accuracy).toFixed(1)}%`;
  const title = `12 · The capstone's learning curves (${options.hidden} hidden units${held})`;
  return {
    name: "12_learning_curves",
    title,
    caption:
      "Your trainClassifier() on the penguins: minibatches (kata 03), Adam (05) on a warm-up " +
      "(06), cross-entropy (07), early stopping (10) watching the 50 validation rows. Look for " +
      "the training loss falling steadily while the validation loss flattens and wobbles: early " +
      "stopping keeps the epoch marked and stops " +
      `${options.patience} epochs later. The accuracy in the title is on the 68 test rows, never ` +
      "trained on and never used to choose anything. (The training curve is the same run " +
      "repeated with the training rows watched instead.)",
    notes: calls.notes,
    preview: {
      title: "cross-entropy per epoch",
      series: ["training", "validation"].map((set) => ({
        name: set,
        values: losses.filter((l) => l.set === set).map((l) => l.loss),
      })).filter((s) => s.values.length > 0),
    },
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { losses, best, held: accuracy === undefined ? [] : [{ accuracy }] },
      width: PANEL.width,
      height: PANEL.height,
      layer: [
        {
          data: { name: "losses" },
          mark: { type: "line", point: { size: 12 } },
          encoding: {
            x: { field: "epoch", type: "quantitative", title: "epoch" },
            y: {
              field: "loss",
              type: "quantitative",
              title: "cross-entropy (nats)",
              scale: { type: "log" },
            },
            color: {
              field: "set",
              type: "nominal",
              title: null,
              scale: { domain: ["training", "validation"], range: ["#4c78a8", "#f58518"] },
            },
          },
        },
        {
          data: { name: "best" },
          mark: { type: "rule", strokeDash: [4, 4], color: "black" },
          encoding: { x: { field: "epoch", type: "quantitative" } },
        },
        {
          data: { name: "best" },
          mark: { type: "text", align: "left", dx: 4, baseline: "top", y: 4 },
          encoding: { x: { field: "epoch", type: "quantitative" }, text: { field: "label" } },
        },
      ],
    },
  };
}

async function brokenVsFixed(kata: typeof Kata12): Promise<Figure> {
  const calls = new LearnerCalls("12");
  const { splitSeed, train: options, fixEpochs } = CAPSTONE_RUNS;
  const settings = await calls.run("fixTheRun()", () => kata.fixTheRun());
  const runs: [string, Kata12.RunSettings][] = [["broken run (BROKEN_RUN)", kata.BROKEN_RUN]];
  if (settings) runs.push(["your fixTheRun()", settings]);
  const losses: { run: string; epoch: number; loss: number }[] = [];
  const results: { run: string; accuracy: number; loss: number }[] = [];
  for (const [run, s] of runs) {
    await calls.run("trainClassifier()", async () => {
      const data = kata.penguinSplit({ seed: splitSeed, standardize: s.standardize });
      // Watching the training rows: the history is the training loss after each epoch.
      const model = await kata.trainClassifier(data.train, data.train, {
        ...s,
        epochs: fixEpochs,
        patience: fixEpochs,
        seed: options.seed,
      });
      const accuracy = await kata.accuracyOf(model.theta, model.shape, data.test);
      const label = `${run}: ${(100 * accuracy).toFixed(0)}% held out`;
      model.history.forEach((loss, epoch) => losses.push({ run: label, epoch, loss }));
      results.push({ run, accuracy, loss: model.history.at(-1)! });
    });
  }
  const chance = [{ loss: Math.log(3), label: "chance: ln 3" }];
  const title = `12 · The broken run vs your fix: training loss per epoch (${fixEpochs} epochs)`;
  return {
    name: "12_broken_vs_fixed",
    title,
    caption:
      "BROKEN_RUN feeds the raw measurements (body mass in grams beside beak depths in mm) to " +
      "the network. Its TRAINING loss stays far above chance (ln 3, dashed): not overfitting, " +
      "and a bigger network does no better, so the flowchart of kata 09 says optimization. Your " +
      "fixTheRun() should change the optimization — look for its curve dropping well under " +
      "the chance line within a few epochs, and its held-out accuracy in the legend.",
    notes: calls.notes,
    preview: {
      title: `log10 of the training loss per epoch, ${fixEpochs} epochs`,
      series: [...new Set(losses.map((l) => l.run))].map((run) => ({
        name: run,
        values: losses.filter((l) => l.run === run).map((l) => Math.log10(l.loss)),
      })),
    },
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { losses, chance, results },
      width: PANEL.width,
      height: PANEL.height,
      layer: [
        {
          data: { name: "losses" },
          mark: { type: "line", point: { size: 12 } },
          encoding: {
            x: { field: "epoch", type: "quantitative", title: "epoch" },
            y: {
              field: "loss",
              type: "quantitative",
              title: "training cross-entropy (nats)",
              scale: { type: "log" },
            },
            color: {
              field: "run",
              title: null,
              sort: null,
              legend: { orient: "bottom", direction: "vertical", labelLimit: 400 },
            },
          },
        },
        {
          data: { name: "chance" },
          mark: { type: "rule", strokeDash: [4, 4], color: "black" },
          encoding: { y: { field: "loss", type: "quantitative" } },
        },
      ],
    },
  };
}
