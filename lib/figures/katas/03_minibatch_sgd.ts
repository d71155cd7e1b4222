/**
 * Kata 03's figures: the loss after every update for batch size 1, a small
 * batch and the full batch; and the time of one epoch against the batch size on
 * the CPU and, where an adapter exists, on WebGPU.
 *
 * @module
 */
import type * as Kata03 from "../../../katas/03_minibatch_sgd/minibatch_sgd.ts";
import {
  type Backend,
  getBackend,
  initWebGpu,
  Rng,
  setDefaultBackend,
  type Tensor,
  tensor,
} from "../../mod.ts";
import { type BuildContext, chartTitle, type Figure, LearnerCalls, PANEL } from "../figure.ts";

/**
 * The noisy line y = 2·x1 − 3·x2 + 0.5 + N(0, 0.3²), n rows, x uniform in [−1, 1).
 *
 * @param n How many rows.
 * @param seed The seed of the `Rng` that draws them.
 * @returns The features `X` (n rows of 2) and targets `y`.
 *
 * @example
 * ```ts
 * import { regressionData } from "./03_minibatch_sgd.ts";
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * const { X, y } = regressionData(8, 3);
 * strictEqual(X.length, 8);
 * deepStrictEqual(regressionData(8, 3).y, y); // seeded: the same every run
 * ```
 */
export function regressionData(n: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Rng(seed);
  const X = Array.from({ length: n }, () => [2 * rng.float() - 1, 2 * rng.float() - 1]);
  const y = X.map(([a, b]) => 2 * a - 3 * b + 0.5 + 0.3 * rng.normal());
  return { X, y };
}

/** The runs of the loss-per-update figure. */
export const LOSS_RUNS = { n: 64, epochs: 4, learningRate: 0.05, batchSizes: [1, 8, 64] } as const;
/** The runs of the time-per-epoch figure. */
export const TIME_RUNS = {
  n: 128,
  batchSizes: [1, 4, 16, 64, 128],
  learningRate: 0.05,
  cpuRepeats: 3,
} as const;

/**
 * Builds kata 03's figures from the learner's module.
 *
 * @param kata The learner's `katas/03_minibatch_sgd/minibatch_sgd.ts`.
 * @param context Whether to measure on WebGPU too.
 * @returns Two figures: `03_loss_per_update`, `03_epoch_time`.
 *
 * @example
 * ```ts
 * import { kata03Figures } from "./03_minibatch_sgd.ts";
 * import { deepStrictEqual } from "node:assert";
 * const figures = await kata03Figures(await import("../../../katas/03_minibatch_sgd/minibatch_sgd.ts"), { load: () => Promise.resolve({}), webgpu: false });
 * deepStrictEqual(figures.map((f) => f.name), ["03_loss_per_update", "03_epoch_time"]);
 * ```
 */
export async function kata03Figures(
  kata: typeof Kata03,
  context: BuildContext,
): Promise<Figure[]> {
  return [await lossPerUpdate(kata), await epochTime(kata, context.webgpu)];
}

async function lossPerUpdate(kata: typeof Kata03): Promise<Figure> {
  const calls = new LearnerCalls("03");
  const { n, epochs, learningRate, batchSizes } = LOSS_RUNS;
  const { X: rows, y: targets } = regressionData(n, 3);
  const X = tensor(rows);
  const y = tensor(targets);
  const losses: { batch: string; update: number; epoch: number; loss: number }[] = [];
  for (const batchSize of batchSizes) {
    const label = batchSize === 1
      ? "B = 1"
      : batchSize === n
      ? `B = ${n} (full batch)`
      : `B = ${batchSize}`;
    const minibatchIndices = calls.guard("minibatchIndices()", kata.minibatchIndices);
    const lossAndGradient = calls.guard(
      "linearRegressionLossAndGradient()",
      kata.linearRegressionLossAndGradient,
    );
    const done = await calls.run("minibatchIndices()", async () => {
      const rng = new Rng(30 + batchSize);
      let w: Tensor = tensor([0, 0]);
      let b: Tensor = tensor(0);
      const run: Tensor[] = [lossAndGradient(X, y, w, b).loss];
      for (let epoch = 0; epoch < epochs; epoch++) {
        for (const batch of minibatchIndices(n, batchSize, { rng })) {
          const { gradW, gradB } = lossAndGradient(
            X.gather(batch),
            y.gather(batch),
            w,
            b,
          );
          w = w.sub(gradW.mul(learningRate));
          b = b.sub(gradB.mul(learningRate));
          run.push(lossAndGradient(X, y, w, b).loss);
        }
      }
      const values = await Promise.all(run.map((loss) => loss.item()));
      const perEpoch = (values.length - 1) / epochs;
      values.forEach((loss, update) =>
        losses.push({ batch: label, update, epoch: update / perEpoch, loss })
      );
      return true;
    });
    if (!done) break;
  }
  const title = "03 · Loss on all the data after each update, for three batch sizes";
  return {
    name: "03_loss_per_update",
    title,
    caption:
      "One update per batch, one epoch = one pass over all n = 64 examples. Look for B = 1 making " +
      "the most progress per epoch but jittering (each step follows one example's noisy gradient), " +
      "and the full batch descending smoothly but slowly: one step per epoch.",
    notes: calls.notes,
    preview: {
      title: `log10 of the loss over ${epochs} epochs`,
      series: [...new Set(losses.map((p) => p.batch))].map((name) => ({
        name,
        values: losses.filter((p) => p.batch === name).map((p) => Math.log10(p.loss)),
      })),
    },
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { losses },
      width: PANEL.width,
      height: PANEL.height,
      data: { name: "losses" },
      mark: { type: "line", strokeWidth: 1.5 },
      encoding: {
        x: { field: "epoch", type: "quantitative", title: "epochs" },
        y: { field: "loss", type: "quantitative", title: "loss (MSE)", scale: { type: "log" } },
        color: { field: "batch", title: "batch size", sort: null },
      },
    },
  };
}

