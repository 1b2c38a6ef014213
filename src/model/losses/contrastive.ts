/**
 * @file `contrastive`: a margin loss on the encoder's hidden states (Hadsell et al. 2006 with cosine
 * distance). Each token's class is the entity type of its gold label (O is a class of its own). Up to
 * `max_tokens` real tokens of the batch are taken, deterministically (contrastiveAnchors); over every
 * pair i < j of them, with d_ij = 1 - cos(h_i, h_j),
 *   same class:      d_ij^2                      (pulled together)
 *   different class: max(0, margin - d_ij)^2     (pushed apart until their distance reaches margin)
 * averaged over the pairs. It trains the encoder only, so it comes with the CRF or a token loss.
 */
import * as tf from '@tensorflow/tfjs';
import { entityTypesOf } from '../../core/losses/lossData';
import { matMul } from '../layers/matMul';
import type { HostBatch, LossFactory } from './types';

/** n items of `list` spread evenly: list[floor(j * len / n)]. */
function spread(list: number[], n: number): number[] {
  return Array.from({ length: n }, (_, j) => list[Math.floor((j * list.length) / n)]);
}

/**
 * The tokens (flat indices into [B*T]) that form the pairs, and their classes: half the budget for
 * entity tokens and half for O tokens (a side with fewer leaves the rest to the other), each taken
 * evenly spaced in batch order. The same batch always gives the same pairs.
 */
export function contrastiveAnchors(batch: HostBatch, typeOfLabel: Int32Array, maxTokens: number): { indices: Int32Array; classes: Int32Array } {
  const entity: number[] = [];
  const outside: number[] = [];
  for (let i = 0; i < batch.size * batch.maxLen; i++) {
    if (batch.mask[i] > 0) (typeOfLabel[batch.labels[i]] >= 0 ? entity : outside).push(i);
  }
  const nEntity = Math.min(entity.length, Math.max(Math.floor(maxTokens / 2), maxTokens - outside.length));
  const nOutside = Math.min(outside.length, maxTokens - nEntity);
  const indices = Int32Array.from([...spread(entity, nEntity), ...spread(outside, nOutside)]);
  return { indices, classes: Int32Array.from(indices, (i) => typeOfLabel[batch.labels[i]]) };
}

export const contrastiveLoss: LossFactory = {
  create: (ctx) => {
    const margin = ctx.params.margin as number;
    const maxTokens = ctx.params.max_tokens as number;
    const { typeOfLabel } = entityTypesOf(ctx.data.labels);
    return {
      variables: [],
      compute: (x) => {
        if (!x.hidden) throw new Error("loss 'contrastive' needs the encoder's hidden states");
        const [B, T, H] = x.hidden.shape;
        const { indices, classes } = contrastiveAnchors(x.batch, typeOfLabel, maxTokens);
        const M = indices.length;
        if (M < 2) return tf.scalar(0);
        const same = new Float32Array(M * M); // [M, M], pairs i < j only
        const different = new Float32Array(M * M);
        for (let i = 0; i < M; i++) for (let j = i + 1; j < M; j++) (classes[i] === classes[j] ? same : different)[i * M + j] = 1;
        const h = tf.gather(x.hidden.reshape([B * T, H]), tf.tensor1d(indices, 'int32')); // [M, H]
        const unit = tf.div(h, tf.sqrt(tf.add(tf.sum(tf.square(h), 1, true), 1e-12))); // [M, H]
        const distance = tf.sub(1, matMul(unit, tf.transpose(unit))); // [M, M]
        const pull = tf.mul(tf.square(distance), tf.tensor2d(same, [M, M]));
        const push = tf.mul(tf.square(tf.relu(tf.sub(margin, distance))), tf.tensor2d(different, [M, M]));
        return tf.div(tf.sum(tf.add(pull, push)), (M * (M - 1)) / 2) as tf.Scalar;
      },
    };
  },
};
