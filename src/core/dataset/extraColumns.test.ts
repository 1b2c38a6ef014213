import { describe, expect, it } from 'vitest';
import { makeBatch } from './batch';
import { lossDataFor } from '../losses/lossData';
import { packSplit, preparedBuffers, unpackSplit, type PreparedDataset } from './prepared';
import type { Sentence } from '../types';
import { buildVocabularies, makeEncoder } from './vocab';

const TRAIN: Sentence[] = [
  { tokens: ['Anna', 'runs'], extra: [['NNP', 'VBZ'], ['B-NP', 'B-VP']], tags: ['B-PER', 'O'] },
  { tokens: ['Oslo'], extra: [['NNP'], ['B-NP']], tags: ['B-LOC'] },
];

describe('extra columns (POS, chunk) through vocabulary, encoding, packing and batches', () => {
  const vocab = buildVocabularies(TRAIN, [{ tokens: ['x'], tags: ['I-MISC'] }]);
  const encode = makeEncoder(vocab);

  it('each extra column gets its own sorted vocabulary; label counts come from train only', () => {
    expect(vocab.extra).toEqual([
      ['NNP', 'VBZ'],
      ['B-NP', 'B-VP'],
    ]);
    expect(vocab.labels).toEqual(['O', 'B-LOC', 'B-PER', 'I-MISC']);
    expect(vocab.labelCounts).toEqual([1, 1, 1, 0]);
    expect(lossDataFor(vocab)).toEqual({ labels: vocab.labels, labelCounts: [1, 1, 1, 0], extraSizes: [2, 2] });
  });

  it('encodes values to ids, -1 for unknown values and for sentences without the column', () => {
    expect(encode({ tokens: ['a', 'b'], extra: [['VBZ', 'JJ'], ['B-NP', 'B-VP']], tags: ['O', 'O'] }).extra).toEqual([Int32Array.from([1, -1]), Int32Array.from([0, 1])]);
    expect(encode({ tokens: ['a'], tags: ['O'] }).extra).toEqual([Int32Array.from([-1]), Int32Array.from([-1])]);
  });

  it('only columns every training sentence has count', () => {
    expect(buildVocabularies([...TRAIN, { tokens: ['a'], tags: ['O'] }]).extra).toEqual([]);
    expect(makeEncoder(buildVocabularies([{ tokens: ['a'], tags: ['O'] }]))({ tokens: ['a'], tags: ['O'] }).extra).toBeUndefined();
  });

  it('packs and unpacks them, and lists their buffers as transferables', () => {
    const encoded = TRAIN.map(encode);
    const packed = packSplit(encoded);
    expect(packed.extra).toEqual([Int32Array.from([0, 1, 0]), Int32Array.from([0, 1, 0])]);
    expect(unpackSplit(packed).map((s) => s.extra)).toEqual(encoded.map((s) => s.extra));
    const split = packSplit([]);
    const prepared = { train: packed, dev: split, test: split } as PreparedDataset;
    expect(preparedBuffers(prepared)).toHaveLength(7 + 5 + 5);
  });

  it('batches them as [B, T] with -1 at padding; a batch with a sentence lacking them has none', () => {
    const batch = makeBatch(TRAIN.map(encode));
    expect(batch.extra).toEqual([Int32Array.from([0, 1, 0, -1]), Int32Array.from([0, 1, 0, -1])]);
    const plain = makeBatch([{ words: Int32Array.from([2]), chars: [Int32Array.from([2])], labels: Int32Array.from([0]) }]);
    expect(plain.extra).toBeUndefined();
  });
});
