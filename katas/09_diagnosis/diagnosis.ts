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
  // TODO(kata 09): checkReport() — refuse empty reports, inconsistent lists, bad losses
  throw new NotImplementedError("kata 09: checkReport() — see katas/09_diagnosis/README.md");
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
  // TODO(kata 09): diagnose() — the flowchart, on the last model, in the lecture's order
  throw new NotImplementedError("kata 09: diagnose() — see katas/09_diagnosis/README.md");
}
