/**
 * Kata 10's figures, on kata 10's suite's model that overfits (12 training
 * rows, 12 features): training vs validation loss per epoch with the learner's
 * earlyStopping() marking the best epoch and the patience window; and the
 * validation loss with no remedy vs with each of the learner's remedies.
 *
 * @module
 */
import type * as Kata10 from "../../../katas/10_overfitting/overfitting.ts";
import {
  fitLinear,
  OVERFIT_RUNS,
  overfittingSetup,
} from "../../../katas/10_overfitting/experiments.ts";
import { Rng, type Tensor, zeros } from "../../mod.ts";
import { chartTitle, type Figure, LearnerCalls, PANEL } from "../figure.ts";

/**
 * Builds kata 10's figures from the learner's module.
 *
 * @param kata The learner's `katas/10_overfitting/overfitting.ts`.
 * @returns Two figures: `10_early_stopping`, `10_remedies`.
 *
 * @example
 * ```ts
 * import { kata10Figures } from "./10_overfitting.ts";
 * import { deepStrictEqual } from "node:assert";
 * const figures = await kata10Figures(await import("../../../katas/10_overfitting/overfitting.ts"));
 * deepStrictEqual(figures.map((f) => f.name), ["10_early_stopping", "10_remedies"]);
 * // Drawn on the suite's experiment: 12 training rows and 200 validation rows of 12 features.
 * const { overfittingSetup } = await import("../../../katas/10_overfitting/experiments.ts");
 * const { train, validation } = overfittingSetup();
 * deepStrictEqual([train.X.shape, validation.X.shape], [[12, 12], [200, 12]]);
 * ```
 */
export async function kata10Figures(kata: typeof Kata10): Promise<Figure[]> {
  const data = overfittingSetup();
  return [await earlyStoppingFigure(kata, data), await remediesFigure(kata, data)];
}

type Data = ReturnType<typeof overfittingSetup>;

async function earlyStoppingFigure(kata: typeof Kata10, data: Data): Promise<Figure> {
  const calls = new LearnerCalls("10");
  const { epochs, learningRate, patience } = OVERFIT_RUNS;
  const { train, validation } = data;
  // The losses after each epoch (epoch 0 = after the first update), as earlyStopping() reads them.
  const curves = await calls.run("squaredErrorGradient()", async () => {
    const gradient = calls.guard("squaredErrorGradient()", kata.squaredErrorGradient);
    const loss = calls.guard("meanSquaredError()", kata.meanSquaredError);
    let w = zeros([12]);
    const trainLoss: number[] = [];
    const validationLoss: number[] = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      w = w.sub(gradient(train.X, train.y, w).mul(learningRate));
      trainLoss.push(await loss(train.X, train.y, w));
      validationLoss.push(await loss(validation.X, validation.y, w));
    }
    return { trainLoss, validationLoss };
  });
  const losses: { epoch: number; set: string; loss: number }[] = [];
  curves?.trainLoss.forEach((loss, epoch) => losses.push({ epoch, set: "training", loss }));
  curves?.validationLoss.forEach((loss, epoch) => losses.push({ epoch, set: "validation", loss }));
  const stop = curves
    ? await calls.run(
      "earlyStopping()",
      () => kata.earlyStopping(curves.validationLoss, { patience }),
    )
    : undefined;
  const best = stop
    ? [{ epoch: stop.bestEpoch, loss: stop.bestLoss, label: `best epoch ${stop.bestEpoch}` }]
    : [];
  const window = stop ? [{ from: stop.bestEpoch, to: stop.stopEpoch }] : [];
  const title = stop
    ? `10 · Early stopping (patience ${patience}): best epoch ${stop.bestEpoch}, stop after ${stop.stopEpoch}`
    : `10 · Training vs validation loss per epoch (patience ${patience})`;
  return {
    name: "10_early_stopping",
    title,
    caption:
      "12 training rows, 12 features (9 irrelevant): gradient descent drives the training loss " +
      "toward 0 by fitting the noise, while the validation loss on 200 fresh rows falls, bottoms " +
      "out and climbs. Your earlyStopping() reads the validation losses: the dot marks the best " +
      `epoch, the shaded band the ${patience} epochs of patience without an improvement, after ` +
      "which training stops and keeps the best epoch's parameters, not the last ones. Look for " +
      "the dot at the lowest point of the validation curve.",
    notes: calls.notes,
    preview: {
      title: `log10 of the loss per epoch, ${epochs} epochs`,
      series: ["training", "validation"].map((set) => ({
        name: set,
        values: losses.filter((l) => l.set === set).map((l) => Math.log10(l.loss)),
      })).filter((s) => s.values.length > 0),
    },
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { losses, best, window },
      width: PANEL.width,
      height: PANEL.height,
      layer: [
        {
          data: { name: "window" },
          mark: { type: "rect", color: "#fdae6b", opacity: 0.35 },
          encoding: {
            x: { field: "from", type: "quantitative" },
            x2: { field: "to" },
          },
        },
        {
          data: { name: "losses" },
          mark: { type: "line" },
          encoding: {
            x: { field: "epoch", type: "quantitative", title: "epoch" },
            y: {
              field: "loss",
              type: "quantitative",
              title: "mean squared error",
              scale: { type: "log" },
            },
            color: { field: "set", title: null, sort: null },
          },
        },
        {
          data: { name: "best" },
          mark: { type: "point", filled: true, size: 70, color: "black" },
          encoding: {
            x: { field: "epoch", type: "quantitative" },
            y: { field: "loss", type: "quantitative" },
          },
        },
        {
          data: { name: "best" },
          mark: { type: "text", align: "left", dx: 6, dy: -8 },
          encoding: {
            x: { field: "epoch", type: "quantitative" },
            y: { field: "loss", type: "quantitative" },
            text: { field: "label" },
          },
        },
      ],
    },
  };
}

