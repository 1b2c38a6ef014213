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
}
