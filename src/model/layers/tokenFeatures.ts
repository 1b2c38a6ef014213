/**
 * @file What every from-scratch encoder reads per token: its word embedding (random, or started from pre-trained
 * vectors) next to its char CNN features. The variable names ('word_embeddings', 'char_embeddings', 'char_cnn.*')
 * are the ones BiLSTM checkpoints have always had.
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../core/dataset/batch';
import { CharCnn } from './charCnn';
import { Embedding } from './embedding';
import type { ParamStore, Rng } from './params';

export interface TokenFeatureSizes {
  wordVocabSize: number;
  wordDim: number;
  charVocabSize: number;
  charDim: number;
  charFilters: number;
  charKernel: number;
}

export class TokenFeatures {
  readonly words: Embedding;
  readonly chars: CharCnn;
  /** Features per token: wordDim + charFilters. */
  readonly dim: number;

  constructor(store: ParamStore, s: TokenFeatureSizes, rng: Rng, wordVectors?: ReadonlyMap<number, Float32Array>) {
    this.words = new Embedding(store, 'word_embeddings', s.wordVocabSize, s.wordDim, rng, wordVectors);
    this.chars = new CharCnn(store, s.charVocabSize, s.charDim, s.charFilters, s.charKernel, rng);
    this.dim = s.wordDim + s.charFilters;
  }

  /** The batch's tokens -> [B, T, wordDim + charFilters]. Call inside tf.tidy. */
  apply(batch: Batch): tf.Tensor3D {
    const { size: B, maxLen: T, maxWordLen: C } = batch;
    const words = this.words.lookup(batch.words); // [B*T, wordDim]
    const chars = this.chars.apply(batch.chars, B * T, C); // [B*T, charFilters]
    return tf.concat([words, chars], 1).reshape<tf.Tensor3D>([B, T, this.dim]); // [B, T, D]
  }
}
