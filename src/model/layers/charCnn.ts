/**
 * @file Character CNN word features (Ma & Hovy 2016): char embeddings, a width-k convolution over
 * each word's characters, tanh, and a max over positions. The convolution is written as shifted
 * slices and one matMul because conv1d's filter gradient (Conv2DBackpropFilter) is missing on wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { dense } from '../fused/dense';
import { Embedding } from './embedding';
import { maxOverAxis } from './reductions';
import { glorotValues, ParamStore, type Rng } from './params';

export class CharCnn {
  readonly embedding: Embedding;
  /** [k * E, F]: row j * E + e weighs char dim e at window offset j. */
  readonly kernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>; // [F]

  constructor(
    store: ParamStore,
    charVocabSize: number,
    readonly charDim: number,
    readonly filters: number,
    readonly width: number,
    rng: Rng,
  ) {
    this.embedding = new Embedding(store, 'char_embeddings', charVocabSize, charDim, rng);
    this.kernel = store.add('char_cnn.kernel', [width * charDim, filters], glorotValues(width * charDim, filters, rng)) as tf.Variable<tf.Rank.R2>;
    this.bias = store.add('char_cnn.bias', [filters], new Float32Array(filters)) as tf.Variable<tf.Rank.R1>;
  }

  /**
   * @param chars [N * C] char ids of N words, C per word, 0 = padding
   * @returns [N, F]; a word with no chars gets -1 everywhere (it is a padded token, masked later)
   */
  apply(chars: Int32Array, N: number, C: number): tf.Tensor2D {
    const E = this.charDim;
    // The char mask is computed here, outside the gradient (no gradient for comparisons).
    const m = tf.tensor3d(Float32Array.from(chars, (c) => (c > 0 ? 1 : 0)), [N, C, 1]); // [N, C, 1]
    // Padding chars contribute zeros, exactly like a convolution's zero padding.
    const emb = this.embedding.lookup(chars).reshape<tf.Tensor3D>([N, C, E]).mul<tf.Tensor3D>(m); // [N, C, E]
    const left = Math.floor((this.width - 1) / 2);
    const padded = tf.pad<tf.Tensor3D>(emb, [
      [0, 0],
      [left, this.width - 1 - left],
      [0, 0],
    ]); // [N, C + k - 1, E]
    const windows: tf.Tensor3D[] = [];
    for (let j = 0; j < this.width; j++) windows.push(tf.slice(padded, [0, j, 0], [N, C, E]));
    const stacked = tf.concat(windows, 2).reshape<tf.Tensor2D>([N * C, this.width * E]); // [N*C, k*E]
    const conv = dense(stacked, this.kernel, this.bias, 'tanh').reshape([N, C, this.filters]); // [N, C, F]
    // tanh >= -1, so setting padding positions to -1 means they never beat a real char.
    const masked = conv.mul(m).add(m.sub(1)); // [N, C, F]
    return maxOverAxis<tf.Tensor2D>(masked, 1); // [N, F]
  }
}
