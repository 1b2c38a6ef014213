import { describe, expect, it } from 'vitest';
import { applyRunMessage, bestEvaluation, estimateSecondsLeft, newRun, plannedSteps, progressOf, runFromLog, withTestScore } from './runRecord';
import { runCsv } from './exports';
import { parseMetricsCsv } from '../core/metrics/csv';
import { DEFAULT_CONFIG } from '../core/config/config';

const step = (n: number, loss: number) => ({ type: 'step' as const, runId: 'r', step: n, epoch: 1, loss, tokensPerSec: 100, sentencesPerSec: 10, wallTime: n, stepsPerEpoch: 4 });
const evalAt = (n: number, f1: number) => ({ type: 'eval' as const, runId: 'r', step: n, epoch: n / 4, precision: f1, recall: f1, f1, accuracy: 1, perType: {}, wallTime: n });

describe('applyRunMessage', () => {
  it('appends only the new point per step and evaluation and tracks the best F1', () => {
    let r = newRun('r', 'run-1', 'demo', 10, DEFAULT_CONFIG);
    for (const m of [step(1, 3), step(2, 2), evalAt(2, 0.5), step(3, 1), evalAt(3, 0.4)]) r = applyRunMessage(r, m);
    expect(r.steps.map((p) => p.loss)).toEqual([3, 2, 1]);
    expect(r.evals.map((e) => e.f1)).toEqual([0.5, 0.4]);
    expect(r.bestDevF1).toBe(0.5);
    expect(r.step).toBe(3);
  });

  it('drops the points a resume supersedes, so the curve has no duplicates', () => {
    let r = newRun('r', 'run-1', 'demo', 10, DEFAULT_CONFIG);
    for (const m of [step(1, 3), step(2, 2), evalAt(2, 0.5), step(3, 1), step(4, 0.9), evalAt(4, 0.7)]) r = applyRunMessage(r, m);
    r = applyRunMessage(r, { type: 'resumed', runId: 'r', fromStep: 2, reason: 'device lost' });
    expect(r.steps.map((p) => p.step)).toEqual([1, 2]);
    expect(r.evals.map((e) => e.step)).toEqual([2]);
    expect(r.bestDevF1).toBe(0.5);
    expect(r.note).toBe('device lost');
    r = applyRunMessage(r, step(3, 1.5));
    expect(r.steps.map((p) => [p.step, p.loss])).toEqual([[1, 3], [2, 2], [3, 1.5]]);
  });

  it('keeps the checkpoint and dev analysis when done, and the message on error', () => {
    const r = newRun('r', 'run-1', 'demo', 10, DEFAULT_CONFIG);
    const analysis = { tokens: [['a']], gold: [['O']], pred: [['O']] };
    const done = applyRunMessage(r, { type: 'done', runId: 'r', status: 'stopped', checkpoint: new Uint8Array([1, 2]).buffer, bestDevF1: 0.9, parameters: 7, devPredictions: [['O']] }, { devAnalysis: analysis });
    expect([done.status, [...done.checkpoint!], done.bestDevF1, done.parameters, done.devAnalysis]).toEqual(['stopped', [1, 2], 0.9, 7, analysis]);
    expect(applyRunMessage(r, { type: 'error', runId: 'r', message: 'boom' })).toMatchObject({ status: 'failed', error: 'boom' });
    expect(applyRunMessage(r, { type: 'note', runId: 'r', text: 'too big to keep' })).toMatchObject({ status: 'starting', note: 'too big to keep' });
  });
});

describe('estimateSecondsLeft', () => {
  it('multiplies the steps left by the recent mean step time', () => {
    // 2 epochs of 4 steps; steps at t = 1, 3, 5 -> 2 s a step, 5 steps left -> 10 s
    let r = newRun('r', 'run-1', 'demo', 10, { ...DEFAULT_CONFIG, epochs: 2 });
    expect(estimateSecondsLeft(r)).toBeNull();
    for (const [n, t] of [[1, 1], [2, 3], [3, 5]]) r = applyRunMessage(r, { ...step(n, 1), wallTime: t });
    expect(estimateSecondsLeft(r)).toBe(10);
    expect(estimateSecondsLeft({ ...r, config: { ...r.config, maxSteps: 4 } })).toBe(2);
  });
});

