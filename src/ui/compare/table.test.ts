import { describe, expect, it } from 'vitest';
import { comparisonRows, formatDelta } from './table';
import type { RunRecord } from '../../store/runs';
import { DEFAULT_CONFIG } from '../../core/config/config';

const prf = (f1: number) => ({ precision: f1, recall: f1, f1, support: 1 });
const run = (id: string, f1s: number[], perType: Record<string, number>): RunRecord =>
  ({
    id,
    name: id,
    config: DEFAULT_CONFIG,
    bestDevF1: Math.max(...f1s),
    evals: f1s.map((f1, i) => ({ step: i + 1, epoch: i + 1, f1, precision: f1, recall: f1, accuracy: 1, wallTime: 0, perType: i === f1s.length - 1 ? Object.fromEntries(Object.entries(perType).map(([t, v]) => [t, prf(v)])) : {} })),
  }) as unknown as RunRecord;

describe('comparisonRows', () => {
  it('gives final and best F1 and per-type differences against the baseline', () => {
    const a = run('a', [0.5, 0.7, 0.6], { PER: 0.8, LOC: 0.5 });
    const b = run('b', [0.4, 0.65], { PER: 0.7, LOC: 0.75, ORG: 0.2 });
    const { types, rows } = comparisonRows([a, b], 'a');
    expect(types).toEqual(['LOC', 'ORG', 'PER']);
    expect(rows.map((r) => [r.name, r.finalF1, r.bestF1])).toEqual([
      ['a', 0.6, 0.7],
      ['b', 0.65, 0.65],
    ]);
    expect(rows[0].perTypeDelta).toEqual({});
    expect(rows[1].perTypeDelta.PER).toBeCloseTo(-0.1, 10);
    expect(rows[1].perTypeDelta.LOC).toBeCloseTo(0.25, 10);
    expect('ORG' in rows[1].perTypeDelta).toBe(false); // the baseline has no ORG score to compare with
  });

  it.each([
    [0.25, '+0.250'],
    [-0.1, '-0.100'],
    [0, '±0.000'],
  ])('formats %d as %s', (d, s) => expect(formatDelta(d)).toBe(s));
});
