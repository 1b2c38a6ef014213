/** @file An embedding table [V, D] and its lookup by ids known on the host (the embedding op, fused/embedding.ts). */
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from '../fused/embedding';
import { ParamStore, uniformValues, type Rng } from './params';

export class Embedding {
  readonly table: tf.Variable<tf.Rank.R2>; // [V, D]

  /** `rows` (id -> [D] vector, e.g. pre-trained word vectors) replace the random start of those ids. */
  constructor(store: ParamStore, name: string, vocabSize: number, dim: number, rng: Rng, rows?: ReadonlyMap<number, Float32Array>) {
    // Uniform in +-sqrt(3 / D), as Ma & Hovy (2016) initialise their random embeddings. Drawn for every row even
    // when some are replaced, so the rest of the model starts the same with or without `rows`.
    const values = uniformValues(vocabSize * dim, Math.sqrt(3 / dim), rng);
    for (const [id, row] of rows ?? []) {
      if (row.length !== dim) throw new Error(`${name}: the vector for id ${id} has ${row.length} dimensions, the embeddings have ${dim}`);
      if (id < 0 || id >= vocabSize) throw new Error(`${name}: id ${id} is outside the vocabulary of ${vocabSize}`);
      values.set(row, id * dim);
    }
    this.table = store.add(name, [vocabSize, dim], values) as tf.Variable<tf.Rank.R2>;
  }

  /** ids [N] -> [N, D] */
  lookup(ids: Int32Array): tf.Tensor2D {
    return embeddingLookup(this.table, ids);
  }
}
