/**
 * @file A dataset ready for training: vocabularies plus each split's ids packed into a few flat
 * Int32Arrays, so it crosses from the data worker to the page and on to the training worker as
 * a handful of buffers instead of millions of small objects.
 */
import type { Dataset, Sentence, SplitName } from '../types';
import { makeVocabIndex, type EncodedSentence, type Vocabularies } from './vocab';
import { getSpans } from '../tags/tags';

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

/**
 * What a training job needs of a prepared dataset: the vocabularies and the train and dev ids. No test split, and the
 * tokens as written only for a pretrained encoder, whose tokenizer reads them.
 */
export interface TrainingSet {
  vocab: Vocabularies;
  train: PackedSplit;
  dev: PackedSplit;
  tokens?: { train: string[][]; dev: string[][] };
}

export function trainingSetOf(d: PreparedDataset, withTokens: boolean): TrainingSet {
  return { vocab: d.vocab, train: d.train, dev: d.dev, ...(withTokens ? { tokens: { train: d.text.train.tokens, dev: d.text.dev.tokens } } : {}) };
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

/**
 * packSplit(sentences.map(makeEncoder(vocab))), written straight into the flat arrays: encoding first would make an
 * Int32Array per token, which for a 100 MB file (6M tokens) took most of the time and gigabytes of memory.
 */
export function packSentences(sentences: readonly Sentence[], vocab: Vocabularies): PackedSplit {
  const index = makeVocabIndex(vocab);
  const count = sentences.length;
  const sentenceOffsets = new Int32Array(count + 1);
  let tokens = 0;
  let units = 0; // UTF-16 units: at least as many as characters
  sentences.forEach((s, i) => {
    tokens += s.tokens.length;
    sentenceOffsets[i + 1] = tokens;
    for (const token of s.tokens) units += token.length;
  });
  const words = new Int32Array(tokens);
  const labels = new Int32Array(tokens);
  const charOffsets = new Int32Array(tokens + 1);
  let chars = new Int32Array(units);
  const extraColumns = count === 0 ? 0 : index.extra.length;
  const extra = Array.from({ length: extraColumns }, () => new Int32Array(tokens));
  let t = 0;
  let c = 0;
  for (const s of sentences) {
    s.tokens.forEach((token, i) => {
      words[t] = index.word(token);
      labels[t] = index.label(s.tags[i]);
      for (let k = 0; k < extraColumns; k++) extra[k][t] = index.extra[k](s.extra?.[k]?.[i] ?? '');
      for (const ch of token) chars[c++] = index.char(ch);
      charOffsets[++t] = c;
    });
  }
  if (c < chars.length) chars = chars.slice(0, c); // some characters took two units
  return { count, sentenceOffsets, words, labels, charOffsets, chars, ...(extraColumns > 0 ? { extra } : {}) };
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

export function prepareDataset(dataset: Dataset, vocab: Vocabularies): PreparedDataset {
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
    train: packSentences(dataset.train, vocab),
    dev: packSentences(dataset.dev, vocab),
    test: packSentences(dataset.test, vocab),
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
