import { describe, expect, test } from 'vitest';
import { loadSubwordTokenizer } from './subwordTokenizer';
import { wordPieceJson } from '../../testing/tokenizers';
import { encodeWords, IGNORE_LABEL as X, planWindows } from './wordWindows';

describe('planWindows', () => {
  test.each([
    { what: 'all fit', counts: [3, 4], budget: 10, stride: 2, windows: [[0, 2]] },
    { what: 'empty sentence', counts: [], budget: 4, stride: 1, windows: [[0, 0]] },
    { what: 'overlap of one word', counts: [1, 1, 1, 1, 1], budget: 3, stride: 1, windows: [[0, 3], [2, 5]] },
    { what: 'no overlap', counts: [1, 1, 1, 1, 1], budget: 2, stride: 0, windows: [[0, 2], [2, 4], [4, 5]] },
    { what: 'two-piece words', counts: [2, 2, 2, 2], budget: 4, stride: 2, windows: [[0, 2], [1, 3], [2, 4]] },
    { what: 'overlap never swallows the window', counts: [3, 1, 3], budget: 4, stride: 3, windows: [[0, 2], [1, 3]] },
    { what: 'a word of exactly the budget', counts: [1, 4, 1], budget: 4, stride: 1, windows: [[0, 1], [1, 2], [2, 3]] },
    { what: 'overlap shrinks to make room for the next word', counts: [1, 1, 2, 3], budget: 4, stride: 2, windows: [[0, 3], [3, 4]] },
  ])('$what', ({ counts, budget, stride, windows }) => {
    expect(planWindows(counts, budget, stride).map((w) => [w.start, w.end])).toEqual(windows);
  });

  test.each([
    { counts: [5], budget: 4, stride: 1, error: /more than the budget/ },
    { counts: [1], budget: 4, stride: 4, error: /stride/ },
    { counts: [1], budget: 0, stride: 0, error: /budget/ },
  ])('refuses counts $counts, budget $budget, stride $stride', ({ counts, budget, stride, error }) => {
    expect(() => planWindows(counts, budget, stride)).toThrow(error);
  });
});

describe('encodeWords', () => {
  const tokenizer = loadSubwordTokenizer(wordPieceJson());
  // ids: [CLS]=2 [SEP]=3 john=5 lives=6 in=7 new=8 york=9 ##s=10 un=11 ##aff=12 ##able=13
  const words = ['John', 'lives', 'in', 'New', 'Yorks', 'unaffable'];
  const labels = [1, 0, 0, 2, 3, 0]; // B-PER O O B-LOC I-LOC O

  test.each([
    {
      what: 'first subtoken',
      alignment: 'first' as const,
      labels: [X, 1, 0, 0, 2, 3, X, 0, X, X, X],
    },
    {
      what: 'all subtokens',
      alignment: 'all' as const,
      labels: [X, 1, 0, 0, 2, 3, 3, 0, 0, 0, X],
    },
  ])('one window, labels on the $what', ({ alignment, labels: expected }) => {
    const [window, ...rest] = encodeWords(tokenizer, words, labels, { maxTokens: 512, stride: 128, labelAlignment: alignment });
    expect(rest).toEqual([]);
    expect(window.inputIds).toEqual([2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 3]);
    expect(window.wordIds).toEqual([null, 0, 1, 2, 3, 4, 4, 5, 5, 5, null]);
    expect(window.labels).toEqual(expected);
    expect([window.start, window.end]).toEqual([0, 6]);
  });

  test('a long sentence becomes overlapping windows of whole words, each with its special tokens', () => {
    // 6 words, 10 pieces; 6 tokens per window leave 4 for pieces
    const windows = encodeWords(tokenizer, words, null, { maxTokens: 6, stride: 2 });
    expect(windows.map((w) => [w.start, w.end])).toEqual([[0, 4], [2, 5], [5, 6]]);
    expect(windows[1].inputIds).toEqual([2, 7, 8, 9, 10, 3]);
    expect(windows[1].wordIds).toEqual([null, 2, 3, 4, 4, null]);
    expect(windows[2].inputIds).toEqual([2, 11, 12, 13, 3]);
    expect(windows.every((w) => w.labels === undefined)).toBe(true);
  });

  test('with labelEachWordOnce, a shared word is labelled only in the window that predicts it', () => {
    const windows = encodeWords(tokenizer, words, labels, { maxTokens: 6, stride: 2, labelEachWordOnce: true });
    // windows [0, 4), [2, 5), [5, 6); word 2 ('in') is best in the first, words 3-4 in the second
    expect(windows.map((w) => w.labels)).toEqual([
      [X, 1, 0, 0, X, X],
      [X, X, 2, 3, X, X],
      [X, 0, X, X, X],
    ]);
    const twice = encodeWords(tokenizer, words, labels, { maxTokens: 6, stride: 2 });
    expect(twice[1].labels).toEqual([X, 0, 2, 3, X, X]);
  });

  test('a word longer than a window keeps its first pieces', () => {
    const [window] = encodeWords(tokenizer, ['unaffable'], [4], { maxTokens: 4, stride: 0 });
    expect(window.inputIds).toEqual([2, 11, 12, 3]);
    expect(window.labels).toEqual([X, 4, X, X]);
  });

  test('words and labels must match in number', () => {
    expect(() => encodeWords(tokenizer, ['a'], [1, 2], { maxTokens: 8, stride: 0 })).toThrow(/1 words but 2 labels/);
  });
});
