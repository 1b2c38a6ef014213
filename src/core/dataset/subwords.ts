/**
 * @file What the pretrained encoder reads besides the word-level batch: each sentence's windows of
 * subword token ids, and for each of its positions (a word; a single piece under 'all' label
 * alignment) where that position's pieces sit. Pure data: tokenize/sentencePieces.ts fills it from
 * the checkpoint's tokenizer, and makeBatch packs it next to the word-level arrays.
 */

export interface SentencePieces {
  /** The tokenizer's padding id: RoBERTa numbers positions by it, so padding must carry it. */
  padId: number;
  /** Token ids of each window, special tokens included. */
  windows: Int32Array[];
  /** [n] the window whose pieces stand for position t (the one giving it the most context). */
  window: Int32Array;
  /** [n + 1] position t's pieces are pieceTokens[pieceOffsets[t] .. pieceOffsets[t + 1]). */
  pieceOffsets: Int32Array;
  /** Token indices inside that window, first piece first. */
  pieceTokens: Int32Array;
  /**
   * Per window, its tokens in the order of the sentence read backwards word by word (special tokens
   * stay where they are, each word's pieces keep their order): reversed[w][s] is the index in
   * window w of the s-th token of its reversed form. Decoders read it for 'sentence+reverse'.
   */
  reversed?: Int32Array[];
}

/** The subword side of a batch of B sentences padded to T positions, flat and row-major. */
export interface SubwordBatch {
  windows: number; // W: every sentence's windows, sentence by sentence
  length: number; // S: tokens of the longest window
  inputIds: Int32Array; // [W, S], padId at padding
  attentionMask: Float32Array; // [W, S], 1 for tokens
  pieces: number; // P: pieces of the most divided position
  /** [B, T, P] index into the flat [W * S] tokens; 0 at padding. Column 0 is each position's first piece. */
  pieceIndex: Int32Array;
  pieceMask: Float32Array; // [B, T, P], 1 for real pieces
  /** [W * S] flat token index read at each position of the word-reversed windows (padding reads itself); absent unless every sentence has `reversed`. */
  reverseIndex?: Int32Array;
}

/** Packs the sentences' pieces; undefined unless every sentence has them. */
export function batchSubwords(sentences: readonly { pieces?: SentencePieces }[], T: number): SubwordBatch | undefined {
  if (sentences.length === 0 || !sentences.every((s) => s.pieces)) return undefined;
  const all = sentences.map((s) => s.pieces!);
  const B = all.length;
  let W = 0;
  let S = 1;
  let P = 1;
  for (const p of all) {
    W += p.windows.length;
    for (const w of p.windows) S = Math.max(S, w.length);
    for (let t = 0; t + 1 < p.pieceOffsets.length; t++) P = Math.max(P, p.pieceOffsets[t + 1] - p.pieceOffsets[t]);
  }
  const inputIds = new Int32Array(W * S).fill(all[0].padId);
  const attentionMask = new Float32Array(W * S);
  const pieceIndex = new Int32Array(B * T * P);
  const pieceMask = new Float32Array(B * T * P);
  const reverseIndex = all.every((p) => p.reversed) ? Int32Array.from({ length: W * S }, (_, k) => k) : undefined;
  let firstWindow = 0;
  all.forEach((p, b) => {
    p.windows.forEach((ids, w) => {
      const row = (firstWindow + w) * S;
      inputIds.set(ids, row);
      attentionMask.fill(1, row, row + ids.length);
      if (reverseIndex) p.reversed![w].forEach((from, s) => (reverseIndex[row + s] = row + from));
    });
    const n = p.window.length;
    if (n > T) throw new Error(`a sentence has ${n} subword positions but the batch only ${T}`);
    for (let t = 0; t < n; t++) {
      const row = (firstWindow + p.window[t]) * S;
      for (let k = p.pieceOffsets[t]; k < p.pieceOffsets[t + 1]; k++) {
        const at = (b * T + t) * P + (k - p.pieceOffsets[t]);
        pieceIndex[at] = row + p.pieceTokens[k];
        pieceMask[at] = 1;
      }
    }
    firstWindow += p.windows.length;
  });
  return { windows: W, length: S, inputIds, attentionMask, pieces: P, pieceIndex, pieceMask, ...(reverseIndex ? { reverseIndex } : {}) };
}
