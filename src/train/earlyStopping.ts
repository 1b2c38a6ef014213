/**
 * @file Early stopping on dev F1 as pure data: the tracker is a plain object that travels in the
 * resumable train state, and each evaluation gives a new one.
 */

export interface EarlyStoppingState {
  /** Best dev F1 so far, and the step that reached it; null before the first evaluation. */
  bestF1: number | null;
  bestStep: number;
  /** Evaluations since the best one. */
  evalsSinceBest: number;
}

export const INITIAL_EARLY_STOPPING: EarlyStoppingState = { bestF1: null, bestStep: 0, evalsSinceBest: 0 };

export interface Observation {
  state: EarlyStoppingState;
  /** This evaluation beat every earlier one (strictly): keep its weights. */
  improved: boolean;
  /** `patience` evaluations in a row brought nothing better: stop training. */
  stop: boolean;
}

/**
 * Records one evaluation. patience 0 never stops. An evaluation with counts=false (the extra one
 * made when a person stops a run) can set a new best but does not use up patience.
 */
export function observeEvaluation(s: EarlyStoppingState, step: number, f1: number, patience: number, counts = true): Observation {
  if (s.bestF1 === null || f1 > s.bestF1) {
    return { state: { bestF1: f1, bestStep: step, evalsSinceBest: 0 }, improved: true, stop: false };
  }
  const evalsSinceBest = s.evalsSinceBest + (counts ? 1 : 0);
  return { state: { ...s, evalsSinceBest }, improved: false, stop: patience > 0 && evalsSinceBest >= patience };
}
