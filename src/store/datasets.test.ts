import { describe, expect, it } from 'vitest';
import { loadingFraction, loadingText } from './datasets';

describe('loadingText', () => {
  it.each<[Parameters<typeof loadingText>, string]>([
    [['big.conll', 0, 1, { read: 45e6, total: 100e6 }], 'Reading big.conll… 45% (45 MB of 100 MB)'],
    [['small.txt', 0, 2, { read: 12_300, total: 40_000 }], 'Reading small.txt… 30% (12 kB of 40 kB)'],
    [['small.txt', 1, 2, { read: 40_000, total: 40_000 }], 'Read small.txt (1/2); reading the next…'],
    [['big.conll', 1, 1, { read: 100e6, total: 100e6 }], 'Read big.conll (1/1); preparing…'],
    [['old.txt', 1, 1, undefined], 'Read old.txt (1/1); preparing…'], // a worker that does not count bytes
  ])('%j -> %s', (args, expected) => {
    expect(loadingText(...args)).toBe(expected);
  });
});

describe('loadingFraction', () => {
  it.each<[Parameters<typeof loadingFraction>, number | null]>([
    [['big.conll', 0, 1, { read: 45e6, total: 100e6 }], 0.45],
    [['big.conll', 1, 1, { read: 100e6, total: 100e6 }], null], // read: preparing has no measure
    [['old.txt', 0, 1, undefined], null],
    [['empty.txt', 0, 1, { read: 0, total: 0 }], null],
  ])('%j -> %s', (args, expected) => {
    expect(loadingFraction(...args)).toBe(expected);
  });
});
