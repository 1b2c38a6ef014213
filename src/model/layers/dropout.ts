/**
 * @file Seeded dropout, the one implementation for every encoder: each call draws a fresh seed from the model's
 * generator, so a run with the same seed and batch order drops the same units on every backend.
 *
 * The mask is drawn in one JavaScript loop (mulberry32) and applied with one multiplication. tf.dropout drew it
 * with tfjs' seeded alea generator element by element and then took four ops (random, add, floor, divide) before
 * the multiplication: 4 % of a wasm training step of bilstm-small in Chromium's CPU profile, and three extra GPU
 * dispatches per call on webgpu, where the random numbers were drawn on the CPU and uploaded all the same.
 */
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../../core/rng';
import type { Rng } from './params';

/**
 * x with each element kept with probability 1 - rate and scaled by 1 / (1 - rate), or zeroed; the mask is a
 * function of the seed alone. Differentiable in x (the gradient is the same mask).
 */
export function dropoutWithSeed<T extends tf.Tensor>(x: T, rate: number, seed: number): T {
  const keep = 1 - rate;
  const scale = 1 / keep;
  const random = makeRng(seed);
  const mask = new Float32Array(x.size);
  for (let i = 0; i < mask.length; i++) mask[i] = random() < keep ? scale : 0;
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
