/**
 * @file What the studio and `ner stats` show about data: per split the sizes, entities per type, sentence- and
 * entity-length distributions and tag scheme; across splits the out-of-vocabulary rate of dev and test against
 * train, and sentences that leak from one split into another.
 */
import { detectScheme, getSpans, type TagScheme } from '../tags/tags';
import type { Dataset, Sentence, SplitName } from '../types';

export interface Distribution {
  count: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  /** histogram[n] is how many items have length n; index 0 is there so lengths index directly. */
  histogram: number[];
}

export interface SplitStats {
  sentences: number;
  tokens: number;
  /** Entities (spans, the conlleval reading) per type, types sorted. */
  entities: Record<string, number>;
  entityTotal: number;
  /** Tokens per sentence. */
  sentenceLength: Distribution;
  /** Tokens per entity. */
  entityLength: Distribution;
  scheme: TagScheme;
}

export interface SplitOverlap {
  splits: [SplitName, SplitName];
  /** Distinct token sequences that occur in both splits. */
  sentences: number;
  /** A few of them, tokens joined by spaces, for display. */
  examples: string[];
}

export interface DatasetStats {
  splits: Record<SplitName, SplitStats>;
  /** Share of dev / test token occurrences whose exact form never occurs in train; null for an empty split. */
  oov: { dev: number | null; test: number | null };
  overlaps: SplitOverlap[];
}

/** Summary of a list of lengths, through a histogram so a million-token file needs no sort. */
export function distribution(lengths: Iterable<number>): Distribution {
  const histogram: number[] = [0];
  let count = 0;
  let sum = 0;
  for (const n of lengths) {
    while (histogram.length <= n) histogram.push(0);
    histogram[n]++;
    count++;
    sum += n;
  }
  if (count === 0) return { count, min: 0, max: 0, mean: 0, median: 0, histogram };
  const min = histogram.findIndex((c) => c > 0);
  const max = histogram.length - 1;
  // k-th smallest (0-based) by walking the cumulative counts.
  const kth = (k: number) => {
    let seen = 0;
    for (let n = min; n <= max; n++) if ((seen += histogram[n]) > k) return n;
    return max;
  };
  const median = count % 2 === 1 ? kth((count - 1) / 2) : (kth(count / 2 - 1) + kth(count / 2)) / 2;
  return { count, min, max, mean: sum / count, median, histogram };
}

export function splitStats(sentences: readonly Sentence[]): SplitStats {
  const counts = new Map<string, number>();
  const entityLengths: number[] = [];
  let tokens = 0;
  for (const s of sentences) {
    tokens += s.tokens.length;
    for (const span of getSpans(s.tags)) {
      counts.set(span.type, (counts.get(span.type) ?? 0) + 1);
      entityLengths.push(span.end - span.start);
    }
  }
  const entities: Record<string, number> = {};
  for (const type of [...counts.keys()].sort()) entities[type] = counts.get(type)!;
  return {
    sentences: sentences.length,
    tokens,
    entities,
    entityTotal: entityLengths.length,
    sentenceLength: distribution(sentences.map((s) => s.tokens.length)),
    entityLength: distribution(entityLengths),
    scheme: detectScheme(sentences.map((s) => s.tags)),
  };
}

/** Share of token occurrences in sentences whose form is not in vocabulary; null when there are no tokens. */
export function oovRate(vocabulary: ReadonlySet<string>, sentences: readonly Sentence[]): number | null {
  let total = 0;
  let unknown = 0;
  for (const s of sentences) {
    for (const t of s.tokens) {
      total++;
      if (!vocabulary.has(t)) unknown++;
    }
  }
  return total > 0 ? unknown / total : null;
}

// U+0001 never occurs in text, so joined token lists compare as the sequences themselves.
const sentenceKey = (s: Sentence) => s.tokens.join('\u0001');
const MAX_EXAMPLES = 5;

/** Token sequences found in more than one split (tags ignored: the same sentence tagged twice still leaks). */
export function splitOverlaps(splits: Pick<Dataset, SplitName>): SplitOverlap[] {
  const names: SplitName[] = ['train', 'dev', 'test'];
  const keys = Object.fromEntries(names.map((n) => [n, new Set(splits[n].map(sentenceKey))])) as Record<SplitName, Set<string>>;
  const overlaps: SplitOverlap[] = [];
  for (let a = 0; a < names.length; a++) {
    for (let b = a + 1; b < names.length; b++) {
      const [small, large] = keys[names[a]].size <= keys[names[b]].size ? [keys[names[a]], keys[names[b]]] : [keys[names[b]], keys[names[a]]];
      const shared = [...small].filter((k) => large.has(k));
      overlaps.push({
        splits: [names[a], names[b]],
        sentences: shared.length,
        examples: shared.slice(0, MAX_EXAMPLES).map((k) => k.split('\u0001').join(' ')),
      });
    }
  }
  return overlaps;
}

export function datasetStats(dataset: Pick<Dataset, SplitName>): DatasetStats {
  const vocabulary = new Set<string>();
  for (const s of dataset.train) for (const t of s.tokens) vocabulary.add(t);
  return {
    splits: { train: splitStats(dataset.train), dev: splitStats(dataset.dev), test: splitStats(dataset.test) },
    oov: { dev: oovRate(vocabulary, dataset.dev), test: oovRate(vocabulary, dataset.test) },
    overlaps: splitOverlaps(dataset),
  };
}
