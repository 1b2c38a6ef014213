/**
 * @file Curves over seeds for a study's plots: from the long metrics rows of every run, per variant and x (epoch),
 * the mean over seeds and the band from the lowest to the highest seed.
 */
import type { MetricRow } from '../metrics/csv';
import { mean } from './stats';

export interface BandPoint {
  x: number;
  mean: number;
  low: number;
  high: number;
  /** Seeds that reached this x. */
  n: number;
}

export interface BandSeries {
  name: string;
  points: BandPoint[];
}

/** One value per run and epoch: the metric's last value in that epoch ('last'), or the mean of its values ('mean'). */
function perEpoch(rows: readonly MetricRow[], metric: string, reduce: 'last' | 'mean'): Map<string, Map<number, number>> {
  const groups = new Map<string, Map<number, number[]>>();
  for (const r of rows) {
    if (r.metric !== metric || !Number.isFinite(r.value)) continue;
    const run = groups.get(r.run) ?? new Map<number, number[]>();
    groups.set(r.run, run);
    const xs = run.get(r.epoch) ?? [];
    xs.push(r.value);
    run.set(r.epoch, xs);
  }
  const out = new Map<string, Map<number, number>>();
  for (const [run, byEpoch] of groups) out.set(run, new Map([...byEpoch].map(([e, xs]) => [e, reduce === 'last' ? xs[xs.length - 1] : mean(xs)])));
  return out;
}

/**
 * Per variant, the metric by epoch over its runs' seeds. `variantOf` maps a row's run to its variant (null: not in
 * the plot); rows must be in step order (metricRows' order) for 'last' to mean the epoch's last evaluation.
 */
export function bandsByEpoch(rows: readonly MetricRow[], metric: string, variants: readonly string[], variantOf: (run: string) => string | null, reduce: 'last' | 'mean'): BandSeries[] {
  const runs = perEpoch(rows, metric, reduce);
  return variants
    .map((name) => {
      const byX = new Map<number, number[]>();
      for (const [run, values] of runs) {
        if (variantOf(run) !== name) continue;
        for (const [x, v] of values) byX.set(x, [...(byX.get(x) ?? []), v]);
      }
      const points = [...byX]
        .sort((a, b) => a[0] - b[0])
        .map(([x, vs]) => ({ x, mean: mean(vs), low: Math.min(...vs), high: Math.max(...vs), n: vs.length }));
      return { name, points };
    })
    .filter((s) => s.points.length > 0);
}
