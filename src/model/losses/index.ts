/**
 * @file The losses, by name: one file per loss, one entry in LOSS_TABLE. The names, parameters and
 * the rules that combine them live in core (lossSpecs.ts, lossRules.ts) so the studio can check a
 * choice without tfjs; this table must implement exactly those names. createLoss builds one for a
 * model: it checks the choice, creates the loss's variables in the model's ParamStore (so they train
 * and checkpoint with it) and adds the CRF likelihood where the CRF rule says so.
 */
import * as tf from '@tensorflow/tfjs';
import { anonymousLossData, type LossData } from '../../core/losses/lossData';
import type { LossParams } from '../../core/losses/lossParams';
import { crfTermWeight, lossDataProblems, lossParamProblems } from '../../core/losses/lossRules';
import { withDefaults, type LossChoice } from '../../core/losses/lossSpecs';
import type { ParamStore, Rng } from '../layers/params';
import { boundaryLoss } from './boundary';
import { compoundLoss } from './compound';
import { contrastiveLoss } from './contrastive';
import { crfLoss } from './crf';
import { crossEntropyLoss } from './crossEntropy';
import { diceLoss } from './dice';
import { embeddingLabelSmoothingLoss } from './embeddingLabelSmoothing';
import { focalLoss } from './focal';
import { labelSmoothingLoss } from './labelSmoothing';
import { multitaskLoss } from './multitask';
import { crfNll } from './tokenOps';
import type { Loss, LossContext, LossFactory } from './types';

export const LOSS_TABLE = {
  crf: crfLoss,
  cross_entropy: crossEntropyLoss,
  label_smoothing: labelSmoothingLoss,
  embedding_label_smoothing: embeddingLabelSmoothingLoss,
  focal: focalLoss,
  dice: diceLoss,
  boundary: boundaryLoss,
  contrastive: contrastiveLoss,
  multitask: multitaskLoss,
  compound: compoundLoss,
} satisfies Record<LossChoice, LossFactory>;

export type LossName = keyof typeof LOSS_TABLE;
export type { HostBatch, Loss, LossContext, LossFactory, LossInputs } from './types';
export { labelSimilarityOf } from './embeddingLabelSmoothing';
export { tokenCrossEntropy } from './crossEntropy';
export { crfNll as crfNegativeLogLikelihood } from './tokenOps';

export interface LossSetup {
  loss: LossName;
  /** model.loss.params as written; {} for the defaults. */
  params?: LossParams;
  crf: boolean;
  numLabels: number;
  /** Width of the hidden states the model passes in LossInputs.hidden. */
  hiddenDim: number;
  /** Label names, counts, extra columns (core/lossData.ts lossDataFor); without it labels are anonymous. */
  data?: LossData;
  /** The model's parameters: the loss's variables are added here, named 'loss.*'. */
  store: ParamStore;
  rng: Rng;
}

function build(name: string, params: LossParams, scope: string, s: LossSetup, data: LossData): Loss {
  const ctx: LossContext = {
    params: withDefaults(name, params),
    numLabels: s.numLabels,
    hiddenDim: s.hiddenDim,
    crf: s.crf,
    data,
    rng: s.rng,
    variable: (v, shape, values) => s.store.add(`${scope}${v}`, shape, values),
    term: (index, type, termParams) => build(type, termParams, `${scope}terms.${index}.`, s, data),
  };
  return LOSS_TABLE[name as LossName].create(ctx);
}

/**
 * The loss a model trains with. Throws, with every reason, for a choice core/lossRules.ts refuses.
 * With the CRF on and a loss that does not contain the CRF likelihood, crf_weight (default 1) times
 * the CRF negative log-likelihood is added.
 */
export function createLoss(s: LossSetup): Loss {
  const params = s.params ?? {};
  const data = s.data ?? anonymousLossData(s.numLabels);
  if (data.labels.length !== s.numLabels) throw new Error(`loss data has ${data.labels.length} labels, the model ${s.numLabels}`);
  const problems = [...lossParamProblems(s.loss, params, s.crf), ...lossDataProblems(s.loss, params, s.crf, data)];
  if (problems.length > 0) throw new Error(`Cannot train with loss '${s.loss}': ${problems.join('; ')}`);
  const { crf_weight: _, ...own } = params;
  const loss = build(s.loss, own, 'loss.', s, data);
  const crfWeight = crfTermWeight(s.loss, params, s.crf);
  if (crfWeight === 0) return loss;
  return { ...loss, compute: (x) => tf.add(loss.compute(x), tf.mul(crfWeight, crfNll(x))) as tf.Scalar };
}
