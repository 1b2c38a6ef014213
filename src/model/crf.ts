/**
 * @file Linear-chain CRF log-likelihood in tfjs (Lafferty et al. 2001; Lample et al. 2016): the
 * gold path's score minus the log partition from the forward algorithm in log space. Only ops
 * with gradients on cpu, wasm and webgpu are used: labels enter through oneHot and multiply-sum,
 * never gatherND. Masks are prefixes (real tokens first); crfLogLikelihood gives 0 for an empty
 * sentence, while the score and partition functions expect at least one token.
 */
import * as tf from '@tensorflow/tfjs';
import type { AllowedTransitions } from '../core/tags/constraints';
import { CRF_KERNELS, fusedCrfLogLikelihood } from './fused/crfLikelihood';
import { useFusedKernels } from './fused/kernels';
import { matMul } from './layers/matMul';
import { logSumExp } from './layers/reductions';
import { timeSteps } from './layers/timeSteps';

/** The CRF's parameters: transitions[i, j] scores label i followed by label j. */
export interface CrfParams {
  transitions: tf.Tensor2D; // [K, K]
  start: tf.Tensor1D; // [K]
  end: tf.Tensor1D; // [K]
}

/**
 * Added to a forbidden transition's score. Large enough that a path using one never wins and adds nothing to the
 * partition (exp(-1e4) is 0 in float32), finite so that gradients and the forward algorithm stay finite.
 */
export const FORBIDDEN_SCORE = -1e4;

/**
 * The scores the CRF trains and decodes with: the learned ones plus FORBIDDEN_SCORE where `allowed` says no. The
 * penalty is a constant, so the gradient reaches the learned scores unchanged. Call inside tf.tidy.
 */
export function constrainedScores(params: CrfParams, allowed: AllowedTransitions | null): CrfParams {
  if (!allowed) return params;
  const K = params.start.shape[0];
  const penalty = (ok: boolean[]) => Float32Array.from(ok, (a) => (a ? 0 : FORBIDDEN_SCORE));
  return {
    transitions: tf.add(params.transitions, tf.tensor2d(penalty(allowed.trans), [K, K])),
    start: tf.add(params.start, tf.tensor1d(penalty(allowed.start))),
    end: tf.add(params.end, tf.tensor1d(penalty(allowed.end))),
  };
}

/**
 * Labels [B, T] -> float one-hot [B, T, K]. tfjs-backend-wasm 4.22's OneHot ignores the dtype
 * argument and always writes int32 bits, so it is built as int32 and cast.
 */
export function oneHotLabels(labels: tf.Tensor2D, K: number): tf.Tensor3D {
  const [B, T] = labels.shape;
  return tf.tidy(() => tf.cast(tf.oneHot(tf.cast(labels.reshape([B * T]), 'int32'), K), 'float32').reshape<tf.Tensor3D>([B, T, K]));
}

/** log sum over all label paths of exp(score), per sentence: [B]. */
export function crfLogPartition(
  emissions: tf.Tensor3D,
  mask: tf.Tensor2D,
  trans: tf.Tensor2D,
  start: tf.Tensor1D,
  end: tf.Tensor1D,
): tf.Tensor1D {
  return tf.tidy(() => {
    const [B, T, K] = emissions.shape;
    const steps = timeSteps(emissions); // T x [B, K]
    const masks = timeSteps(mask.reshape([B, T, 1])); // T x [B, 1]
    const transFromTo = trans.reshape([1, K, K]); // [1, K(from), K(to)]
    let alpha: tf.Tensor2D = tf.add(start, steps[0]); // [B, K]
    for (let t = 1; t < T; t++) {
      const scores = tf.add(alpha.reshape([B, K, 1]), transFromTo); // [B, K(from), K(to)]
      const next = tf.add(logSumExp<tf.Tensor2D>(scores, 1), steps[t]); // [B, K]
      // Padded steps keep alpha unchanged.
      alpha = tf.add(alpha, tf.mul(masks[t], tf.sub(next, alpha)));
    }
    return logSumExp<tf.Tensor1D>(tf.add(alpha, end), 1); // [B]
  });
}

/** Score of the labelled path, per sentence: [B]. */
export function crfGoldScore(
  emissions: tf.Tensor3D,
  labels: tf.Tensor2D,
  mask: tf.Tensor2D,
  trans: tf.Tensor2D,
  start: tf.Tensor1D,
  end: tf.Tensor1D,
): tf.Tensor1D {
  return tf.tidy(() => {
    const [B, T, K] = emissions.shape;
    const gold = oneHotLabels(labels, K); // [B, T, K]
    const emit = tf.sum(tf.mul(tf.mul(emissions, gold), mask.reshape([B, T, 1])), [1, 2]); // [B]
    const first = gold.slice([0, 0, 0], [B, 1, K]).reshape([B, K]); // [B, K]
    let score = tf.add(emit, tf.sum(tf.mul(first, start), 1)); // [B]
    if (T > 1) {
      const prev = gold.slice([0, 0, 0], [B, T - 1, K]).reshape([B * (T - 1), K]); // [B*(T-1), K]
      const fromPrev = matMul(prev, trans).reshape([B, T - 1, K]); // [B, T-1, K]: trans[y_{t-1}, :]
      const pairs = tf.sum(tf.mul(fromPrev, gold.slice([0, 1, 0], [B, T - 1, K])), 2); // [B, T-1]
      score = tf.add(score, tf.sum(tf.mul(pairs, mask.slice([0, 1], [B, T - 1])), 1));
    }
    // 1 at each sentence's last real token: mask[t] - mask[t + 1].
    const nextMask = T > 1 ? tf.concat([mask.slice([0, 1], [B, T - 1]), tf.zeros([B, 1])], 1) : tf.zerosLike(mask); // [B, T]
    const last = tf.sub(mask, nextMask).reshape([B, T, 1]); // [B, T, 1]
    const endScore = tf.sum(tf.mul(tf.mul(gold, last), end), [1, 2]); // [B]
    return tf.add(score, endScore) as tf.Tensor1D;
  });
}

/**
 * log p(labels | emissions) per sentence: gold score - log partition, always <= 0; 0 when empty. [B]
 * One op: fused (fused/crfLikelihood.ts) where the backend has its kernels, these unfused ops elsewhere.
 */
export function crfLogLikelihood(
  emissions: tf.Tensor3D,
  labels: tf.Tensor2D,
  mask: tf.Tensor2D,
  trans: tf.Tensor2D,
  start: tf.Tensor1D,
  end: tf.Tensor1D,
): tf.Tensor1D {
  if (labels.dtype === 'int32' && useFusedKernels(CRF_KERNELS, { numLabels: emissions.shape[2] })) {
    return fusedCrfLogLikelihood(emissions, labels, mask, trans, start, end);
  }
  return tf.tidy(() => {
    const ll = tf.sub(crfGoldScore(emissions, labels, mask, trans, start, end), crfLogPartition(emissions, mask, trans, start, end));
    // An empty sentence has one (empty) path: likelihood 1, log-likelihood 0.
    const nonEmpty = mask.slice([0, 0], [mask.shape[0], 1]).reshape([mask.shape[0]]); // [B]
    return tf.mul(ll, nonEmpty);
  });
}
