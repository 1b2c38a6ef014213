/** @file Vocabularies (words, characters, labels) built from the training split, and sentence encoding. */
import type { SentencePieces } from './subwords';
import type { Sentence } from '../types';

export const PAD = '<pad>';
export const UNK = '<unk>';

export interface Vocabularies {
  /** words[0] is PAD, words[1] is UNK; the rest by descending frequency, then alphabetically. */
  words: string[];
  /** chars[0] is PAD, chars[1] is UNK. */
  chars: string[];
  /** Label names; 'O' first when present, then sorted. No padding label: padded positions are masked. */
  labels: string[];
  /** Training tokens per label (dev/test-only labels: 0); for losses weighted by label frequency. */
  labelCounts?: number[];
  /**
   * Values of each extra column (the columns between token and tag: CoNLL-2003's POS and chunk),
   * sorted; [] when the training data has none. Vocabularies saved before this existed lack it.
   */
  extra?: string[][];
}

export interface VocabOptions {
  /** Words seen fewer times than this in train map to UNK. */
  minWordCount?: number;
  /** Largest word vocabulary, PAD and UNK included. */
  maxWords?: number;
}

/** Words are matched lower-cased: capitalisation reaches the model through the char CNN. */
export function normaliseWord(token: string): string {
  return token.toLowerCase();
}

export function buildVocabularies(train: Sentence[], extraLabelSources: Sentence[] = [], options: VocabOptions = {}): Vocabularies {
  const minCount = options.minWordCount ?? 1;
  const maxWords = options.maxWords ?? 50_000;
  const wordCounts = new Map<string, number>();
  const charSet = new Set<string>();
  const labelSet = new Set<string>();
  const tagCounts = new Map<string, number>();
  // Only the columns every training sentence has: a file without them cannot feed an auxiliary task.
  // A reduce, not Math.min(...): spreading a 300k-sentence split overflows the call stack.
  const extraColumns = train.length === 0 ? 0 : train.reduce((n, s) => Math.min(n, s.extra?.length ?? 0), Infinity);
  const extraSets = Array.from({ length: extraColumns }, () => new Set<string>());
  for (const s of train) {
    for (const t of s.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
    for (let c = 0; c < extraColumns; c++) for (const v of s.extra![c]) extraSets[c].add(v);
    for (const tok of s.tokens) {
      const w = normaliseWord(tok);
      wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
      for (const ch of tok) charSet.add(ch);
    }
    for (const t of s.tags) labelSet.add(t);
  }
  // Dev/test may hold a label train lacks; it still needs an id so scoring sees it.
  for (const s of extraLabelSources) for (const t of s.tags) labelSet.add(t);
  const words = [...wordCounts.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(0, maxWords - 2))
    .map(([w]) => w);
  const labels = [...labelSet].sort((a, b) => (a === 'O' ? -1 : b === 'O' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const labelCounts = labels.map((l) => tagCounts.get(l) ?? 0);
  const extra = extraSets.map((set) => [...set].sort());
  return { words: [PAD, UNK, ...words], chars: [PAD, UNK, ...[...charSet].sort()], labels, labelCounts, extra };
}

export interface EncodedSentence {
  words: Int32Array;
  /** One array of char ids per token. */
  chars: Int32Array[];
  /** Label ids; -1 where the tag is not in the vocabulary. */
  labels: Int32Array;
  /** Ids of each extra column's values (Vocabularies.extra); -1 for a value not in its vocabulary. */
  extra?: Int32Array[];
  /** For the pretrained encoder: the sentence's subword windows (tokenize/sentencePieces.ts). */
  pieces?: SentencePieces;
}

export type SentenceEncoder = (s: Sentence) => EncodedSentence;

/** Id lookups of one vocabulary, shared by makeEncoder and packSentences (prepared.ts). */
export interface VocabIndex {
  /** 1 (UNK) for a word not in the vocabulary. */
  word(token: string): number;
  /** 1 (UNK) for an unknown character. */
  char(ch: string): number;
  /** -1 for a tag not in the vocabulary. */
  label(tag: string): number;
  /** Per extra column: the id of a value, -1 when unknown. */
  extra: ((value: string) => number)[];
}

export function makeVocabIndex(v: Vocabularies): VocabIndex {
  const wordIndex = new Map(v.words.map((w, i) => [w, i] as const));
  const charIndex = new Map(v.chars.map((c, i) => [c, i] as const));
  const labelIndex = new Map(v.labels.map((l, i) => [l, i] as const));
  return {
    word: (t) => wordIndex.get(normaliseWord(t)) ?? 1,
    char: (ch) => charIndex.get(ch) ?? 1,
    label: (t) => labelIndex.get(t) ?? -1,
    extra: (v.extra ?? []).map((values) => {
      const index = new Map(values.map((x, i) => [x, i] as const));
      return (x: string) => index.get(x) ?? -1;
    }),
  };
}

export function makeEncoder(v: Vocabularies): SentenceEncoder {
  const index = makeVocabIndex(v);
  return (s) => {
    const encoded: EncodedSentence = {
      words: Int32Array.from(s.tokens, index.word),
      chars: s.tokens.map((t) => Int32Array.from([...t], index.char)),
      labels: Int32Array.from(s.tags, index.label),
    };
    // A sentence lacking a column the vocabulary has gets -1 ids: masked out by the losses that read them.
    if (index.extra.length > 0) encoded.extra = index.extra.map((id, c) => Int32Array.from(s.tokens, (_, i) => id(s.extra?.[c]?.[i] ?? '')));
    return encoded;
  };
}
