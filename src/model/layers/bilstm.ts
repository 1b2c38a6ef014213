/**
 * @file Bidirectional LSTM over padded batches. The backward direction reads each sentence
 * reversed within its own length (padding stays at the end), so it starts at the last real word.
 */
import * as tf from '@tensorflow/tfjs';
import { Lstm } from './lstm';
import type { ParamStore, Rng } from './params';

/** Row index into a flattened [B*T] batch that reverses each sentence's first `length` steps. */
export function reversalIndices(lengths: number[], T: number): Int32Array {
  const idx = new Int32Array(lengths.length * T);
  lengths.forEach((n, b) => {
    for (let t = 0; t < T; t++) idx[b * T + t] = b * T + (t < n ? n - 1 - t : t);
  });
  return idx;
}

export class BiLstm {
  readonly fw: Lstm;
  readonly bw: Lstm;

  constructor(store: ParamStore, inputDim: number, hidden: number, rng: Rng) {
    this.fw = new Lstm(store, 'bilstm.fw', inputDim, hidden, rng);
    this.bw = new Lstm(store, 'bilstm.bw', inputDim, hidden, rng);
  }

  /** x [B, T, D], mask [B, T] -> [B, T, 2H] (forward then backward features). */
  run(x: tf.Tensor3D, mask: tf.Tensor2D, lengths: number[]): tf.Tensor3D {
    const [B, T, D] = x.shape;
    const H = this.bw.hidden;
    const forward = this.fw.run(x, mask);
    // The reversal is its own inverse, so one index tensor maps there and back.
    const idx = tf.tensor1d(reversalIndices(lengths, T), 'int32');
    const reversed = tf.gather(x.reshape([B * T, D]), idx).reshape([B, T, D]); // [B, T, D]
    const backward = this.bw.run(reversed as tf.Tensor3D, mask);
    const restored = tf.gather(backward.reshape([B * T, H]), idx).reshape([B, T, H]); // [B, T, H]
    return tf.concat([forward, restored as tf.Tensor3D], 2);
  }
}