async function epochTime(kata: typeof Kata03, webgpu: boolean): Promise<Figure> {
  const calls = new LearnerCalls("03");
  const { n, batchSizes, learningRate } = TIME_RUNS;
  const { X: rows, y: targets } = regressionData(n, 4);
  const times: { backend: string; batchSize: number; ms: number }[] = [];
  const backends: { label: string; backend: Backend }[] = [{
    label: "cpu",
    backend: getBackend("cpu"),
  }];
  const gpu = webgpu ? await initWebGpu() : undefined;
  if (gpu) backends.push({ label: "webgpu", backend: gpu });
  else if (webgpu) calls.note("no WebGPU adapter here: the CPU only");
  const previous = setDefaultBackend(getBackend("cpu"));
  try {
    for (const { label, backend } of backends) {
      setDefaultBackend(backend);
      const X = tensor(rows);
      const y = tensor(targets);
      // One untimed epoch first: the first run pays for compiling kernels and warming caches.
      const warm = await calls.run(
        "trainLinearRegression()",
        () => kata.trainLinearRegression(X, y, { batchSize: 64, learningRate, epochs: 1, seed: 1 }),
      );
      if (!warm) break;
      // The CPU is quick and noisy: the median of a few epochs. WebGPU here may be software
      // (llvmpipe) and slow: one epoch each.
      const repeats = label === "cpu" ? TIME_RUNS.cpuRepeats : 1;
      for (const batchSize of batchSizes) {
        const samples: number[] = [];
        for (let r = 0; r < repeats; r++) {
          const started = performance.now();
          const result = await calls.run(
            "trainLinearRegression()",
            () => kata.trainLinearRegression(X, y, { batchSize, learningRate, epochs: 1, seed: 1 }),
          );
          if (!result) break;
          samples.push(performance.now() - started);
        }
        if (samples.length < repeats) break;
        samples.sort((a, b) => a - b);
        times.push({ backend: label, batchSize, ms: samples[Math.floor(samples.length / 2)] });
      }
    }
  } finally {
    setDefaultBackend(previous);
  }
  const title = `03 · Time of one epoch (n = ${n}) against the batch size, measured here`;
  return {
    name: "03_epoch_time",
    title,
    caption:
      "The lecture's table: without parallelism an update costs more the larger the batch, but an " +
      "epoch needs n/B updates. Look for the time per epoch falling as B grows — each update has a " +
      "fixed cost (on WebGPU, a queue of kernel launches) that large batches pay fewer times. " +
      "Measured on this machine, with your trainLinearRegression(); on a real GPU the large-batch " +
      "end is flatter still.",
    notes: calls.notes,
    spec: {
      title: chartTitle(title, calls.notes),
      datasets: { times },
      width: PANEL.width,
      height: PANEL.height,
      data: { name: "times" },
      mark: { type: "line", point: true },
      encoding: {
        x: {
          field: "batchSize",
          type: "quantitative",
          title: "batch size B",
          scale: { type: "log", base: 2 },
          axis: { values: [...batchSizes] },
        },
        y: { field: "ms", type: "quantitative", title: "ms per epoch", scale: { type: "log" } },
        color: { field: "backend", title: "backend" },
      },
    },
  };
}
