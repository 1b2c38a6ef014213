/** @file What a run's downloads contain: its metrics as TensorBoard-style long CSV rows (the same as `ner train`'s), test scores included once scored. */
import { metricsToCsv, type MetricRow } from '../core/metrics/csv';
import { metricRows } from '../core/metrics/metricRows';
import type { RunRecord } from './runs';

export function runMetricRows(run: RunRecord): MetricRow[] {
  return metricRows(run.name, run.steps, run.evals, run.test ?? null);
}

export function runCsv(run: RunRecord): string {
  return metricsToCsv(runMetricRows(run));
}

/** Every run's metrics in one long CSV; the run column tells them apart. */
export function allRunsCsv(runs: RunRecord[]): string {
  return metricsToCsv(runs.flatMap(runMetricRows));
}
