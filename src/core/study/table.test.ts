import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/config';
import type { EntityScores } from '../types';
import { summaryCsv, type StudyRunResult } from './runResult';
import { difference, meanSd, studyTable } from './table';

const scores = (f1: number, per: Record<string, number> = {}): EntityScores => ({
  precision: f1,
  recall: f1,
  f1,
  support: 10,
  accuracy: 0.9,
  perType: Object.fromEntries(Object.entries(per).map(([t, x]) => [t, { precision: x, recall: x, f1: x, support: 5 }])),
});

const result = (variant: string, seed: number, dev: number, test: number): StudyRunResult => ({
  id: `${variant}-seed${seed}`,
  variant,
  seed,
  status: 'finished',
  stoppedEarly: false,
  steps: 100,
  epochs: 5,
  bestStep: 80,
  dev: scores(dev),
  test: scores(test, { LOC: test + 0.01, PER: test - 0.01 }),
  wallSeconds: 120,
  tokensPerSec: 500,
  parameters: 1000,
  loadAverage: 3,
  config: DEFAULT_CONFIG,
  finishedAt: '2026-11-01T00:00:00.000Z',
});

const RESULTS = [result('crf', 1, 0.8, 0.7), result('crf', 2, 0.82, 0.72), result('crf', 3, 0.81, 0.71), result('focal', 1, 0.81, 0.72), result('focal', 2, 0.83, 0.75), result('focal', 3, 0.82, 0.74)];

describe('study table', () => {
  it('mean ± sample sd in percent', () => {
    expect(meanSd([0.7, 0.72, 0.71])).toBe('71.00 ± 1.00');
    expect(meanSd([0.7])).toBe('70.00');
    expect(meanSd([])).toBe('–');
  });

  it('paired difference with its t-interval, by hand', () => {
    // differences (percent) 2, 3, 3: mean 2.667, sd 0.577, half-width 4.303 * 0.577 / sqrt(3) = 1.434
    const crf = RESULTS.filter((r) => r.variant === 'crf');
    const focal = RESULTS.filter((r) => r.variant === 'focal');
    expect(difference(focal, crf, (r) => r.test?.f1)).toBe('+2.67 [+1.23, +4.10]');
    expect(difference(focal.slice(0, 1), crf, (r) => r.test?.f1)).toBe('+2.00 (1 seed)');
    expect(difference(focal, [], (r) => r.test?.f1)).toBe('–');
  });

  it('a row per variant in the given order, the baseline marked, per-type columns', () => {
    const md = studyTable(RESULTS, { title: 't', description: 'd', variants: ['crf', 'focal', 'dice'], baseline: 'crf', planned: 9, dataLines: ['train: x'] });
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    expect(rows[0]).toBe('| run | seeds | dev F1 | test F1 | Δ dev F1 vs crf | Δ test F1 vs crf | test LOC | test PER | epochs | wall time | tokens/s |');
    expect(rows[1]).toBe('| crf | 1, 2, 3 | 81.00 ± 1.00 | 71.00 ± 1.00 | (baseline) | (baseline) | 72.00 ± 1.00 | 70.00 ± 1.00 | 5.0 | 2.0 min | 500 |');
    expect(rows[2]).toMatch(/^\| focal \| 1, 2, 3 \| 82\.00 ± 1\.00 \| 73\.67 ± 1\.53 \| \+1\.00 \[\+1\.00, \+1\.00\] \| \+2\.67 \[\+1\.23, \+4\.10\] \|/);
    expect(rows).toHaveLength(3); // dice has no finished run
    expect(md).toContain('6 of 9 runs finished.');
    expect(md).toContain('- train: x');
  });

  it('a run with its own baseline is compared with that run, which its cells name', () => {
    // focal-long - focal per seed (percent): dev 1, 1, 1; test 1, 2, 3 -> +2.00, half-width 4.303 * 1 / sqrt(3) = 2.48
    const long = [result('focal-long', 1, 0.82, 0.73), result('focal-long', 2, 0.84, 0.77), result('focal-long', 3, 0.83, 0.77)];
    const options = { title: 't', description: 'd', variants: ['crf', 'focal', 'focal-long'], baseline: 'crf', baselines: { 'focal-long': 'focal' }, planned: 9, dataLines: [] };
    const md = studyTable([...RESULTS, ...long], options);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    expect(rows[2]).toMatch(/^\| focal \| 1, 2, 3 \| [^|]+ \| [^|]+ \| \+1\.00 \[\+1\.00, \+1\.00\] \| \+2\.67 \[\+1\.23, \+4\.10\] \|/);
    expect(rows[3]).toMatch(/^\| focal-long \| 1, 2, 3 \| [^|]+ \| [^|]+ \| \+1\.00 \[\+1\.00, \+1\.00\] vs focal \| \+2\.00 \[−0\.48, \+4\.48\] vs focal \|/);
    expect(md).toContain('from crf (from the run named after "vs" where a cell names one)');
    // Without a study baseline, only the runs that name one get differences.
    const own = studyTable([...RESULTS, ...long], { ...options, baseline: null }).split('\n').filter((l) => l.startsWith('| '));
    expect(own[0]).toContain('| Δ dev F1 | Δ test F1 |');
    expect(own[2]).toMatch(/^\| crf \| 1, 2, 3 \| [^|]+ \| [^|]+ \| – \| – \|/);
    expect(own[4]).toMatch(/\| \+2\.00 \[−0\.48, \+4\.48\] vs focal \|/);
  });

  it('summary.csv has a row per run with per-type test F1 columns', () => {
    const lines = summaryCsv(RESULTS.slice(0, 2)).trim().split('\n');
    expect(lines[0]).toBe(
      'run,variant,seed,status,epochs,steps,best_step,dev_precision,dev_recall,dev_f1,test_precision,test_recall,test_f1,wall_time_s,train_tokens_per_s,parameters,load_average,test_f1/LOC,test_f1/PER',
    );
    expect(lines[1]).toBe('crf-seed1,crf,1,finished,5,100,80,0.8,0.8,0.8,0.7,0.7,0.7,120.0,500.0,1000,3.00,0.71,0.69');
    expect(lines).toHaveLength(3);
  });
});
