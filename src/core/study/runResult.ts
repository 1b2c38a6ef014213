/** @file What a finished study run records (its result.json, the run folder's done marker) and its summary row. */
import type { RunConfig } from '../config/config';
import type { EntityScores } from '../types';

export interface StudyRunResult {
  id: string;
  variant: string;
  seed: number;
  status: 'finished' | 'stopped';
  stoppedEarly: boolean;
  steps: number;
  epochs: number;
  /** The step of the best dev evaluation, whose weights were scored on test; null without dev data. */
  bestStep: number | null;
  /** Dev scores of that evaluation; null without dev data. */
  dev: EntityScores | null;
  /** The best checkpoint's scores on the test split; null without test data. */
  test: EntityScores | null;
  /** Seconds from start to the test score, summed over the sessions a resumed run took. */
  wallSeconds: number;
  /** Training tokens over the seconds spent in training steps (evaluation excluded). */
  tokensPerSec: number;
  parameters: number;
  /** The machine's mean 1-minute load average while the run trained: context for its times on a shared machine. */
  loadAverage: number | null;
  config: RunConfig;
  finishedAt: string;
}

/** The per-run columns of summary.csv, in order; per-type test F1 columns (test_f1/TYPE) follow. */
export const SUMMARY_COLUMNS = [
  'run',
  'variant',
  'seed',
  'status',
  'epochs',
  'steps',
  'best_step',
  'dev_precision',
  'dev_recall',
  'dev_f1',
  'test_precision',
  'test_recall',
  'test_f1',
  'wall_time_s',
  'train_tokens_per_s',
  'parameters',
  'load_average',
] as const;

const value = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '' : String(x));

/** summary.csv: one row per finished run (fractions 0..1, as the metrics CSV), with per-type test F1 at the end. */
export function summaryCsv(results: readonly StudyRunResult[]): string {
  const types = [...new Set(results.flatMap((r) => Object.keys(r.test?.perType ?? {})))].sort();
  const lines = [[...SUMMARY_COLUMNS, ...types.map((t) => `test_f1/${t}`)].join(',')];
  for (const r of results) {
    const status = r.stoppedEarly ? 'stopped_early' : r.status;
    const cells = [
      r.id,
      r.variant,
      r.seed,
      status,
      r.epochs,
      r.steps,
      value(r.bestStep),
      value(r.dev?.precision),
      value(r.dev?.recall),
      value(r.dev?.f1),
      value(r.test?.precision),
      value(r.test?.recall),
      value(r.test?.f1),
      r.wallSeconds.toFixed(1),
      r.tokensPerSec.toFixed(1),
      r.parameters,
      r.loadAverage === null ? '' : r.loadAverage.toFixed(2),
      ...types.map((t) => value(r.test?.perType[t]?.f1)),
    ];
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
