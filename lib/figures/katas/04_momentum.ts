/**
 * Kata 04's figure: gradient descent stops in the first valley of a bumpy loss,
 * momentum rolls over the bump into the deeper one.
 *
 * @module
 */
import type * as Kata04 from "../../../katas/04_momentum/momentum.ts";
import { type Optimizer, runOptimizer, type Tensor, tensor } from "../../mod.ts";
import { chartTitle, type Figure, grid, LearnerCalls, PANEL } from "../figure.ts";

/**
 * L(θ) = θ⁴/4 − θ²/2 + θ/10: a shallow valley at θ ≈ 0.946, a bump at θ ≈ 0.100, the deep
 * valley at θ ≈ −1.047.
 *
 * @param theta θ.
 * @returns L(θ).
 *
 * @example
 * ```ts
 * import { bump } from "./04_momentum.ts";
 * import { ok } from "node:assert";
 * ok(bump(-1.047) < bump(0.946)); // the far valley is deeper
 * ok(bump(0.1) > bump(0.946)); // with a bump between
 * ```
 */
export function bump(theta: number): number {
  return theta ** 4 / 4 - theta ** 2 / 2 + theta / 10;
}

/** The runs: from θ⁰ = 2, η = 0.05, λ = 0.9, as in kata 04's suite. */
export const BUMP_RUNS = { start: 2, learningRate: 0.05, momentum: 0.9, steps: 300 } as const;

/**
 * Builds kata 04's figures from the learner's module.
 *
 * @param kata The learner's `katas/04_momentum/momentum.ts`.
 * @returns Two figures: `04_bump`, `04_theta_per_update`.
 *
 * @example
 * ```ts
 * import { kata04Figures } from "./04_momentum.ts";
 * import { deepStrictEqual } from "node:assert";
 * const figures = await kata04Figures(await import("../../../katas/04_momentum/momentum.ts"));
 * deepStrictEqual(figures.map((f) => f.name), ["04_bump", "04_theta_per_update"]);
 * ```
 */
export async function kata04Figures(kata: typeof Kata04): Promise<Figure[]> {
  const calls = new LearnerCalls("04");
  const gradient = (theta: Tensor) => theta.pow(3).sub(theta).add(0.1);
  const { start, learningRate, steps } = BUMP_RUNS;
  const runs: [string, string, () => Optimizer<unknown>][] = [
    [
      "gradient descent",
      "gradientDescent()",
      () => kata.gradientDescent({ learningRate }) as Optimizer<unknown>,
    ],
    [
      `momentum (λ = ${BUMP_RUNS.momentum})`,
      "momentum()",
      () => kata.momentum({ learningRate, momentum: BUMP_RUNS.momentum }) as Optimizer<unknown>,
    ],
  ];
  const paths: { optimizer: string; step: number; theta: number; loss: number }[] = [];
  for (const [label, name, make] of runs) {
    const thetas = await calls.run(name, async () => {
      const trajectory = runOptimizer(gradient, tensor([start]), make(), steps);
      return await Promise.all(trajectory.map((t) => t.item()));
    });
    if (!thetas) continue;
    thetas.forEach((theta, step) =>
      paths.push({
        optimizer: label,
        step,
        theta,
        loss: Number.isFinite(theta) ? bump(theta) : NaN,
      })
    );
  }
  const curve = grid(-1.6, 2.1, 75).map((theta) => ({ theta, loss: bump(theta) }));
  const early = paths.filter((p) =>
    p.step <= 60 && Number.isFinite(p.loss) && Math.abs(p.theta) < 3
  );
  const title1 = "04 · Gradient descent vs momentum on L(θ) = θ⁴/4 − θ²/2 + θ/10";
  const title2 = "04 · θ after each update: stuck vs over the top";
  const caption =
    "From θ⁰ = 2 both start downhill. Gradient descent stops in the first valley it meets " +
    "(θ ≈ 0.946, a local minimum); the ball with momentum arrives there fast, rolls over the small " +
    "bump at θ ≈ 0.1 and settles in the deeper valley at θ ≈ −1.047. Look for the momentum path " +
    "overshooting and swinging back before it settles.";
  return [
    {
      name: "04_bump",
      title: title1,
      caption,
      notes: calls.notes,
      spec: {
        title: chartTitle(title1, calls.notes),
        datasets: { curve, early },
        width: PANEL.width,
        height: PANEL.height,
        layer: [
          {
            data: { name: "curve" },
            mark: { type: "line", color: "#888" },
            encoding: {
              x: { field: "theta", type: "quantitative", title: "θ" },
              y: { field: "loss", type: "quantitative", title: "L(θ)" },
            },
          },
          {
            data: { name: "early" },
            mark: { type: "point", filled: true, opacity: 0.7 },
            encoding: {
              x: { field: "theta", type: "quantitative" },
              y: { field: "loss", type: "quantitative" },
              color: { field: "optimizer", title: "first 60 updates" },
              shape: { field: "optimizer" },
            },
          },
        ],
      },
    },
    {
      name: "04_theta_per_update",
      title: title2,
      caption,
      notes: calls.notes,
      preview: {
        title: "θ after each update, t = 0…150",
        series: [...new Set(paths.map((p) => p.optimizer))].map((name) => ({
          name,
          values: paths.filter((p) => p.optimizer === name && p.step <= 150).map((p) => p.theta),
        })),
      },
      spec: {
        title: chartTitle(title2, calls.notes),
        datasets: { paths: paths.filter((p) => Number.isFinite(p.theta) && p.step <= 150) },
        width: PANEL.width,
        height: PANEL.height,
        data: { name: "paths" },
        mark: { type: "line" },
        encoding: {
          x: { field: "step", type: "quantitative", title: "update t" },
          y: { field: "theta", type: "quantitative", title: "θ^t" },
          color: { field: "optimizer", title: null },
        },
      },
    },
  ];
}
