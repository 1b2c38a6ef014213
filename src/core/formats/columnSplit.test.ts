import { describe, expect, it } from 'vitest';
import { findColumns, ValueCache } from './columnSplit';

function columns(line: string): string[] {
  const bounds: number[] = [];
  const n = findColumns(line, bounds);
  return Array.from({ length: n }, (_, i) => line.slice(bounds[2 * i], bounds[2 * i + 1]));
}

describe('findColumns', () => {
  it.each<[string, string, string[]]>([
    ['spaces', 'EU NNP B-ORG', ['EU', 'NNP', 'B-ORG']],
    ['runs of blanks, leading and trailing', '  a \f NN\v B-X  ', ['a', 'NN', 'B-X']],
    ['tabs: a token may hold a space', 'New York\tB-LOC', ['New York', 'B-LOC']],
    ['tabs: blanks around columns go, trailing tabs too', ' 1 \t Go \tO\t\t ', ['1', 'Go', 'O']],
    ['tabs: an empty column inside stays', 'a\t\tO', ['a', '', 'O']],
    ['NBSP and zero-width characters are not blanks', 'a\u00A0b c\u200Bd', ['a\u00A0b', 'c\u200Bd']],
    ['one column', 'word', ['word']],
  ])('%s', (_name, line, expected) => {
    expect(columns(line)).toEqual(expected);
  });
});

describe('ValueCache', () => {
  it('hands out one string per value and cuts what it has not seen', () => {
    const cache = new ValueCache(16);
    const a = cache.slice('x B-PER', 2, 7);
    const b = cache.slice('y z B-PER', 4, 9);
    expect(a).toBe('B-PER');
    expect(b).toBe(a);
    expect(cache.slice('B-LOC', 0, 5)).toBe('B-LOC');
    expect(cache.slice('ab', 1, 1)).toBe('');
    const long = 'a-token-longer-than-the-cached-length';
    expect(cache.slice(`x ${long} y`, 2, 2 + long.length)).toBe(long);
  });
});
