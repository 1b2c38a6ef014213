/** @file What a run's downloads contain: its metrics as TensorBoard-style long CSV rows. */
import { metricsToCsv, type MetricRow } from '../core/csv';
import type { RunRecord } from './runs';

export function runMetricRows(run: RunRecord): MetricRow[] {
  const rows: MetricRow[] = [];
  for (const p of run.steps) {
    const base = { run: run.name, wallTime: p.wallTime, step: p.step, epoch: p.epoch };
    rows.push({ ...base, metric: 'train/loss', value: p.loss });
    rows.push({ ...base, metric: 'train/tokens_per_sec', value: p.tokensPerSec });
  }
  for (const e of run.evals) {
    const base = { run: run.name, wallTime: e.wallTime, step: e.step, epoch: e.epoch };
    rows.push({ ...base, metric: 'dev/precision', value: e.precision });
    rows.push({ ...base, metric: 'dev/recall', value: e.recall });
    rows.push({ ...base, metric: 'dev/f1', value: e.f1 });
    rows.push({ ...base, metric: 'dev/accuracy', value: e.accuracy });
    for (const [type, prf] of Object.entries(e.perType)) rows.push({ ...base, metric: `dev/f1/${type}`, value: prf.f1 });
  }
  return rows.sort((a, b) => a.step - b.step || a.wallTime - b.wallTime);
}

export function runCsv(run: RunRecord): string {
  return metricsToCsv(runMetricRows(run));
}
