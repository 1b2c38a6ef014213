import { describe, expect, it } from 'vitest';
import { matchedVectors, unpackVectors } from './matchedVectors';
import { parseWordVectors } from './wordVectors';

describe('matchedVectors', () => {
  it('keeps the vocabulary words found (case-insensitively), flat, and unpacks to the same vectors', () => {
    const wv = parseWordVectors('Paris 1 2\nberlin 3 4\nrome 5 6\n', 'v.txt');
    const m = matchedVectors('v.txt', wv, ['<pad>', '<unk>', 'paris', 'berlin', 'oslo']);
    expect(m).toMatchObject({ file: 'v.txt', dim: 2, found: 2, total: 3, words: ['paris', 'berlin'] });
    expect([...m.data]).toEqual([1, 2, 3, 4]);
    const back = unpackVectors(m);
    expect(back.dim).toBe(2);
    expect([...back.vectors.get('berlin')!]).toEqual([3, 4]);
  });
});
