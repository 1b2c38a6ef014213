/**
 * @file The prepared data of a PyTorch project (`ner export-torch`, the studio's "Download as PyTorch project"), the one
 * definition of its files: what the training loop reads, as the TypeScript side prepared it, so that parsing,
 * vocabularies, encoding and subword pieces stay in TypeScript. python/ner_studio_torch/data.py reads the same files.
 *
 *   prepared.json        {format, version, vocab, constraints, splits: {train|dev|test: {sentences, tokens, pieces}},
 *                        preparedFor, wordVectors: {file, dim, found} | null}
 *   train.safetensors    int32 tensors of the split as the loop sees it (dev.safetensors, test.safetensors alike):
 *                          sentence_offsets [n + 1], words [N], labels [N] (-1: a tag outside the vocabulary),
 *                          char_offsets [N + 1], chars [total], extra.<c> [N] (POS, chunk: only when the data has them);
 *                        with subword pieces (a pretrained encoder) also
 *                          pieces.pad_id [1], pieces.window_offsets [n + 1] (sentence -> windows),
 *                          pieces.window_token_offsets [W + 1], pieces.window_tokens [total] (token ids per window),
 *                          pieces.position_window [N] (the window a position is read from, within its sentence),
 *                          pieces.piece_offsets [N + 1], pieces.piece_tokens [total] (token index inside that window)
 *   word_vectors.safetensors  ids int32 [m], vectors float32 [m, dim]: the vocabulary rows the word embeddings start
 *                        from (only when the run names word vectors)
 *
 * N is the split's positions: its words, or with `label_alignment: all` in training its subword pieces.
 */
import type { SplitName } from '../types';
import type { AllowedTransitions } from '../tags/constraints';
import { decodeSafetensors, encodeSafetensors, type NamedTensor, type SafetensorData } from '../checkpoint/safetensors';
import { packSplit, unpackSplit, type PackedSplit } from './prepared';
import type { SentencePieces } from './subwords';
import type { EncodedSentence, Vocabularies } from './vocab';

export const PREPARED_FORMAT = 'ner-studio-prepared';
export const PREPARED_VERSION = 1;
export const PREPARED_META = 'prepared.json';
export const WORD_VECTORS_FILE = 'word_vectors.safetensors';
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'dev', 'test'];
export const splitFile = (split: SplitName) => `${split}.safetensors`;

/** The run settings the data was prepared for; the Python side refuses a run.yaml that disagrees, naming the key. */
export interface PreparedFor {
  /** data.train, data.dev, data.test as the run file named them (the studio: the dropped files). */
  data: Partial<Record<SplitName, string>>;
  /** model.word_vectors; '' for none. */
  wordVectors: string;
  /** The pretrained encoder's subword pieces: base model and windows; null for the encoders trained from scratch. */
  pretrained: { baseModel: string; labelAlignment: string; maxLength: number; stride: number } | null;
}

/** The word embeddings' starting rows: vocabulary ids and their vectors. */
export interface StartingVectors {
  file: string;
  dim: number;
  ids: Int32Array;
  /** [ids.length, dim] row-major. */
  vectors: Float32Array;
}

export interface PreparedFiles {
  vocab: Vocabularies;
  /** The transitions the tag scheme of the labels allows (core/tags/constraints.ts), used when the run constrains them. */
  constraints: AllowedTransitions | null;
  /** Each split as the training loop sees it (train: with 'all' label alignment, one position per piece). */
  splits: Record<SplitName, EncodedSentence[]>;
  wordVectors: StartingVectors | null;
  preparedFor: PreparedFor;
}

interface PreparedMeta {
  format: typeof PREPARED_FORMAT;
  version: number;
  vocab: Vocabularies;
  constraints: AllowedTransitions | null;
  splits: Record<SplitName, { sentences: number; tokens: number; pieces: boolean }>;
  preparedFor: PreparedFor;
  wordVectors: { file: string; dim: number; found: number } | null;
}

const i32 = (name: string, data: Int32Array): NamedTensor => ({ name, shape: [data.length], data });

/** The pieces of a split's sentences, flat; every sentence must have them. */
function piecesTensors(sentences: readonly EncodedSentence[]): NamedTensor[] {
  const all = sentences.map((s) => s.pieces!);
  const windowOffsets = new Int32Array(all.length + 1);
  const tokenOffsets: number[] = [0];
  const tokens: number[] = [];
  const positionWindow: number[] = [];
  const pieceOffsets: number[] = [0];
  const pieceTokens: number[] = [];
  all.forEach((p, i) => {
    windowOffsets[i + 1] = windowOffsets[i] + p.windows.length;
    for (const w of p.windows) {
      for (const id of w) tokens.push(id);
      tokenOffsets.push(tokens.length);
    }
    for (let t = 0; t < p.window.length; t++) {
      positionWindow.push(p.window[t]);
      for (let k = p.pieceOffsets[t]; k < p.pieceOffsets[t + 1]; k++) pieceTokens.push(p.pieceTokens[k]);
      pieceOffsets.push(pieceTokens.length);
    }
  });
  return [
    i32('pieces.pad_id', Int32Array.of(all[0]?.padId ?? 0)),
    i32('pieces.window_offsets', windowOffsets),
    i32('pieces.window_token_offsets', Int32Array.from(tokenOffsets)),
    i32('pieces.window_tokens', Int32Array.from(tokens)),
    i32('pieces.position_window', Int32Array.from(positionWindow)),
    i32('pieces.piece_offsets', Int32Array.from(pieceOffsets)),
    i32('pieces.piece_tokens', Int32Array.from(pieceTokens)),
  ];
}

