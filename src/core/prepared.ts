/**
 * @file A dataset ready for training: vocabularies plus each split's ids packed into a few flat
 * Int32Arrays, so it crosses from the data worker to the page and on to the training worker as
 * a handful of buffers instead of millions of small objects.
 */
import type { Dataset, Sentence, SplitName } from './types';
import type { EncodedSentence, SentenceEncoder, Vocabularies } from './vocab';
import { getSpans } from './tags';

export interface PackedSplit {
  count: number;
  /** Token offset of each sentence, length count + 1. */
  sentenceOffsets: Int32Array;
  words: Int32Array;
  labels: Int32Array;
  /** Char offset of each token, length tokens + 1. */
  charOffsets: Int32Array;
  chars: Int32Array;
  /** Per extra column, its value ids per token (as words); absent when the sentences have no extra columns. */
  extra?: Int32Array[];
}

export interface SplitSummary {
  sentences: number;
  tokens: number;
  entities: Record<string, number>;
}

export interface DatasetSummary {
  name: string;
  files: { file: string; split: string }[];
  labels: string[];
  splits: Record<SplitName, SplitSummary>;
}

/** Tokens and tags as written, for display: sentence browser, error examples. */
export interface SplitText {
  tokens: string[][];
  tags: string[][];
}

export interface PreparedDataset {
  summary: DatasetSummary;
  vocab: Vocabularies;
  text: Record<SplitName, SplitText>;
  train: PackedSplit;
  dev: PackedSplit;
  test: PackedSplit;
}

export function packSplit(sentences: EncodedSentence[]): PackedSplit {
  const count = sentences.length;
  const sentenceOffsets = new Int32Array(count + 1);
  let tokens = 0;
  let charTotal = 0;
  sentences.forEach((s, i) => {
    tokens += s.words.length;
    sentenceOffsets[i + 1] = tokens;
    for (const c of s.chars) charTotal += c.length;
  });
  const words = new Int32Array(tokens);
  const labels = new Int32Array(tokens);
  const charOffsets = new Int32Array(tokens + 1);
  const chars = new Int32Array(charTotal);
  // A reduce, not Math.min(...): spreading a 300k-sentence split overflows the call stack.
  const extraColumns = count === 0 ? 0 : sentences.reduce((n, s) => Math.min(n, s.extra?.length ?? 0), Infinity);
  const extra = Array.from({ length: extraColumns }, () => new Int32Array(tokens));
  let t = 0;
  let c = 0;
  for (const s of sentences) {
    words.set(s.words, t);
    labels.set(s.labels, t);
    for (let k = 0; k < extraColumns; k++) extra[k].set(s.extra![k], t);
    for (const cs of s.chars) {
      chars.set(cs, c);
      c += cs.length;
      charOffsets[++t] = c;
    }
  }
  return { count, sentenceOffsets, words, labels, charOffsets, chars, ...(extraColumns > 0 ? { extra } : {}) };
}

/** The packed split of all the parts' sentences, in order. */
export function concatSplits(parts: PackedSplit[]): PackedSplit {
  if (parts.length === 1) return parts[0];
  const total = (size: (p: PackedSplit) => number) => parts.reduce((n, p) => n + size(p), 0);
  const count = total((p) => p.count);
  const sentenceOffsets = new Int32Array(count + 1);
  const words = new Int32Array(total((p) => p.words.length));
  const labels = new Int32Array(words.length);
  const charOffsets = new Int32Array(words.length + 1);
  const chars = new Int32Array(total((p) => p.chars.length));
  const extraColumns = parts.length === 0 ? 0 : Math.min(...parts.map((p) => p.extra?.length ?? 0));
  const extra = Array.from({ length: extraColumns }, () => new Int32Array(words.length));
  let s = 0;
  let t = 0;
  let c = 0;
  for (const p of parts) {
    for (let i = 1; i <= p.count; i++) sentenceOffsets[s + i] = p.sentenceOffsets[i] + t;
    for (let i = 1; i <= p.words.length; i++) charOffsets[t + i] = p.charOffsets[i] + c;
    words.set(p.words, t);
    labels.set(p.labels, t);
    for (let k = 0; k < extraColumns; k++) extra[k].set(p.extra![k], t);
    chars.set(p.chars, c);
    s += p.count;
    t += p.words.length;
    c += p.chars.length;
  }
  return { count, sentenceOffsets, words, labels, charOffsets, chars, ...(extraColumns > 0 ? { extra } : {}) };
}

/** Sentences a slice at a time: encoding makes an Int32Array per token, too many to hold at once for 6M tokens. */
const ENCODE_SLICE = 4096;

/** packSplit(sentences.map(encode)), holding one slice's encodings at a time. */
export function encodeSplit(sentences: readonly Sentence[], encode: SentenceEncoder): PackedSplit {
  const parts: PackedSplit[] = [];
  for (let i = 0; i < sentences.length; i += ENCODE_SLICE) parts.push(packSplit(sentences.slice(i, i + ENCODE_SLICE).map(encode)));
  return parts.length === 0 ? packSplit([]) : concatSplits(parts);
}

export function unpackSplit(p: PackedSplit): EncodedSentence[] {
  const out: EncodedSentence[] = [];
  for (let i = 0; i < p.count; i++) {
    const a = p.sentenceOffsets[i];
    const b = p.sentenceOffsets[i + 1];
    const chars: Int32Array[] = [];
    for (let t = a; t < b; t++) chars.push(p.chars.subarray(p.charOffsets[t], p.charOffsets[t + 1]));
    const extra = p.extra?.map((column) => column.subarray(a, b));
    out.push({ words: p.words.subarray(a, b), labels: p.labels.subarray(a, b), chars, ...(extra ? { extra } : {}) });
  }
  return out;
}

export function summariseSplit(sentences: { tokens: string[]; tags: string[] }[]): SplitSummary {
  const entities: Record<string, number> = {};
  let tokens = 0;
  for (const s of sentences) {
    tokens += s.tokens.length;
    for (const span of getSpans(s.tags)) entities[span.type] = (entities[span.type] ?? 0) + 1;
  }
  return { sentences: sentences.length, tokens, entities };
}

export function prepareDataset(dataset: Dataset, vocab: Vocabularies, encode: SentenceEncoder): PreparedDataset {
  return {
    summary: {
      name: dataset.name,
      files: dataset.sources.map((s) => ({ file: s.file, split: s.split })),
      labels: vocab.labels,
      splits: { train: summariseSplit(dataset.train), dev: summariseSplit(dataset.dev), test: summariseSplit(dataset.test) },
    },
    vocab,
    text: {
      train: splitText(dataset.train),
      dev: splitText(dataset.dev),
      test: splitText(dataset.test),
    },
    train: encodeSplit(dataset.train, encode),
    dev: encodeSplit(dataset.dev, encode),
    test: encodeSplit(dataset.test, encode),
  };
}

const splitText = (sentences: { tokens: string[]; tags: string[] }[]): SplitText => ({
  tokens: sentences.map((s) => s.tokens),
  tags: sentences.map((s) => s.tags),
});

/** The buffers to list as transferables when posting a prepared dataset. */
export function preparedBuffers(d: PreparedDataset): ArrayBuffer[] {
  return [d.train, d.dev, d.test].flatMap((s) =>
    [s.sentenceOffsets, s.words, s.labels, s.charOffsets, s.chars, ...(s.extra ?? [])].map((a) => a.buffer as ArrayBuffer),
  );
}
