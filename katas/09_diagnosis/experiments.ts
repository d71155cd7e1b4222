// Kata 09's experiments on real data, shared by its suite and by its figures
// (`deno task show 09`): nothing here for you to write. They run in float64 on the
// CPU: the point is the optimizer, not the backend, and the numbers then agree to
// the last digit on every machine.
import penguinsCsv from "../../data/penguins.csv" with { type: "text" };
import carsCsv from "../../data/cars.csv" with { type: "text" };
import { gather, oneHot, type Optimizer, Rng, type Tensor } from "../../lib/mod.ts";
import { valueAndGrad } from "../../lib/autodiff/mod.ts";
import { type Activation, mlp } from "../../lib/nn/mod.ts";
import { loadTable, standardize } from "../../lib/data/mod.ts";

/** The penguin runs: 20 full-batch steps; gradient descent at η = 1, Adam at η = 0.03. */
export const DEPTH_RUNS = { steps: 20, learningRate: 1, adamLearningRate: 0.03 } as const;

/**
 * The thresholds the experiments are diagnosed with. Penguins, cross-entropy in nats:
 * ln 3 = 1.0986 is a network that guesses blindly; one that only knows the species'
 * frequencies (151, 68 and 123 of 342) reaches their entropy,
 * 0.4415·0.8175 + 0.1988·1.6155 + 0.3596·1.0228 = 1.050; 0.5 is already large.
 * Cars, squared miles per gallon: 25 mpg² is an error of 5 mpg, large for cars of 10–45 mpg.
 */
export const THRESHOLDS = {
  penguins: { largeLoss: 0.5, gap: 0.1 },
  cars: { largeLoss: 25, gap: 10 },
} as const;

/** A training and a validation set: inputs and one-hot labels. */
export type PenguinSplit = Record<"train" | "validation", { X: Tensor; Y: Tensor }>;

/**
 * The penguins' four measurements (standardized) and species, split 70/30 by
 * `new Rng(0)`: 342 rows → 239 train, 103 validation.
 *
 * @returns The split.
 */
export function penguins(): PenguinSplit {
  const table = loadTable(penguinsCsv, {
    features: ["beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"],
    label: "species",
    dropMissing: true,
    dtype: "float64",
  });
  const X = standardize(table.X).X;
  const order = new Rng(0).permutation(X.shape[0]);
  const cut = Math.round(0.7 * order.length);
  const part = (rows: number[]) => ({
    X: gather(X, rows),
    Y: oneHot(gather(table.labels!, rows), 3).cast("float64"),
  });
  return { train: part(order.slice(0, cut)), validation: part(order.slice(cut)) };
}

/** Mean cross-entropy of logits [B, 3] against one-hot labels Y [B, 3]. */
function meanCrossEntropy(logits: Tensor, Y: Tensor): Tensor {
  const logSumExp = logits.exp().sum(1, true).log();
  return logits.sub(logSumExp).mul(Y).sum().div(-Y.shape[0]);
}

/**
 * Trains an MLP 4 → hidden → 3 (initialised from `new Rng(1)`) on the penguins for
 * `steps` full-batch updates, by gradient descent (a number: the learning rate) or
 * by an optimizer.
 *
 * @param data The split.
 * @param hidden The hidden layers' sizes.
 * @param activation The hidden layers' activation.
 * @param init The initialization rule.
 * @param steps How many updates.
 * @param optimizer A learning rate, or an optimizer.
 * @returns The training and validation loss before each update and after the last
 *   (`steps + 1` of each).
 */
export async function trainPenguins(
  data: PenguinSplit,
  hidden: number[],
  activation: Activation,
  init: "he" | "xavier",
  steps: number,
  optimizer: number | Optimizer<unknown>,
): Promise<{ train: number[]; validation: number[] }> {
  const net = mlp({
    sizes: [4, ...hidden, 3],
    activation,
    init,
    rng: new Rng(1),
    dtype: "float64",
  });
  let theta = net.init();
  const lossAndGrad = valueAndGrad((t) =>
    meanCrossEntropy(net.forward(t, data.train.X), data.train.Y)
  );
  const train: number[] = [];
  const validation: number[] = [];
  const record = async (value: Tensor) => {
    train.push(await value.item());
    validation.push(
      await meanCrossEntropy(net.forward(theta, data.validation.X), data.validation.Y).item(),
    );
  };
  let state = typeof optimizer === "number" ? undefined : optimizer.init(theta);
  for (let s = 0; s < steps; s++) {
    const { value, grad } = lossAndGrad(theta);
    await record(value);
    if (typeof optimizer === "number") theta = theta.sub(grad.mul(optimizer));
    else ({ params: theta, state } = optimizer.update(grad, state, theta));
  }
  await record(lossAndGrad(theta).value);
  return { train, validation };
}

