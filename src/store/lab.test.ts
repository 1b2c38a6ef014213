import { describe, expect, it } from 'vitest';
import { labSummary } from './lab';

const run = (loss: string, seed: number, f1: number | null, status = 'finished', id = 'lab-1') => ({ lab: { id, loss, seed }, bestDevF1: f1, status });

describe('labSummary', () => {
  it('gives mean, sample spread and range of best dev F1 per loss', () => {
    const s = labSummary(
      [
        run('crf', 1, 0.8),
        run('crf', 2, 0.9),
        run('crf', 3, 0.7),
        run('dice', 1, 0.5),
        run('dice', 2, null, 'training'),
        run('focal', 1, 0.99, 'finished', 'lab-0'), // another lab
        { bestDevF1: 0.1, status: 'finished' }, // not a lab run
      ],
      'lab-1',
    );
    // crf: mean 0.8; deviations -0, 0.1, -0.1 -> sample variance 0.02/2 = 0.01 -> std 0.1
    expect(s.map((x) => x.loss)).toEqual(['crf', 'dice']);
    expect(s[0]).toMatchObject({ runs: 3, scored: 3, minF1: 0.7, maxF1: 0.9 });
    expect(s[0].meanF1).toBeCloseTo(0.8, 12);
    expect(s[0].stdF1).toBeCloseTo(0.1, 12);
    expect(s[1]).toEqual({ loss: 'dice', runs: 2, scored: 1, meanF1: 0.5, stdF1: null, minF1: 0.5, maxF1: 0.5 });
  });
});
