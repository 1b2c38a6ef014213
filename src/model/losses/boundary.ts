/**
 * @file `boundary`: a soft span-overlap (IoU) term. For entity type c, u_tc is the probability that
 * token t is inside an entity of type c (the softmax mass of B-c, I-c, E-c, S-c...) and g_tc is 1 when
 * its gold label has type c. Over the batch's real tokens,
 *   IoU_c = (sum_t u_tc g_tc + smooth) / (sum_t (u_tc + g_tc - u_tc g_tc) + smooth)
 * the soft Jaccard index of the token sets the predicted and gold spans of type c cover; loss =
 * 1 - mean_c IoU_c. Predicted spans gain by overlapping gold spans of their type and lose by spilling
 * over; it says nothing of B- versus I-, so it always comes with the CRF or a token loss (lossRules.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { entityTypesOf } from '../../core/losses/lossData';
import { matMul } from '../layers/matMul';
import { goldOneHot, logSoftmax } from './tokenOps';
import type { LossFactory } from './types';

export const boundaryLoss: LossFactory = {
  create: (ctx) => {
    const smooth = ctx.params.smooth as number;
    const K = ctx.numLabels;
    const { types, typeOfLabel } = entityTypesOf(ctx.data.labels);
    const C = types.length;
    const membership = new Float32Array(K * C); // [K, C]: label k is inside type c
    typeOfLabel.forEach((c, k) => c >= 0 && (membership[k * C + c] = 1));
    return {
      variables: [],
      compute: (x) => {
        const [B, T] = x.mask.shape;
        const R = tf.tensor2d(membership, [K, C]);
        const m = x.mask.reshape([B * T, 1]); // [B*T, 1]
        const inside = matMul(tf.exp(logSoftmax(x.emissions)).reshape([B * T, K]), R); // [B*T, C] soft
        const gold = matMul(goldOneHot(x).reshape([B * T, K]), R); // [B*T, C] 0/1
        const inter = tf.sum(tf.mul(tf.mul(inside, gold), m), 0); // [C]
        const union = tf.sum(tf.mul(tf.sub(tf.add(inside, gold), tf.mul(inside, gold)), m), 0); // [C]
        const iou = tf.div(tf.add(inter, smooth), tf.add(union, smooth)); // [C]
        return tf.sub(1, tf.mean(iou)) as tf.Scalar;
      },
    };
  },
};
