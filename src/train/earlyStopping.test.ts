import { describe, expect, it } from 'vitest';
import { INITIAL_EARLY_STOPPING, observeEvaluation } from './earlyStopping';

/** Feeds a sequence of dev F1 values; returns, per evaluation, whether it improved and whether to stop. */
function run(f1s: number[], patience: number): string[] {
  let state = INITIAL_EARLY_STOPPING;
  return f1s.map((f1, i) => {
    const o = observeEvaluation(state, (i + 1) * 10, f1, patience);
    state = o.state;
    return `${o.improved ? 'best' : '-'}${o.stop ? ' stop' : ''}`;
  });
}

describe('observeEvaluation', () => {
  it.each([
    { f1s: [0.5, 0.6, 0.7], patience: 2, expected: ['best', 'best', 'best'] },
    { f1s: [0.5, 0.4, 0.5], patience: 2, expected: ['best', '-', '- stop'] },
    { f1s: [0.5, 0.4, 0.6, 0.6, 0.3], patience: 2, expected: ['best', '-', 'best', '-', '- stop'] },
    { f1s: [0, 0, 0], patience: 1, expected: ['best', '- stop', '- stop'] },
    { f1s: [0.5, 0.4, 0.3, 0.2], patience: 0, expected: ['best', '-', '-', '-'] },
  ])('$f1s with patience $patience -> $expected', ({ f1s, patience, expected }) => {
    expect(run(f1s, patience)).toEqual(expected);
  });

  it('remembers the best step, and an uncounted evaluation spends no patience', () => {
    let o = observeEvaluation(INITIAL_EARLY_STOPPING, 10, 0.5, 1);
    expect(o.state).toEqual({ bestF1: 0.5, bestStep: 10, evalsSinceBest: 0 });
    o = observeEvaluation(o.state, 15, 0.4, 1, false);
    expect(o).toMatchObject({ improved: false, stop: false, state: { evalsSinceBest: 0 } });
    o = observeEvaluation(o.state, 20, 0.4, 1);
    expect(o).toMatchObject({ improved: false, stop: true, state: { bestStep: 10, evalsSinceBest: 1 } });
  });
});
