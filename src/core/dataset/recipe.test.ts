/** The from-scratch recipe's data-side pieces: casing classes and singleton words to UNK. */
import { describe, expect, it } from 'vitest';
import { makeBatch } from './batch';
import { casingClass, casingIds, charKind, charKinds, CharKind, CASING_CLASSES } from './casing';
import { microStepRng, singletonMask, unkSingletons } from './singletons';
import { buildVocabularies, makeEncoder } from './vocab';

const classOf = (word: string) => CASING_CLASSES[casingClass([...word].map(charKind))];

describe('casing classes (Reimers & Gurevych 2017)', () => {
  it.each([
    ['1996', 'numeric'],
    ['12-3', 'mainly_numeric'],
    ['reuters', 'all_lower'],
    ['e-mail', 'all_lower'],
    ['EU', 'all_upper'],
    ['U.S.', 'all_upper'],
    ['Apple', 'initial_upper'],
    ['McDonald', 'initial_upper'],
    ['iPhone', 'other'],
    ['a1b2c', 'all_lower'],
    ['-', 'other'],
    ['(', 'other'],
    ['Élan', 'initial_upper'],
    ['x5B', 'contains_digit'],
    ['5aB', 'contains_digit'],
  ])('%s is %s', (word, expected) => {
    expect(classOf(word)).toBe(expected);
  });

  it('reads a batch of char ids, padding tokens as class 0, unknown chars as other', () => {
    const vocab = buildVocabularies([{ tokens: ['EU', 'rejects', '1996'], tags: ['O', 'O', 'O'] }]);
    const kinds = charKinds(vocab.chars);
    expect(kinds[0]).toBe(CharKind.Other);
    const batch = makeBatch([makeEncoder(vocab)({ tokens: ['EU', 'Rejects'], tags: ['O', 'O'] }), makeEncoder(vocab)({ tokens: ['1996'], tags: ['O'] })]);
    const ids = casingIds(batch.chars, batch.size * batch.maxLen, batch.maxWordLen, kinds);
    // 'R' is not in the vocabulary: UNK, whose kind is other, so 'Rejects' reads as all lower after it.
    expect([...ids].map((i) => CASING_CLASSES[i])).toEqual(['all_upper', 'all_lower', 'numeric', '<pad>']);
  });
});

describe('singletons to UNK', () => {
  const sentences = [
    { tokens: ['the', 'cat', 'sat'], tags: ['O', 'O', 'O'] },
    { tokens: ['the', 'dog', 'sat'], tags: ['O', 'O', 'O'] },
  ];
  const vocab = buildVocabularies(sentences);
  const encoded = sentences.map(makeEncoder(vocab));
  const id = (w: string) => vocab.words.indexOf(w);

  it('marks the words seen exactly once', () => {
    const mask = singletonMask(encoded, vocab.words.length);
    expect(vocab.words.filter((_, i) => mask[i] === 1).sort()).toEqual(['cat', 'dog']);
  });

  it('p = 1 replaces every singleton token and nothing else; p = 0 nothing', () => {
    const batch = makeBatch(encoded);
    const mask = singletonMask(encoded, vocab.words.length);
    const all = unkSingletons(batch, mask, 1, microStepRng(1, 0));
    const T = batch.maxLen;
    expect([...all.words.subarray(0, T)]).toEqual([id('the'), 1, id('sat')]);
    expect([...all.words.subarray(T, 2 * T)]).toEqual([id('the'), 1, id('sat')]);
    expect(unkSingletons(batch, mask, 0, microStepRng(1, 0)).words).toEqual(batch.words);
    expect(batch.words[1]).toBe(id('cat')); // the batch itself is left as it was
  });

  it('replaces about p of the singleton tokens, the same ones for the same seed and micro-batch', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ words: Int32Array.from([i + 2]), chars: [Int32Array.from([2])], labels: Int32Array.from([0]) }));
    const batch = makeBatch(many);
    const mask = singletonMask(many, 2002);
    const replaced = (seed: number, step: number) => [...unkSingletons(batch, mask, 0.5, microStepRng(seed, step)).words].filter((w) => w === 1).length;
    const n = replaced(3, 7);
    expect(n).toBeGreaterThan(900);
    expect(n).toBeLessThan(1100);
    expect(unkSingletons(batch, mask, 0.5, microStepRng(3, 7)).words).toEqual(unkSingletons(batch, mask, 0.5, microStepRng(3, 7)).words);
    expect(unkSingletons(batch, mask, 0.5, microStepRng(3, 8)).words).not.toEqual(unkSingletons(batch, mask, 0.5, microStepRng(3, 7)).words);
    expect(unkSingletons(batch, mask, 0.5, microStepRng(4, 7)).words).not.toEqual(unkSingletons(batch, mask, 0.5, microStepRng(3, 7)).words);
  });
});
