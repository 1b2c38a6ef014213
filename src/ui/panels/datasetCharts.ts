/** @file Rows for the dataset view's bar charts: entities per type per split, and length histograms in bins. */
import type { DatasetStats, Distribution } from '../../core/dataset/stats';
import type { Sentence, SplitName } from '../../core/types';
import type { SplitTokens } from './sentenceSearch';

export const SPLITS: readonly SplitName[] = ['train', 'dev', 'test'];

export type SplitCounts = Record<SplitName, number>;

/** The prepared dataset keeps tokens and tags apart; core/stats reads sentences. */
export function toSentences(split: SplitTokens): Sentence[] {
  return split.tokens.map((tokens, i) => ({ tokens: [...tokens], tags: [...split.tags[i]] }));
}

/** One row per entity type seen in any split, types sorted. */
export function entityTypeRows(stats: Pick<DatasetStats, 'splits'>): ({ type: string } & SplitCounts)[] {
  const types = [...new Set(SPLITS.flatMap((s) => Object.keys(stats.splits[s].entities)))].sort();
  return types.map((type) => ({ type, train: stats.splits.train.entities[type] ?? 0, dev: stats.splits.dev.entities[type] ?? 0, test: stats.splits.test.entities[type] ?? 0 }));
}

export interface LengthBin extends SplitCounts {
  /** "7" for a one-length bin, "5–9" for a wider one. */
  label: string;
  from: number;
  /** Inclusive. */
  to: number;
}

/**
 * Histograms of the three splits on shared bins from the shortest to the longest length seen, at most maxBins of
 * them, each the same whole number of lengths wide (the last may run past the longest length).
 */
export function lengthBins(dists: Record<SplitName, Distribution>, maxBins = 20): LengthBin[] {
  const seen = SPLITS.map((s) => dists[s]).filter((d) => d.count > 0);
  if (seen.length === 0) return [];
  const lo = Math.min(...seen.map((d) => d.min));
  const hi = Math.max(...seen.map((d) => d.max));
  const width = Math.max(1, Math.ceil((hi - lo + 1) / maxBins));
  const sum = (h: number[], from: number, to: number) => {
    let n = 0;
    for (let k = from; k <= to && k < h.length; k++) n += h[k];
    return n;
  };
  const bins: LengthBin[] = [];
  for (let from = lo; from <= hi; from += width) {
    const to = from + width - 1;
    bins.push({
      label: width === 1 ? String(from) : `${from}–${to}`,
      from,
      to,
      train: sum(dists.train.histogram, from, to),
      dev: sum(dists.dev.histogram, from, to),
      test: sum(dists.test.histogram, from, to),
    });
  }
  return bins;
}