/** One split's file: the packed arrays and, when its sentences have them, their subword pieces. */
export function encodeSplit(sentences: readonly EncodedSentence[]): Uint8Array {
  const withPieces = sentences.length > 0 && sentences.every((s) => s.pieces);
  if (!withPieces && sentences.some((s) => s.pieces)) throw new Error('either every sentence of a split has subword pieces or none has');
  const p = packSplit(sentences as EncodedSentence[]);
  const tensors = [
    i32('sentence_offsets', p.sentenceOffsets),
    i32('words', p.words),
    i32('labels', p.labels),
    i32('char_offsets', p.charOffsets),
    i32('chars', p.chars),
    ...(p.extra ?? []).map((column, c) => i32(`extra.${c}`, column)),
    ...(withPieces ? piecesTensors(sentences) : []),
  ];
  return encodeSafetensors(tensors, { format: PREPARED_FORMAT });
}

/** The files of a project's data/ folder, by name. */
export function writePreparedFiles(prepared: PreparedFiles): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const splits = {} as PreparedMeta['splits'];
  for (const split of SPLIT_NAMES) {
    const sentences = prepared.splits[split];
    files.set(splitFile(split), encodeSplit(sentences));
    splits[split] = { sentences: sentences.length, tokens: sentences.reduce((n, s) => n + s.words.length, 0), pieces: sentences.some((s) => s.pieces) };
  }
  const wv = prepared.wordVectors;
  if (wv) {
    files.set(WORD_VECTORS_FILE, encodeSafetensors([i32('ids', wv.ids), { name: 'vectors', shape: [wv.ids.length, wv.dim], data: wv.vectors }], { format: PREPARED_FORMAT }));
  }
  const meta: PreparedMeta = {
    format: PREPARED_FORMAT,
    version: PREPARED_VERSION,
    vocab: prepared.vocab,
    constraints: prepared.constraints,
    splits,
    preparedFor: prepared.preparedFor,
    wordVectors: wv ? { file: wv.file, dim: wv.dim, found: wv.ids.length } : null,
  };
  files.set(PREPARED_META, new TextEncoder().encode(JSON.stringify(meta, null, 1)));
  return files;
}

/** A problem with the prepared files, naming the file. */
function fail(file: string, message: string): never {
  throw new Error(`${file}: ${message}`);
}

function tensorOf(tensors: Map<string, { shape: number[]; data: SafetensorData }>, name: string, file: string): Int32Array {
  const t = tensors.get(name);
  if (!t) fail(file, `has no tensor '${name}'; export the project again`);
  if (!(t.data instanceof Int32Array)) fail(file, `tensor '${name}' must be int32`);
  return t.data;
}

/** Offsets must start at 0, never decrease, and end at `total`. */
function checkOffsets(offsets: Int32Array, count: number, total: number, name: string, file: string): void {
  if (offsets.length !== count + 1 || offsets[0] !== 0 || offsets[count] !== total) fail(file, `'${name}' does not describe ${count} entries over ${total} values`);
  for (let i = 0; i < count; i++) if (offsets[i + 1] < offsets[i]) fail(file, `'${name}' decreases at ${i}`);
}

function checkIds(ids: Int32Array, min: number, size: number, name: string, file: string): void {
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < min || ids[i] >= size) fail(file, `'${name}' holds id ${ids[i]} at ${i}, outside 0..${size - 1} of vocab`);
  }
}

/** One split's file back into sentences, checked against the vocabulary and the counts prepared.json gives. */
export function decodeSplit(bytes: Uint8Array, vocab: Vocabularies, expected: { sentences: number; tokens: number }, file: string): EncodedSentence[] {
  let tensors;
  try {
    tensors = decodeSafetensors(bytes).tensors;
  } catch (e) {
    fail(file, (e as Error).message);
  }
  const get = (name: string) => tensorOf(tensors, name, file);
  const sentenceOffsets = get('sentence_offsets');
  const [words, labels, charOffsets, chars] = [get('words'), get('labels'), get('char_offsets'), get('chars')];
  const count = sentenceOffsets.length - 1;
  if (count !== expected.sentences || words.length !== expected.tokens) {
    fail(file, `holds ${count} sentences and ${words.length} positions, but ${PREPARED_META} says ${expected.sentences} and ${expected.tokens}`);
  }
  checkOffsets(sentenceOffsets, count, words.length, 'sentence_offsets', file);
  if (labels.length !== words.length) fail(file, `'labels' has ${labels.length} values for ${words.length} positions`);
  checkOffsets(charOffsets, words.length, chars.length, 'char_offsets', file);
  checkIds(words, 0, vocab.words.length, 'words', file);
  checkIds(chars, 0, vocab.chars.length, 'chars', file);
  checkIds(labels, -1, vocab.labels.length, 'labels', file);
  const extra: Int32Array[] = [];
  for (let c = 0; tensors.has(`extra.${c}`); c++) extra.push(get(`extra.${c}`));
  const packed: PackedSplit = { count, sentenceOffsets, words, labels, charOffsets, chars, ...(extra.length > 0 ? { extra } : {}) };
  const sentences = unpackSplit(packed);
  if (tensors.has('pieces.window_offsets')) attachPieces(sentences, get, file);
  return sentences;
}

