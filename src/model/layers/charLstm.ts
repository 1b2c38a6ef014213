/**
 * @file Character BiLSTM word features (Lample et al. 2016): char embeddings read by a forward and a backward LSTM,
 * the word's features their final states (the forward one after its last char, the backward one after its first).
 * The alternative to the char CNN (RunConfig.charEncoder 'lstm'): slower, as it steps through up to C characters,
 * but it sees a whole prefix and suffix where the CNN sees windows of three.
 */
import * as tf from '@tensorflow/tfjs';
import { BiLstm } from './bilstm';
import { Embedding } from './embedding';
import type { ParamStore, Rng } from './params';

export class CharLstm {
  readonly embedding: Embedding;
  readonly lstm: BiLstm;
  /** Features per word: 2 * hidden. */
  readonly dim: number;

  constructor(
    store: ParamStore,
    charVocabSize: number,
    readonly charDim: number,
    hidden: number,
    rng: Rng,
  ) {
    this.embedding = new Embedding(store, 'char_embeddings', charVocabSize, charDim, rng);
    this.lstm = new BiLstm(store, charDim, hidden, rng, 'char_lstm');
    this.dim = 2 * hidden;
  }

  /**
   * @param chars [N * C] char ids of N words, C per word, 0 = padding (real chars first)
   * @returns [N, 2 * hidden]; a word with no chars (a padded token) gets zeros
   */
  apply(chars: Int32Array, N: number, C: number): tf.Tensor2D {
    // The char mask is computed here, outside the gradient (no gradient for comparisons).
    const mask = tf.tensor2d(Float32Array.from(chars, (c) => (c > 0 ? 1 : 0)), [N, C]); // [N, C]
    const emb = this.embedding.lookup(chars).reshape<tf.Tensor3D>([N, C, this.charDim]); // [N, C, E]
    return this.lstm.last(emb, mask); // [N, 2H]
  }
}
