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

/** Long-format rows (TensorBoard's scalar names), ordered by step, then wall time. */
export function metricRows(run: string, steps: readonly MetricStep[], evals: readonly MetricEval[]): MetricRow[] {
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
  return rows.sort((a, b) => a.step - b.step || a.wallTime - b.wallTime);
}

/** One run's points read back from a metrics CSV. */
export interface LoggedRun {
  run: string;
  steps: MetricStep[];
  evals: MetricEval[];
}

/**
 * The inverse of metricRows: the rows of a long CSV (one run or many, from the studio, `ner train` or
 * ner_studio_torch) grouped by run, a step point per step with train/loss, an evaluation per step with dev/f1.
 * Runs keep the order they first appear in; throws when no row is a loss or an F1.
 */
export function runsFromMetricRows(rows: readonly MetricRow[], file = 'CSV'): LoggedRun[] {
  const runs = new Map<string, { steps: Map<number, Partial<MetricStep>>; evals: Map<number, Partial<MetricEval> & { perType: Record<string, { f1: number }> }> }>();
  rows.forEach((r, i) => {
    if (![r.step, r.epoch, r.wallTime, r.value].every(Number.isFinite)) throw new Error(`${file}: row ${i + 2} (${r.metric}) has a value that is not a number`);
    let run = runs.get(r.run);
    if (!run) runs.set(r.run, (run = { steps: new Map(), evals: new Map() }));
    const base = { step: r.step, epoch: r.epoch, wallTime: r.wallTime };
    if (r.metric.startsWith('dev/')) {
      const e = run.evals.get(r.step) ?? { ...base, perType: {} };
      run.evals.set(r.step, e);
      const [, name, type] = /^dev\/([^/]+)(?:\/(.*))?$/s.exec(r.metric) ?? []; // dev/f1, dev/f1/TYPE
      if (type !== undefined && name === 'f1') e.perType[type] = { f1: r.value };
      else if (name === 'precision' || name === 'recall' || name === 'f1' || name === 'accuracy') e[name] = r.value;
    } else {
      const s: Partial<MetricStep> = run.steps.get(r.step) ?? { ...base };
      run.steps.set(r.step, s);
      if (r.metric === 'train/loss') s.loss = r.value;
      else if (r.metric === 'train/tokens_per_sec') s.tokensPerSec = r.value;
      else if (r.metric === 'memory/tensors') s.tensors = r.value;
      else if (r.metric === 'memory/bytes') s.bytes = r.value;
    }
  });
  const out: LoggedRun[] = [];
  for (const [run, { steps, evals }] of runs) {
    const stepPoints = [...steps.values()].filter((s) => s.loss !== undefined).map((s) => ({ tokensPerSec: 0, ...s }) as MetricStep);
    const evalPoints = [...evals.values()].filter((e) => e.f1 !== undefined).map((e) => ({ precision: NaN, recall: NaN, accuracy: NaN, ...e }) as MetricEval);
    if (stepPoints.length + evalPoints.length > 0) out.push({ run, steps: stepPoints.sort((a, b) => a.step - b.step), evals: evalPoints.sort((a, b) => a.step - b.step) });
  }
  if (out.length === 0) throw new Error(`${file}: no train/loss or dev/f1 rows; is this a metrics CSV (run,wall_time,step,epoch,metric,value)?`);
  return out;
}
