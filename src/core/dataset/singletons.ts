/**
 * @file Singleton words to the unknown word (Lample et al. 2016): in a training batch, each token of a word seen
 * once in the training data becomes UNK with probability p, so the UNK embedding learns to stand for the rare words
 * that dev and test are full of. The draws are a pure function of the seed and the micro-batch's number, so a
 * resumed run replays them exactly and the studio and the command line draw the same ones.
 */
import type { Batch } from './batch';
import type { EncodedSentence } from './vocab';
import { makeRng } from '../rng';

/** The unknown word's id in every vocabulary (core/dataset/vocab.ts). */
const UNK_ID = 1;

/** [V] 1 where the word id occurs exactly once in the sentences (PAD and UNK never). */
export function singletonMask(sentences: readonly EncodedSentence[], vocabSize: number): Uint8Array {
  const counts = new Uint32Array(vocabSize);
  for (const s of sentences) for (const w of s.words) if (w >= 0 && w < vocabSize) counts[w]++;
  const mask = new Uint8Array(vocabSize);
  for (let w = UNK_ID + 1; w < vocabSize; w++) mask[w] = counts[w] === 1 ? 1 : 0;
  return mask;
}

/** The generator of micro-batch `microStep`'s draws: a hash of both numbers seeds mulberry32. */
export function microStepRng(seed: number, microStep: number): () => number {
  let h = Math.imul(seed ^ 0x5f3759df, 0x9e3779b1) ^ Math.imul(microStep + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return makeRng((h ^ (h >>> 16)) >>> 0);
}

/** The batch with each real token of a singleton word replaced by UNK with probability p (one draw per real token). */
export function unkSingletons(batch: Batch, singletons: Uint8Array, p: number, rng: () => number): Batch {
  const words = batch.words.slice();
  for (let i = 0; i < words.length; i++) {
    if (batch.mask[i] === 0) continue;
    const draw = rng();
    if (singletons[words[i]] === 1 && draw < p) words[i] = UNK_ID;
  }
  return { ...batch, words };
}
