/**
 * @file `compound`: sum_i weight_i * term_i for a list of terms {type, weight (default 1), params}. Each
 * term is built by the registry with its own parameters; its variables are named 'loss.terms.<i>.*'.
 * Terms with weight 0 are not built. The CRF rule (lossRules.ts) applies to the compound as a whole.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossParams } from '../../core/losses/lossParams';
import type { Loss, LossFactory } from './types';

export const compoundLoss: LossFactory = {
  create: (ctx) => {
    const terms: { weight: number; loss: Loss }[] = [];
    (ctx.params.terms as LossParams[]).forEach((t, i) => {
      const weight = (t.weight as number | undefined) ?? 1;
      if (weight !== 0) terms.push({ weight, loss: ctx.term(i, t.type as string, (t.params ?? {}) as LossParams) });
    });
    const withSimilarity = terms.find((t) => t.loss.labelSimilarity);
    return {
      variables: terms.flatMap((t) => t.loss.variables),
      compute: (x) => terms.map((t) => tf.mul(t.weight, t.loss.compute(x))).reduce((a, b) => tf.add(a, b)) as tf.Scalar,
      ...(withSimilarity ? { labelSimilarity: () => withSimilarity.loss.labelSimilarity!() } : {}),
    };
  },
};
