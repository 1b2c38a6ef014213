/**
 * @file A reference for tests: a sentence's windows run through an encoder the plain way, one
 * padded batch of windows, each window's token scores aggregated to its words (first piece,
 * average or max), and the windows stitched back into one row per word, each word from the window
 * where it has the most context. The studio gathers and pools word pieces inside the model
 * (model/encoders/pretrained.ts) from the pieces that core/dataset/subwords.ts describes.
 */
import { bestWindowPerWord, type EncodedWindow } from '../src/tokenize/wordWindows';

export type WordAggregation = 'first' | 'average' | 'max';

type WindowWords = Pick<EncodedWindow, 'start' | 'end' | 'wordIds'>;

/** Windows padded into one batch of flat typed arrays, ready for tf.tensor2d. */
export interface WindowBatch {
  size: number; // B
  maxLen: number; // T
  inputIds: Int32Array; // [B, T]
  attentionMask: Float32Array; // [B, T]
}

export function batchWindows(windows: readonly EncodedWindow[], padId: number): WindowBatch {
  const B = windows.length;
  const T = windows.reduce((m, w) => Math.max(m, w.inputIds.length), 0);
  const inputIds = new Int32Array(B * T).fill(padId);
  const attentionMask = new Float32Array(B * T);
  windows.forEach((w, b) => {
    inputIds.set(w.inputIds, b * T);
    attentionMask.fill(1, b * T, b * T + w.inputIds.length);
  });
  return { size: B, maxLen: T, inputIds, attentionMask };
}

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
