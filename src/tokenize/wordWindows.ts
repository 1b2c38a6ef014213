/**
 * @file From a sentence of words to model inputs: each word's subword pieces, word ids per token,
 * labels aligned to the first subtoken (the rest ignored) or to all of them, and sentences longer
 * than the model's limit split into overlapping windows of whole words.
 */
import type { SubwordTokenizer } from './subwordTokenizer';
import { bestWindowPerWord } from './wordScores';

/** The label of a token the loss skips (special tokens, padding, non-first subtokens), as in PyTorch. */
export const IGNORE_LABEL = -100;

export type LabelAlignment = 'first' | 'all';

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
  /** One per token; IGNORE_LABEL where the loss skips it. Absent when no labels were given. */
  labels?: number[];
}

export interface WindowOptions {
  /** Tokens per window, special tokens included: the model's limit (512 for BERT). */
  maxTokens: number;
  /** Tokens of overlap between neighbouring windows; must be below maxTokens minus the special tokens. */
  stride: number;
  labelAlignment?: LabelAlignment;
  /**
   * Label a word shared by overlapping windows only in the window that predicts it (the one
   * where it has most context, as stitchWindows picks), so training counts every word once.
   */
  labelEachWordOnce?: boolean;
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

/**
 * Encodes one sentence. A single word with more pieces than a window holds keeps only its first
 * pieces (its label rides on the first, so nothing is lost for 'first' alignment).
 */
export function encodeWords(
  tokenizer: SubwordTokenizer,
  words: readonly string[],
  labels: readonly number[] | null,
  options: WindowOptions,
): EncodedWindow[] {
  if (labels && labels.length !== words.length) throw new Error(`${words.length} words but ${labels.length} labels`);
  const { prefixIds, suffixIds } = tokenizer;
  const budget = options.maxTokens - prefixIds.length - suffixIds.length;
  const pieces = words.map((w) => tokenizer.encodeWord(w).slice(0, budget));
  const alignment = options.labelAlignment ?? 'first';
  const windows = planWindows(
    pieces.map((p) => p.length),
    budget,
    options.stride,
  ).map(({ start, end }) => {
    const inputIds = [...prefixIds];
    const wordIds: (number | null)[] = prefixIds.map(() => null);
    const windowLabels: number[] = prefixIds.map(() => IGNORE_LABEL);
    for (let w = start; w < end; w++) {
      pieces[w].forEach((id, k) => {
        inputIds.push(id);
        wordIds.push(w);
        if (!labels) return;
        if (k === 0) windowLabels.push(labels[w]);
        else if (alignment === 'first') windowLabels.push(IGNORE_LABEL);
        else windowLabels.push(labels[w]); // 'all': training relabels the later pieces (sentencePieces.pieceLabelsFor)
      });
    }
    inputIds.push(...suffixIds);
    wordIds.push(...suffixIds.map(() => null));
    windowLabels.push(...suffixIds.map(() => IGNORE_LABEL));
    return labels ? { start, end, inputIds, wordIds, labels: windowLabels } : { start, end, inputIds, wordIds };
  });
  if (labels && options.labelEachWordOnce && windows.length > 1) {
    const owner = bestWindowPerWord(words.length, windows);
    windows.forEach((window, i) =>
      window.wordIds.forEach((w, t) => {
        if (w !== null && owner[w] !== i) window.labels![t] = IGNORE_LABEL;
      }),
    );
  }
  return windows;
}