function attachPieces(sentences: EncodedSentence[], get: (name: string) => Int32Array, file: string): void {
  const [padId] = get('pieces.pad_id');
  const windowOffsets = get('pieces.window_offsets');
  const tokenOffsets = get('pieces.window_token_offsets');
  const tokens = get('pieces.window_tokens');
  const positionWindow = get('pieces.position_window');
  const pieceOffsets = get('pieces.piece_offsets');
  const pieceTokens = get('pieces.piece_tokens');
  const positions = sentences.reduce((n, s) => n + s.words.length, 0);
  checkOffsets(windowOffsets, sentences.length, tokenOffsets.length - 1, 'pieces.window_offsets', file);
  checkOffsets(tokenOffsets, tokenOffsets.length - 1, tokens.length, 'pieces.window_token_offsets', file);
  checkOffsets(pieceOffsets, positions, pieceTokens.length, 'pieces.piece_offsets', file);
  if (positionWindow.length !== positions) fail(file, `'pieces.position_window' has ${positionWindow.length} values for ${positions} positions`);
  let at = 0;
  sentences.forEach((s, i) => {
    const n = s.words.length;
    const firstWindow = windowOffsets[i];
    const windows = Array.from({ length: windowOffsets[i + 1] - firstWindow }, (_, w) => tokens.slice(tokenOffsets[firstWindow + w], tokenOffsets[firstWindow + w + 1]));
    const window = positionWindow.slice(at, at + n);
    for (const w of window) if (w < 0 || w >= windows.length) fail(file, `sentence ${i + 1} reads a position from window ${w} of ${windows.length}`);
    const base = pieceOffsets[at];
    const pieces: SentencePieces = {
      padId,
      windows,
      window,
      pieceOffsets: Int32Array.from(pieceOffsets.subarray(at, at + n + 1), (o) => o - base),
      pieceTokens: pieceTokens.slice(base, pieceOffsets[at + n]),
    };
    s.pieces = pieces;
    at += n;
  });
}

/** Reads a project's data/ folder (files by name); errors name the file and what is wrong. */
export function readPreparedFiles(files: ReadonlyMap<string, Uint8Array>, dir = 'data'): PreparedFiles {
  const metaFile = `${dir}/${PREPARED_META}`;
  const metaBytes = files.get(PREPARED_META);
  if (!metaBytes) fail(metaFile, 'missing; this is not a prepared-data folder (ner export-torch writes one)');
  let meta: PreparedMeta;
  try {
    meta = JSON.parse(new TextDecoder().decode(metaBytes)) as PreparedMeta;
  } catch (e) {
    fail(metaFile, `not JSON (${(e as Error).message})`);
  }
  if (meta.format !== PREPARED_FORMAT) fail(metaFile, `format is '${meta.format}', expected '${PREPARED_FORMAT}'`);
  if (meta.version !== PREPARED_VERSION) fail(metaFile, `version ${meta.version}; this reader knows version ${PREPARED_VERSION}`);
  const splits = {} as Record<SplitName, EncodedSentence[]>;
  for (const split of SPLIT_NAMES) {
    const bytes = files.get(splitFile(split));
    if (!bytes) fail(`${dir}/${splitFile(split)}`, 'missing');
    splits[split] = decodeSplit(bytes, meta.vocab, meta.splits[split], `${dir}/${splitFile(split)}`);
  }
  let wordVectors: StartingVectors | null = null;
  if (meta.wordVectors) {
    const file = `${dir}/${WORD_VECTORS_FILE}`;
    const bytes = files.get(WORD_VECTORS_FILE);
    if (!bytes) fail(file, `missing, but ${PREPARED_META} names word vectors ${meta.wordVectors.file}`);
    const { tensors } = decodeSafetensors(bytes);
    const ids = tensorOf(tensors, 'ids', file);
    const vectors = tensors.get('vectors');
    if (!(vectors?.data instanceof Float32Array) || vectors.data.length !== ids.length * meta.wordVectors.dim) fail(file, `'vectors' must be float32 [${ids.length}, ${meta.wordVectors.dim}]`);
    checkIds(ids, 0, meta.vocab.words.length, 'ids', file);
    wordVectors = { file: meta.wordVectors.file, dim: meta.wordVectors.dim, ids, vectors: vectors.data };
  }
  return { vocab: meta.vocab, constraints: meta.constraints, splits, wordVectors, preparedFor: meta.preparedFor };
}
