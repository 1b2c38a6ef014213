/** @file A dense layer x W + b (the dense op, fused/dense.ts): the emission head, the transformer's projections. */
import * as tf from '@tensorflow/tfjs';
import { dense } from '../fused/dense';
import { glorotValues, ParamStore, type Rng } from './params';

export class Linear {
  readonly kernel: tf.Variable<tf.Rank.R2>; // [in, out]
  readonly bias: tf.Variable<tf.Rank.R1>; // [out]

  constructor(store: ParamStore, name: string, inDim: number, outDim: number, rng: Rng) {
    this.kernel = store.add(`${name}.kernel`, [inDim, outDim], glorotValues(inDim, outDim, rng)) as tf.Variable<tf.Rank.R2>;
    this.bias = store.add(`${name}.bias`, [outDim], new Float32Array(outDim)) as tf.Variable<tf.Rank.R1>;
  }

  /** [N, in] -> [N, out] */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return dense(x, this.kernel, this.bias);
  }
}
