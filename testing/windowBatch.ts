/**
 * @file Encoded windows padded into one batch of flat typed arrays, ready for tf.tensor2d: input
 * ids, attention mask, labels (IGNORE_LABEL on padding) and word ids (-1 on special tokens and
 * padding) so scores can be read back per word.
 */
import { IGNORE_LABEL, type EncodedWindow } from '../src/tokenize/wordWindows';

export interface WindowBatch {
  size: number; // B
  maxLen: number; // T
  inputIds: Int32Array; // [B, T]
  attentionMask: Float32Array; // [B, T]
  /** [B, T]; present when every window has labels. */
  labels: Int32Array | null;
  /** [B, T] the sentence's word index, -1 for special tokens and padding. */
  wordIds: Int32Array;
}

export function batchWindows(windows: readonly EncodedWindow[], padId: number): WindowBatch {
  const B = windows.length;
  const T = windows.reduce((m, w) => Math.max(m, w.inputIds.length), 0);
  const inputIds = new Int32Array(B * T).fill(padId);
  const attentionMask = new Float32Array(B * T);
  const wordIds = new Int32Array(B * T).fill(-1);
  const labelled = B > 0 && windows.every((w) => w.labels);
  const labels = labelled ? new Int32Array(B * T).fill(IGNORE_LABEL) : null;
  windows.forEach((w, b) => {
    inputIds.set(w.inputIds, b * T);
    attentionMask.fill(1, b * T, b * T + w.inputIds.length);
    w.wordIds.forEach((id, t) => {
      if (id !== null) wordIds[b * T + t] = id;
    });
    if (labels) labels.set(w.labels!, b * T);
  });
  return { size: B, maxLen: T, inputIds, attentionMask, labels, wordIds };
}
