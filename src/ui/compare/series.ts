/**
 * @file Turns runs' metric points into chart series: the x axis chosen (step, epoch, wall time),
 * exponential-moving-average smoothing as TensorBoard does it, and rows merged for recharts.
 */
import type { RunRecord } from '../../store/runs';

export const X_AXES = ['step', 'epoch', 'wall time'] as const;
export type XAxis = (typeof X_AXES)[number];

export const COMPARE_METRICS = ['train loss', 'dev F1', 'learning rate'] as const;
export type CompareMetric = (typeof COMPARE_METRICS)[number] | `dev F1 ${string}`;

export interface Point {
  x: number;
  y: number;
}

/**
 * TensorBoard's smoothing: s_t = w * s_{t-1} + (1 - w) * y_t, debiased by 1 - w^t so the first
 * points are not dragged towards zero. w = 0 leaves the series as it is.
 */
export function emaSmooth(ys: number[], weight: number): number[] {
  if (weight <= 0) return ys.slice();
  let last = 0;
  return ys.map((y, i) => {
    last = last * weight + (1 - weight) * y;
    return last / (1 - weight ** (i + 1));
  });
}

interface Source {
  step: number;
  epoch: number;
  wallTime: number;
  stepsPerEpoch?: number;
}

function xOf(p: Source, axis: XAxis, start: number, stepsPerEpoch: number): number {
  if (axis === 'step') return p.step;
  if (axis === 'wall time') return p.wallTime - start;
  // Fractional epochs for steps, so loss points spread across their epoch.
  return stepsPerEpoch > 0 ? p.step / stepsPerEpoch : p.epoch;
}

/** The points of one metric of one run, on the chosen axis, smoothed. */
export function runSeries(run: RunRecord, metric: CompareMetric, axis: XAxis, smoothing: number): Point[] {
  const start = run.startedAt / 1000;
  const spe = run.stepsPerEpoch;
  let raw: { src: Source; y: number }[];
  if (metric === 'train loss') raw = run.steps.map((p) => ({ src: p, y: p.loss }));
  else if (metric === 'learning rate') raw = run.steps.flatMap((p) => (typeof p.lr === 'number' ? [{ src: p, y: p.lr }] : []));
  else if (metric === 'dev F1') raw = run.evals.map((e) => ({ src: e, y: e.f1 }));
  else {
    const type = metric.slice('dev F1 '.length);
    raw = run.evals.flatMap((e) => (e.perType[type] ? [{ src: e, y: e.perType[type].f1 }] : []));
  }
  const ys = emaSmooth(raw.map((r) => r.y), smoothing);
  return raw.map((r, i) => ({ x: xOf(r.src, axis, start, spe), y: ys[i] }));
}

/** recharts wants one array of rows keyed by x; each run's y goes under its id. */
export function mergeSeries(series: { id: string; points: Point[] }[]): Record<string, number>[] {
  const rows = new Map<number, Record<string, number>>();
  for (const { id, points } of series) {
    for (const p of points) {
      const row = rows.get(p.x) ?? { x: p.x };
      row[id] = p.y;
      rows.set(p.x, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

/** Entity types seen in any run's evaluations, for per-type F1 choices. */
export function entityTypes(runs: RunRecord[]): string[] {
  const types = new Set<string>();
  for (const r of runs) for (const e of r.evals) for (const t of Object.keys(e.perType)) types.add(t);
  return [...types].sort();
}