/** A car: weight in 1000 lb, horsepower in 100 hp, model year, miles per gallon. */
export type Car = { weight: number; horsepower: number; year: number; mpg: number };

/**
 * The cars whose weight and horsepower are known.
 *
 * @returns One row per car, in the file's order.
 */
export function cars(): Car[] {
  const table = loadTable(carsCsv, {
    features: ["weight_in_lbs", "horsepower", "year"],
    target: "miles_per_gallon",
    dropMissing: true,
    dtype: "float64",
  });
  const X = table.X.arraySync() as number[][];
  const y = table.y!.arraySync() as number[];
  return X.map(([w, hp, year], i) => ({ weight: w / 1000, horsepower: hp / 100, year, mpg: y[i] }));
}

/**
 * Least squares mpg ≈ a + b·weight + c·horsepower, by the 3×3 normal equations
 * (Gauss–Jordan elimination with partial pivoting), checked by its residuals.
 *
 * @param rows The cars to fit.
 * @returns The fitted model.
 * @throws {Error} If the residuals are not orthogonal to every feature.
 */
export function fitMpg(rows: Car[]): (car: Car) => number {
  const features = (car: Car) => [1, car.weight, car.horsepower];
  const M = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
  for (const car of rows) {
    const f = features(car);
    for (let i = 0; i < 3; i++) {
      M[i][3] += f[i] * car.mpg;
      for (let j = 0; j < 3; j++) M[i][j] += f[i] * f[j];
    }
  }
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const factor = M[r][c] / M[c][c];
      for (let k = c; k < 4; k++) M[r][k] -= factor * M[c][k];
    }
  }
  const w = M.map((row, i) => row[3] / row[i]);
  const predict = (car: Car) => features(car).reduce((sum, f, i) => sum + f * w[i], 0);
  // A least-squares fit leaves residuals orthogonal to every feature (the MSE's gradient
  // is 0 there): checked here, independently of the elimination above.
  for (let j = 0; j < 3; j++) {
    const dot = rows.reduce((sum, car) => sum + (predict(car) - car.mpg) * features(car)[j], 0);
    const scale = rows.reduce((sum, car) => sum + Math.abs(car.mpg * features(car)[j]), 0);
    if (Math.abs(dot) > 1e-9 * scale) throw new Error(`least squares did not converge: ${dot}`);
  }
  return predict;
}

/**
 * The mean squared error of a model on some cars, in mpg².
 *
 * @param predict The model.
 * @param rows The cars.
 * @returns The mean of (prediction − mpg)².
 */
export function mse(predict: (car: Car) => number, rows: Car[]): number {
  return rows.reduce((sum, car) => sum + (predict(car) - car.mpg) ** 2, 0) / rows.length;
}

/** Training, validation and test cars. */
export type CarSplit = Record<"train" | "validation" | "test", Car[]>;

/**
 * The cars split two ways. By year: train on 1970–76 (a fifth of those years, drawn
 * by `new Rng(1)`, for validation) and test on 1980–82 (the data have no 1981): 214
 * and 85 cars. At random: the same sizes drawn from all those years by `new Rng(1)`.
 *
 * @returns The split by year and the random one.
 */
export function carSplits(): { byYear: CarSplit; random: CarSplit } {
  const all = cars();
  const early = all.filter((car) => car.year <= 1976);
  const late = all.filter((car) => car.year >= 1980);
  const shuffled = new Rng(1).permutation(early.length).map((i) => early[i]);
  const nValidation = Math.round(0.2 * early.length);
  const pool = [...early, ...late];
  const mixed = new Rng(1).permutation(pool.length).map((i) => pool[i]);
  return {
    byYear: {
      train: shuffled.slice(nValidation),
      validation: shuffled.slice(0, nValidation),
      test: late,
    },
    random: {
      train: mixed.slice(late.length + nValidation),
      validation: mixed.slice(late.length, late.length + nValidation),
      test: mixed.slice(0, late.length),
    },
  };
}
