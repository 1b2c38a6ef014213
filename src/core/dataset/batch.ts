/** @file Padded mini-batches as flat typed arrays (no tfjs here), and length-bucketed batch order. */
import type { EncodedSentence } from './vocab';
import { shuffled } from '../rng';
import { batchSubwords, type SubwordBatch } from './subwords';

/** Flat, row-major arrays; B sentences padded to T tokens of at most C chars. */
export interface Batch {
  size: number; // B
  maxLen: number; // T
  maxWordLen: number; // C
  words: Int32Array; // [B, T], 0 = PAD
  chars: Int32Array; // [B, T, C], 0 = PAD
  labels: Int32Array; // [B, T], 0 at padding (masked out)
  mask: Float32Array; // [B, T], 1 for real tokens
  lengths: number[]; // [B]
  tokens: number; // sum of lengths
  /** Per extra column (POS, chunk...): its value ids [B, T], -1 at padding and for unknown values. */
  extra?: Int32Array[];
  /** The pretrained encoder's subword windows, when every sentence has pieces (core/subwords.ts). */
  subwords?: SubwordBatch;
}

export const DEFAULT_MAX_WORD_LEN = 20;

export function makeBatch(sentences: EncodedSentence[], maxWordLen = DEFAULT_MAX_WORD_LEN): Batch {
  const B = sentences.length;
  const T = Math.max(1, ...sentences.map((s) => s.words.length));
  let longestWord = 1;
  for (const s of sentences) for (const c of s.chars) longestWord = Math.max(longestWord, c.length);
  const C = Math.min(maxWordLen, longestWord);
  const words = new Int32Array(B * T);
  const chars = new Int32Array(B * T * C);
  const labels = new Int32Array(B * T);
  const mask = new Float32Array(B * T);
  const lengths: number[] = [];
  let tokens = 0;
  // Extra columns only when every sentence has them (the multitask loss reads them).
  const extraColumns = B === 0 ? 0 : Math.min(...sentences.map((s) => s.extra?.length ?? 0));
  const extra = Array.from({ length: extraColumns }, () => new Int32Array(B * T).fill(-1));
  sentences.forEach((s, b) => {
    const n = s.words.length;
    lengths.push(n);
    tokens += n;
    for (let t = 0; t < n; t++) {
      words[b * T + t] = s.words[t];
      labels[b * T + t] = Math.max(0, s.labels[t]);
      mask[b * T + t] = 1;
      for (let c = 0; c < extraColumns; c++) extra[c][b * T + t] = s.extra![c][t];
      const cs = s.chars[t];
      const m = Math.min(C, cs.length);
      for (let c = 0; c < m; c++) chars[(b * T + t) * C + c] = cs[c];
    }
  });
  const subwords = batchSubwords(sentences, T);
  return { size: B, maxLen: T, maxWordLen: C, words, chars, labels, mask, lengths, tokens, ...(extraColumns > 0 ? { extra } : {}), ...(subwords ? { subwords } : {}) };
}

/**
 * Batch order for one epoch: sentences are sorted by length within shuffled chunks of
 * 50 batches, cut into batches, and the batches shuffled, so padding stays small
 * while the order still changes each epoch.
 */
export function bucketByLength(lengths: number[], batchSize: number, rng: () => number): number[][] {
  const order = shuffled(lengths.map((_, i) => i), rng);
  const chunk = batchSize * 50;
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += chunk) {
    const part = order.slice(start, start + chunk).sort((a, b) => lengths[a] - lengths[b]);
    for (let i = 0; i < part.length; i += batchSize) batches.push(part.slice(i, i + batchSize));
  }
  return shuffled(batches, rng);
}

/**
 * Batches of sentences of similar length, for scoring: indices sorted by length (ties in file order), then cut.
 * Far less padding than file order; every sentence is decoded on its own, so the tags do not depend on the order.
 */
export function lengthSortedBatches(lengths: readonly number[], batchSize: number): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) out.push(order.slice(i, i + batchSize));
  return out;
}
