/**
 * Kata 02's figure: the toy network's saddle at the origin, classified by the
 * learner's code, and the escape path along the eigenvector of H's negative
 * eigenvalue.
 *
 * @module
 */
import type * as Kata02 from "../../../katas/02_critical_points/critical_points.ts";
import { tensor } from "../../mod.ts";
import { chartTitle, type Figure, LearnerCalls, PANEL } from "../figure.ts";
import { heatmapLayer, surfaceCells } from "../charts.ts";
import { lectureLoss } from "./01_gradient_hessian.ts";

/** How far from the saddle the escape starts, along u. */
export const ESCAPE_NUDGE = 0.05;
/** Learning rate and steps of the gradient descent that follows the nudge. */
export const ESCAPE_DESCENT = { learningRate: 0.05, steps: 80 } as const;

/** ∇L of the lecture's toy loss, (−2w2(1 − w1w2), −2w1(1 − w1w2)). */
function lectureGradient(w1: number, w2: number): [number, number] {
  const r = 1 - w1 * w2;
  return [-2 * w2 * r, -2 * w1 * r];
}

/**
 * Builds kata 02's figure from the learner's module.
 *
 * @param kata The learner's `katas/02_critical_points/critical_points.ts`.
 * @returns One figure: `02_saddle_escape`.
 *
 * @example
 * ```ts
 * import { kata02Figures } from "./02_critical_points.ts";
 * import { deepStrictEqual } from "node:assert";
 * const figures = await kata02Figures(await import("../../../katas/02_critical_points/critical_points.ts"));
 * deepStrictEqual(figures.map((f) => f.name), ["02_saddle_escape"]);
 * ```
 */
export async function kata02Figures(kata: typeof Kata02): Promise<Figure[]> {
  const calls = new LearnerCalls("02");
  // H of L = (1 − w1·w2)² at the origin, worked by hand in the lecture.
  const hessian = tensor([[0, -2], [-2, 0]]);
  const kind = await calls.run(
    "classifyCriticalPoint()",
    () => kata.classifyCriticalPoint(hessian),
  );
  const direction = await calls.run("escapeDirection()", async () => {
    const u = await kata.escapeDirection(hessian);
    return u === null ? null : Array.from(await u.data());
  });
  if (direction === null) {
    calls.note("your escapeDirection() found no direction (null) at a saddle");
  }

  const surface = await surfaceCells(
    [-1.6, 1.6],
    [-1.6, 1.6],
    33,
    ["w1", "w2", "loss"],
    (w1, w2) => Math.min(lectureLoss(w1, w2), 4),
  );
  const saddle = [{ w1: 0, w2: 0, label: `(0, 0): ${kind ?? "?"}` }];
  const path: { step: number; w1: number; w2: number; loss: number }[] = [];
  const arrow: { w1: number; w2: number; part: string }[] = [];
  if (direction && direction.length === 2 && direction.every(Number.isFinite)) {
    let [w1, w2] = [ESCAPE_NUDGE * direction[0], ESCAPE_NUDGE * direction[1]];
    path.push({ step: 0, w1: 0, w2: 0, loss: lectureLoss(0, 0) });
    for (let step = 1; step <= ESCAPE_DESCENT.steps; step++) {
      path.push({ step, w1, w2, loss: lectureLoss(w1, w2) });
      const [g1, g2] = lectureGradient(w1, w2);
      [w1, w2] = [w1 - ESCAPE_DESCENT.learningRate * g1, w2 - ESCAPE_DESCENT.learningRate * g2];
    }
    arrow.push({ w1: 0, w2: 0, part: "u" }, { w1: direction[0], w2: direction[1], part: "u" });
  }
  const title = "02 · Escaping the saddle at (0, 0) along H's eigenvector";
  return [{
    name: "02_saddle_escape",
    title,
    caption:
      "At the origin the gradient is zero and H = [[0, −2], [−2, 0]] has eigenvalues 2 and −2: a " +
      "saddle. A step along u, the eigenvector of λ = −2 from your escapeDirection(), lowers the " +
      "loss by about ½λ‖u‖²; gradient descent then rolls into the valley w1·w2 = 1. Look for the " +
      "path leaving the origin along the diagonal your u points to (the dashed black segment), and ending " +
      "in the dark valley. From exactly (0, 0), gradient descent would never move.",
    notes: calls.notes,
    preview: {
      title: "loss along the escape path, step by step",
      series: [{ name: "L(w) after the nudge along u", values: path.map((p) => p.loss) }],
    },
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { surface, saddle, path, arrow },
      width: PANEL.height + 40,
      height: PANEL.height + 40,
      layer: [
        heatmapLayer({
          data: "surface",
          value: "loss",
          valueTitle: "L (capped at 4)",
          xTitle: "w1",
          yTitle: "w2",
          scale: "symlog",
        }),
        {
          data: { name: "path" },
          mark: { type: "line", color: "#d62728", point: { size: 12, color: "#d62728" } },
          encoding: {
            x: { field: "w1", type: "quantitative" },
            y: { field: "w2", type: "quantitative" },
            order: { field: "step" },
          },
        },
        {
          data: { name: "arrow" },
          mark: { type: "line", color: "black", strokeWidth: 2.5, strokeDash: [5, 3] },
          encoding: {
            x: { field: "w1", type: "quantitative" },
            y: { field: "w2", type: "quantitative" },
          },
        },
        {
          data: { name: "saddle" },
          mark: { type: "point", shape: "diamond", filled: true, size: 120, color: "#ff7f0e" },
          encoding: {
            x: { field: "w1", type: "quantitative" },
            y: { field: "w2", type: "quantitative" },
          },
        },
        {
          data: { name: "saddle" },
          mark: { type: "text", dx: 8, dy: 14, align: "left", fontWeight: "bold" },
          encoding: {
            x: { field: "w1", type: "quantitative" },
            y: { field: "w2", type: "quantitative" },
            text: { field: "label" },
          },
        },
      ],
    },
  }];
}
