/**
 * @file `dice`: the self-adjusting dice loss of Li et al. 2020 ("Dice Loss for Data-imbalanced NLP
 * Tasks", Eq. 12), one-vs-rest per label with the soft counts summed over the batch's real tokens:
 *   s_tk = (1 - p_tk)^alpha * p_tk
 *   DSC_k = (2 sum_t s_tk y_tk + gamma) / (sum_t s_tk + sum_t y_tk + gamma)
 *   loss = 1 - mean_k DSC_k
 * with y the gold one-hot and gamma the smoothing constant (`smooth`). Every label weighs the same
 * whatever its frequency, which is what helps rare entity labels against O.
 */
import * as tf from '@tensorflow/tfjs';
import { goldOneHot, logSoftmax } from './tokenOps';
import type { LossFactory } from './types';

export const diceLoss: LossFactory = {
  create: (ctx) => {
    const alpha = ctx.params.alpha as number;
    const smooth = ctx.params.smooth as number;
    return {
      variables: [],
      compute: (x) => {
        const [B, T] = x.mask.shape;
        const m = x.mask.reshape([B, T, 1]); // [B, T, 1]
        const gold = tf.mul(goldOneHot(x), m); // [B, T, K], 0 at padding
        const p = tf.exp(logSoftmax(x.emissions)); // [B, T, K]
        const s = alpha === 0 ? p : tf.mul(tf.exp(tf.mul(alpha, tf.log(tf.add(tf.sub(1, p), 1e-12)))), p); // [B, T, K]
        const sm = tf.mul(s, m);
        const inter = tf.sum(tf.mul(sm, gold), [0, 1]); // [K]
        const dsc = tf.div(tf.add(tf.mul(inter, 2), smooth), tf.add(tf.add(tf.sum(sm, [0, 1]), tf.sum(gold, [0, 1])), smooth)); // [K]
        return tf.sub(1, tf.mean(dsc)) as tf.Scalar;
      },
    };
  },
};
