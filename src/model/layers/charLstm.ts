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
   * @param chars [N, C] int32 char ids, 0 = padding (real chars first)
   * @param charMask [N, C] float, 1 for real chars (computed outside the gradient)
   * @returns [N, 2 * hidden]; a word with no chars (a padded token) gets zeros
   */
  apply(chars: tf.Tensor2D, charMask: tf.Tensor2D): tf.Tensor2D {
    const [N, C] = chars.shape;
    const emb = this.embedding.lookup(chars.reshape<tf.Tensor1D>([N * C])).reshape<tf.Tensor3D>([N, C, this.charDim]); // [N, C, E]
    return this.lstm.last(emb, charMask); // [N, 2H]
  }
}
