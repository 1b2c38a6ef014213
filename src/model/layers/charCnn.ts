/**
 * @file Character CNN word features (Ma & Hovy 2016): char embeddings, a width-k convolution over
 * each word's characters, tanh, and a max over positions. The convolution is written as shifted
 * slices and one matMul because conv1d's filter gradient (Conv2DBackpropFilter) is missing on wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { matMul } from './matMul';
import { Embedding } from './embedding';
import { maxOverAxis } from './reductions';
import { glorotValues, ParamStore, type Rng } from './params';

export class CharCnn {
  readonly embedding: Embedding;
  /** [k * E, F]: row j * E + e weighs char dim e at window offset j. */
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable; // [F]

  constructor(
    store: ParamStore,
    charVocabSize: number,
    readonly charDim: number,
    readonly filters: number,
    readonly width: number,
    rng: Rng,
  ) {
    this.embedding = new Embedding(store, 'char_embeddings', charVocabSize, charDim, rng);
    this.kernel = store.add('char_cnn.kernel', [width * charDim, filters], glorotValues(width * charDim, filters, rng));
    this.bias = store.add('char_cnn.bias', [filters], new Float32Array(filters));
  }

  /**
   * @param chars [N, C] int32 char ids, 0 = padding
   * @param charMask [N, C] float, 1 for real chars (computed outside the gradient)
   * @returns [N, F]; a word with no chars gets -1 everywhere (it is a padded token, masked later)
   */
  apply(chars: tf.Tensor2D, charMask: tf.Tensor2D): tf.Tensor2D {
    const [N, C] = chars.shape;
    const E = this.charDim;
    const m = charMask.reshape<tf.Tensor3D>([N, C, 1]); // [N, C, 1]
    // Padding chars contribute zeros, exactly like a convolution's zero padding.
    const emb = this.embedding.lookup(chars.reshape<tf.Tensor1D>([N * C])).reshape<tf.Tensor3D>([N, C, E]).mul<tf.Tensor3D>(m); // [N, C, E]
    const left = Math.floor((this.width - 1) / 2);
    const padded = tf.pad<tf.Tensor3D>(emb, [
      [0, 0],
      [left, this.width - 1 - left],
      [0, 0],
    ]); // [N, C + k - 1, E]
    const windows: tf.Tensor3D[] = [];
    for (let j = 0; j < this.width; j++) windows.push(tf.slice(padded, [0, j, 0], [N, C, E]));
    const stacked = tf.concat(windows, 2).reshape<tf.Tensor2D>([N * C, this.width * E]); // [N*C, k*E]
    const conv = tf.tanh(tf.add(matMul(stacked, this.kernel), this.bias)).reshape([N, C, this.filters]); // [N, C, F]
    // tanh >= -1, so setting padding positions to -1 means they never beat a real char.
    const masked = conv.mul(m).add(m.sub(1)); // [N, C, F]
    return maxOverAxis<tf.Tensor2D>(masked, 1); // [N, F]
  }
}
