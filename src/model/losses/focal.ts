/**
 * @file `focal` (Lin et al. 2017): per real token -alpha[y] (1 - p_y)^gamma log p_y, averaged over
 * real tokens. 1 - p_y is the probability mass on the other labels; alpha is 1 per label unless
 * given, or derived from the training label counts with 'auto' (core/lossData.ts balancedLabelWeights).
 */
import * as tf from '@tensorflow/tfjs';
import { perLabelValues } from '../../core/losses/lossData';
import { goldOneHot, goldValue, logSoftmax, maskedMean } from './tokenOps';
import type { LossFactory } from './types';

export const focalLoss: LossFactory = {
  create: (ctx) => {
    const gamma = ctx.params.gamma as number;
    const alpha = ctx.params.alpha === undefined ? null : perLabelValues(ctx.params.alpha, ctx.data);
    return {
      variables: [],
      compute: (x) => {
        const gold = goldOneHot(x); // [B, T, K]
        const logProbs = logSoftmax(x.emissions); // [B, T, K]
        const logGold = tf.sum(tf.mul(gold, logProbs), 2); // [B, T]
        // (1 - p_y)^gamma as exp(gamma log(.)): pow's gradient is NaN at 0 for gamma < 1; 1e-12 keeps log finite.
        const others = tf.sum(tf.mul(tf.sub(1, gold), tf.exp(logProbs)), 2); // [B, T]
        const focus = gamma === 0 ? tf.onesLike(others) : tf.exp(tf.mul(gamma, tf.log(tf.add(others, 1e-12))));
        let perToken = tf.neg(tf.mul(focus, logGold)); // [B, T]
        if (alpha) perToken = tf.mul(perToken, goldValue(gold, alpha));
        return maskedMean(perToken, x.mask);
      },
    };
  },
};
