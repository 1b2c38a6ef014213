/**
 * @file One LSTM direction, unrolled over time with plain tf ops (no tf.layers, so every op has a
 * gradient on cpu, wasm and webgpu). Padded steps leave the state unchanged and output zeros.
 */
import * as tf from '@tensorflow/tfjs';
import { matMul } from './matMul';
import { glorotValues, ParamStore, type Rng } from './params';
import { timeSteps } from './timeSteps';

export class Lstm {
  /** [D + H, 4H]: rows for [x, h], columns for the gates i, f, g, o. */
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable; // [4H]

  constructor(
    store: ParamStore,
    name: string,
    readonly inputDim: number,
    readonly hidden: number,
    rng: Rng,
  ) {
    const H = hidden;
    this.kernel = store.add(`${name}.kernel`, [inputDim + H, 4 * H], glorotValues(inputDim + H, 4 * H, rng));
    const bias = new Float32Array(4 * H);
    bias.fill(1, H, 2 * H); // forget-gate bias 1: remember by default early in training
    this.bias = store.add(`${name}.bias`, [4 * H], bias);
  }

  /**
   * @param x [B, T, D]
   * @param mask [B, T] float, 1 for real steps; a padded step leaves the state as it was, so
   *   leading padding (the backward direction's) keeps the zero initial state
   * @returns [B, T, H], zeros at padded steps
   */
  run(x: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
    return tf.stack(this.unroll(x, mask, true).outputs, 1) as tf.Tensor3D; // [B, T, H]
  }

  /** The state after the last real step of each row [B, H] (padded steps keep it): a sequence's summary. */
  last(x: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
    return this.unroll(x, mask, false).h;
  }

  private unroll(x: tf.Tensor3D, mask: tf.Tensor2D, keepOutputs: boolean): { outputs: tf.Tensor2D[]; h: tf.Tensor2D } {
    const [B, T, D] = x.shape;
    const H = this.hidden;
    const wx = tf.slice(this.kernel, [0, 0], [D, 4 * H]); // [D, 4H]
    const wh = tf.slice(this.kernel, [D, 0], [H, 4 * H]); // [H, 4H]
    // The input half of [x, h] W for all steps at once: one big matMul instead of T small ones.
    const xw = tf.add(matMul(x.reshape<tf.Tensor2D>([B * T, D]), wx), this.bias).reshape<tf.Tensor3D>([B, T, 4 * H]); // [B, T, 4H]
    const xSteps = timeSteps(xw); // T x [B, 4H]
    const mSteps = timeSteps(mask.reshape([B, T, 1])); // T x [B, 1]
    let h: tf.Tensor2D = tf.zeros([B, H]);
    let c: tf.Tensor2D = tf.zeros([B, H]);
    const outputs: tf.Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      const z = tf.add(xSteps[t], matMul(h, wh)); // [B, 4H]
      const [zi, zf, zg, zo] = tf.split(z, 4, 1) as tf.Tensor2D[];
      const cNew = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
      const hNew = tf.mul(tf.sigmoid(zo), tf.tanh(cNew));
      const m = mSteps[t];
      c = tf.add(c, tf.mul(m, tf.sub(cNew, c)));
      h = tf.add(h, tf.mul(m, tf.sub(hNew, h)));
      if (keepOutputs) outputs.push(tf.mul(hNew, m));
    }
    return { outputs, h };
  }
}
