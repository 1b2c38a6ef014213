/**
 * @file Summary statistics of a study's seeds: mean, sample standard deviation, and the 95% t-interval of a mean
 * difference over paired seeds (the same seed trained under two settings), which is what a study's table reports.
 */

export const mean = (xs: readonly number[]): number => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Sample standard deviation (n - 1 in the denominator); NaN for fewer than two values. */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Student's t 0.975 quantiles for 1..30 degrees of freedom (two-sided 95%), from standard tables. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08,
  2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The t quantile with `df` degrees of freedom that leaves 2.5% above it; beyond 30, tables' 40/60/120 rows, then the normal's 1.96. */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`degrees of freedom must be a whole number >= 1, got ${df}`);
  if (df <= 30) return T975[df - 1];
  if (df <= 40) return 2.021;
  if (df <= 60) return 2.0;
  if (df <= 120) return 1.98;
  return 1.96;
}

export interface MeanInterval {
  /** Pairs the interval is over. */
  n: number;
  mean: number;
  /** 95% interval; NaN bounds with fewer than two pairs. */
  low: number;
  high: number;
}

/** Mean of a - b over paired values and its 95% t-interval: mean ± t(n-1) · sd / sqrt(n). */
export function pairedInterval(a: readonly number[], b: readonly number[]): MeanInterval {
  if (a.length !== b.length) throw new Error(`paired values need equal lengths, got ${a.length} and ${b.length}`);
  const d = a.map((x, i) => x - b[i]);
  const m = mean(d);
  if (d.length < 2) return { n: d.length, mean: m, low: NaN, high: NaN };
  const half = (tQuantile975(d.length - 1) * sampleSd(d)) / Math.sqrt(d.length);
  return { n: d.length, mean: m, low: m - half, high: m + half };
}
