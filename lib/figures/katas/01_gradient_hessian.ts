/**
 * Kata 01's figures: the toy network's error surface with its critical points,
 * and the Taylor approximation against the true loss along a line.
 *
 * @module
 */
import type * as Kata01 from "../../../katas/01_gradient_hessian/gradient_hessian.ts";
import { type Tensor, tensor } from "../../mod.ts";
import { chartTitle, type Figure, grid, LearnerCalls, PANEL } from "../figure.ts";
import { heatmapLayer, surfaceCells } from "../charts.ts";

/**
 * The lecture's loss, L(w1, w2) = (1 − w1·w2)², in plain numbers: the figure's own reference.
 *
 * @param w1 The first weight.
 * @param w2 The second weight.
 * @returns L(w1, w2).
 *
 * @example
 * ```ts
 * import { lectureLoss } from "./01_gradient_hessian.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(lectureLoss(0, 0), 1); // the saddle
 * strictEqual(lectureLoss(2, 0.5), 0); // on the valley w1·w2 = 1
 * ```
 */
export function lectureLoss(w1: number, w2: number): number {
  return (1 - w1 * w2) ** 2;
}

/** θ' of the Taylor figure: not a critical point, so g ≠ 0 and the line is not flat. */
export const TAYLOR_POINT = [0.5, 1] as const;
/** The line θ = θ' + s·d of the Taylor figure (unit vector along (1, 1)). */
export const TAYLOR_DIRECTION = [Math.SQRT1_2, Math.SQRT1_2] as const;

/**
 * Builds kata 01's figures from the learner's module.
 *
 * @param kata The learner's `katas/01_gradient_hessian/gradient_hessian.ts`.
 * @returns Two figures: `01_error_surface`, `01_taylor`.
 *
 * @example
 * ```ts
 * import { kata01Figures } from "./01_gradient_hessian.ts";
 * import { deepStrictEqual } from "node:assert";
 * const figures = await kata01Figures(await import("../../../katas/01_gradient_hessian/gradient_hessian.ts"));
 * deepStrictEqual(figures.map((f) => f.name), ["01_error_surface", "01_taylor"]);
 * ```
 */
export async function kata01Figures(kata: typeof Kata01): Promise<Figure[]> {
  return [await errorSurface(kata), await taylorLine(kata)];
}

async function errorSurface(kata: typeof Kata01): Promise<Figure> {
  const calls = new LearnerCalls("01");
  const loss = await calls.run("toyLoss()", () => kata.toyLoss(tensor([0.5, 0.5])).item());
  const fromLearner = loss !== undefined;
  const surface = await surfaceCells(
    [-2, 2],
    [-2, 2],
    41,
    ["w1", "w2", "loss"],
    (w1, w2) =>
      fromLearner
        ? kata.toyLoss(tensor([w1, w2])).item().then((v) => Math.min(v, 10))
        : Math.min(lectureLoss(w1, w2), 10),
  );
  if (!fromLearner) calls.note("the surface is the lecture's formula, not your toyLoss()");

  // The critical points: the saddle at the origin and the valley of minima w1·w2 = 1.
  const minima = [
    ...grid(0.5, 2, 16).map((w1) => ({ w1, w2: 1 / w1, branch: "w1 > 0" })),
    ...grid(-2, -0.5, 16).map((w1) => ({ w1, w2: 1 / w1, branch: "w1 < 0" })),
  ];
  const critical = [{ w1: 0, w2: 0, kind: "saddle (0, 0)" }, {
    w1: 1,
    w2: 1,
    kind: "minimum (1, 1)",
  }];
  for (const point of critical) {
    const g = await calls.run(
      "toyGradient()",
      async () => Array.from(await kata.toyGradient(tensor([point.w1, point.w2])).data()),
    );
    if (g && Math.max(...g.map(Math.abs)) > 1e-6) {
      calls.note(
        `your toyGradient() at (${point.w1}, ${point.w2}) is [${
          g.map((v) => v.toPrecision(3))
        }], not 0: this is a critical point`,
      );
    }
  }
  const title = "01 · The toy network's error surface L(w1, w2) = (1 − w1·w2)²";
  return {
    name: "01_error_surface",
    title,
    caption:
      "Gradient descent can stop wherever the gradient is zero. Look for the saddle at the origin " +
      "(flat, but not a minimum: the loss falls along w1 = w2 and rises along w1 = −w2) and the " +
      "curved valley w1·w2 = 1 where every point is a minimum with L = 0.",
    notes: calls.notes,
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { surface, minima, critical },
      width: PANEL.height + 40,
      height: PANEL.height + 40,
      layer: [
        heatmapLayer({
          data: "surface",
          value: "loss",
          valueTitle: "L (capped at 10)",
          xTitle: "w1",
          yTitle: "w2",
          scale: "symlog",
        }),
        {
          data: { name: "minima" },
          mark: { type: "line", color: "#2ca02c", strokeWidth: 2 },
          encoding: {
            x: { field: "w1", type: "quantitative" },
            y: { field: "w2", type: "quantitative" },
            detail: { field: "branch" },
          },
        },
        {
          data: { name: "critical" },
          mark: { type: "point", filled: true, size: 90, stroke: "black" },
          encoding: {
            x: { field: "w1", type: "quantitative" },
            y: { field: "w2", type: "quantitative" },
            shape: { field: "kind", title: "critical point" },
            color: { value: "#d62728" },
          },
        },
      ],
    },
  };
}

