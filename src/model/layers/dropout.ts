/**
 * @file Dropout whose masks come from a seeded generator: each call draws a fresh seed for
 * tf.dropout, so a run with the same seed and batch order drops the same units.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from './params';

export class SeededDropout {
  constructor(
    readonly rate: number,
    private readonly rng: Rng,
  ) {}

  apply<T extends tf.Tensor>(x: T, training: boolean): T {
    if (!training || this.rate === 0) return x;
    const seed = Math.floor(this.rng() * 2 ** 31);
    return tf.dropout(x, this.rate, undefined, seed) as T;
  }
}
