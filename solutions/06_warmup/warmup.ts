// Kata 06 — learning-rate schedules: η^t changes with the update index t (from 0).
// Warm-up starts small while Adam's σ is still a guess; see katas/06_warmup/README.md.
// deno-lint-ignore-file no-unused-vars -- the stubs keep the solution's imports and parameters
import { NotImplementedError, type Schedule, ValueError } from "../../lib/mod.ts";

/**
 * Worked example helper — refuses a learning rate that is negative, NaN or
 * infinite, naming the schedule and the option.
 *
 * @param schedule The schedule's name, for the message ("linearWarmup").
 * @param name The option's name ("peak").
 * @param value Its value.
 * @throws {ValueError} `Cannot create linearWarmup: peak -1 is not a finite non-negative number`.
 */
export function requireRate(schedule: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ValueError(
      `Cannot create ${schedule}: ${name} ${value} is not a finite non-negative number`,
    );
  }
}

/**
 * Worked example helper — refuses a step count that is not an integer of at
 * least `atLeast`.
 *
 * @param schedule The schedule's name, for the message.
 * @param name The option's name ("warmupSteps").
 * @param value Its value.
 * @param atLeast The smallest value allowed.
 * @throws {ValueError} `Cannot create linearWarmup: warmupSteps 0 is not an integer ≥ 1`.
 */
export function requireCount(schedule: string, name: string, value: number, atLeast: number): void {
  if (!Number.isInteger(value) || value < atLeast) {
    throw new ValueError(
      `Cannot create ${schedule}: ${name} ${value} is not an integer ≥ ${atLeast}`,
    );
  }
}

/**
 * Worked example helper — a schedule is asked for η^t at an update index t =
 * 0, 1, 2, …; anything else is a bug in the caller.
 *
 * @param schedule The schedule's name, for the message.
 * @param t The update index.
 * @throws {ValueError} `Cannot compute linearWarmup(t): update index -1 is not a non-negative integer`.
 */
export function requireUpdateIndex(schedule: string, t: number): void {
  if (!Number.isInteger(t) || t < 0) {
    throw new ValueError(
      `Cannot compute ${schedule}(t): update index ${t} is not a non-negative integer`,
    );
  }
}

/**
 * Worked example — the schedule that does not schedule: η^t = lr for every t.
 * A schedule is a plain function of t; it keeps no state, so asking for t = 500
 * before t = 0 gives the same answers as asking in order.
 *
 * @param lr The learning rate.
 * @returns The schedule.
 */
export function constant(lr: number): Schedule {
  requireRate("constant", "lr", lr);
  return (t) => {
    requireUpdateIndex("constant", t);
    return lr;
  };
}

/** Options of {@linkcode linearWarmup}. */
export interface LinearWarmupOptions {
  /** The learning rate reached at the end of the warm-up. */
  peak: number;
  /** How many updates the warm-up lasts (≥ 1). */
  warmupSteps: number;
}

/**
 * Linear warm-up: peak·(t+1)/warmupSteps while t < warmupSteps, then peak.
 *
 * @param options The peak and the warm-up length.
 * @returns The schedule.
 */
export function linearWarmup(options: LinearWarmupOptions): Schedule {
  const { peak, warmupSteps } = options;
  // #region TODO(kata 06): linearWarmup() — rise by peak/warmupSteps per update, then hold the peak
  requireRate("linearWarmup", "peak", peak);
  requireCount("linearWarmup", "warmupSteps", warmupSteps, 1);
  return (t) => {
    requireUpdateIndex("linearWarmup", t);
    // Already at the peak: the last warm-up update is t = warmupSteps − 1.
    if (t >= warmupSteps) return peak;
    // t + 1, not t: update 0 must already move (η⁰ = peak/warmupSteps, not 0), and
    // update warmupSteps − 1 is the first at the peak — warmupSteps updates in all.
    return peak * (t + 1) / warmupSteps;
  };
  // #endregion
}

/** Options of {@linkcode transformerSchedule}. */
export interface TransformerScheduleOptions {
  /** The model width d_model; the whole schedule scales with dModel^−0.5. */
  dModel: number;
  /** Where the rise turns into the 1/sqrt decay. */
  warmupSteps: number;
  /** An extra factor (1 in the paper). */
  scale?: number;
}

/**
 * The Transformer's schedule (Vaswani et al. 2017), with s = t + 1:
 * scale · dModel^−0.5 · min(s^−0.5, s · warmupSteps^−1.5). It rises linearly,
 * peaks at s = warmupSteps (t = warmupSteps − 1), then decays as 1/sqrt(s).
 *
 * @param options dModel, warmupSteps, scale (1).
 * @returns The schedule.
 */
