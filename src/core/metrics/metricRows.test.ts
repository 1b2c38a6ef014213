import { describe, expect, it } from 'vitest';
import { metricsToCsv } from './csv';
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
