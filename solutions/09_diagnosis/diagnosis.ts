// Kata 09 — what to do when a network fails to train: the lecture's flowchart.
// From the losses of models ordered by capacity, a verdict and its reason; see katas/09_diagnosis/README.md.
// deno-lint-ignore-file no-unused-vars -- the stubs keep the solution's imports and parameters
import { NotImplementedError, ValueError } from "../../lib/mod.ts";

/**
 * The losses of a few models of the same kind, ordered by capacity: the least
 * flexible first, the model being diagnosed last. Entry i of each list belongs
 * to `models[i]`.
 */
export interface LossReport {
  /** Model names, e.g. ["linear", "1 hidden layer", "8 hidden layers"]. */
  models: string[];
  /** Loss of each model on its training data. */
  train: number[];
  /** Loss of each model on validation data held out from the same distribution. */
  validation: number[];
  /** Loss of each model on the test data, where there is a test set. */
  test?: number[];
}

/** The thresholds of the flowchart: what counts as "large", and as "higher". */
export interface DiagnoseOptions {
  /** A training loss above this is large: the model does not even fit its training data. */
  largeLoss: number;
  /**
   * A loss higher than another by more than this counts as higher: validation
   * over training (overfitting), test over validation (mismatch), a deeper
   * model's training loss over a shallower one's (optimization).
   */
  gap: number;
}

/** The flowchart's verdicts. */
export type Verdict = "model-bias" | "optimization" | "overfitting" | "mismatch" | "ok";

/** A verdict about the report's last model, with the reason in words. */
export interface Diagnosis {
  /** What is wrong. */
  verdict: Verdict;
  /** The model diagnosed: the report's last (most flexible) one. */
  model: string;
  /** For "optimization": the shallower model that fits the training data better. */
  comparedWith?: string;
  /** Why, with the losses that decided it, and what to do. */
  reason: string;
}

/** Worked example — a loss as the reasons quote it: 3 significant digits. */
export function formatLoss(loss: number): string {
  return Number(loss.toPrecision(3)).toString();
}

/**
 * Refuses a report the flowchart cannot read: no models, lists of different
 * lengths, or a loss that is not a finite number ≥ 0.
 *
 * @param report The report.
 * @param options The thresholds.
 */
export function checkReport(report: LossReport, options: DiagnoseOptions): void {
  // #region TODO(kata 09): checkReport() — refuse empty reports, inconsistent lists, bad losses
  const count = report.models.length;
  if (count === 0) {
    throw new ValueError("Cannot diagnose: the report has no models");
  }
  const lists: [string, number[] | undefined][] = [
    ["training", report.train],
    ["validation", report.validation],
    ["test", report.test],
  ];
  for (const [kind, losses] of lists) {
    if (losses === undefined) continue; // only the test losses are optional
    if (losses.length !== count) {
      throw new ValueError(
        `Cannot diagnose: ${count} models but ${losses.length} ${kind} losses`,
      );
    }
    losses.forEach((loss, i) => {
      if (!Number.isFinite(loss) || loss < 0) {
        throw new ValueError(
          `Cannot diagnose: the ${kind} loss ${loss} of "${
            report.models[i]
          }" is not a finite number ≥ 0`,
        );
      }
    });
  }
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new ValueError(
        `Cannot diagnose: the threshold ${name} = ${value} is not a finite number ≥ 0`,
      );
    }
  }
  // #endregion
}

/**
 * The lecture's flowchart, applied to the report's last (most flexible) model:
 *
 * 1. Its training loss is large (> largeLoss)? Then either the model is too
 *    simple or the optimization failed. If a shallower model of the report
 *    reaches a training loss lower by more than `gap`, the deeper one could
 *    have done at least as well: "optimization". Otherwise "model-bias".
 * 2. Its validation loss exceeds its training loss by more than `gap`? "overfitting".
 * 3. Test losses are given and its test loss exceeds its validation loss by
 *    more than `gap`? "mismatch": the test data come from another distribution.
 * 4. Otherwise "ok".
 *
 * @param report The losses, ordered by capacity.
 * @param options The thresholds.
 * @returns The verdict, the model, and the reason in words.
 */
export function diagnose(report: LossReport, options: DiagnoseOptions): Diagnosis {
  // #region TODO(kata 09): diagnose() — the flowchart, on the last model, in the lecture's order
  checkReport(report, options);
  const { largeLoss, gap } = options;
  const last = report.models.length - 1;
  const model = report.models[last];
  const train = report.train[last];
  const validation = report.validation[last];

  // 1. Does it fit its own training data? Ask this first: nothing else can be
  //    judged on a model that has not learned the training set.
  if (train > largeLoss) {
    // Compare TRAINING losses with every shallower model: a more flexible model
    // contains the shallower ones, so it should fit at least as well. The best
    // shallower model (the first on ties) is the witness.
    let best = -1;
    for (let i = 0; i < last; i++) {
      if (best === -1 || report.train[i] < report.train[best]) best = i;
    }
    if (best !== -1 && train - report.train[best] > gap) {
      const shallower = report.models[best];
      return {
        verdict: "optimization",
        model,
        comparedWith: shallower,
        reason: `"${model}" has a training loss of ${formatLoss(train)}, higher than the ` +
          `shallower "${shallower}" (${formatLoss(report.train[best])}): a more flexible ` +
          "model should fit its training data at least as well, so its optimization failed — " +
          "try another optimizer (Adam), learning rate, initialization or activation",
      };
    }
    return {
      verdict: "model-bias",
      model,
      reason: `"${model}" has a training loss of ${formatLoss(train)} > ${formatLoss(largeLoss)} ` +
        "and no shallower model does better: the model is too simple for the data — " +
        "make it more flexible (more features, more parameters, more layers)",
    };
  }
  // 2. It fits its training data; does it generalize to held-out data?
  if (validation - train > gap) {
    return {
      verdict: "overfitting",
      model,
      reason: `"${model}" fits its training data (${formatLoss(train)}) but its validation ` +
        `loss ${formatLoss(validation)} is higher by more than ${formatLoss(gap)}: it ` +
        "overfits — more data, augmentation, fewer parameters, early stopping, " +
        "regularization or dropout",
    };
  }
  // 3. Validation is fine; is the test set like the data it was trained on?
  //    Compare test with VALIDATION: both are held out, only the distribution differs.
  if (report.test !== undefined && report.test[last] - validation > gap) {
    return {
      verdict: "mismatch",
      model,
      reason: `"${model}" does well on validation (${formatLoss(validation)}) but its test ` +
        `loss ${formatLoss(report.test[last])} is higher by more than ${formatLoss(gap)}: the ` +
        "test data come from another distribution — more training data of the same kind " +
        "will not help",
    };
  }
  return {
    verdict: "ok",
    model,
    reason: `"${model}" fits its training data (${formatLoss(train)}) and does as well on ` +
      `held-out data (${formatLoss(validation)}): nothing to fix`,
  };
  // #endregion
}
