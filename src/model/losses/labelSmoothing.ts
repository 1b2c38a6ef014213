/**
 * @file `label_smoothing` (Szegedy et al. 2016): cross-entropy against the target
 * q = (1 - epsilon) * onehot(gold) + epsilon / K, averaged over real tokens.
 */
import * as tf from '@tensorflow/tfjs';
import { crossEntropyPerToken, goldOneHot, logSoftmax, maskedMean } from './tokenOps';
import type { LossFactory } from './types';

export const labelSmoothingLoss: LossFactory = {
  create: (ctx) => {
    const epsilon = ctx.params.epsilon as number;
    const K = ctx.numLabels;
    return {
      variables: [],
      compute: (x) => {
        const target = tf.add(tf.mul(goldOneHot(x), 1 - epsilon), epsilon / K) as tf.Tensor3D; // [B, T, K]
        return maskedMean(crossEntropyPerToken(target, logSoftmax(x.emissions)), x.mask);
      },
    };
  },
};
