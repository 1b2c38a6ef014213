/**
 * @file A study's markdown table: per variant, mean ± sample sd over seeds of dev and test entity F1, per-type test
 * F1, the difference from the baseline (the study's, or the run's own) with its 95% t-interval over paired seeds,
 * epochs, wall time and tokens/s.
 */
import type { StudyRunResult } from './runResult';
import { mean, pairedInterval, sampleSd } from './stats';

export interface TableOptions {
  title: string;
  description: string;
  /** Variants in the order to list them (the study file's). */
  variants: readonly string[];
  baseline: string | null;
  /** Variants compared with another run than `baseline`: their Δ cells name it. */
  baselines?: Readonly<Record<string, string>>;
  /** Runs the study has in all, finished or not. */
  planned: number;
  /** Lines saying where the data came from. */
  dataLines: string[];
}

const pct = (x: number) => (100 * x).toFixed(2);
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(2)}`;

/** "85.12 ± 0.34" (percent), or just the mean for one seed; "–" for none. */
export function meanSd(xs: readonly number[]): string {
  if (xs.length === 0) return '–';
  const sd = sampleSd(xs);
  return Number.isNaN(sd) ? pct(mean(xs)) : `${pct(mean(xs))} ± ${pct(sd)}`;
}

/** "+0.52 [−0.30, +1.34]" over the seeds both variants finished; "–" when they share none. */
export function difference(runs: readonly StudyRunResult[], base: readonly StudyRunResult[], pick: (r: StudyRunResult) => number | undefined): string {
  const pairs = runs.flatMap((r) => {
    const b = base.find((x) => x.seed === r.seed);
    const [x, y] = [pick(r), b && pick(b)];
    return x === undefined || y === undefined ? [] : [[x, y] as const];
  });
  if (pairs.length === 0) return '–';
  const d = pairedInterval(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  );
  return Number.isNaN(d.low) ? `${signed(d.mean)} (1 seed)` : `${signed(d.mean)} [${signed(d.low)}, ${signed(d.high)}]`;
}

const seconds = (s: number) => (s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(0)} s`);

export function studyTable(results: readonly StudyRunResult[], o: TableOptions): string {
  const types = [...new Set(results.flatMap((r) => Object.keys(r.test?.perType ?? {})))].sort();
  const byVariant = (v: string) => results.filter((r) => r.variant === v);
  const own = o.baselines ?? {};
  const compared = o.baseline !== null || Object.keys(own).length > 0;
  /** The Δ dev and Δ test cells: against the run's own baseline, which the cell names, else the study's. */
  const deltas = (v: string): string[] => {
    if (v === o.baseline) return ['(baseline)', '(baseline)'];
    const b = own[v] ?? o.baseline;
    if (b === null) return ['–', '–'];
    return [devF1, testF1].map((pick) => {
      const cell = difference(byVariant(v), byVariant(b), pick);
      return own[v] && cell !== '–' ? `${cell} vs ${b}` : cell;
    });
  };
  const devF1 = (r: StudyRunResult) => r.dev?.f1;
  const testF1 = (r: StudyRunResult) => r.test?.f1;
  const values = (runs: StudyRunResult[], pick: (r: StudyRunResult) => number | undefined) => runs.map(pick).filter((x): x is number => x !== undefined);
  const header = [
    'run',
    'seeds',
    'dev F1',
    'test F1',
    ...(compared ? [o.baseline ? `Δ dev F1 vs ${o.baseline}` : 'Δ dev F1', o.baseline ? `Δ test F1 vs ${o.baseline}` : 'Δ test F1'] : []),
    ...types.map((t) => `test ${t}`),
    'epochs',
    'wall time',
    'tokens/s',
  ];
  const rows = o.variants
    .map((v) => [v, byVariant(v)] as const)
    .filter(([, runs]) => runs.length > 0)
    .map(([v, runs]) => [
      v,
      runs.map((r) => r.seed).join(', '),
      meanSd(values(runs, devF1)),
      meanSd(values(runs, testF1)),
      ...(compared ? deltas(v) : []),
      ...types.map((t) => meanSd(values(runs, (r) => r.test?.perType[t]?.f1))),
      mean(runs.map((r) => r.epochs)).toFixed(1),
      seconds(mean(runs.map((r) => r.wallSeconds))),
      mean(runs.map((r) => r.tokensPerSec)).toFixed(0),
    ]);
  const differenceFrom = o.baseline
    ? `from ${o.baseline}${Object.keys(own).length > 0 ? ' (from the run named after "vs" where a cell names one)' : ''}`
    : 'from the run named after "vs" in the cell';
  const align = header.map((_, i) => (i < 2 ? '---' : '--:'));
  const table = [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  const loads = results.map((r) => r.loadAverage).filter((x): x is number => x !== null);
  return [
    `# Study: ${o.title}`,
    '',
    o.description,
    '',
    ...o.dataLines.map((l) => `- ${l}`),
    `- ${results.length} of ${o.planned} runs finished.`,
    '',
    table,
    '',
    'Entity-level micro F1 in percent (seqeval default mode), dev at the best dev evaluation and test for that ' +
      'evaluation\'s checkpoint: mean ± sample standard deviation over seeds (the mean alone for one seed). ' +
      (compared
        ? `Δ: mean difference ${differenceFrom} over the seeds both finished, with its 95% t-interval over those ` +
          'paired seeds (mean ± t(n−1) · sd / √n; with 3 seeds t = 4.30): an interval that excludes 0 is a difference the seeds agree on. '
        : '') +
      'Per-type columns: test F1 per entity type. Wall time: start to test score, evaluations included. Tokens/s: ' +
      'training tokens over the time spent in training steps, on one wasm thread' +
      (loads.length > 0 ? `, on a shared machine whose load average during the runs was ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (2 cores), so read times as upper bounds.` : '.'),
    '',
  ].join('\n');
}
