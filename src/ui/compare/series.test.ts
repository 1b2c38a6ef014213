import { describe, expect, it } from 'vitest';
import { emaSmooth, mergeSeries, runSeries } from './series';
import type { RunRecord } from '../../store/runs';

describe('emaSmooth', () => {
  it.each([
    { ys: [1, 2, 3], w: 0, expected: [1, 2, 3] },
    // w = 0.5: s1 = 0.5 -> /0.5 = 1; s2 = 0.25 + 1 = 1.25 -> /0.75 = 1.6667; s3 = 0.625 + 1.5 = 2.125 -> /0.875 = 2.4286
    { ys: [1, 2, 3], w: 0.5, expected: [1, 1.6667, 2.4286] },
    { ys: [4, 4, 4, 4], w: 0.9, expected: [4, 4, 4, 4] },
  ])('$ys with weight $w', ({ ys, w, expected }) => {
    expect(emaSmooth(ys, w).map((y) => +y.toFixed(4))).toEqual(expected);
  });
});

const run = {
  startedAt: 1_000_000,
  stepsPerEpoch: 2,
  steps: [
    { step: 1, epoch: 1, loss: 4, tokensPerSec: 1, sentencesPerSec: 1, wallTime: 1001, stepsPerEpoch: 2, lr: 0.1 },
    { step: 2, epoch: 1, loss: 2, tokensPerSec: 1, sentencesPerSec: 1, wallTime: 1003, stepsPerEpoch: 2, lr: 0.05 },
  ],
  evals: [{ step: 2, epoch: 1, precision: 0.5, recall: 0.5, f1: 0.5, accuracy: 0.9, wallTime: 1004, perType: { PER: { precision: 1, recall: 0.5, f1: 0.6667, support: 2 } } }],
} as unknown as RunRecord;

describe('runSeries', () => {
  it.each([
    { metric: 'train loss', axis: 'step', expected: [{ x: 1, y: 4 }, { x: 2, y: 2 }] },
    { metric: 'train loss', axis: 'epoch', expected: [{ x: 0.5, y: 4 }, { x: 1, y: 2 }] },
    { metric: 'train loss', axis: 'wall time', expected: [{ x: 1, y: 4 }, { x: 3, y: 2 }] },
    { metric: 'learning rate', axis: 'step', expected: [{ x: 1, y: 0.1 }, { x: 2, y: 0.05 }] },
    { metric: 'dev F1', axis: 'step', expected: [{ x: 2, y: 0.5 }] },
    { metric: 'dev F1 PER', axis: 'wall time', expected: [{ x: 4, y: 0.6667 }] },
    { metric: 'dev F1 LOC', axis: 'step', expected: [] },
  ] as const)('$metric against $axis', ({ metric, axis, expected }) => {
    expect(runSeries(run, metric, axis, 0)).toEqual(expected);
  });
});

describe('mergeSeries', () => {
  it('puts each run under its id, one row per x', () => {
    expect(
      mergeSeries([
        { id: 'a', points: [{ x: 1, y: 3 }, { x: 2, y: 2 }] },
        { id: 'b', points: [{ x: 2, y: 5 }] },
      ]),
    ).toEqual([{ x: 1, a: 3 }, { x: 2, a: 2, b: 5 }]);
  });
});
