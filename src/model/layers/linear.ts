/** @file A dense layer x W + b, the emission head of the tagger. */
import * as tf from '@tensorflow/tfjs';
import { matMul } from './matMul';
import { glorotValues, ParamStore, type Rng } from './params';

export class Linear {
  readonly kernel: tf.Variable; // [in, out]
  readonly bias: tf.Variable; // [out]

  constructor(store: ParamStore, name: string, inDim: number, outDim: number, rng: Rng) {
    this.kernel = store.add(`${name}.kernel`, [inDim, outDim], glorotValues(inDim, outDim, rng));
    this.bias = store.add(`${name}.bias`, [outDim], new Float32Array(outDim));
  }

  /** [N, in] -> [N, out] */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(matMul(x, this.kernel), this.bias);
  }
}
