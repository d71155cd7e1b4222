/**
 * Kata 05's figures: the paths of gradient descent, Adagrad, RMSProp and Adam
 * in a narrow valley, and their losses per update.
 *
 * @module
 */
import type * as Kata05 from "../../../katas/05_adam/adam.ts";
import { type Optimizer, runOptimizer, type Tensor, tensor } from "../../mod.ts";
import { chartTitle, type Figure, LearnerCalls, PANEL } from "../figure.ts";
import { heatmapLayer, surfaceCells } from "../charts.ts";

/**
 * L(θ) = ½(θ1² + 100·θ2²): curvature 1 along θ1, 100 along θ2 (kata 05's valley).
 *
 * @param theta1 The flat coordinate.
 * @param theta2 The steep coordinate.
 * @returns L(θ).
 *
 * @example
 * ```ts
 * import { valley } from "./05_adam.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(valley(1, 0), 0.5);
 * strictEqual(valley(0, 1), 50); // a hundred times steeper across
 * ```
 */
export function valley(theta1: number, theta2: number): number {
  return 0.5 * (theta1 ** 2 + 100 * theta2 ** 2);
}

/** The runs: from [−4, 0.5], 150 updates; gradient descent at the largest η that does not diverge here. */
export const VALLEY_RUNS = {
  start: [-4, 0.5],
  steps: 150,
  learningRate: 0.05,
  gdLearningRate: 0.019,
} as const;

/**
 * Builds kata 05's figures from the learner's module.
 *
 * @param kata The learner's `katas/05_adam/adam.ts`.
 * @returns Two figures: `05_valley_paths`, `05_valley_loss`.
 *
 * @example
 * ```ts
 * import { kata05Figures } from "./05_adam.ts";
 * import { deepStrictEqual } from "node:assert";
 * const figures = await kata05Figures(await import("../../../katas/05_adam/adam.ts"));
 * deepStrictEqual(figures.map((f) => f.name), ["05_valley_paths", "05_valley_loss"]);
 * ```
 */
export async function kata05Figures(kata: typeof Kata05): Promise<Figure[]> {
  const calls = new LearnerCalls("05");
  const { start, steps, learningRate, gdLearningRate } = VALLEY_RUNS;
  const gradient = (theta: Tensor) => theta.mul(tensor([1, 100]));
  const gd: Optimizer<null> = {
    learningRate: gdLearningRate,
    init: () => null,
    update: (g, state, params) => ({ params: params.sub(g.mul(gdLearningRate)), state }),
  };
  const runs: [string, string, () => Optimizer<unknown>][] = [
    [`gradient descent (η = ${gdLearningRate})`, "", () => gd as Optimizer<unknown>],
    ["Adagrad", "adagrad()", () => kata.adagrad({ learningRate }) as Optimizer<unknown>],
    [
      "RMSProp (α = 0.9)",
      "rmsprop()",
      () => kata.rmsprop({ learningRate, alpha: 0.9 }) as Optimizer<unknown>,
    ],
    ["Adam", "adam()", () => kata.adam({ learningRate }) as Optimizer<unknown>],
  ];
  const paths: { optimizer: string; step: number; theta1: number; theta2: number; loss: number }[] =
    [];
  for (const [label, name, make] of runs) {
    const points = await calls.run(name || "gradient descent", async () => {
      const trajectory = runOptimizer(gradient, tensor([...start]), make(), steps);
      return await Promise.all(trajectory.map(async (t) => Array.from(await t.data())));
    });
    if (!points) continue;
    points.forEach(([theta1, theta2], step) =>
      paths.push({ optimizer: label, step, theta1, theta2, loss: valley(theta1, theta2) })
    );
  }
  const surface = await surfaceCells(
    [-4.5, 1],
    [-0.8, 0.8],
    44,
    ["theta1", "theta2", "loss"],
    (a, b) => valley(a, b),
  );
  const shown = paths.filter((p) => Math.abs(p.theta1) <= 4.5 && Math.abs(p.theta2) <= 0.8);
  const caption =
    "L(θ) = ½(θ1² + 100·θ2²) from θ⁰ = (−4, 0.5): steep across (θ2), flat along (θ1). With one " +
    "η for both, gradient descent must keep η < 2/100 or diverge across, so it zigzags and crawls " +
    "along. Adagrad, RMSProp and Adam divide each component's step by its own σ (η = 0.05): look " +
    "for them dropping straight to the valley floor and then moving along it at about η per step.";
  const title1 = "05 · Paths in a narrow valley";
  const title2 = "05 · Loss per update in the narrow valley";
  return [
    {
      name: "05_valley_paths",
      title: title1,
      caption,
      notes: calls.notes,
      preview: {
        title: "log10 of the loss per update in the narrow valley",
        series: [...new Set(paths.map((p) => p.optimizer))].map((name) => ({
          name,
          values: paths.filter((p) => p.optimizer === name).map((p) => Math.log10(p.loss)),
        })),
      },
      spec: {
        title: chartTitle(title1, calls.notes),
        datasets: { surface, paths: shown },
        width: PANEL.width + 80,
        height: PANEL.height,
        layer: [
          heatmapLayer({
            data: "surface",
            value: "loss",
            valueTitle: "L",
            xTitle: "θ1 (flat)",
            yTitle: "θ2 (steep)",
            scale: "symlog",
            scheme: "greys",
          }),
          {
            data: { name: "paths" },
            mark: { type: "line", strokeWidth: 1.5, point: { size: 10 } },
            encoding: {
              x: { field: "theta1", type: "quantitative" },
              y: { field: "theta2", type: "quantitative" },
              color: { field: "optimizer", title: "optimizer", sort: null },
              order: { field: "step" },
            },
          },
        ],
      },
    },
    {
      name: "05_valley_loss",
      title: title2,
      caption,
      notes: calls.notes,
      spec: {
        title: chartTitle(title2, calls.notes),
        datasets: { paths: paths.filter((p) => p.loss > 0 && Number.isFinite(p.loss)) },
        width: PANEL.width,
        height: PANEL.height,
        data: { name: "paths" },
        mark: { type: "line" },
        encoding: {
          x: { field: "step", type: "quantitative", title: "update t" },
          y: { field: "loss", type: "quantitative", title: "L(θ^t)", scale: { type: "log" } },
          color: { field: "optimizer", title: null, sort: null },
        },
      },
    },
  ];
}
