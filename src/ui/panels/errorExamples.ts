/** @file Reading an error analysis for display: bucket names and totals, a bucket's cases, the worst confusions. */
import type { ConfusionMatrix, ErrorAnalysis, ErrorBucket, ErrorCase } from '../../core/metrics/errorAnalysis';

export const BUCKET_NAMES: Record<ErrorBucket, string> = {
  correct: 'Correct',
  missed: 'Missed',
  spurious: 'Spurious',
  wrongType: 'Wrong type',
  wrongBoundary: 'Wrong boundary',
  wrongTypeAndBoundary: 'Wrong type and boundary',
};

export function casesIn(analysis: Pick<ErrorAnalysis, 'cases'>, bucket: ErrorBucket): ErrorCase[] {
  return analysis.cases.filter((c) => c.bucket === bucket);
}

/** Gold and predicted entities over all buckets: every entity sits in exactly one. */
export function entityTotals(counts: ErrorAnalysis['counts']): { gold: number; pred: number } {
  const all = Object.values(counts);
  return { gold: all.reduce((n, c) => n + c.gold, 0), pred: all.reduce((n, c) => n + c.pred, 0) };
}

/** "3 gold, 2 predicted", leaving out a side with none unless both are empty. */
export function bucketCountText({ gold, pred }: { gold: number; pred: number }): string {
  const parts = [gold > 0 ? `${gold} gold` : '', pred > 0 ? `${pred} predicted` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export interface Confusion {
  gold: string;
  pred: string;
  count: number;
}

/** Off-diagonal cells, largest first (ties in label order), at most n. */
export function topConfusions({ labels, matrix }: ConfusionMatrix, n = 3): Confusion[] {
  const cells: Confusion[] = [];
  matrix.forEach((row, g) =>
    row.forEach((count, p) => {
      if (g !== p && count > 0) cells.push({ gold: labels[g], pred: labels[p], count });
    }),
  );
  return cells.sort((a, b) => b.count - a.count).slice(0, n);
}

/** Share of tokens on the diagonal; null with no tokens. */
export function tokenAccuracy({ matrix }: ConfusionMatrix): number | null {
  let all = 0;
  let right = 0;
  matrix.forEach((row, g) => {
    for (const count of row) all += count;
    right += row[g] ?? 0;
  });
  return all > 0 ? right / all : null;
}
