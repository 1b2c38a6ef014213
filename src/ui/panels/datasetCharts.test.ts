import { describe, expect, it } from 'vitest';
import { distribution } from '../../core/dataset/stats';
import { entityTypeRows, lengthBins, toSentences, type LengthBin } from './datasetCharts';

describe('toSentences', () => {
  it('pairs tokens with tags', () => {
    expect(toSentences({ tokens: [['a', 'b'], ['c']], tags: [['B-X', 'O'], ['O']] })).toEqual([
      { tokens: ['a', 'b'], tags: ['B-X', 'O'] },
      { tokens: ['c'], tags: ['O'] },
    ]);
  });
});

describe('entityTypeRows', () => {
  it('lists every type of any split, missing counts as 0', () => {
    const splits = { train: { entities: { PER: 3, LOC: 1 } }, dev: { entities: { ORG: 2 } }, test: { entities: {} } };
    expect(entityTypeRows({ splits } as never)).toEqual([
      { type: 'LOC', train: 1, dev: 0, test: 0 },
      { type: 'ORG', train: 0, dev: 2, test: 0 },
      { type: 'PER', train: 3, dev: 0, test: 0 },
    ]);
  });
});

describe('lengthBins', () => {
  // train lengths 2, 2, 5; dev 3; test none.
  const dists = { train: distribution([2, 2, 5]), dev: distribution([3]), test: distribution([]) };
  const compact = (bins: LengthBin[]) => bins.map((b) => [b.label, b.train, b.dev, b.test]);

  it.each<[number, (string | number)[][]]>([
    // 2..5 is 4 lengths: one bin each.
    [20, [['2', 2, 0, 0], ['3', 0, 1, 0], ['4', 0, 0, 0], ['5', 1, 0, 0]]],
    // ceil(4 / 2) = 2 lengths per bin.
    [2, [['2–3', 2, 1, 0], ['4–5', 1, 0, 0]]],
    // ceil(4 / 3) = 2 as well.
    [3, [['2–3', 2, 1, 0], ['4–5', 1, 0, 0]]],
    // ceil(4 / 1) = 4: one bin.
    [1, [['2–5', 3, 1, 0]]],
  ])('at most %i bins', (maxBins, expected) => {
    expect(compact(lengthBins(dists, maxBins))).toEqual(expected);
  });

  it('is empty when no split has lengths', () => {
    const none = distribution([]);
    expect(lengthBins({ train: none, dev: none, test: none })).toEqual([]);
  });
});
