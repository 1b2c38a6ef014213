/**
 * @file What every from-scratch encoder reads per token: its word embedding (random, or started from pre-trained
 * vectors) next to its characters' features (a CNN, or a BiLSTM: the char encoder table) and, when asked for, a
 * casing embedding. The variable names ('word_embeddings', 'char_embeddings', 'char_cnn.*') are the ones BiLSTM
 * checkpoints have always had; the char BiLSTM adds 'char_lstm.*', the casing feature 'casing_embeddings'.
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../core/dataset/batch';
import { CASING_CLASSES, casingIds } from '../../core/dataset/casing';
import type { CharEncoderName } from '../../core/config/config';
import { CharCnn } from './charCnn';
import { CharLstm } from './charLstm';
import { Embedding } from './embedding';
import type { ParamStore, Rng } from './params';

export interface TokenFeatureSizes {
  wordVocabSize: number;
  wordDim: number;
  charVocabSize: number;
  charDim: number;
  charEncoder: CharEncoderName;
  charFilters: number;
  charKernel: number;
  charHidden: number;
  /** 0: no casing feature. */
  casingDim: number;
  /** With casingDim > 0: each char id's kind (core/dataset/casing.ts charKinds of the char vocabulary). */
  charKinds?: readonly number[];
}

/** The characters of N words, C per word ([N * C] ids, 0 = padding) -> features [N, dim]. */
interface CharEncoder {
  readonly dim: number;
  apply(chars: Int32Array, N: number, C: number): tf.Tensor2D;
}

/** Every char encoder, by the name config files use (core/config/config.ts CHAR_ENCODER_NAMES). */
export const CHAR_ENCODER_TABLE = {
  cnn: (store: ParamStore, s: TokenFeatureSizes, rng: Rng): CharEncoder => {
    const cnn = new CharCnn(store, s.charVocabSize, s.charDim, s.charFilters, s.charKernel, rng);
    return { dim: s.charFilters, apply: (chars, N, C) => cnn.apply(chars, N, C) };
  },
  lstm: (store: ParamStore, s: TokenFeatureSizes, rng: Rng): CharEncoder => new CharLstm(store, s.charVocabSize, s.charDim, s.charHidden, rng),
} satisfies Record<CharEncoderName, (store: ParamStore, s: TokenFeatureSizes, rng: Rng) => CharEncoder>;

export class TokenFeatures {
  readonly words: Embedding;
  readonly chars: CharEncoder;
  readonly casing: Embedding | null;
  /** Features per token: wordDim + the char encoder's width + casingDim. */
  readonly dim: number;
  private readonly charKinds: readonly number[];

  constructor(store: ParamStore, s: TokenFeatureSizes, rng: Rng, wordVectors?: ReadonlyMap<number, Float32Array>) {
    this.words = new Embedding(store, 'word_embeddings', s.wordVocabSize, s.wordDim, rng, wordVectors);
    this.chars = CHAR_ENCODER_TABLE[s.charEncoder](store, s, rng);
    // Made only when asked for, after the rest: a model without it draws the same initial weights as before.
    this.casing = s.casingDim > 0 ? new Embedding(store, 'casing_embeddings', CASING_CLASSES.length, s.casingDim, rng) : null;
    if (this.casing && !s.charKinds) throw new Error('the casing feature needs the kinds of the characters (charKinds)');
    this.charKinds = s.charKinds ?? [];
    this.dim = s.wordDim + this.chars.dim + (this.casing ? s.casingDim : 0);
  }

  /** The batch's tokens -> [B, T, dim]. Call inside tf.tidy. */
  apply(batch: Batch): tf.Tensor3D {
    const { size: B, maxLen: T, maxWordLen: C } = batch;
    const parts = [
      this.words.lookup(batch.words), // [B*T, wordDim]
      this.chars.apply(batch.chars, B * T, C), // [B*T, charDim']
    ];
    if (this.casing) parts.push(this.casing.lookup(casingIds(batch.chars, B * T, C, this.charKinds))); // [B*T, casingDim]
    return tf.concat(parts, 1).reshape<tf.Tensor3D>([B, T, this.dim]); // [B, T, D]
  }
}
