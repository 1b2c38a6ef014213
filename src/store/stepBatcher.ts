/**
 * @file Holds a run's step points briefly and hands them over together, at most every `delayMs`. On tiny data a
 * step takes milliseconds; one store update (and one render of the charts and the sidebar) per step kept the page's
 * main thread busy for long stretches. Anything else about a run flushes its held steps first, so order is kept.
 */
export interface StepBatcher<M> {
  /** Holds a step; the batch goes out within delayMs. */
  push: (runId: string, msg: M) => void;
  /** Hands over a run's held steps now (before another message about it). */
  flush: (runId: string) => void;
}

export function createStepBatcher<M>(deliver: (runId: string, msgs: M[]) => void, delayMs: number, schedule: (fn: () => void, ms: number) => unknown = setTimeout): StepBatcher<M> {
  const held = new Map<string, M[]>();
  let scheduled = false;
  const flush = (runId: string) => {
    const msgs = held.get(runId);
    if (!msgs) return;
    held.delete(runId);
    deliver(runId, msgs);
  };
  return {
    push: (runId, msg) => {
      const msgs = held.get(runId);
      if (msgs) msgs.push(msg);
      else held.set(runId, [msg]);
      if (scheduled) return;
      scheduled = true;
      schedule(() => {
        scheduled = false;
        for (const id of [...held.keys()]) flush(id);
      }, delayMs);
    },
    flush,
  };
}
