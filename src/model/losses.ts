/**
 * @file The training losses, by name. Adding a loss is one function and one table entry; the
 * config's `loss` type is derived from this table's keys.
 */
import * as tf from '@tensorflow/tfjs';
import { crfLogLikelihood, oneHotLabels, type CrfParams } from './crf';
import { logSumExp } from './layers/reductions';

export interface LossInputs {
  emissions: tf.Tensor3D; // [B, T, K]
  labels: tf.Tensor2D; // [B, T] int32
  mask: tf.Tensor2D; // [B, T] float
  /** The CRF's scores when the tagger has one, forbidden transitions already lowered (Tagger.crfScores). */
  crf: CrfParams | null;
  /** The encoder's states [B, T, H] (Tagger.forward), for losses on token representations. */
  hidden?: tf.Tensor3D;
}

/** Mean negative CRF log-likelihood per sentence. */
export function crfNegativeLogLikelihood({ emissions, labels, mask, crf }: LossInputs): tf.Scalar {
  if (!crf) throw new Error("loss 'crf' needs the CRF: turn CRF on or choose cross_entropy");
  return tf.neg(tf.mean(crfLogLikelihood(emissions, labels, mask, crf.transitions, crf.start, crf.end)));
}

/** Mean softmax cross-entropy per real token. */
export function tokenCrossEntropy({ emissions, labels, mask }: LossInputs): tf.Scalar {
  const [B, T, K] = emissions.shape;
  const logProbs = tf.sub(emissions, logSumExp(emissions, 2).reshape([B, T, 1])); // [B, T, K]
  const gold = oneHotLabels(labels, K); // [B, T, K]
  const nll = tf.neg(tf.sum(tf.mul(logProbs, gold), 2)); // [B, T]
  return tf.div(tf.sum(tf.mul(nll, mask)), tf.maximum(tf.sum(mask), 1));
}

export const LOSSES = {
  crf: crfNegativeLogLikelihood,
  // With a CRF present it is trained too, so Viterbi decoding has meaningful transitions.
  cross_entropy: (x: LossInputs): tf.Scalar => (x.crf ? tf.add(tokenCrossEntropy(x), crfNegativeLogLikelihood(x)) : tokenCrossEntropy(x)),
} satisfies Record<string, (x: LossInputs) => tf.Scalar>;

export type LossName = keyof typeof LOSSES;
