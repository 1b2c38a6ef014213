/**
 * @file The shape every loss has: a factory that gets a context (sizes, parameters, the data's labels,
 * a way to create its own trainable variables) and returns something that computes a scalar from one
 * batch's scores. Keeping this in one place is what makes adding a loss one file and one table entry.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../core/dataset/batch';
import type { LossData } from '../../core/losses/lossData';
import type { LossParams } from '../../core/losses/lossParams';
import type { CrfParams } from '../crf';
import type { Rng } from '../layers/params';

/** What a loss may read of the batch on the host: label ids and mask for choices made in TypeScript, extra columns. */
export type HostBatch = Pick<Batch, 'size' | 'maxLen' | 'labels' | 'mask' | 'extra'>;

export interface LossInputs {
  emissions: tf.Tensor3D; // [B, T, K]
  labels: tf.Tensor2D; // [B, T] int32
  mask: tf.Tensor2D; // [B, T] float, 1 for real tokens
  /** The CRF's scores when the tagger has one, forbidden transitions already lowered (Tagger.crfScores). */
  crf: CrfParams | null;
  /** The encoder's states [B, T, H] (Tagger.forward), for the losses on token representations. */
  hidden?: tf.Tensor3D;
  /** The same batch on the host; `extra` holds the extra columns' value ids (multitask). */
  batch: HostBatch;
}

export interface Loss {
  /** Its own trainable parameters, already registered in the model's ParamStore (so they train and checkpoint). */
  readonly variables: tf.Variable[];
  /** The loss of one batch. Creates tensors: call inside tf.tidy (or variableGrads / minimize). */
  compute(x: LossInputs): tf.Scalar;
  /** embedding_label_smoothing (also inside a compound): the learned label–label cosine similarity, [K, K] row-major. */
  labelSimilarity?(): Promise<Float32Array>;
}

export interface LossContext {
  /** This loss's parameters, defaults filled in, already validated (core/lossRules.ts). */
  params: LossParams;
  numLabels: number; // K
  /** Width H of LossInputs.hidden. */
  hiddenDim: number;
  /** model.crf */
  crf: boolean;
  data: LossData;
  rng: Rng;
  /**
   * A trainable variable, registered in the model's ParamStore under this loss's scope: 'loss.label_embeddings',
   * or 'loss.terms.1.label_embeddings' for a compound's second term.
   */
  variable(name: string, shape: number[], values: Float32Array): tf.Variable;
  /** Builds term `index` of a compound (its variables under 'terms.<index>.'). */
  term(index: number, type: string, params: LossParams): Loss;
}

export interface LossFactory {
  create(ctx: LossContext): Loss;
}
