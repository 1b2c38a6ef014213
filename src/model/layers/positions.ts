/**
 * @file Token positions for the transformer: the fixed sinusoids of Vaswani et al. (2017), or a learned vector per
 * position (as BERT). Both give [T, D] to add to the token states.
 */
import * as tf from '@tensorflow/tfjs';
import { Embedding } from './embedding';
import type { ParamStore, Rng } from './params';

/** PE[t, 2i] = sin(t / 10000^(2i/D)), PE[t, 2i+1] = cos(t / 10000^(2i/D)); row-major [T, D]. */
export function sinusoidTable(T: number, D: number): Float32Array<ArrayBuffer> {
  const out = new Float32Array(T * D);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < D; i += 2) {
      const angle = t / 10000 ** (i / D);
      out[t * D + i] = Math.sin(angle);
      if (i + 1 < D) out[t * D + i + 1] = Math.cos(angle);
    }
  }
  return out;
}

export interface Positions {
  /** [T, D] for positions 0..T-1. Call inside tf.tidy. */
  apply(T: number): tf.Tensor2D;
}

export class SinusoidalPositions implements Positions {
  private table: Float32Array<ArrayBuffer> = new Float32Array(0);
  private rows = 0;

  constructor(readonly dim: number) {}

  apply(T: number): tf.Tensor2D {
    // Kept between calls: batches come in many lengths, and the table only grows to the longest.
    if (T > this.rows) {
      this.rows = Math.max(T, 2 * this.rows);
      this.table = sinusoidTable(this.rows, this.dim);
    }
    return tf.tensor2d(this.table.subarray(0, T * this.dim), [T, this.dim]);
  }
}

export class LearnedPositions implements Positions {
  readonly embedding: Embedding; // [maxPositions, D]

  constructor(
    store: ParamStore,
    name: string,
    readonly maxPositions: number,
    dim: number,
    rng: Rng,
  ) {
    this.embedding = new Embedding(store, name, maxPositions, dim, rng);
  }

  /** Positions past maxPositions - 1 share the last learned vector. */
  apply(T: number): tf.Tensor2D {
    const ids = Int32Array.from({ length: T }, (_, t) => Math.min(t, this.maxPositions - 1));
    return this.embedding.lookup(ids); // [T, D]
  }
}
