/**
 * @file Long sentences cut into overlapping windows of tokens for prediction, and the windows' tags stitched back.
 * A BiLSTM steps through a sentence one token at a time and attention costs its length squared, so one sentence
 * of 10,000 tokens took minutes and a gigabyte; in windows of a few hundred tokens, batched, time grows linearly
 * with length. Each token keeps the tag of the window where it sits farthest from an edge (most context both ways).
 */
import type { EncodedSentence } from './vocab';

/** Tokens per window when predicting, and how many neighbouring windows share. */
export const PREDICT_WINDOW = 256;
export const PREDICT_OVERLAP = 64;

/** Tokens [start, end) go into the model; the tags of [keepStart, keepEnd) are kept. */
export interface TokenWindow {
  start: number;
  end: number;
  keepStart: number;
  keepEnd: number;
}

/**
 * Windows of at most `size` tokens over a sentence of `length`, neighbours sharing `overlap` tokens; the kept parts
 * tile [0, length) exactly, each cut in the middle of an overlap. One window when the sentence fits.
 */
export function planTokenWindows(length: number, size = PREDICT_WINDOW, overlap = PREDICT_OVERLAP): TokenWindow[] {
  if (!(size >= 1 && overlap >= 0 && overlap < size)) throw new Error(`windows need 0 <= overlap < size, got size ${size} and overlap ${overlap}`);
  if (length <= size) return [{ start: 0, end: length, keepStart: 0, keepEnd: length }];
  const step = size - overlap;
  const windows: TokenWindow[] = [];
  for (let start = 0; ; start += step) {
    const end = Math.min(start + size, length);
    windows.push({ start: Math.min(start, Math.max(0, end - size)), end, keepStart: 0, keepEnd: 0 });
    if (end === length) break;
  }
  // The last window is pulled back to full size; cut each overlap in its middle.
  for (let k = 0; k < windows.length; k++) {
    const w = windows[k];
    w.keepStart = k === 0 ? 0 : windows[k - 1].keepEnd;
    w.keepEnd = k === windows.length - 1 ? length : Math.floor((windows[k + 1].start + w.end) / 2);
  }
  return windows;
}

/** Tokens [start, end) of an encoded sentence, sharing its arrays where it can. */
export function sliceEncoded(s: EncodedSentence, start: number, end: number): EncodedSentence {
  const out: EncodedSentence = { words: s.words.subarray(start, end), chars: s.chars.slice(start, end), labels: s.labels.subarray(start, end) };
  if (s.extra) out.extra = s.extra.map((column) => column.subarray(start, end));
  return out;
}

/**
 * Every sentence as its windows (a sentence that fits is its own single window), with what stitch() needs to put
 * the windows' tags back together. Sentences carrying subword pieces are left whole: the pretrained encoder
 * windows its pieces itself.
 */
export function windowSentences(sentences: readonly EncodedSentence[], size = PREDICT_WINDOW, overlap = PREDICT_OVERLAP) {
  const inputs: EncodedSentence[] = [];
  const plans: TokenWindow[][] = [];
  for (const s of sentences) {
    const plan = s.pieces ? [{ start: 0, end: s.words.length, keepStart: 0, keepEnd: s.words.length }] : planTokenWindows(s.words.length, size, overlap);
    plans.push(plan);
    for (const w of plan) inputs.push(plan.length === 1 ? s : sliceEncoded(s, w.start, w.end));
  }
  /** The windows' outputs (in the order of `inputs`) put back into one array per sentence. */
  const stitch = <T>(outputs: readonly T[][]): T[][] => {
    let k = 0;
    return plans.map((plan) => {
      if (plan.length === 1) return outputs[k++];
      const joined: T[] = [];
      for (const w of plan) {
        const out = outputs[k++];
        for (let i = w.keepStart; i < w.keepEnd; i++) joined.push(out[i - w.start]);
      }
      return joined;
    });
  };
  return { inputs, stitch };
}
