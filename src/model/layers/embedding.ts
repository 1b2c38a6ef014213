/** @file Embedding lookup: rows of a [V, D] table picked with tf.gather (whose gradient needs UnsortedSegmentSum). */
import * as tf from '@tensorflow/tfjs';
import { ParamStore, uniformValues, type Rng } from './params';

export class Embedding {
  readonly table: tf.Variable; // [V, D]

  constructor(store: ParamStore, name: string, vocabSize: number, dim: number, rng: Rng) {
    // Uniform in +-sqrt(3 / D), as Ma & Hovy (2016) initialise their random embeddings.
    this.table = store.add(name, [vocabSize, dim], uniformValues(vocabSize * dim, Math.sqrt(3 / dim), rng));
  }

  /** ids [N] int32 -> [N, D] */
  lookup(ids: tf.Tensor1D): tf.Tensor2D {
    return tf.gather(this.table, ids) as tf.Tensor2D;
  }
}
