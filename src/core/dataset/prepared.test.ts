import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseColumns } from '../formats/conll';
import { packSentences, packSplit } from './prepared';
import type { Sentence } from '../types';
import { buildVocabularies, makeEncoder } from './vocab';

const demo = (name: string) => parseColumns(readFileSync(fileURLToPath(new URL(`../../../datasets/demo/${name}.txt`, import.meta.url)), 'utf8'), name).sentences;

describe('packSentences', () => {
  it('packs what packSplit packs from makeEncoder, for train and for dev with unseen words and labels', () => {
    const [train, dev] = [demo('train'), demo('dev')];
    const vocab = buildVocabularies(train, dev);
    const encode = makeEncoder(vocab);
    expect(packSentences(train, vocab)).toEqual(packSplit(train.map(encode)));
    expect(packSentences(dev, vocab)).toEqual(packSplit(dev.map(encode)));
  });

  it.each<[string, Sentence[], Sentence[]]>([
    [
      'extra columns, a sentence without them, characters outside the BMP, an unknown tag',
      [
        { tokens: ['Anna', 'runs\u{1F3C3}'], extra: [['NNP', 'VBZ']], tags: ['B-PER', 'O'] },
        { tokens: ['\u{1D400}b'], extra: [['NN']], tags: ['O'] },
      ],
      [
        { tokens: ['x\u{1F600}', 'Anna'], extra: [['JJ', 'NNP']], tags: ['B-MISC', 'B-PER'] },
        { tokens: ['y'], tags: ['O'] },
      ],
    ],
    ['no sentences', [{ tokens: ['a'], tags: ['O'] }], []],
  ])('%s', (_name, train, other) => {
    const vocab = buildVocabularies(train);
    const encode = makeEncoder(vocab);
    expect(packSentences(train, vocab)).toEqual(packSplit(train.map(encode)));
    expect(packSentences(other, vocab)).toEqual(packSplit(other.map(encode)));
  });
});
