/**
 * @file One pre-LN transformer encoder block (Xiong et al. 2020): x + attention(LN(x)), then x + FFN(LN(x)), with
 * dropout on each branch. Pre-LN trains without the careful warm-up post-LN needs, which suits small from-scratch runs.
 */
import * as tf from '@tensorflow/tfjs';
import { SelfAttention } from './attention';
import type { SeededDropout } from './dropout';
import { LayerNorm } from './layerNorm';
import { Linear } from './linear';
import type { ParamStore, Rng } from './params';

/**
 * GELU, tanh form (Hendrycks & Gimpel 2016): every op in it has a gradient on cpu, wasm and webgpu. x^3 is two
 * multiplies: tf.pow and its gradient were the slowest ops of a transformer step on wasm.
 */
export function gelu<T extends tf.Tensor>(x: T): T {
  const cube = tf.mul(tf.mul(x, x), x);
  const inner = tf.mul(tf.add(x, tf.mul(cube, 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(inner))) as T;
}

export class TransformerBlock {
  readonly norm1: LayerNorm;
  readonly attention: SelfAttention;
  readonly norm2: LayerNorm;
  readonly ffnIn: Linear; // [D, F]
  readonly ffnOut: Linear; // [F, D]

  constructor(store: ParamStore, name: string, dim: number, heads: number, ffnDim: number, rng: Rng) {
    this.norm1 = new LayerNorm(store, `${name}.norm1`, dim);
    this.attention = new SelfAttention(store, `${name}.attention`, dim, heads, rng);
    this.norm2 = new LayerNorm(store, `${name}.norm2`, dim);
    this.ffnIn = new Linear(store, `${name}.ffn_in`, dim, ffnDim, rng);
    this.ffnOut = new Linear(store, `${name}.ffn_out`, ffnDim, dim, rng);
  }

  /** x [B*T, D], bias [B, 1, 1, T] (attention/keyBias) -> [B*T, D]. Two dropout draws per call when training. */
  apply(x: tf.Tensor2D, bias: tf.Tensor4D, B: number, T: number, dropout: SeededDropout, training: boolean): tf.Tensor2D {
    const attended = this.attention.apply(this.norm1.apply(x), bias, B, T); // [B*T, D]
    const afterAttention = tf.add<tf.Tensor2D>(x, dropout.apply(attended, training)); // [B*T, D]
    const ffn = this.ffnOut.apply(gelu(this.ffnIn.apply(this.norm2.apply(afterAttention)))); // [B*T, D]
    return tf.add(afterAttention, dropout.apply(ffn, training));
  }
}
