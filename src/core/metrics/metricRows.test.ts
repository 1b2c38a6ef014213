import { describe, expect, it } from 'vitest';
import { metricsToCsv, parseMetricsCsv } from './csv';
import { metricRows, runsFromMetricRows, type MetricEval } from './metricRows';

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

describe('runsFromMetricRows', () => {
  const steps = [
    { step: 1, epoch: 1, loss: 2.5, tokensPerSec: 100, wallTime: 10, tensors: 40, bytes: 4096 },
    { step: 2, epoch: 1, loss: 1.5, tokensPerSec: 120, wallTime: 11, tensors: 40, bytes: 4096 },
    { step: 3, epoch: 2, loss: 0.5, tokensPerSec: 130, wallTime: 12, tensors: 40, bytes: 4096 },
  ];
  const evals: MetricEval[] = [
    { step: 2, epoch: 1, precision: 0.5, recall: 0.25, f1: 1 / 3, accuracy: 0.9, perType: { LOC: { f1: 0.4 }, 'geo/loc': { f1: 0.1 } }, wallTime: 11.5 },
    { step: 3, epoch: 2, precision: 0.75, recall: 0.5, f1: 0.6, accuracy: 0.95, perType: { LOC: { f1: 0.7 } }, wallTime: 12.5 },
  ];

  it('reads back the points a CSV was written from, run by run', () => {
    const rows = parseMetricsCsv(metricsToCsv([...metricRows('torch, 2 ranks', steps, evals), ...metricRows('run-1', steps.slice(0, 1), [])]));
    expect(runsFromMetricRows(rows)).toEqual([
      { run: 'torch, 2 ranks', steps, evals },
      { run: 'run-1', steps: steps.slice(0, 1), evals: [] },
    ]);
  });

  it('fills what a CSV lacks, and refuses one with neither losses nor F1', () => {
    const rows = parseMetricsCsv('run,wall_time,step,epoch,metric,value\nr,5,1,1,train/loss,2\nr,6,1,1,dev/f1,0.5\nr,6,1,1,other/thing,3\n');
    expect(runsFromMetricRows(rows)).toEqual([
      { run: 'r', steps: [{ step: 1, epoch: 1, wallTime: 5, loss: 2, tokensPerSec: 0 }], evals: [{ step: 1, epoch: 1, wallTime: 6, f1: 0.5, precision: NaN, recall: NaN, accuracy: NaN, perType: {} }] },
    ]);
    expect(() => runsFromMetricRows(parseMetricsCsv('run,wall_time,step,epoch,metric,value\nr,5,1,1,other,2\n'), 'log.csv')).toThrow(
      'log.csv: no train/loss or dev/f1 rows; is this a metrics CSV (run,wall_time,step,epoch,metric,value)?',
    );
    expect(() => runsFromMetricRows(parseMetricsCsv('run,wall_time,step,epoch,metric,value\nr,5,x,1,train/loss,2\n'), 'log.csv')).toThrow('log.csv: row 2 (train/loss) has a value that is not a number');
  });
});
