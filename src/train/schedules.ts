/**
 * @file Learning-rate schedules as pure functions of the step (nanoGPT's get_lr, optax's
 * `Schedule`). `step` is the 0-based index of the optimiser update about to be made, so a resumed
 * run asks for the same rates as an uninterrupted one.
 */
import type { ScheduleName } from '../core/config/config';

export type Schedule = (step: number) => number;

export interface ScheduleOptions {
  /** Peak learning rate. */
  lr: number;
  /** Updates of linear warm-up: step s < warmupSteps gets lr * (s + 1) / warmupSteps. */
  warmupSteps: number;
  /** Updates the whole run will make; decaying schedules reach 0 here. */
  totalSteps: number;
  /** Updates per epoch, for inverse_time (1 when absent: every update counts as an epoch). */
  stepsPerEpoch?: number;
  /** inverse_time's decay per finished epoch. */
  decay?: number;
}

function withWarmup(o: ScheduleOptions, decay: (progress: number) => number): Schedule {
  const warmup = Math.max(0, Math.floor(o.warmupSteps));
  const decaySteps = Math.max(1, o.totalSteps - warmup);
  return (step) => {
    if (step < warmup) return (o.lr * (step + 1)) / warmup;
    const progress = Math.min(1, Math.max(0, (step - warmup) / decaySteps)); // 0 at the peak, 1 at the end
    return o.lr * decay(progress);
  };
}

/** Every selectable schedule, by the name config files use. */
export const SCHEDULE_TABLE = {
  /** lr after the warm-up, for ever. */
  constant: (o: ScheduleOptions) => withWarmup(o, () => 1),
  /** Linear warm-up, then linear decay to 0 at totalSteps (BERT's schedule). */
  linear: (o: ScheduleOptions) => withWarmup(o, (p) => 1 - p),
  /** Linear warm-up, then half a cosine down to 0 at totalSteps. */
  cosine: (o: ScheduleOptions) => withWarmup(o, (p) => 0.5 * (1 + Math.cos(Math.PI * p))),
  /** After the warm-up, lr / (1 + decay * e) with e the epochs finished (Ma & Hovy 2016's decay, per epoch). */
  inverse_time: (o: ScheduleOptions) => {
    const warmup = Math.max(0, Math.floor(o.warmupSteps));
    const perEpoch = Math.max(1, o.stepsPerEpoch ?? 1);
    const decay = o.decay ?? 0;
    return (step) => (step < warmup ? (o.lr * (step + 1)) / warmup : o.lr / (1 + decay * Math.floor(step / perEpoch)));
  },
} satisfies Record<ScheduleName, (o: ScheduleOptions) => Schedule>;

export function makeSchedule(name: ScheduleName, options: ScheduleOptions): Schedule {
  return SCHEDULE_TABLE[name](options);
}
