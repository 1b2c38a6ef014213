import { describe, expect, it } from 'vitest';
import { matchWordVectors, parseWordVectors } from './wordVectors';

const vec = (wv: ReturnType<typeof parseWordVectors>, word: string) => Array.from(wv.vectors.get(word) ?? []);

describe('parseWordVectors', () => {
  it('reads GloVe text', () => {
    const wv = parseWordVectors('the 0.1 -0.2 3\nParis 1 2 3e-1\n\n, 0 0 1\n', 'glove.txt');
    expect(wv.dim).toBe(3);
    expect([...wv.vectors.keys()]).toEqual(['the', 'Paris', ',']);
    expect(vec(wv, 'Paris')).toEqual([1, 2, Math.fround(0.3)]);
  });

  it('reads word2vec text with its header, CRLF line ends and tabs', () => {
    const wv = parseWordVectors('2 2\r\nanna\t0.5 0.25\r\noslo 1 -1\r\n', 'w2v.txt');
    expect(wv.dim).toBe(2);
    expect(vec(wv, 'oslo')).toEqual([1, -1]);
  });

  it('keeps a word with a space in it, and the first of a repeated word', () => {
    const wv = parseWordVectors('a 1 2\nnew york 3 4\na 5 6\n', 'v.txt');
    expect(vec(wv, 'new york')).toEqual([3, 4]);
    expect(vec(wv, 'a')).toEqual([1, 2]);
  });

  it.each([
    ['a 1 2\nb 3\n', 'v.txt:2: expected a word and 2 numbers, got 1 number'],
    ['a 1 2\nb 3 x\n', "v.txt:2: 'x' (value 2 of 'b') is not a number"],
    ['3 2\na 1 2\nb 1 NaN\n', "v.txt:3: 'NaN' (value 2 of 'b') is not a number"],
    ['lonely\n', "v.txt:1: expected a word followed by its vector, got 'lonely'"],
    ['\n\n', 'v.txt: no word vectors found; expected lines of a word followed by numbers (GloVe or word2vec text)'],
  ])('%j -> %s', (text, message) => {
    expect(() => parseWordVectors(text, 'v.txt')).toThrow(message);
  });
});

describe('matchWordVectors', () => {
  it('matches the lower-cased vocabulary case-insensitively, preferring an exactly lower-case entry', () => {
    const wv = parseWordVectors('Paris 1 1\nparis 2 2\nOSLO 3 3\nrome 4 4\n', 'v.txt');
    const words = ['<pad>', '<unk>', 'paris', 'oslo', 'bergen', 'rome'];
    const m = matchWordVectors(words, wv);
    expect(m.found).toBe(3);
    expect(m.total).toBe(4);
    expect([...m.rows.keys()]).toEqual([2, 3, 5]);
    expect(Array.from(m.rows.get(2)!)).toEqual([2, 2]);
    expect(Array.from(m.rows.get(3)!)).toEqual([3, 3]);
  });

  it('never gives PAD or UNK a vector', () => {
    const wv = parseWordVectors('<pad> 1\n<unk> 2\n', 'v.txt');
    expect(matchWordVectors(['<pad>', '<unk>'], wv)).toEqual({ rows: new Map(), found: 0, total: 0 });
  });
});
