/**
 * @file Seeded dropout, the one implementation for every encoder: each call draws a fresh seed from the model's
 * generator, so a run with the same seed and batch order drops the same units on every backend.
 *
 * The mask is drawn in one JavaScript loop (core/rng's mulberry32) and applied with one multiplication. tf.dropout drew it
 * with tfjs' seeded alea generator element by element and then took four ops (random, add, floor, divide) before
 * the multiplication: 4 % of a wasm training step of bilstm-small in Chromium's CPU profile, and three extra GPU
 * dispatches per call on webgpu, where the random numbers were drawn on the CPU and uploaded all the same.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from './params';

/**
 * x with each element kept with probability 1 - rate and scaled by 1 / (1 - rate), or zeroed; the mask is a
 * function of the seed alone. Differentiable in x (the gradient is the same mask).
 */
export function dropoutWithSeed<T extends tf.Tensor>(x: T, rate: number, seed: number): T {
  const scale = 1 / (1 - rate);
  const threshold = (1 - rate) * 4294967296; // keep where the 32-bit draw u has u / 2^32 < 1 - rate
  const mask = new Float32Array(x.size);
  // makeRng's mulberry32, inlined: a closure call per element cost 25 ns, several times the arithmetic.
  let a = seed >>> 0;
  for (let i = 0; i < mask.length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    mask[i] = (t ^ (t >>> 14)) >>> 0 < threshold ? scale : 0;
  }
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
