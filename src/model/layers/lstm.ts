/**
 * @file One LSTM direction's variables; the recurrence itself is the LSTM layer op (fused/lstm.ts), fused on
 * backends that have its kernels and unrolled plain tf ops elsewhere. Padded steps leave the state unchanged and
 * output zeros.
 */
import * as tf from '@tensorflow/tfjs';
import { lstmLayer } from '../fused/lstm';
import { glorotValues, ParamStore, type Rng } from './params';

export class Lstm {
  /** [D + H, 4H]: rows for [x, h], columns for the gates i, f, g, o. */
  readonly kernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>; // [4H]

  constructor(
    store: ParamStore,
    name: string,
    readonly inputDim: number,
    readonly hidden: number,
    rng: Rng,
  ) {
    const H = hidden;
    this.kernel = store.add(`${name}.kernel`, [inputDim + H, 4 * H], glorotValues(inputDim + H, 4 * H, rng)) as tf.Variable<tf.Rank.R2>;
    const bias = new Float32Array(4 * H);
    bias.fill(1, H, 2 * H); // forget-gate bias 1: remember by default early in training
    this.bias = store.add(`${name}.bias`, [4 * H], bias) as tf.Variable<tf.Rank.R1>;
  }

  /**
   * @param x [B, T, D]
   * @param mask [B, T] float, 1 for real steps; a padded step leaves the state as it was, so
   *   leading padding (the backward direction's) keeps the zero initial state
   * @returns [B, T, H], zeros at padded steps
   */
  run(x: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
    return lstmLayer(x, mask, [this]);
  }
}
