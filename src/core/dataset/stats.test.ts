import { describe, expect, it } from 'vitest';
import { datasetStats, distribution } from './stats';
import type { Sentence } from '../types';

describe('distribution', () => {
  it.each<[number[], { count: number; min: number; max: number; mean: number; median: number; histogram: number[] }]>([
    [[], { count: 0, min: 0, max: 0, mean: 0, median: 0, histogram: [0] }],
    [[3], { count: 1, min: 3, max: 3, mean: 3, median: 3, histogram: [0, 0, 0, 1] }],
    [[10, 1, 3, 2], { count: 4, min: 1, max: 10, mean: 4, median: 2.5, histogram: [0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1] }],
    [[2, 2, 5], { count: 3, min: 2, max: 5, mean: 3, median: 2, histogram: [0, 0, 2, 0, 0, 1] }],
  ])('%j', (lengths, expected) => {
    expect(distribution(lengths)).toEqual(expected);
  });
});

const s = (tokens: string, tags: string): Sentence => ({ tokens: tokens.split(' '), tags: tags.split(' ') });

describe('datasetStats', () => {
  const train = [s('EU rejects German call', 'B-ORG O B-MISC O'), s('Peter Blackburn', 'B-PER I-PER')];
  const dev = [s('EU rejects', 'B-ORG O'), s('Peter Smith said', 'B-PER I-PER O')];
  const test = [s('Peter Blackburn', 'B-PER I-PER')];
  const stats = datasetStats({ train, dev, test });

  it('counts sentences, tokens, entities per type and lengths per split', () => {
    expect(stats.splits.train).toEqual({
      sentences: 2,
      tokens: 6,
      entities: { MISC: 1, ORG: 1, PER: 1 },
      entityTotal: 3,
      sentenceLength: { count: 2, min: 2, max: 4, mean: 3, median: 3, histogram: [0, 0, 1, 0, 1] },
      entityLength: { count: 3, min: 1, max: 2, mean: 4 / 3, median: 1, histogram: [0, 2, 1] },
      scheme: 'IOB2',
    });
    expect(stats.splits.dev).toMatchObject({ sentences: 2, tokens: 5, entities: { ORG: 1, PER: 1 } });
  });

  it('OOV: dev has Smith and said unknown of 5 tokens; test has none', () => {
    expect(stats.oov).toEqual({ dev: 2 / 5, test: 0 });
  });

  it('finds a sentence in both train and test, and none elsewhere (tags ignored, whole sentences only)', () => {
    expect(stats.overlaps).toEqual([
      { splits: ['train', 'dev'], sentences: 0, examples: [] },
      { splits: ['train', 'test'], sentences: 1, examples: ['Peter Blackburn'] },
      { splits: ['dev', 'test'], sentences: 0, examples: [] },
    ]);
  });

  it('an empty split has zero counts and a null OOV rate', () => {
    const empty = datasetStats({ train, dev: [], test: [] });
    expect(empty.oov).toEqual({ dev: null, test: null });
    expect(empty.splits.test).toMatchObject({ sentences: 0, tokens: 0, entities: {}, entityTotal: 0 });
  });

  it('reads IOB1 and IOBES spans the conlleval way', () => {
    const iob1 = datasetStats({ train: [s('a b c', 'I-X I-X B-X')], dev: [s('d e', 'S-Y O')], test: [] });
    expect(iob1.splits.train).toMatchObject({ entities: { X: 2 }, scheme: 'IOB1' });
    expect(iob1.splits.dev).toMatchObject({ entities: { Y: 1 }, scheme: 'IOBES' });
  });
});
