/**
 * @file Seeded dropout, the one implementation for every encoder: each call draws a fresh seed from the model's
 * generator, so a run with the same seed and batch order drops the same units on every backend.
 *
 * The mask is exactly tf.dropout's for the same seed (tfjs' seedrandom alea draws, rounded to float32, kept where
 * draw + keep >= 1, scaled by 1 / keep), so seeded runs repeat those made with tf.dropout bit for bit. It is drawn
 * in one loop and applied with one multiplication: tf.dropout called the generator through two closures per element
 * and then took four ops (random, add, floor, divide) before the multiplication, 4 % of a wasm training step of
 * bilstm-small in Chromium's CPU profile and three extra GPU dispatches per call on webgpu (where the draws were
 * made on the CPU and uploaded all the same).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from './params';

const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/** Baagoe's Mash, as seedrandom's alea seeds itself with it: hashes `data` into the running state `n`. */
function mash(state: { n: number }, data: string): number {
  let n = state.n;
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000;
  }
  state.n = n;
  return (n >>> 0) * TWO_TO_MINUS_32;
}

/** The dropout multiplier of every element: 1 / keep where kept, 0 where dropped (tf.dropout's, seed for seed). */
export function dropoutMask(size: number, rate: number, seed: number): Float32Array {
  const keep = Math.fround(1 - rate);
  const scale = Math.fround(1 / keep);
  // seedrandom's alea(String(seed)), as tf.randomUniform builds it.
  const state = { n: 0xefc8249d };
  const text = String(seed);
  let s0 = mash(state, ' ');
  let s1 = mash(state, ' ');
  let s2 = mash(state, ' ');
  s0 -= mash(state, text);
  if (s0 < 0) s0 += 1;
  s1 -= mash(state, text);
  if (s1 < 0) s1 += 1;
  s2 -= mash(state, text);
  if (s2 < 0) s2 += 1;
  let c = 1;
  const mask = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const t = 2091639 * s0 + c * TWO_TO_MINUS_32;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    // floor(draw + keep) in float32, as tf.dropout adds a float32 draw to a float32 keep.
    mask[i] = Math.fround(Math.fround(s2) + keep) >= 1 ? scale : 0;
  }
  return mask;
}

/**
 * x with each element kept with probability 1 - rate and scaled by 1 / (1 - rate), or zeroed; the mask is a
 * function of the seed alone. Differentiable in x (the gradient is the same mask).
 */
export function dropoutWithSeed<T extends tf.Tensor>(x: T, rate: number, seed: number): T {
  const mask = dropoutMask(x.size, rate, seed);
  return tf.tidy(() => tf.mul(x, tf.tensor(mask, x.shape, 'float32'))) as T;
}

/** Dropout with a seed drawn from `rng`; x itself when not training or when the rate is 0. */
export function seededDropout<T extends tf.Tensor>(x: T, rate: number, training: boolean, rng: Rng): T {
  if (!training || rate === 0) return x;
  return dropoutWithSeed(x, rate, Math.floor(rng() * 2 ** 31));
}

export class SeededDropout {
  constructor(
    readonly rate: number,
    private readonly rng: Rng,
  ) {}

  apply<T extends tf.Tensor>(x: T, training: boolean): T {
    return seededDropout(x, this.rate, training, this.rng);
  }
}
