/**
 * @file Encoded sentences made ready for the pretrained encoder: each gets its subword windows
 * (core/subwords.ts) from the checkpoint's tokenizer. Positions stay words ('first' alignment, and
 * always for evaluation), or become the pieces themselves ('all' alignment in training), each
 * labelled so that the piece sequence is a valid sequence of the tag scheme (B-X I-X I-X).
 */
import type { SentencePieces } from '../core/dataset/subwords';
import type { EncodedSentence } from '../core/dataset/vocab';
import type { SubwordTokenizer } from './subwordTokenizer';
import { bestWindowPerWord, encodeWords } from './wordWindows';

export interface PieceOptions {
  /** Tokens per window, special tokens included. */
  maxTokens: number;
  /** Tokens shared by neighbouring windows. */
  stride: number;
}

/** A sentence's windows, and for each word its pieces in the window where it has the most context. */
export function wordPieces(tokenizer: SubwordTokenizer, words: readonly string[], options: PieceOptions): SentencePieces {
  const windows = encodeWords(tokenizer, words, options);
  const owner = bestWindowPerWord(words.length, windows);
  const pieceOffsets = new Int32Array(words.length + 1);
  const tokens: number[] = [];
  for (let w = 0; w < words.length; w++) {
    windows[owner[w]].wordIds.forEach((id, t) => {
      if (id === w) tokens.push(t);
    });
    pieceOffsets[w + 1] = tokens.length;
  }
  return {
    padId: tokenizer.padId,
    windows: windows.map((w) => Int32Array.from(w.inputIds)),
    window: Int32Array.from(owner),
    pieceOffsets,
    pieceTokens: Int32Array.from(tokens),
    reversed: windows.map((w) => reversedOrder(w.wordIds)),
  };
}

/**
 * A window's token order with its words backwards: the special tokens before and after stay in
 * place, each word's pieces keep their own order ("New York ." -> ". New York" would be
 * ". York New"), so a decoder reading it left to right sees each word's right-hand context.
 */
export function reversedOrder(wordIds: readonly (number | null)[]): Int32Array {
  const first = wordIds.findIndex((w) => w !== null);
  if (first < 0) return Int32Array.from(wordIds, (_, i) => i);
  let end = wordIds.length;
  while (wordIds[end - 1] === null) end--;
  const words: number[][] = [];
  for (let t = first; t < end; t++) {
    if (t === first || wordIds[t] !== wordIds[t - 1]) words.push([]);
    words[words.length - 1].push(t);
  }
  const order = [...Array.from({ length: first }, (_, i) => i), ...words.reverse().flat(), ...Array.from({ length: wordIds.length - end }, (_, i) => end + i)];
  return Int32Array.from(order);
}

/** The encoded sentences with their word pieces attached; `words[i]` are sentence i's tokens as written. */
export function withWordPieces(sentences: readonly EncodedSentence[], words: readonly (readonly string[])[], tokenizer: SubwordTokenizer, options: PieceOptions): EncodedSentence[] {
  if (sentences.length !== words.length) throw new Error(`${sentences.length} encoded sentences but ${words.length} token lists`);
  return sentences.map((s, i) => {
    if (s.words.length !== words[i].length) throw new Error(`sentence ${i + 1}: ${s.words.length} encoded tokens but ${words[i].length} words`);
    return { ...s, pieces: wordPieces(tokenizer, words[i], options) };
  });
}

/**
 * 'all' alignment: a sentence whose positions are its words' pieces. Word-level features (word and
 * char ids, extra columns) repeat over a word's pieces; labels come from `pieceLabels`.
 */
export function expandToPieces(sentence: EncodedSentence, pieceLabels: (label: number, pieces: number) => number[]): EncodedSentence {
  const p = sentence.pieces;
  if (!p) throw new Error('expandToPieces needs a sentence with word pieces');
  const n = p.pieceTokens.length;
  const owner = new Int32Array(n); // piece -> word
  const labels = new Int32Array(n);
  for (let w = 0; w < sentence.words.length; w++) {
    const [from, to] = [p.pieceOffsets[w], p.pieceOffsets[w + 1]];
    owner.fill(w, from, to);
    labels.set(pieceLabels(sentence.labels[w], to - from), from);
  }
  const byPiece = (values: Int32Array) => Int32Array.from(owner, (w) => values[w]);
  return {
    words: byPiece(sentence.words),
    chars: Array.from(owner, (w) => sentence.chars[w]),
    labels,
    ...(sentence.extra ? { extra: sentence.extra.map(byPiece) } : {}),
    pieces: {
      padId: p.padId,
      windows: p.windows,
      window: Int32Array.from(owner, (w) => p.window[w]),
      pieceOffsets: Int32Array.from({ length: n + 1 }, (_, k) => k),
      pieceTokens: p.pieceTokens,
      ...(p.reversed ? { reversed: p.reversed } : {}),
    },
  };
}

/**
 * The labels of a word's pieces under the tag scheme its label names use: B-X -> B-X I-X I-X,
 * I-X -> I-X..., E-X -> I-X... E-X, S-X -> B-X I-X... E-X (BILOU's L- and U- alike). A label
 * the scheme would need but the label set lacks falls back to the word's own label.
 */
export function pieceLabelsFor(labelNames: readonly string[]): (label: number, pieces: number) => number[] {
  const index = new Map(labelNames.map((name, i) => [name, i]));
  return (label, pieces) => {
    const same = Array<number>(pieces).fill(label);
    const m = /^([BIESLU])-(.+)$/.exec(labelNames[label] ?? '');
    if (pieces <= 1 || !m) return same;
    const [prefix, type] = [m[1], m[2]];
    const named = (p: string) => index.get(`${p}-${type}`) ?? label;
    const inside = named('I');
    const single = prefix === 'S' || prefix === 'U';
    const closing = prefix === 'E' || prefix === 'L';
    const first = single ? named('B') : closing ? inside : label;
    const last = single ? named(prefix === 'S' ? 'E' : 'L') : closing ? label : inside;
    return [first, ...Array<number>(pieces - 2).fill(inside), last];
  };
}
