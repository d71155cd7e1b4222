/**
 * Kata 06's figures: constant-η Adagrad exploding sideways in a narrow valley
 * vs the same with a decaying and a warm-up-then-cosine η (the lecture's
 * figure), and the four schedules side by side.
 *
 * @module
 */
import type * as Kata05 from "../../../katas/05_adam/adam.ts";
import type * as Kata06 from "../../../katas/06_warmup/warmup.ts";
import { type Optimizer, runOptimizer, type Schedule, type Tensor, tensor } from "../../mod.ts";
import {
  type BuildContext,
  chartTitle,
  type Figure,
  LearnerCalls,
  type LoadKata,
  PANEL,
} from "../figure.ts";

/** L(θ) = ½(0.5·θ1² + 50·θ2²), from [−4, 0.3]: long and flat along θ1, narrow across θ2. */
export const EXPLOSION_RUNS = {
  curvature: [0.5, 50],
  start: [-4, 0.3],
  learningRate: 0.1,
  steps: 300,
} as const;

/** The schedules drawn side by side, over updates 0…399. */
export const SCHEDULE_RUNS = { steps: 400 } as const;

/**
 * Builds kata 06's figures from the learner's module (and kata 05's adagrad()).
 *
 * @param kata The learner's `katas/06_warmup/warmup.ts`.
 * @param context Its `load` gives kata 05.
 * @returns Two figures: `06_adagrad_explosion`, `06_schedules`.
 *
 * @example
 * ```ts
 * import { kata06Figures } from "./06_warmup.ts";
 * import { deepStrictEqual } from "node:assert";
 * const figures = await kata06Figures(await import("../../../katas/06_warmup/warmup.ts"), {
 *   load: () => import("../../../katas/05_adam/adam.ts"),
 *   webgpu: false,
 * });
 * deepStrictEqual(figures.map((f) => f.name), ["06_adagrad_explosion", "06_schedules"]);
 * ```
 */
export async function kata06Figures(kata: typeof Kata06, context: BuildContext): Promise<Figure[]> {
  return [await explosion(kata, context.load), await schedules(kata)];
}

async function explosion(kata: typeof Kata06, load: LoadKata): Promise<Figure> {
  const calls = new LearnerCalls("06");
  const { curvature, start, learningRate, steps } = EXPLOSION_RUNS;
  let kata05: typeof Kata05 | undefined;
  try {
    kata05 = await load("05_adam") as unknown as typeof Kata05;
  } catch (error) {
    calls.note(`solve kata 05 first: ${(error as Error).message}`);
  }
  const c = tensor([...curvature], { dtype: "float64" });
  const gradient = (theta: Tensor) => theta.mul(c);
  const runs: [string, string, () => Schedule][] = [
    [`constant η = ${learningRate}`, "constant()", () => kata.constant(learningRate)],
    [`decay η/√(t+1)`, "", () => (t: number) => learningRate / Math.sqrt(t + 1)],
    [
      "warmupCosine (20 up, down by 300)",
      "warmupCosine()",
      () => kata.warmupCosine({ peak: learningRate, warmupSteps: 20, totalSteps: steps }),
    ],
  ];
  const paths: { run: string; step: number; theta1: number; theta2: number; stepLength: number }[] =
    [];
  for (const [label, name, make] of runs) {
    if (!kata05) break;
    const schedule = name ? await calls.run(name, make) : make();
    if (!schedule) continue;
    const points = await new LearnerCalls("05").attempt("adagrad()", async () => {
      const optimizer = kata05!.adagrad({ learningRate: schedule }) as Optimizer<unknown>;
      const trajectory = runOptimizer(
        gradient,
        tensor([...start], { dtype: "float64" }),
        optimizer,
        steps,
      );
      return await Promise.all(trajectory.map(async (t) => Array.from(await t.data())));
    });
    if (!points.ok) {
      calls.note(
        points.missing ? "adagrad() is not implemented yet: solve kata 05 first" : points.note,
      );
      continue;
    }
    points.value.forEach(([theta1, theta2], step) => {
      const before = points.value[Math.max(0, step - 1)];
      paths.push({
        run: label,
        step,
        theta1,
        theta2,
        stepLength: Math.hypot(theta1 - before[0], theta2 - before[1]),
      });
    });
  }
  const title = "06 · Adagrad in a narrow valley: constant η explodes sideways";
  return {
    name: "06_adagrad_explosion",
    title,
    caption:
      "Your kata 05 adagrad() on L = ½(0.5·θ1² + 50·θ2²) from (−4, 0.3). Once the path lies on the " +
      "valley floor, θ2's gradients are tiny, so its σ (the root mean square of past gradients) " +
      "shrinks and η/σ grows until a step is thrown far across the valley — look for the constant-η " +
      "path shooting out sideways long after it had settled, and its step length (right) jumping up. A decaying η (or warm-up then cosine " +
      "decay) shrinks η faster than σ, and the path stays on the floor.",
    notes: calls.notes,
    preview: {
      title: "log10 of Adagrad's step length per update",
      series: [...new Set(paths.map((p) => p.run))].map((name) => ({
        name,
        values: paths.filter((p) => p.run === name && p.step > 0).map((p) =>
          Math.log10(p.stepLength)
        ),
      })),
    },
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { paths },
      hconcat: [
        {
          width: PANEL.width - 40,
          height: PANEL.height - 20,
          title: "the paths",
          data: { name: "paths" },
          mark: { type: "line", strokeWidth: 1.2, point: { size: 8 } },
          encoding: {
            x: { field: "theta1", type: "quantitative", title: "θ1 (flat)" },
            y: { field: "theta2", type: "quantitative", title: "θ2 (steep)" },
            color: { field: "run", title: "η^t", sort: null },
            order: { field: "step" },
          },
        },
        {
          width: PANEL.width - 80,
          height: PANEL.height - 20,
          title: "length of each step ‖θ^t − θ^(t−1)‖",
          data: { name: "paths" },
          transform: [{ filter: "datum.step > 0 && datum.stepLength > 0" }],
          mark: { type: "line", strokeWidth: 1.2 },
          encoding: {
            x: { field: "step", type: "quantitative", title: "update t" },
            y: {
              field: "stepLength",
              type: "quantitative",
              title: "step length",
              scale: { type: "log" },
            },
            color: { field: "run", title: "η^t", sort: null },
          },
        },
      ],
    },
  };
}

