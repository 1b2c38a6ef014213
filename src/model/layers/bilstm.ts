/**
 * @file Bidirectional LSTM over padded batches. The backward direction must read each sentence
 * from its own last word: the whole padded batch is flipped in time, which puts padding first,
 * and the masked LSTM keeps its zero initial state through those padded steps, so it starts at
 * the last real word exactly as if each sentence had been reversed within its length. tf.reverse
 * (unlike a per-sentence tf.gather) has a cheap gradient on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { Lstm } from './lstm';
import type { ParamStore, Rng } from './params';

export class BiLstm {
  readonly fw: Lstm;
  readonly bw: Lstm;

  /** Variables are `${name}.fw.kernel` and so on; the first layer's name 'bilstm' is what checkpoints hold. */
  constructor(store: ParamStore, inputDim: number, hidden: number, rng: Rng, name = 'bilstm') {
    this.fw = new Lstm(store, `${name}.fw`, inputDim, hidden, rng);
    this.bw = new Lstm(store, `${name}.bw`, inputDim, hidden, rng);
  }

  /** x [B, T, D], mask [B, T] (real tokens first) -> [B, T, 2H]: forward then backward features. */
  run(x: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
    const forward = this.fw.run(x, mask); // [B, T, H]
    const backward = tf.reverse(this.bw.run(tf.reverse(x, 1), tf.reverse(mask, 1)), 1); // [B, T, H]
    return tf.concat([forward, backward], 2);
  }

  /** x [B, T, D], mask [B, T] (real steps first) -> [B, 2H]: the forward state after the last real step, then the backward state after the first. */
  last(x: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
    const forward = this.fw.last(x, mask); // [B, H]
    const backward = this.bw.last(tf.reverse(x, 1), tf.reverse(mask, 1)); // [B, H]
    return tf.concat([forward, backward], 1);
  }
}
