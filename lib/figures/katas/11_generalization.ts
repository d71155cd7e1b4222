/**
 * Kata 11's figure: the learner's bound min(1, |H|·2·exp(−2Nε²)) on
 * P(D_train bad) against the learner's Monte-Carlo estimate of it, against N,
 * for a few sizes of the family |H|.
 *
 * @module
 */
import type * as Kata11 from "../../../katas/11_generalization/generalization.ts";
import { Rng } from "../../mod.ts";
import { chartTitle, type Figure, LearnerCalls, PANEL } from "../figure.ts";

/**
 * The experiment, as in kata 11's suite: a population of 500 (x uniform in [0, 1), label 1 from
 * x ≥ 0.6, 20% flipped, seed 2023), ε = 0.1, thresholds families of |H| = 1, 10, 100, training
 * sets of N = 10 … 320, 100 trials per cell.
 */
export const BOUND_RUNS = {
  populationSize: 500,
  populationSeed: 2023,
  epsilon: 0.1,
  families: [1, 10, 100],
  sizes: [10, 20, 40, 80, 160, 320],
  trials: 100,
  seed: 11,
} as const;

/**
 * The synthetic population of kata 11: x uniform in [0, 1), the label 1 from x ≥ 0.6 on, each
 * label flipped with probability 0.2.
 *
 * @param size How many examples.
 * @param seed The seed of the `Rng` that draws them.
 * @returns The examples.
 *
 * @example
 * ```ts
 * import { population } from "./11_generalization.ts";
 * import { ok, strictEqual } from "node:assert";
 * const examples = population(500, 2023);
 * strictEqual(examples.length, 500);
 * // About 20% of the labels disagree with the clean rule x ≥ 0.6.
 * const flipped = examples.filter((e) => e.y !== (e.x >= 0.6 ? 1 : 0)).length / 500;
 * ok(flipped > 0.15 && flipped < 0.25, `${flipped}`);
 * ```
 */
export function population(size: number, seed: number): { x: number; y: number }[] {
  const rng = new Rng(seed);
  return Array.from({ length: size }, () => {
    const x = rng.float();
    const clean = x >= 0.6 ? 1 : 0;
    return { x, y: rng.float() < 0.2 ? 1 - clean : clean };
  });
}

/**
 * Builds kata 11's figure from the learner's module.
 *
 * @param kata The learner's `katas/11_generalization/generalization.ts`.
 * @returns One figure: `11_bound_vs_estimate`.
 *
 * @example
 * ```ts
 * import { kata11Figures } from "./11_generalization.ts";
 * import { deepStrictEqual } from "node:assert";
 * const figures = await kata11Figures(await import("../../../katas/11_generalization/generalization.ts"));
 * deepStrictEqual(figures.map((f) => f.name), ["11_bound_vs_estimate"]);
 * ```
 */
export async function kata11Figures(kata: typeof Kata11): Promise<Figure[]> {
  const calls = new LearnerCalls("11");
  const { populationSize, populationSeed, epsilon, families, sizes, trials, seed } = BOUND_RUNS;
  const examples = population(populationSize, populationSeed);
  const points: { hypotheses: string; n: number; kind: string; probability: number }[] = [];
  for (const size of families) {
    const hypotheses = `|H| = ${size}`;
    for (const n of sizes) {
      const bound = await calls.run(
        "badTrainingSetBound()",
        () => kata.badTrainingSetBound(size, n, epsilon),
      );
      if (bound !== undefined) points.push({ hypotheses, n, kind: "bound", probability: bound });
    }
    // The family is the kata's worked example; the estimate is the learner's monteCarlo().
    const family = await calls.run("thresholdFamily()", () => kata.thresholdFamily(size));
    if (family === undefined) continue;
    const rng = new Rng(seed + size);
    for (const n of sizes) {
      const result = await calls.run(
        "monteCarlo()",
        () => kata.monteCarlo({ population: examples, family, n, epsilon, trials, rng }),
      );
      if (result === undefined) break;
      points.push({
        hypotheses,
        n,
        kind: "Monte-Carlo estimate",
        probability: result.badProbability,
      });
    }
  }
  const series = (hypotheses: string, kind: string) =>
    points.filter((p) => p.hypotheses === hypotheses && p.kind === kind).map((p) => p.probability);
  const title = `11 · P(D_train bad) against N (ε = ${epsilon}): the bound vs ${trials} draws`;
  return [{
    name: "11_bound_vs_estimate",
    title,
    caption:
      `A training set is bad when some threshold's loss on it strays from its loss on the whole ` +
      `population by more than ε = ${epsilon}. Dashed: your badTrainingSetBound(), ` +
      "min(1, |H|·2·exp(−2Nε²)); solid: the fraction of bad training sets among " +
      `${trials} drawn by your monteCarlo(). Look for the estimate staying under the bound, ` +
      "both falling fast with N, and a larger family needing more data (but only " +
      "logarithmically more). The bound is loose: neighbouring thresholds fail together, while " +
      "the union bound counts each as if it failed alone.",
    notes: calls.notes,
    preview: {
      title: `P(D_train bad) against N = ${sizes.join(", ")}`,
      series: [1, 100].flatMap((size) =>
        ["bound", "Monte-Carlo estimate"].map((kind) => ({
          name: `${kind}, |H| = ${size}`,
          values: series(`|H| = ${size}`, kind),
        }))
      ).filter((s) => s.values.length > 0),
    },
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { points },
      width: PANEL.width,
      height: PANEL.height,
      data: { name: "points" },
      mark: { type: "line", point: true },
      encoding: {
        x: {
          field: "n",
          type: "quantitative",
          title: "N, the training set's size",
          scale: { type: "log" },
          axis: { values: [...sizes] },
        },
        y: {
          field: "probability",
          type: "quantitative",
          title: "P(D_train bad)",
          scale: { domain: [0, 1] },
        },
        color: { field: "hypotheses", title: "family", sort: null },
        strokeDash: {
          field: "kind",
          title: null,
          scale: { domain: ["Monte-Carlo estimate", "bound"], range: [[1, 0], [5, 3]] },
          legend: { labelLimit: 200, symbolType: "stroke" },
        },
      },
    },
  }];
}
