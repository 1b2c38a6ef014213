/**
 * @file Multi-head scaled dot-product self-attention (Vaswani et al. 2017) over padded batches: padded keys get a
 * large negative score before the softmax, so no real token attends to padding. Heads are folded into the batch
 * axis so that every product is one 3-D batchMatMul (rank-3 is what each backend's BatchMatMul takes as is).
 */
import * as tf from '@tensorflow/tfjs';
import { Linear } from './linear';
import { batchMatMul } from './matMul';
import type { ParamStore, Rng } from './params';

/** Added to the score of a padded key: exp() of it is 0 in float32, while the scores stay finite. */
export const MASKED_SCORE = -1e9;

/** [B, T] mask (1 = real token) -> the additive key bias [B, 1, 1, T]: 0 for real keys, MASKED_SCORE for padding. */
export function keyBias(mask: tf.Tensor2D): tf.Tensor4D {
  const [B, T] = mask.shape;
  return tf.mul(tf.sub(1, mask), MASKED_SCORE).reshape<tf.Tensor4D>([B, 1, 1, T]);
}

export class SelfAttention {
  /** [D, 3D]: query, key and value projections side by side. */
  readonly qkv: Linear;
  readonly out: Linear; // [D, D]
  readonly headDim: number;

  constructor(
    store: ParamStore,
    name: string,
    readonly dim: number,
    readonly heads: number,
    rng: Rng,
  ) {
    if (dim % heads !== 0) throw new Error(`${name}: width ${dim} is not a multiple of ${heads} heads`);
    this.headDim = dim / heads;
    this.qkv = new Linear(store, `${name}.qkv`, dim, 3 * dim, rng);
    this.out = new Linear(store, `${name}.out`, dim, dim, rng);
  }

  /**
   * @param x [B*T, D] token states, rows sentence by sentence
   * @param bias [B, 1, 1, T] from keyBias
   * @returns [B*T, D]
   */
  apply(x: tf.Tensor2D, bias: tf.Tensor4D, B: number, T: number): tf.Tensor2D {
    const { heads: h, headDim: d } = this;
    const [q, k, v] = tf.split(this.qkv.apply(x), 3, 1).map((part) =>
      tf.transpose(part.reshape([B, T, h, d]), [0, 2, 1, 3]).reshape<tf.Tensor3D>([B * h, T, d]),
    ); // 3 x [B*h, T, d]
    const scaled = tf.mul<tf.Tensor3D>(q, 1 / Math.sqrt(d)); // [B*h, T, d]
    const scores = batchMatMul(scaled, tf.transpose<tf.Tensor3D>(k, [0, 2, 1])).reshape<tf.Tensor4D>([B, h, T, T]); // [B, h, T(query), T(key)]
    const weights = tf.softmax(tf.add(scores, bias)).reshape<tf.Tensor3D>([B * h, T, T]); // [B*h, T, T], rows sum to 1
    const mixed = batchMatMul(weights, v); // [B*h, T, d]
    const merged = tf.transpose(mixed.reshape([B, h, T, d]), [0, 2, 1, 3]).reshape<tf.Tensor2D>([B * T, h * d]); // [B*T, D]
    return this.out.apply(merged);
  }
}