async function taylorLine(kata: typeof Kata01): Promise<Figure> {
  const calls = new LearnerCalls("01");
  // The figure's own loss in tensor ops, so a wrong toyLoss() cannot spoil this figure.
  const f = (theta: Tensor) => {
    const [w1, w2] = [theta.slice([0], [1]), theta.slice([1], [1])];
    return w1.mul(w2).neg().add(1).square().sum();
  };
  const thetaPrime = tensor([...TAYLOR_POINT], { dtype: "float64" });
  const line: { s: number; loss: number; curve: string }[] = [];
  const steps = grid(-1.5, 1.5, 61);
  for (const s of steps) {
    const [w1, w2] = [
      TAYLOR_POINT[0] + s * TAYLOR_DIRECTION[0],
      TAYLOR_POINT[1] + s * TAYLOR_DIRECTION[1],
    ];
    line.push({ s, loss: lectureLoss(w1, w2), curve: "true loss L(θ)" });
  }
  for (const s of steps) {
    const theta = tensor([
      TAYLOR_POINT[0] + s * TAYLOR_DIRECTION[0],
      TAYLOR_POINT[1] + s * TAYLOR_DIRECTION[1],
    ], {
      dtype: "float64",
    });
    const value = await calls.run(
      "taylorApproximation()",
      () => kata.taylorApproximation(f, thetaPrime, theta).item(),
    );
    if (value === undefined) break;
    line.push({ s, loss: value, curve: "your Taylor approximation at θ'" });
  }
  const title = "01 · Taylor approximation around θ' = (0.5, 1) along the line θ' + s·(1, 1)/√2";
  return {
    name: "01_taylor",
    title,
    caption:
      "Near θ' the loss looks like L(θ') + (θ−θ')ᵀg + ½(θ−θ')ᵀH(θ−θ'). Look for the two curves " +
      "touching at s = 0 with the same slope and bend, and parting as |s| grows: the true loss is " +
      "of degree four, the approximation only a parabola.",
    notes: calls.notes,
    preview: {
      title: "loss along the line θ' + s·(1, 1)/√2, s from −1.5 to 1.5",
      series: [...new Set(line.map((p) => p.curve))].map((name) => ({
        name,
        values: line.filter((p) => p.curve === name).map((p) => p.loss),
      })),
    },
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { line },
      width: PANEL.width,
      height: PANEL.height,
      data: { name: "line" },
      mark: { type: "line", strokeWidth: 2, clip: true },
      encoding: {
        x: { field: "s", type: "quantitative", title: "s (distance from θ')" },
        y: { field: "loss", type: "quantitative", title: "loss", scale: { domain: [-1, 6] } },
        color: { field: "curve", title: null },
        strokeDash: { field: "curve", title: null },
      },
    },
  };
}