describe('test scores on a run', () => {
  it('are recorded at the best checkpoint (the first evaluation to reach the best dev F1) and reach the CSV', () => {
    let r = newRun('r', 'run-1', 'demo', 10, DEFAULT_CONFIG);
    for (const m of [step(4, 3), evalAt(4, 0.5), step(8, 2), evalAt(8, 0.7), step(12, 1), evalAt(12, 0.7)]) r = applyRunMessage(r, m);
    expect(bestEvaluation(r)?.step).toBe(8);
    const per = { LOC: { precision: 0.5, recall: 0.5, f1: 0.5, support: 2 } };
    r = withTestScore(r, { precision: 0.8, recall: 0.6, f1: 0.6857, support: 9, accuracy: 0.9, perType: per }, 40, 99);
    expect(r.test).toEqual({ step: 8, epoch: 2, wallTime: 99, precision: 0.8, recall: 0.6, f1: 0.6857, perType: per, sentences: 40 });
    const rows = parseMetricsCsv(runCsv(r)).filter((x) => x.metric.startsWith('test/'));
    expect(rows.map((x) => [x.metric, x.value, x.step])).toEqual([
      ['test/precision', 0.8, 8],
      ['test/recall', 0.6, 8],
      ['test/f1', 0.6857, 8],
      ['test/f1/LOC', 0.5, 8],
    ]);
  });
});

describe('plannedSteps and progressOf', () => {
  const at = (epochs: number, maxSteps: number, stepsPerEpoch: number, stepNo: number, status: 'training' | 'finished' | 'stopped' = 'training') => ({
    ...newRun('r', 'run-1', 'demo', 10, { ...DEFAULT_CONFIG, epochs, maxSteps }),
    stepsPerEpoch,
    step: stepNo,
    status,
  });
  it.each([
    // epochs, max steps, steps an epoch, step, status -> planned, share done
    [at(2, 0, 4, 3), 8, 3 / 8],
    [at(2, 5, 4, 5), 5, 1], // max steps cut the run short
    [at(2, 20, 4, 4), 8, 0.5], // max steps past the epochs change nothing
    [at(3, 0, 0, 0), null, null], // before the first step the epoch length is unknown
    [at(3, 6, 0, 0), 6, 0], // ... unless max steps say it
    [at(10, 0, 4, 12, 'finished'), 40, 1], // early stopping: finished is done
    [at(10, 0, 4, 12, 'stopped'), 40, 0.3],
  ])('%#: planned %s, done %s', (r, planned, done) => {
    expect(plannedSteps(r)).toBe(planned);
    expect(progressOf(r)).toBe(done);
  });
});

describe('runFromLog', () => {
  const logged = {
    run: 'out',
    steps: [1, 2, 3, 4].map((n) => ({ step: n, epoch: n <= 2 ? 1 : 2, loss: 4 - n, tokensPerSec: 50, wallTime: 1000 + n })),
    evals: [
      { step: 2, epoch: 1, precision: 0.5, recall: 0.5, f1: 0.5, accuracy: 0.9, perType: { PER: { f1: 0.6 } }, wallTime: 1002.5 },
      { step: 4, epoch: 2, precision: 0.4, recall: 0.4, f1: 0.4, accuracy: 0.9, perType: { PER: { f1: 0.3 } }, wallTime: 1004.5 },
    ],
  };

  it('is a finished run with the logged curves, the best F1, and wall time from its first row', () => {
    const r = runFromLog('id', 'run-3', 'metrics.csv', logged);
    expect(r).toMatchObject({ name: 'run-3', dataset: 'metrics.csv: out', status: 'finished', configUnknown: true, bestDevF1: 0.5, step: 4, epoch: 2, stepsPerEpoch: 2, startedAt: 1_001_000, checkpoint: null });
    expect(r.steps.map((p) => [p.step, p.loss, p.stepsPerEpoch])).toEqual([[1, 3, 2], [2, 2, 2], [3, 1, 2], [4, 0, 2]]);
    expect(r.evals[1].perType.PER.f1).toBe(0.3);
    expect(r.note).toMatch(/^Imported from metrics\.csv \(run out\): its curves only/);
  });

  it('takes a log of evaluations alone', () => {
    const r = runFromLog('id', 'run-1', 'dev.csv', { ...logged, steps: [] });
    expect(r).toMatchObject({ step: 4, epoch: 2, stepsPerEpoch: 0, bestDevF1: 0.5, startedAt: 1_002_500 });
  });
});
