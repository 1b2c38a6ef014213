import { describe, expect, it } from 'vitest';
import { expandToPieces, pieceLabelsFor, reversedOrder, wordPieces } from './sentencePieces';
import { batchSubwords } from '../core/dataset/subwords';
import { loadSubwordTokenizer } from './subwordTokenizer';
import { wordPieceJson } from '../../testing/tokenizers';

describe('pieceLabelsFor', () => {
  const names = ['O', 'B-PER', 'I-PER', 'E-PER', 'S-PER', 'B-LOC', 'U-ORG', 'B-ORG', 'I-ORG', 'L-ORG'];
  const labels = pieceLabelsFor(names);
  const show = (name: string, n: number) => labels(names.indexOf(name), n).map((id) => names[id]);
  it.each([
    ['O', 3, ['O', 'O', 'O']],
    ['B-PER', 3, ['B-PER', 'I-PER', 'I-PER']],
    ['I-PER', 2, ['I-PER', 'I-PER']],
    ['E-PER', 3, ['I-PER', 'I-PER', 'E-PER']],
    ['S-PER', 3, ['B-PER', 'I-PER', 'E-PER']],
    ['S-PER', 1, ['S-PER']],
    ['U-ORG', 2, ['B-ORG', 'L-ORG']],
    ['B-LOC', 2, ['B-LOC', 'B-LOC']], // no I-LOC in the label set: the word's own label
  ])('%s over %i pieces', (name, n, expected) => {
    expect(show(name, n)).toEqual(expected);
  });
});

describe('wordPieces and expandToPieces', () => {
  const tokenizer = loadSubwordTokenizer(wordPieceJson());
  // ids: [CLS]=2 [SEP]=3 john=5 lives=6 in=7 new=8 york=9 ##s=10
  const words = ['John', 'lives', 'in', 'New', 'Yorks'];

  it('one window: each word points at its pieces', () => {
    const p = wordPieces(tokenizer, words, { maxTokens: 64, stride: 8 });
    expect(p.windows.map((w) => [...w])).toEqual([[2, 5, 6, 7, 8, 9, 10, 3]]);
    expect([...p.window]).toEqual([0, 0, 0, 0, 0]);
    expect([...p.pieceOffsets]).toEqual([0, 1, 2, 3, 4, 6]);
    expect([...p.pieceTokens]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('windows: every word is read from exactly one of them', () => {
    const p = wordPieces(tokenizer, words, { maxTokens: 5, stride: 1 });
    expect(p.windows.length).toBeGreaterThan(1);
    for (let w = 0; w < words.length; w++) {
      const window = p.windows[p.window[w]];
      const first = window[p.pieceTokens[p.pieceOffsets[w]]];
      expect(first).toBe([5, 6, 7, 8, 9][w]);
    }
  });

  it("'all' alignment: one position per piece, labels continuing the entity", () => {
    const names = ['O', 'B-LOC', 'I-LOC', 'B-PER'];
    const sentence = { words: Int32Array.from([4, 5, 6, 7, 8]), chars: words.map((w) => Int32Array.from([w.length])), labels: Int32Array.from([3, 0, 0, 1, 2]) };
    const expanded = expandToPieces({ ...sentence, pieces: wordPieces(tokenizer, words, { maxTokens: 64, stride: 8 }) }, pieceLabelsFor(names));
    expect([...expanded.labels].map((l) => names[l])).toEqual(['B-PER', 'O', 'O', 'B-LOC', 'I-LOC', 'I-LOC']);
    expect([...expanded.words]).toEqual([4, 5, 6, 7, 8, 8]);
    expect([...expanded.pieces!.pieceOffsets]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...expanded.pieces!.pieceTokens]).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('reversedOrder: a window read backwards word by word', () => {
  it.each([
    { what: 'specials stay, words swap, pieces keep their order', wordIds: [null, 0, 1, 1, 2, null], order: [0, 4, 2, 3, 1, 5] },
    { what: 'no special tokens (Qwen2)', wordIds: [0, 0, 1, 2], order: [3, 2, 0, 1] },
    { what: 'a prefix only (Llama)', wordIds: [null, 0, 1], order: [0, 2, 1] },
    { what: 'a word whose pieces repeat across a window start (overlap)', wordIds: [null, 3, 3, 4, null], order: [0, 3, 1, 2, 4] },
    { what: 'nothing but specials', wordIds: [null, null], order: [0, 1] },
  ])('$what', ({ wordIds, order }) => {
    expect([...reversedOrder(wordIds)]).toEqual(order);
  });

  it('batches carry it as flat indices, padding reading itself', () => {
    const tokenizer = loadSubwordTokenizer(wordPieceJson());
    const a = wordPieces(tokenizer, ['John', 'lives', 'in', 'New', 'Yorks'], { maxTokens: 64, stride: 8 }); // [CLS] john lives in new york ##s [SEP]
    const b = wordPieces(tokenizer, ['Berlin'], { maxTokens: 64, stride: 8 }); // [CLS] berlin [SEP]
    const batch = batchSubwords([{ pieces: a }, { pieces: b }], 5)!;
    expect(batch.length).toBe(8);
    expect([...batch.reverseIndex!.subarray(0, 8)]).toEqual([0, 5, 6, 4, 3, 2, 1, 7]);
    expect([...batch.reverseIndex!.subarray(8)]).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    const ids = [...batch.reverseIndex!.subarray(0, 8)].map((k) => batch.inputIds[k]);
    expect(ids.map((id) => tokenizer.tokenOf(id))).toEqual(['[CLS]', 'york', '##s', 'new', 'in', 'lives', 'john', '[SEP]']);
  });
});