export function transformerSchedule(options: TransformerScheduleOptions): Schedule {
  const { dModel, warmupSteps, scale = 1 } = options;
  // #region TODO(kata 06): transformerSchedule() — dModel^−0.5 · min(s^−0.5, s·warmupSteps^−1.5), s = t + 1
  requireCount("transformerSchedule", "dModel", dModel, 1);
  requireCount("transformerSchedule", "warmupSteps", warmupSteps, 1);
  requireRate("transformerSchedule", "scale", scale);
  return (t) => {
    requireUpdateIndex("transformerSchedule", t);
    // The paper counts steps from 1. With s = t, update 0 would give
    // min(0^−0.5, 0) = min(∞, 0) = 0 — no step at all — and the peak would land
    // one update late.
    const s = t + 1;
    // min picks the smaller of the two curves: the linear rise s·w^−1.5 while
    // s < w, the decay s^−0.5 after. They cross where s·w^−1.5 = s^−0.5, at s = w.
    return scale * dModel ** -0.5 * Math.min(s ** -0.5, s * warmupSteps ** -1.5);
  };
  // #endregion
}

/** Options of {@linkcode warmupCosine}. */
export interface WarmupCosineOptions {
  /** The learning rate at the end of the warm-up. */
  peak: number;
  /** Updates of linear warm-up (≥ 1). */
  warmupSteps: number;
  /** The update at which the floor is reached (> warmupSteps). */
  totalSteps: number;
  /** The learning rate from totalSteps on (0 by default, at most peak). */
  floor?: number;
}

/**
 * Linear warm-up, then half a cosine from peak down to floor over the
 * totalSteps − warmupSteps updates that remain, then floor from totalSteps on.
 *
 * @param options peak, warmupSteps, totalSteps, floor (0).
 * @returns The schedule.
 */
export function warmupCosine(options: WarmupCosineOptions): Schedule {
  const { peak, warmupSteps, totalSteps, floor = 0 } = options;
  // #region TODO(kata 06): warmupCosine() — linear warm-up, half a cosine from peak to floor, then floor
  const warmup = linearWarmup({ peak, warmupSteps }); // checks peak and warmupSteps
  requireRate("warmupCosine", "floor", floor);
  if (!Number.isInteger(totalSteps) || totalSteps <= warmupSteps) {
    throw new ValueError(
      `Cannot create warmupCosine: totalSteps ${totalSteps} is not an integer greater than warmupSteps ${warmupSteps}`,
    );
  }
  // A floor above the peak would make the "decay" climb: surely a swapped argument.
  if (floor > peak) {
    throw new ValueError(`Cannot create warmupCosine: floor ${floor} is above peak ${peak}`);
  }
  const decaySteps = totalSteps - warmupSteps;
  return (t) => {
    requireUpdateIndex("warmupCosine", t);
    if (t < warmupSteps) return warmup(t);
    // Past the end the cosine would climb back up: hold the floor instead.
    if (t >= totalSteps) return floor;
    // progress runs from 0 (t = warmupSteps) to 1 (t = totalSteps) over the decay
    // phase only; ½(1 + cos(π·progress)) runs from 1 down to 0 along half a cosine.
    const progress = (t - warmupSteps) / decaySteps;
    return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
  };
  // #endregion
}

/** Options of {@linkcode stepSwitch}. */
export interface StepSwitchOptions {
  /** The small learning rate of the first updates. */
  warmupLr: number;
  /** The learning rate from update switchAt on. */
  lr: number;
  /** The first update that uses lr (≥ 0). */
  switchAt: number;
}

/**
 * The ResNet recipe (He et al. 2016, 110 layers): train at warmupLr = 0.01 for
 * about 400 updates, until the training error is below 80%, then switch to lr = 0.1.
 *
 * @param options warmupLr, lr, switchAt.
 * @returns The schedule.
 */
export function stepSwitch(options: StepSwitchOptions): Schedule {
  const { warmupLr, lr, switchAt } = options;
  // #region TODO(kata 06): stepSwitch() — warmupLr for updates 0 … switchAt − 1, then lr
  requireRate("stepSwitch", "warmupLr", warmupLr);
  requireRate("stepSwitch", "lr", lr);
  requireCount("stepSwitch", "switchAt", switchAt, 0);
  return (t) => {
    requireUpdateIndex("stepSwitch", t);
    // Updates 0 … switchAt − 1 are the warm-up: exactly switchAt of them.
    return t < switchAt ? warmupLr : lr;
  };
  // #endregion
}
