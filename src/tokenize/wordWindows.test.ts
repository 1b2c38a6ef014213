import { describe, expect, test } from 'vitest';
import { loadSubwordTokenizer } from './subwordTokenizer';
import { wordPieceJson } from '../../testing/tokenizers';
import { bestWindowPerWord, encodeWords, planWindows } from './wordWindows';

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

  test('one window: special tokens around every piece, each piece with its word', () => {
    const [window, ...rest] = encodeWords(tokenizer, words, { maxTokens: 512, stride: 128 });
    expect(rest).toEqual([]);
    expect(window.inputIds).toEqual([2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 3]);
    expect(window.wordIds).toEqual([null, 0, 1, 2, 3, 4, 4, 5, 5, 5, null]);
    expect([window.start, window.end]).toEqual([0, 6]);
  });

  test('a long sentence becomes overlapping windows of whole words, each with its special tokens', () => {
    // 6 words, 10 pieces; 6 tokens per window leave 4 for pieces
    const windows = encodeWords(tokenizer, words, { maxTokens: 6, stride: 2 });
    expect(windows.map((w) => [w.start, w.end])).toEqual([[0, 4], [2, 5], [5, 6]]);
    expect(windows[1].inputIds).toEqual([2, 7, 8, 9, 10, 3]);
    expect(windows[1].wordIds).toEqual([null, 2, 3, 4, 4, null]);
    expect(windows[2].inputIds).toEqual([2, 11, 12, 13, 3]);
    // word 2 ('in') has most context in the first window, words 3-4 in the second
    expect(Array.from(bestWindowPerWord(words.length, windows))).toEqual([0, 0, 0, 1, 1, 2]);
  });

  test('a word longer than a window keeps its first pieces', () => {
    const [window] = encodeWords(tokenizer, ['unaffable'], { maxTokens: 4, stride: 0 });
    expect(window.inputIds).toEqual([2, 11, 12, 3]);
    expect(window.wordIds).toEqual([null, 0, 0, null]);
  });
});

describe('bestWindowPerWord', () => {
  // words 0..5; window A holds 0-3, window B holds 2-5 (one piece each, word 3 has two in B)
  const windows = [
    { start: 0, end: 4, wordIds: [null, 0, 1, 2, 3, null] },
    { start: 2, end: 6, wordIds: [null, 2, 3, 3, 4, 5, null] },
  ];
  test('each word comes from the window where it has most context on its shorter side', () => {
    // word 2: A context min(2, 1)=1, B min(0, 4)=0 -> A; word 3: A min(3,0)=0, B min(1,2)=1 -> B
    expect(Array.from(bestWindowPerWord(6, windows))).toEqual([0, 0, 0, 1, 1, 1]);
  });

  test('ties go to the earlier window', () => {
    const tied = [
      { start: 0, end: 2, wordIds: [0, 1] },
      { start: 1, end: 3, wordIds: [1, 2] },
    ];
    expect(Array.from(bestWindowPerWord(3, tied))).toEqual([0, 0, 1]);
  });

  test('a word in no window is an error', () => {
    expect(() => bestWindowPerWord(7, windows)).toThrow(/word 6/);
  });
});
