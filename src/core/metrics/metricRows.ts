/**
 * @file The rows of a run's metrics CSV, from its step and evaluation points. One pure function, so the studio's
 * download (store/exports.ts) and `ner train`'s metrics.csv have the same shape by construction.
 */
import type { MetricRow } from './csv';
import type { Prf } from '../types';

/** What a training step reports (the worker's StepPoint and the loop's StepEvent both fit). */
export interface MetricStep {
  step: number;
  epoch: number;
  loss: number;
  tokensPerSec: number;
  wallTime: number;
  /** Live tensors and their bytes after the step, where the trainer reported them. */
  tensors?: number;
  bytes?: number;
}

/** What a dev evaluation reports. */
export interface MetricEval {
  step: number;
  epoch: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  perType: Record<string, Pick<Prf, 'f1'>>;
  wallTime: number;
}

/** A finished run's best checkpoint scored on the test split, at that checkpoint's step and epoch. */
export type MetricTest = Omit<MetricEval, 'accuracy'>;

/** Long-format rows (TensorBoard's scalar names), ordered by step, then wall time; test/* rows when `test` is given. */
export function metricRows(run: string, steps: readonly MetricStep[], evals: readonly MetricEval[], test?: MetricTest | null): MetricRow[] {
  const rows: MetricRow[] = [];
  for (const p of steps) {
    const base = { run, wallTime: p.wallTime, step: p.step, epoch: p.epoch };
    rows.push({ ...base, metric: 'train/loss', value: p.loss });
    rows.push({ ...base, metric: 'train/tokens_per_sec', value: p.tokensPerSec });
    if (p.tensors !== undefined) rows.push({ ...base, metric: 'memory/tensors', value: p.tensors });
    if (p.bytes !== undefined) rows.push({ ...base, metric: 'memory/bytes', value: p.bytes });
  }
  for (const e of evals) {
    const base = { run, wallTime: e.wallTime, step: e.step, epoch: e.epoch };
    rows.push({ ...base, metric: 'dev/precision', value: e.precision });
    rows.push({ ...base, metric: 'dev/recall', value: e.recall });
    rows.push({ ...base, metric: 'dev/f1', value: e.f1 });
    rows.push({ ...base, metric: 'dev/accuracy', value: e.accuracy });
    for (const [type, prf] of Object.entries(e.perType)) rows.push({ ...base, metric: `dev/f1/${type}`, value: prf.f1 });
  }
  if (test) {
    const base = { run, wallTime: test.wallTime, step: test.step, epoch: test.epoch };
    rows.push({ ...base, metric: 'test/precision', value: test.precision });
    rows.push({ ...base, metric: 'test/recall', value: test.recall });
    rows.push({ ...base, metric: 'test/f1', value: test.f1 });
    for (const [type, prf] of Object.entries(test.perType)) rows.push({ ...base, metric: `test/f1/${type}`, value: prf.f1 });
  }
  return rows.sort((a, b) => a.step - b.step || a.wallTime - b.wallTime);
}
