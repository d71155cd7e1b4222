/**
 * Kata 07's figure: the MSE-on-softmax and cross-entropy surfaces over the
 * logits (y1, y2) with y3 fixed very negative and class 1 the target, with the
 * gradient-descent arrows — vanishing on MSE's plateau, not on cross-entropy.
 *
 * @module
 */
import type * as Kata07 from "../../../katas/07_softmax_cross_entropy/softmax_cross_entropy.ts";
import { type Tensor, tensor } from "../../mod.ts";
import { chartTitle, type Figure, grid, LearnerCalls } from "../figure.ts";
import { heatmapLayer, surfaceCells } from "../charts.ts";

/** The lecture's setting: y3 fixed very negative, the target class is the first one (ŷ = [1, 0, 0]). */
export const SURFACE_SETTING = { y3: -1000, range: [-8, 8], cells: 25, arrows: 7 } as const;

type LossFn = (logits: Tensor, labels: Tensor) => Tensor;

/**
 * Builds kata 07's figure from the learner's module.
 *
 * @param kata The learner's `katas/07_softmax_cross_entropy/softmax_cross_entropy.ts`.
 * @returns One figure: `07_mse_vs_cross_entropy`.
 *
 * @example
 * ```ts
 * import { kata07Figures } from "./07_softmax_cross_entropy.ts";
 * import { deepStrictEqual } from "node:assert";
 * const figures = await kata07Figures(await import("../../../katas/07_softmax_cross_entropy/softmax_cross_entropy.ts"));
 * deepStrictEqual(figures.map((f) => f.name), ["07_mse_vs_cross_entropy"]);
 * ```
 */
export async function kata07Figures(kata: typeof Kata07): Promise<Figure[]> {
  const calls = new LearnerCalls("07");
  const { y3, range, cells, arrows: arrowCount } = SURFACE_SETTING;
  const labels = tensor([0], { dtype: "int32" });
  const losses: [string, string, LossFn, string, LossFn][] = [
    [
      "MSE on softmax",
      "mseOnSoftmax()",
      kata.mseOnSoftmax,
      "mseOnSoftmaxGradient()",
      kata.mseOnSoftmaxGradient,
    ],
    [
      "cross-entropy",
      "crossEntropy()",
      kata.crossEntropy,
      "crossEntropyGradient()",
      kata.crossEntropyGradient,
    ],
  ];
  const surface: Record<string, unknown>[] = [];
  const rawArrows: { loss: string; y1: number; y2: number; g1: number; g2: number }[] = [];
  for (const [label, name, lossFn, gradName, gradFn] of losses) {
    const probe = await calls.run(name, () => lossFn(tensor([[0, 0, y3]]), labels).item());
    if (probe !== undefined) {
      const cellsOf = await surfaceCells([range[0], range[1]], [range[0], range[1]], cells, [
        "y1",
        "y2",
        "value",
      ], (y1, y2) => lossFn(tensor([[y1, y2, y3]]), labels).item());
      if (cellsOf.some((c) => !Number.isFinite(c.value))) {
        calls.note(`your ${name} gave NaN or Infinity with y3 = ${y3}: is your softmax stable?`);
      }
      for (const cell of cellsOf) surface.push({ ...cell, loss: label });
    }
    for (const y1 of grid(range[0] + 1, range[1] - 1, arrowCount)) {
      for (const y2 of grid(range[0] + 1, range[1] - 1, arrowCount)) {
        const g = await calls.run(
          gradName,
          async () => Array.from(await gradFn(tensor([[y1, y2, y3]]), labels).data()),
        );
        if (!g) break;
        rawArrows.push({ loss: label, y1, y2, g1: g[0], g2: g[1] });
      }
    }
  }
  // One scale for both panels, so a short arrow means a small gradient in either.
  const longest = Math.max(
    1e-12,
    ...rawArrows.map((a) => Math.hypot(a.g1, a.g2)).filter(Number.isFinite),
  );
  const spacing = (range[1] - range[0] - 2) / (arrowCount - 1);
  const scale = 0.9 * spacing / longest;
  const arrows = rawArrows.map((a) => ({
    ...a,
    magnitude: Math.hypot(a.g1, a.g2),
    y1End: a.y1 - scale * a.g1,
    y2End: a.y2 - scale * a.g2,
  }));
  const panel = (label: string, scheme: string) => ({
    width: 230,
    height: 230,
    title: label,
    layer: [
      {
        ...heatmapLayer({
          data: "surface",
          value: "value",
          valueTitle: label,
          xTitle: "y1 (logit of the right class)",
          yTitle: "y2 (logit of a wrong class)",
          scheme,
        }),
        transform: [{ filter: { field: "loss", equal: label } }],
      },
      {
        data: { name: "arrows" },
        transform: [{ filter: { field: "loss", equal: label } }],
        mark: { type: "rule" as const, color: "#d62728", strokeWidth: 1.5 },
        encoding: {
          x: { field: "y1", type: "quantitative" as const },
          y: { field: "y2", type: "quantitative" as const },
          x2: { field: "y1End" },
          y2: { field: "y2End" },
        },
      },
      {
        data: { name: "arrows" },
        transform: [{ filter: { field: "loss", equal: label } }],
        mark: { type: "point" as const, color: "#d62728", filled: true, size: 12 },
        encoding: {
          x: { field: "y1", type: "quantitative" as const },
          y: { field: "y2", type: "quantitative" as const },
        },
      },
    ],
  });
  const title = `07 · MSE vs cross-entropy over the logits (y1, y2), y3 = ${y3}, target class 1`;
  return [{
    name: "07_mse_vs_cross_entropy",
    title,
    caption: "Both losses are smallest where y1 ≫ y2 (bottom right). Where the wrong class wins " +
      "(y1 ≪ y2, top left) the softmax saturates: MSE's surface is a flat plateau and its gradient " +
      "(red arrows, pointing downhill, one scale for both panels) shrinks to dots — training " +
      "stalls. Cross-entropy keeps a slope there: look for its arrows still pointing toward " +
      "larger y1 and smaller y2.",
    notes: calls.notes,
    preview: {
      title: "each loss along y1 from −8 to 8, at y2 = 0",
      series: losses.map(([label]) => ({
        name: label,
        values: surface.filter((c) => c.loss === label && Math.abs(c.y2 as number) < 1e-9)
          .map((c) => c.value as number),
      })),
    },
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { surface, arrows },
      hconcat: [panel("MSE on softmax", "blues"), panel("cross-entropy", "greens")],
      resolve: { scale: { color: "independent" } },
    },
  }];
}
