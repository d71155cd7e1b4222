/**
 * Kata 08's figures: training vs validation loss against the polynomial degree
 * (the learner's selectModel() on noisy samples of a sine), and the k folds of
 * the learner's kFold() as a diagram.
 *
 * @module
 */
import type * as Kata08 from "../../../katas/08_kfold/kfold.ts";
import {
  DEGREE_RUNS,
  noisySine,
  polynomialCandidates,
} from "../../../katas/08_kfold/experiments.ts";
import { Rng } from "../../mod.ts";
import { chartTitle, type Figure, LearnerCalls, PANEL } from "../figure.ts";

/** The fold diagram: n = 23 items in k = 5 folds (sizes 5, 5, 5, 4, 4), in order. */
export const FOLD_DIAGRAM = { n: 23, k: 5 } as const;

/**
 * Builds kata 08's figures from the learner's module.
 *
 * @param kata The learner's `katas/08_kfold/kfold.ts`.
 * @returns Two figures: `08_degree`, `08_folds`.
 *
 * @example
 * ```ts
 * import { kata08Figures } from "./08_kfold.ts";
 * import { deepStrictEqual } from "node:assert";
 * const figures = await kata08Figures(await import("../../../katas/08_kfold/kfold.ts"));
 * deepStrictEqual(figures.map((f) => f.name), ["08_degree", "08_folds"]);
 * ```
 */
export async function kata08Figures(kata: typeof Kata08): Promise<Figure[]> {
  return [await degreeFigure(kata), await foldsFigure(kata)];
}

async function degreeFigure(kata: typeof Kata08): Promise<Figure> {
  const calls = new LearnerCalls("08");
  const { n, k, maxDegree, dataSeed, foldSeed } = DEGREE_RUNS;
  const { x, y } = noisySine(dataSeed, n);
  const candidates = polynomialCandidates(x, y, maxDegree);
  const selection = await calls.run(
    "selectModel()",
    () => kata.selectModel(candidates, { n, k, rng: new Rng(foldSeed) }),
  );
  const losses: { degree: number; kind: string; loss: number }[] = [];
  const chosen: { degree: number }[] = [];
  if (selection) {
    selection.table.forEach((row, degree) => {
      losses.push({ degree, kind: "training loss", loss: row.trainLoss });
      losses.push({ degree, kind: "validation loss (mean of k folds)", loss: row.validationLoss });
    });
    chosen.push({ degree: candidates.indexOf(selection.best) });
  }
  const title = "08 · Training vs validation loss against the polynomial degree (5-fold CV)";
  return {
    name: "08_degree",
    title,
    caption:
      "30 noisy samples of sin(2πx), polynomials of degree 0…9 compared by your selectModel(). " +
      "Look for the training loss falling with every degree while the validation loss falls, " +
      "bottoms out and turns up: past that point the model fits the noise (overfitting). The " +
      "dashed line marks the degree your selectModel() chose.",
    notes: calls.notes,
    preview: {
      title: "log10 of the loss against the degree, 0…9",
      series: [...new Set(losses.map((p) => p.kind))].map((name) => ({
        name,
        values: losses.filter((p) => p.kind === name).map((p) => Math.log10(p.loss)),
      })),
    },
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { losses, chosen },
      width: PANEL.width,
      height: PANEL.height,
      layer: [
        {
          data: { name: "losses" },
          mark: { type: "line", point: true },
          encoding: {
            x: {
              field: "degree",
              type: "quantitative",
              title: "polynomial degree",
              axis: { tickMinStep: 1 },
            },
            y: {
              field: "loss",
              type: "quantitative",
              title: "mean squared error",
              scale: { type: "log" },
            },
            color: { field: "kind", title: null },
          },
        },
        {
          data: { name: "chosen" },
          mark: { type: "rule", strokeDash: [4, 4], color: "black" },
          encoding: { x: { field: "degree", type: "quantitative" } },
        },
      ],
    },
  };
}

async function foldsFigure(kata: typeof Kata08): Promise<Figure> {
  const calls = new LearnerCalls("08");
  const { n, k } = FOLD_DIAGRAM;
  const folds = await calls.run("kFold()", () => kata.kFold(n, k));
  const cells: { fold: string; item: number; item1: number; role: string }[] = [];
  for (const [index, fold] of (folds ?? []).entries()) {
    const validation = new Set(fold.validation);
    for (let item = 0; item < n; item++) {
      cells.push({
        fold: `fold ${index + 1}`,
        item,
        item1: item + 1,
        role: validation.has(item) ? "validation" : fold.train.includes(item) ? "train" : "unused",
      });
    }
  }
  const title = `08 · kFold(${n}, ${k}): each item is held out exactly once`;
  return {
    name: "08_folds",
    title,
    caption:
      "Each row is one round of cross validation: fit on the train items, score on the held-out " +
      `fold. Look for the validation blocks tiling the items with no overlap, and the first ` +
      `n mod k = ${n % k} folds holding one item more (${Math.ceil(n / k)}) than the rest ` +
      `(${Math.floor(n / k)}).`,
    notes: calls.notes,
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { cells },
      width: PANEL.width,
      height: 24 * k,
      data: { name: "cells" },
      mark: { type: "rect", stroke: "white", strokeWidth: 1 },
      encoding: {
        x: { field: "item", type: "quantitative", title: "item index", scale: { domain: [0, n] } },
        x2: { field: "item1" },
        y: { field: "fold", type: "ordinal", title: null },
        color: {
          field: "role",
          title: null,
          scale: {
            domain: ["train", "validation", "unused"],
            range: ["#9ecae1", "#e6550d", "#dddddd"],
          },
        },
      },
    },
  };
}
