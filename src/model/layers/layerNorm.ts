/** @file Layer normalisation (Ba et al. 2016) over the last axis, written with plain ops so every backend has its gradient. */
import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from './params';

export class LayerNorm {
  readonly gain: tf.Variable; // [D], starts at 1
  readonly bias: tf.Variable; // [D], starts at 0

  constructor(
    store: ParamStore,
    name: string,
    dim: number,
    readonly epsilon = 1e-5,
  ) {
    this.gain = store.add(`${name}.gain`, [dim], new Float32Array(dim).fill(1));
    this.bias = store.add(`${name}.bias`, [dim], new Float32Array(dim));
  }

  /** [N, D] -> [N, D]: each row to mean 0, variance 1, then scaled and shifted. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    const centred = tf.sub(x, tf.mean(x, 1, true)); // [N, D]
    const variance = tf.mean(tf.square(centred), 1, true); // [N, 1]
    return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, this.epsilon))), this.gain), this.bias);
  }
}
