/**
 * @file Pieces several losses share: log-softmax over labels, masked token means, the gold one-hot,
 * a stop-gradient (tfjs has none), and the CRF negative log-likelihood.
 */
import * as tf from '@tensorflow/tfjs';
import { crfLogLikelihood, oneHotLabels } from '../crf';
import { logSumExp } from '../layers/reductions';
import type { LossInputs } from './types';

/** log softmax over the last axis of [B, T, K] scores. */
export function logSoftmax(scores: tf.Tensor3D): tf.Tensor3D {
  const [B, T] = scores.shape;
  return tf.sub(scores, logSumExp(scores, 2).reshape([B, T, 1]));
}

/** Gold labels as float one-hot [B, T, K]. */
export function goldOneHot(x: Pick<LossInputs, 'labels' | 'emissions'>): tf.Tensor3D {
  return oneHotLabels(x.labels, x.emissions.shape[2]);
}

/** Mean of per-token values [B, T] over the real tokens; 0 for an all-padding batch. */
export function maskedMean(values: tf.Tensor, mask: tf.Tensor2D): tf.Scalar {
  return tf.div(tf.sum(tf.mul(values, mask)), tf.maximum(tf.sum(mask), 1));
}

/** -sum_k target_k log p_k per token: [B, T]. */
export function crossEntropyPerToken(target: tf.Tensor3D, logProbs: tf.Tensor3D): tf.Tensor2D {
  return tf.neg(tf.sum(tf.mul(target, logProbs), 2));
}

const stop = tf.customGrad((x) => ({
  value: tf.clone(x as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

/** x, with no gradient flowing back through it (tf.stop_gradient). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}

/** Mean negative CRF log-likelihood per sentence. */
export function crfNll({ emissions, labels, mask, crf }: Pick<LossInputs, 'emissions' | 'labels' | 'mask' | 'crf'>): tf.Scalar {
  if (!crf) throw new Error("the CRF likelihood needs the CRF: turn CRF on or choose cross_entropy");
  return tf.neg(tf.mean(crfLogLikelihood(emissions, labels, mask, crf.transitions, crf.start, crf.end)));
}

/** A per-label constant (weights) as the value of each token's gold label: [B, T]. */
export function goldValue(gold: tf.Tensor3D, perLabel: Float32Array): tf.Tensor2D {
  return tf.sum(tf.mul(gold, tf.tensor1d(perLabel)), 2);
}
