import { describe, expect, test } from 'vitest';
import { aggregateToWords, batchWindows, stitchWindows } from './windowReference';

describe('batchWindows', () => {
  test('pads ids with the pad id and masks the padding', () => {
    const windows = [
      { start: 0, end: 1, inputIds: [2, 5, 3], wordIds: [null, 0, null] },
      { start: 0, end: 2, inputIds: [2, 6, 7, 8, 3], wordIds: [null, 0, 1, 1, null] },
    ];
    const batch = batchWindows(windows, 0);
    expect([batch.size, batch.maxLen]).toEqual([2, 5]);
    expect(Array.from(batch.inputIds)).toEqual([2, 5, 3, 0, 0, 2, 6, 7, 8, 3]);
    expect(Array.from(batch.attentionMask)).toEqual([1, 1, 1, 0, 0, 1, 1, 1, 1, 1]);
  });
});

describe('aggregateToWords', () => {
  // tokens: [CLS] w0 w1 w1 w1 [SEP], two labels each
  const window = { start: 0, end: 2, wordIds: [null, 0, 1, 1, 1, null] };
  const scores = [9, 9, 1, 2, 3, -1, 5, 0, 1, 4, 9, 9];
  test.each([
    { mode: 'first' as const, expected: [1, 2, 3, -1] },
    { mode: 'average' as const, expected: [1, 2, 3, 1] },
    { mode: 'max' as const, expected: [1, 2, 5, 4] },
  ])('$mode', ({ mode, expected }) => {
    expect(Array.from(aggregateToWords(scores, 2, window, mode))).toEqual(expected);
  });

  test('words of a later window are indexed from its start', () => {
    const later = { start: 5, end: 7, wordIds: [null, 5, 6, null] };
    expect(Array.from(aggregateToWords([0, 7, 8, 0], 1, later, 'first'))).toEqual([7, 8]);
  });

  test('refuses too few scores', () => {
    expect(() => aggregateToWords([1, 2], 2, window, 'first')).toThrow(/6 tokens x 2 labels/);
  });
});

test('stitched scores take each word from its best window', () => {
  // words 0..5; window A holds 0-3, window B holds 2-5 (word 3 has two pieces in B): word 2 is best in A, word 3 in B
  const windows = [
    { start: 0, end: 4, wordIds: [null, 0, 1, 2, 3, null] },
    { start: 2, end: 6, wordIds: [null, 2, 3, 3, 4, 5, null] },
  ];
  const a = Float32Array.from([0, 1, 2, 3]); // words 0-3, one label
  const b = Float32Array.from([20, 30, 40, 50]); // words 2-5
  expect(Array.from(stitchWindows(6, 1, windows, [a, b]))).toEqual([0, 1, 2, 30, 40, 50]);
});
