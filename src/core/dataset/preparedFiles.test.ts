import { describe, expect, it } from 'vitest';
import { encodeSafetensors } from '../checkpoint/safetensors';
import { constraintsForLabels } from '../tags/constraints';
import type { Sentence } from '../types';
import { decodeSplit, encodeSplit, PREPARED_META, readPreparedFiles, writePreparedFiles, type PreparedFiles } from './preparedFiles';
import type { SentencePieces } from './subwords';
import { buildVocabularies, makeEncoder, type EncodedSentence } from './vocab';

const SENTENCES: Sentence[] = [
  { tokens: ['Anna', 'runs\u{1F3C3}', 'in', 'Oslo'], extra: [['NNP', 'VBZ', 'IN', 'NNP']], tags: ['B-PER', 'O', 'O', 'B-LOC'] },
  { tokens: ['Rome'], extra: [['NNP']], tags: ['B-LOC'] },
];
const vocab = buildVocabularies(SENTENCES);
const encode = makeEncoder(vocab);
const DEV: Sentence[] = [{ tokens: ['Unseen', 'Oslo'], extra: [['JJ', 'NNP']], tags: ['B-MISC', 'B-LOC'] }];

/** Windows of made-up token ids: one word split in two pieces, a second window for the last word. */
function withPieces(s: EncodedSentence, k: number): EncodedSentence {
  const n = s.words.length;
  const pieces: SentencePieces = {
    padId: 1,
    windows: [Int32Array.from({ length: n + 3 }, (_, i) => 100 * k + i), Int32Array.of(7, 8, 9)],
    window: Int32Array.from({ length: n }, (_, t) => (t === n - 1 && n > 1 ? 1 : 0)),
    pieceOffsets: Int32Array.from({ length: n + 1 }, (_, t) => (t === 0 ? 0 : t + 1)),
    pieceTokens: Int32Array.from({ length: n + 1 }, (_, i) => i + 1),
  };
  return { ...s, pieces };
}

function prepared(pieces: boolean): PreparedFiles {
  const train = SENTENCES.map(encode);
  return {
    vocab,
    constraints: constraintsForLabels(vocab.labels),
    splits: { train: pieces ? train.map(withPieces) : train, dev: DEV.map(encode), test: [] },
    wordVectors: { file: 'glove.txt', dim: 2, ids: Int32Array.of(2, 3), vectors: Float32Array.of(0.5, -1, 2, 0.25) },
    preparedFor: { data: { train: 'train.txt', dev: 'dev.txt' }, wordVectors: 'glove.txt', pretrained: pieces ? { baseModel: 'bert', labelAlignment: 'first', maxLength: 16, stride: 4 } : null },
  };
}

describe('the prepared data of a PyTorch project', () => {
  it.each([false, true])('reads back what it wrote (subword pieces: %s)', (pieces) => {
    const p = prepared(pieces);
    const back = readPreparedFiles(writePreparedFiles(p));
    expect(back).toEqual(p);
    // Unknown dev tags stay -1, extra columns and characters outside the BMP survive.
    expect(Array.from(back.splits.dev[0].labels)).toEqual([-1, vocab.labels.indexOf('B-LOC')]);
    expect(back.splits.train[0].chars[1].length).toBe(5);
  });

  it('names the file and the problem', () => {
    const files = writePreparedFiles(prepared(false));
    const without = (name: string) => new Map([...files].filter(([n]) => n !== name));
    expect(() => readPreparedFiles(without(PREPARED_META), 'proj/data')).toThrow("proj/data/prepared.json: missing; this is not a prepared-data folder (ner export-torch writes one)");
    expect(() => readPreparedFiles(without('dev.safetensors'), 'proj/data')).toThrow('proj/data/dev.safetensors: missing');
    expect(() => readPreparedFiles(without('word_vectors.safetensors'))).toThrow('data/word_vectors.safetensors: missing, but prepared.json names word vectors glove.txt');
    const mixed = new Map(files).set('dev.safetensors', files.get('train.safetensors')!);
    expect(() => readPreparedFiles(mixed)).toThrow('data/dev.safetensors: holds 2 sentences and 5 positions, but prepared.json says 1 and 2');
    const meta = JSON.parse(new TextDecoder().decode(files.get(PREPARED_META)));
    const other = new Map(files).set(PREPARED_META, new TextEncoder().encode(JSON.stringify({ ...meta, version: 9 })));
    expect(() => readPreparedFiles(other)).toThrow('data/prepared.json: version 9; this reader knows version 1');
  });

  it('refuses ids outside the vocabulary and broken offsets', () => {
    const train = SENTENCES.map(encode);
    const bad = [{ ...train[0], words: Int32Array.of(0, 1, 2, vocab.words.length) }, train[1]];
    expect(() => decodeSplit(encodeSplit(bad), vocab, { sentences: 2, tokens: 5 }, 'x.safetensors')).toThrow(
      `x.safetensors: 'words' holds id ${vocab.words.length} at 3, outside 0..${vocab.words.length - 1} of vocab`,
    );
    const offsets = encodeSafetensors([
      { name: 'sentence_offsets', shape: [3], data: Int32Array.of(0, 4, 3) },
      ...['words', 'labels'].map((name) => ({ name, shape: [3], data: new Int32Array(3) })),
      { name: 'char_offsets', shape: [4], data: Int32Array.of(0, 1, 2, 3) },
      { name: 'chars', shape: [3], data: new Int32Array(3) },
    ]);
    expect(() => decodeSplit(offsets, vocab, { sentences: 2, tokens: 3 }, 'y.safetensors')).toThrow("y.safetensors: 'sentence_offsets' decreases at 1");
  });
});
