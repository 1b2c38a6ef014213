/**
 * @file `embedding_label_smoothing`: label smoothing whose smoothing distribution comes from learned
 * label embeddings E [K, D] (D = label_emb_dim), so a gold label lends probability to the labels
 * most like it (B-ORG to B-LOC, say) rather than to all labels alike.
 *
 *   Ê = E with L2-normalised rows;  S = row-softmax(Ê Êᵀ / alpha)            [K, K], alpha = smoothing_alpha
 *   target  q_t = (1 - epsilon) onehot(y_t) + epsilon * stop_gradient(S[y_t])
 *   main    = mean_t  -sum_k q_tk log p_tk                                   (trains the model, not E)
 *   fit     = mean_t  KL(stop_gradient(p_t) || S[y_t])                        (trains E, not the model)
 *   loss    = main + embedding_weight * fit
 *
 * How E learns, and why it does not collapse: the target sees E only through a stop-gradient, so the
 * model's cross-entropy never moves E (moving E to suit the model's current output is the trivial
 * solution). E is fitted instead to the model's own predictions: S[y] learns to match what the model
 * predicts for tokens whose gold label is y (online label smoothing with a low-rank, symmetric
 * similarity). Collapsed embeddings (all rows equal) give a uniform S, which is far from any prediction
 * better than chance, so the fit term pushes them apart; the unit-length rows bound the logits to
 * [-1/alpha, 1/alpha] so nothing grows without limit; and epsilon < 1 keeps the one-hot gold label in
 * every target, whatever E is.
 */
import * as tf from '@tensorflow/tfjs';
import { labelSimilarityMatrix } from '../../core/losses/lossData';
import { logSumExp } from '../layers/reductions';
import { matMul } from '../layers/matMul';
import { uniformValues } from '../layers/params';
import { crossEntropyPerToken, goldOneHot, logSoftmax, maskedMean, stopGradient } from './tokenOps';
import type { LossFactory } from './types';

/** log S = log row-softmax(Ê Êᵀ / alpha): [K, K]. */
export function labelLogSimilarity(embeddings: tf.Tensor2D, alpha: number): tf.Tensor2D {
  const K = embeddings.shape[0];
  const unit = tf.div(embeddings, tf.sqrt(tf.add(tf.sum(tf.square(embeddings), 1, true), 1e-12))); // [K, D]
  const logits = tf.div(matMul(unit, tf.transpose(unit)), alpha); // [K, K]
  return tf.sub(logits, logSumExp(logits, 1).reshape([K, 1]));
}

/** main: cross-entropy against (1 - epsilon) onehot + epsilon S[y], S held constant. */
export function smoothedCrossEntropy(logProbs: tf.Tensor3D, gold: tf.Tensor3D, logS: tf.Tensor2D, epsilon: number, mask: tf.Tensor2D): tf.Scalar {
  const [B, T, K] = logProbs.shape;
  const rows = matMul(gold.reshape([B * T, K]), stopGradient(tf.exp(logS))).reshape<tf.Tensor3D>([B, T, K]); // S[y_t]
  const target = tf.add(tf.mul(gold, 1 - epsilon), tf.mul(rows, epsilon)) as tf.Tensor3D;
  return maskedMean(crossEntropyPerToken(target, logProbs), mask);
}

/** fit: mean KL(p_t || S[y_t]) with p held constant. */
export function embeddingFit(logProbs: tf.Tensor3D, gold: tf.Tensor3D, logS: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  const [B, T, K] = logProbs.shape;
  const logP = stopGradient(logProbs);
  const logRows = matMul(gold.reshape([B * T, K]), logS).reshape([B, T, K]); // log S[y_t]
  return maskedMean(tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logRows)), 2), mask);
}

export const embeddingLabelSmoothingLoss: LossFactory = {
  create: (ctx) => {
    const K = ctx.numLabels;
    const D = ctx.params.label_emb_dim as number;
    const alpha = ctx.params.smoothing_alpha as number;
    const epsilon = ctx.params.epsilon as number;
    const weight = ctx.params.embedding_weight as number;
    // Random directions: nearly orthogonal, so S starts close to uniform over the other labels.
    const embeddings = ctx.variable('label_embeddings', [K, D], uniformValues(K * D, 1, ctx.rng)) as tf.Variable<tf.Rank.R2>;
    return {
      variables: [embeddings],
      compute: (x) => {
        const logProbs = logSoftmax(x.emissions); // [B, T, K]
        const gold = goldOneHot(x); // [B, T, K]
        const logS = labelLogSimilarity(embeddings, alpha); // [K, K]
        const main = smoothedCrossEntropy(logProbs, gold, logS, epsilon, x.mask);
        return tf.add(main, tf.mul(weight, embeddingFit(logProbs, gold, logS, x.mask)));
      },
      labelSimilarity: async () => labelSimilarityMatrix((await embeddings.data()) as Float32Array, K, D), // sync point
    };
  },
};

/**
 * The learned label–label cosine similarity [K, K] of a model trained with embedding_label_smoothing
 * (also as a compound term), from its variables (Tagger.namedVariables()); null when it has none.
 */
export async function labelSimilarityOf(variables: ReadonlyMap<string, tf.Variable>): Promise<Float32Array | null> {
  for (const [name, v] of variables) {
    if (name.startsWith('loss.') && name.endsWith('label_embeddings')) {
      const [K, D] = v.shape;
      return labelSimilarityMatrix((await v.data()) as Float32Array, K, D); // sync point
    }
  }
  return null;
}
