/**
 * @file From a sentence of words to model inputs: each word's subword pieces with its word id per
 * token, and sentences longer than the model's limit split into overlapping windows of whole
 * words, each word predicted by the window where it has the most context. Labels follow the words
 * (sentencePieces.ts); the windows carry none.
 */
import type { SubwordTokenizer } from './subwordTokenizer';

/** A run of words [start, end) that fits in one model input. */
export interface WordRange {
  start: number;
  end: number;
}

export interface EncodedWindow {
  /** Words [start, end) of the sentence that this window holds. */
  start: number;
  end: number;
  /** Token ids with the special tokens, unpadded. */
  inputIds: number[];
  /** The sentence's word index for each token; null for special tokens. */
  wordIds: (number | null)[];
}

export interface WindowOptions {
  /** Tokens per window, special tokens included: the model's limit (512 for BERT). */
  maxTokens: number;
  /** Tokens of overlap between neighbouring windows; must be below maxTokens minus the special tokens. */
  stride: number;
}

/**
 * Splits words (given their piece counts, each at most `budget`) into windows of at most `budget`
 * pieces; neighbours share up to `stride` pieces of whole words. One window when all fit.
 */
export function planWindows(pieceCounts: readonly number[], budget: number, stride: number): WordRange[] {
  if (!(budget >= 1)) throw new Error(`window budget must be at least 1 token, got ${budget}`);
  if (!(stride >= 0 && stride < budget)) throw new Error(`stride must be in [0, ${budget}), got ${stride}`);
  const n = pieceCounts.length;
  const windows: WordRange[] = [];
  let start = 0;
  for (;;) {
    let end = start;
    let total = 0;
    while (end < n && total + pieceCounts[end] <= budget) total += pieceCounts[end++];
    if (end === start && end < n) throw new Error(`word ${start} has ${pieceCounts[start]} pieces, more than the budget ${budget}`);
    windows.push({ start, end });
    if (end >= n) return windows;
    // Step back over whole words while they fit in the overlap and leave room for the next new
    // word, so every window moves forward and adds a word.
    const room = Math.min(stride, budget - pieceCounts[end]);
    let next = end;
    let overlap = 0;
    while (next - 1 > start && overlap + pieceCounts[next - 1] <= room) overlap += pieceCounts[--next];
    start = next;
  }
}

/** Encodes one sentence. A single word with more pieces than a window holds keeps only its first pieces. */
export function encodeWords(tokenizer: SubwordTokenizer, words: readonly string[], options: WindowOptions): EncodedWindow[] {
  const { prefixIds, suffixIds } = tokenizer;
  const budget = options.maxTokens - prefixIds.length - suffixIds.length;
  const pieces = words.map((w) => tokenizer.encodeWord(w).slice(0, budget));
  return planWindows(
    pieces.map((p) => p.length),
    budget,
    options.stride,
  ).map(({ start, end }) => {
    const inputIds = [...prefixIds];
    const wordIds: (number | null)[] = prefixIds.map(() => null);
    for (let w = start; w < end; w++) {
      for (const id of pieces[w]) {
        inputIds.push(id);
        wordIds.push(w);
      }
    }
    inputIds.push(...suffixIds);
    wordIds.push(...suffixIds.map(() => null));
    return { start, end, inputIds, wordIds };
  });
}

/**
 * For each word of the sentence, the index of the window that predicts it: the one where the
 * smaller of its left and right context (in tokens, special tokens not counted) is largest; the
 * earlier window on a tie.
 */
export function bestWindowPerWord(numWords: number, windows: readonly Pick<EncodedWindow, 'wordIds'>[]): Int32Array {
  const best = new Int32Array(numWords).fill(-1);
  const bestContext = new Float64Array(numWords).fill(-1);
  windows.forEach((window, index) => {
    const content = window.wordIds.filter((w): w is number => w !== null);
    let t = 0;
    while (t < content.length) {
      const w = content[t];
      let last = t;
      while (last + 1 < content.length && content[last + 1] === w) last++;
      const context = Math.min(t, content.length - 1 - last);
      if (context > bestContext[w]) {
        bestContext[w] = context;
        best[w] = index;
      }
      t = last + 1;
    }
  });
  const missing = best.indexOf(-1);
  if (missing >= 0) throw new Error(`word ${missing} is in no window`);
  return best;
}
