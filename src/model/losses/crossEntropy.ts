/**
 * @file `cross_entropy`: softmax cross-entropy of each real token's gold label. With `class_weights`
 * w, the weighted mean sum_t w[y_t] nll_t / sum_t w[y_t] (PyTorch's CrossEntropyLoss(weight=w)).
 */
import * as tf from '@tensorflow/tfjs';
import { oneHotLabels } from '../crf';
import { perLabelValues } from '../../core/losses/lossData';
import { crossEntropyPerToken, goldValue, logSoftmax, maskedMean } from './tokenOps';
import type { LossFactory } from './types';

/** Mean (or weighted mean) cross-entropy of scores [B, T, V] against ids [B, T] over the tokens where mask is 1. */
export function tokenCrossEntropy(scores: tf.Tensor3D, ids: tf.Tensor2D, mask: tf.Tensor2D, weights?: Float32Array): tf.Scalar {
  const gold = oneHotLabels(ids, scores.shape[2]); // [B, T, V]
  const nll = crossEntropyPerToken(gold, logSoftmax(scores)); // [B, T]
  if (!weights) return maskedMean(nll, mask);
  const w = tf.mul(goldValue(gold, weights), mask); // [B, T]
  return tf.div(tf.sum(tf.mul(nll, w)), tf.maximum(tf.sum(w), 1e-12));
}

export const crossEntropyLoss: LossFactory = {
  create: (ctx) => {
    const weights = ctx.params.class_weights === undefined ? undefined : perLabelValues(ctx.params.class_weights, ctx.data);
    return { variables: [], compute: (x) => tokenCrossEntropy(x.emissions, x.labels, x.mask, weights) };
  },
};
