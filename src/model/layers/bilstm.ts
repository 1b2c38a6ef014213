/**
 * @file Bidirectional LSTM over padded batches: both directions are one LSTM layer op (fused/lstm.ts). The backward
 * direction reads each sentence from its own last word, exactly as if each sentence had been reversed within its
 * length.
 */
import * as tf from '@tensorflow/tfjs';
import { lstmLayer } from '../fused/lstm';
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
    return lstmLayer(x, mask, [this.fw, this.bw]);
  }

  /**
   * x [B, T, D], mask [B, T] (real steps first) -> [B, 2H]: the forward state after the last real step, then the
   * backward state after the first, read from run's outputs (zeros for a row with no real step).
   */
  last(x: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
    const [B, T] = mask.shape;
    const outputs = this.run(x, mask); // [B, T, 2H]
    const H = outputs.shape[2] / 2;
    // 1 at each row's last real step: mask[t] and not mask[t + 1].
    const next = tf.concat([tf.slice(mask, [0, 1], [B, T - 1]), tf.zeros([B, 1])], 1);
    const atLast = tf.mul(mask, tf.sub(1, next)).reshape([B, T, 1]); // [B, T, 1]
    const forward = tf.sum(tf.mul(tf.slice(outputs, [0, 0, 0], [B, T, H]), atLast), 1); // [B, H]
    const backward = tf.slice(outputs, [0, 0, H], [B, 1, H]).reshape([B, H]); // [B, H]
    return tf.concat([forward, backward], 1) as tf.Tensor2D;
  }
}
