/**
 * @file From per-token scores back to words: a word's pieces aggregated (first piece, average or
 * max), and the windows of a long sentence stitched back together, each word taken from the
 * window where it has the most context on both sides.
 */
import type { EncodedWindow } from './wordWindows';

export type WordAggregation = 'first' | 'average' | 'max';

type WindowWords = Pick<EncodedWindow, 'start' | 'end' | 'wordIds'>;

/**
 * scores: [T, K] for one window's tokens (row-major, T = window.wordIds.length)
 * -> [end - start, K] for the window's words.
 */
export function aggregateToWords(scores: ArrayLike<number>, numLabels: number, window: WindowWords, mode: WordAggregation): Float32Array {
  const K = numLabels;
  const { start, end, wordIds } = window;
  if (scores.length < wordIds.length * K) throw new Error(`scores hold ${scores.length} values, need ${wordIds.length} tokens x ${K} labels`);
  const out = new Float32Array((end - start) * K);
  const pieces = new Int32Array(end - start);
  wordIds.forEach((w, t) => {
    if (w === null) return;
    const row = (w - start) * K;
    const n = pieces[w - start]++;
    for (let k = 0; k < K; k++) {
      const v = scores[t * K + k];
      if (n === 0) out[row + k] = v;
      else if (mode === 'average') out[row + k] += v;
      else if (mode === 'max') out[row + k] = Math.max(out[row + k], v);
    }
  });
  for (let i = 0; i < pieces.length; i++) {
    if (pieces[i] === 0) throw new Error(`word ${start + i} has no tokens in its window`);
    if (mode === 'average') for (let k = 0; k < K; k++) out[i * K + k] /= pieces[i];
  }
  return out;
}

/**
 * For each word of the sentence, the index of the window that predicts it: the one where the
 * smaller of its left and right context (in tokens, special tokens not counted) is largest; the
 * earlier window on a tie.
 */
export function bestWindowPerWord(numWords: number, windows: readonly WindowWords[]): Int32Array {
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

/** Per-window word scores ([end - start, K] each) -> [numWords, K] for the whole sentence. */
export function stitchWindows(numWords: number, numLabels: number, windows: readonly WindowWords[], windowScores: readonly Float32Array[]): Float32Array {
  const K = numLabels;
  const best = bestWindowPerWord(numWords, windows);
  const out = new Float32Array(numWords * K);
  for (let w = 0; w < numWords; w++) {
    const window = windows[best[w]];
    const from = (w - window.start) * K;
    out.set(windowScores[best[w]].subarray(from, from + K), w * K);
  }
  return out;
}
