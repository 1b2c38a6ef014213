import { describe, expect, it } from 'vitest';
import { batchSubwords, type SentencePieces } from './subwords';

const pieces = (windows: number[][], window: number[], offsets: number[], tokens: number[]): { pieces: SentencePieces } => ({
  pieces: { padId: 0, windows: windows.map((w) => Int32Array.from(w)), window: Int32Array.from(window), pieceOffsets: Int32Array.from(offsets), pieceTokens: Int32Array.from(tokens) },
});

describe('batchSubwords', () => {
  it('packs windows sentence by sentence and points each position at its pieces', () => {
    // Sentence 0: one window [CLS] a ##b c [SEP], words "ab" (2 pieces) and "c".
    // Sentence 1: two windows; its only word is read from the second.
    const batch = batchSubwords([pieces([[101, 7, 8, 9, 102]], [0, 0], [0, 2, 3], [1, 2, 3]), pieces([[101, 5, 102], [101, 6, 5, 102]], [1], [0, 1], [2])], 3)!;
    expect(batch.windows).toBe(3);
    expect(batch.length).toBe(5);
    expect(batch.pieces).toBe(2);
    expect([...batch.inputIds]).toEqual([101, 7, 8, 9, 102, 101, 5, 102, 0, 0, 101, 6, 5, 102, 0]);
    expect([...batch.attentionMask]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0]);
    // [B=2, T=3, P=2]: flat token indices into [W * S]
    expect([...batch.pieceIndex]).toEqual([1, 2, 3, 0, 0, 0, 12, 0, 0, 0, 0, 0]);
    expect([...batch.pieceMask]).toEqual([1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it('is absent unless every sentence has pieces', () => {
    expect(batchSubwords([pieces([[1, 2]], [0], [0, 1], [1]), {}], 1)).toBeUndefined();
    expect(batchSubwords([], 1)).toBeUndefined();
  });
});
