import { describe, expect, test } from 'vitest';
import { batchWindows } from './windowBatch';
import { IGNORE_LABEL as X } from '../src/tokenize/wordWindows';

describe('batchWindows', () => {
  test('pads ids with the pad id, labels with IGNORE_LABEL, word ids with -1', () => {
    const windows = [
      { start: 0, end: 1, inputIds: [2, 5, 3], wordIds: [null, 0, null], labels: [X, 1, X] },
      { start: 0, end: 2, inputIds: [2, 6, 7, 8, 3], wordIds: [null, 0, 1, 1, null], labels: [X, 0, 2, X, X] },
    ];
    const batch = batchWindows(windows, 0);
    expect([batch.size, batch.maxLen]).toEqual([2, 5]);
    expect(Array.from(batch.inputIds)).toEqual([2, 5, 3, 0, 0, 2, 6, 7, 8, 3]);
    expect(Array.from(batch.attentionMask)).toEqual([1, 1, 1, 0, 0, 1, 1, 1, 1, 1]);
    expect(Array.from(batch.labels!)).toEqual([X, 1, X, X, X, X, 0, 2, X, X]);
    expect(Array.from(batch.wordIds)).toEqual([-1, 0, -1, -1, -1, -1, 0, 1, 1, -1]);
    expect(batchWindows([{ start: 0, end: 0, inputIds: [2, 3], wordIds: [null, null] }], 0).labels).toBeNull();
  });
});