async function remediesFigure(kata: typeof Kata10, data: Data): Promise<Figure> {
  const calls = new LearnerCalls("10");
  const { epochs, learningRate, patience } = OVERFIT_RUNS;
  const { train, validation } = data;
  const gradient = calls.guard("squaredErrorGradient()", kata.squaredErrorGradient);
  const loss = calls.guard("meanSquaredError()", kata.meanSquaredError);
  const l2Gradient = calls.guard("l2Gradient()", kata.l2Gradient);
  const dropout = calls.guard("dropout()", kata.dropout);
  // Gradient descent from w = 0, with optional L2 and dropout on the inputs (as the suite's fit()).
  const fit = (X: Tensor, y: Tensor, options: { lambda?: number; dropoutP?: number } = {}) =>
    fitLinear({ squaredErrorGradient: gradient, l2Gradient, dropout }, X, y, options);
  const validationLoss = (w: Tensor) => loss(validation.X, validation.y, w);
  const remedies: [string, string, () => Promise<number>][] = [
    ["no remedy", "squaredErrorGradient()", () => validationLoss(fit(train.X, train.y))],
    [
      `early stopping, patience ${patience}`,
      "trainWithEarlyStopping()",
      async () =>
        (await kata.trainWithEarlyStopping({
          params: zeros([12]),
          step: (w: Tensor) => w.sub(gradient(train.X, train.y, w).mul(learningRate)),
          validationLoss,
          maxEpochs: epochs,
          patience,
        })).bestLoss,
    ],
    ["L2, λ = 1", "l2Gradient()", () => validationLoss(fit(train.X, train.y, { lambda: 1 }))],
    ["dropout p = 0.2 on the inputs", "dropout()", () =>
      loss(
        dropout(validation.X, 0.2, { training: false }),
        validation.y,
        fit(train.X, train.y, { dropoutP: 0.2 }),
      )],
    ["augmentation, 4 noisy copies", "augmentWithNoise()", () => {
      const more = kata.augmentWithNoise(train.X, train.y, {
        copies: 4,
        noise: 1,
        rng: new Rng(5),
      });
      return validationLoss(fit(more.X, more.y));
    }],
    ["3 features instead of 12", "squaredErrorGradient()", () =>
      loss(
        validation.X.slice([0, 0], [200, 3]),
        validation.y,
        fit(train.X.slice([0, 0], [12, 3]), train.y),
      )],
  ];
  const bars: { remedy: string; loss: number }[] = [];
  for (const [remedy, functionName, run] of remedies) {
    const value = await calls.run(functionName, run);
    if (value !== undefined) bars.push({ remedy, loss: value });
  }
  const baseline = bars.filter((b) => b.remedy === "no remedy");
  const title = "10 · Validation loss with no remedy vs with each remedy";
  return {
    name: "10_remedies",
    title,
    caption:
      "The same model that overfits, trained with each of your remedies in turn (150 epochs of " +
      "gradient descent, η = 0.08), scored on the 200 validation rows. The dashed line is the " +
      "validation loss with no remedy: look for every bar ending well left of it. Fewer " +
      "features wins here only because we know which three matter; on real data you would " +
      "choose them by validation (kata 08).",
    notes: calls.notes,
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { bars, baseline },
      width: PANEL.width,
      height: PANEL.height * 0.8,
      layer: [
        {
          data: { name: "bars" },
          mark: { type: "bar" },
          encoding: {
            y: {
              field: "remedy",
              type: "nominal",
              title: null,
              sort: null,
              axis: { labelLimit: 220 },
            },
            x: {
              field: "loss",
              type: "quantitative",
              title: "validation loss (mean squared error)",
            },
            color: {
              condition: { test: "datum.remedy === 'no remedy'", value: "#e6550d" },
              value: "#3182bd",
            },
          },
        },
        {
          data: { name: "baseline" },
          mark: { type: "rule", strokeDash: [4, 4], color: "black" },
          encoding: { x: { field: "loss", type: "quantitative" } },
        },
      ],
    },
  };
}
