import { describe, expect, it } from 'vitest';
import { metricsToCsv, parseMetricsCsv } from './csv';
import { metricRows } from './metricRows';

describe('metricRows', () => {
  it('gives loss and throughput per step, scores per evaluation, ordered by step then wall time', () => {
    const steps = [
      { step: 1, epoch: 1, loss: 2.5, tokensPerSec: 100, wallTime: 10 },
      { step: 2, epoch: 1, loss: 1.5, tokensPerSec: 120, wallTime: 11 },
    ];
    const evals = [{ step: 1, epoch: 1, precision: 0.5, recall: 0.25, f1: 1 / 3, accuracy: 0.9, perType: { LOC: { f1: 0.4 } }, wallTime: 10.5 }];
    const csv = metricsToCsv(metricRows('run-1', steps, evals));
    expect(csv).toBe(
      [
        'run,wall_time,step,epoch,metric,value',
        'run-1,10,1,1,train/loss,2.5',
        'run-1,10,1,1,train/tokens_per_sec,100',
        'run-1,10.5,1,1,dev/precision,0.5',
        'run-1,10.5,1,1,dev/recall,0.25',
        `run-1,10.5,1,1,dev/f1,${1 / 3}`,
        'run-1,10.5,1,1,dev/accuracy,0.9',
        'run-1,10.5,1,1,dev/f1/LOC,0.4',
        'run-1,11,2,1,train/loss,1.5',
        'run-1,11,2,1,train/tokens_per_sec,120',
        '',
      ].join('\n'),
    );
  });
});

describe('metricRows: test scores', () => {
  it('adds test/precision, test/recall, test/f1 and test/f1/TYPE at the best checkpoint step, and they parse back', () => {
    const steps = [{ step: 1, epoch: 1, loss: 2.5, tokensPerSec: 100, wallTime: 10 }];
    const test = { step: 1, epoch: 1, precision: 0.75, recall: 0.5, f1: 0.6, perType: { LOC: { f1: 0.7 }, PER: { f1: 0.5 } }, wallTime: 20 };
    const csv = metricsToCsv(metricRows('r', steps, [], test));
    expect(csv.trim().split('\n').slice(3)).toEqual(['r,20,1,1,test/precision,0.75', 'r,20,1,1,test/recall,0.5', 'r,20,1,1,test/f1,0.6', 'r,20,1,1,test/f1/LOC,0.7', 'r,20,1,1,test/f1/PER,0.5']);
    expect(parseMetricsCsv(csv).filter((r) => r.metric.startsWith('test/')).map((r) => [r.metric, r.value])).toEqual([
      ['test/precision', 0.75],
      ['test/recall', 0.5],
      ['test/f1', 0.6],
      ['test/f1/LOC', 0.7],
      ['test/f1/PER', 0.5],
    ]);
    expect(metricRows('r', steps, [], null)).toEqual(metricRows('r', steps, []));
  });
});