async function schedules(kata: typeof Kata06): Promise<Figure> {
  const calls = new LearnerCalls("06");
  const makers: [string, string, () => Schedule][] = [
    [
      "linearWarmup (peak 0.1, 50 steps)",
      "linearWarmup()",
      () => kata.linearWarmup({ peak: 0.1, warmupSteps: 50 }),
    ],
    [
      "transformerSchedule (d_model 512, warm-up 100)",
      "transformerSchedule()",
      () => kata.transformerSchedule({ dModel: 512, warmupSteps: 100 }),
    ],
    [
      "warmupCosine (peak 0.1, 50 up, down by 350)",
      "warmupCosine()",
      () => kata.warmupCosine({ peak: 0.1, warmupSteps: 50, totalSteps: 350 }),
    ],
    [
      "stepSwitch (0.01, then 0.1 from t = 100)",
      "stepSwitch()",
      () => kata.stepSwitch({ warmupLr: 0.01, lr: 0.1, switchAt: 100 }),
    ],
  ];
  const rates: { schedule: string; t: number; lr: number }[] = [];
  for (const [label, name, make] of makers) {
    const values = await calls.run(name, () => {
      const schedule = make();
      return Array.from({ length: SCHEDULE_RUNS.steps }, (_, t) => schedule(t));
    });
    if (values) values.forEach((lr, t) => rates.push({ schedule: label, t, lr }));
  }
  const title = "06 · Four learning-rate schedules η^t";
  return {
    name: "06_schedules",
    title,
    caption:
      "Warm-up: η^t first grows, then holds or shrinks, because early σ estimates rest on few " +
      "gradients. Look for linear warm-up reaching its peak at t = 49, the Transformer's rise and " +
      "1/√t decay peaking at step s = warmupSteps, the cosine falling to its floor, and ResNet's " +
      "jump from 0.01 to 0.1.",
    notes: calls.notes,
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { rates },
      data: { name: "rates" },
      facet: { field: "schedule", type: "nominal", title: null, sort: null },
      columns: 2,
      spec: {
        width: 220,
        height: 120,
        mark: { type: "line" },
        encoding: {
          x: { field: "t", type: "quantitative", title: "update t" },
          y: { field: "lr", type: "quantitative", title: "η^t" },
        },
      },
      resolve: { scale: { y: "independent" } },
    },
  };
}
