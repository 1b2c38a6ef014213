import { describe, expect, it } from 'vitest';
import { analyzeErrors } from '../../core/metrics/errorAnalysis';
import { bucketCountText, casesIn, entityTotals, tokenAccuracy, topConfusions } from './errorExamples';

const t = (s: string) => s.split(' ');
// Sentence 0: PER right, LOC missed. Sentence 1: ORG read as LOC, then a spurious PER.
const analysis = analyzeErrors([t('B-PER I-PER O B-LOC'), t('B-ORG O O')], [t('B-PER I-PER O O'), t('B-LOC O B-PER')]);

describe('casesIn', () => {
  it.each<[Parameters<typeof casesIn>[1], number[]]>([
    ['correct', [0]],
    ['missed', [0]],
    ['wrongType', [1]],
    ['spurious', [1]],
    ['wrongBoundary', []],
  ])('%s is in sentences %j', (bucket, sentences) => {
    expect(casesIn(analysis, bucket).map((c) => c.sentence)).toEqual(sentences);
  });
});

describe('entityTotals', () => {
  it('adds up to the gold (3) and predicted (3) entities', () => {
    expect(entityTotals(analysis.counts)).toEqual({ gold: 3, pred: 3 });
  });
});

describe('bucketCountText', () => {
  it.each([
    [{ gold: 3, pred: 2 }, '3 gold, 2 predicted'],
    [{ gold: 1, pred: 0 }, '1 gold'],
    [{ gold: 0, pred: 4 }, '4 predicted'],
    [{ gold: 0, pred: 0 }, 'none'],
  ])('%j', (counts, expected) => expect(bucketCountText(counts)).toBe(expected));
});

describe('confusion summaries', () => {
  const confusion = { labels: ['O', 'B-LOC', 'B-PER'], matrix: [[5, 1, 2], [3, 4, 0], [0, 0, 1]] };
  it('largest off-diagonal cells first', () => {
    expect(topConfusions(confusion, 2)).toEqual([
      { gold: 'B-LOC', pred: 'O', count: 3 },
      { gold: 'O', pred: 'B-PER', count: 2 },
    ]);
  });
  it('token accuracy is the diagonal share: 10 of 16', () => {
    expect(tokenAccuracy(confusion)).toBe(10 / 16);
    expect(tokenAccuracy({ labels: [], matrix: [] })).toBeNull();
  });
});
