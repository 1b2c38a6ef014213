/**
 * @file The encoders, by name: each turns a batch into hidden states [B, T, H] for the emission head (and for losses
 * that work on token representations). Adding an encoder is one file and one entry here, plus its name in
 * core/config.ts' ENCODER_TABLE, which this table must match key for key.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../core/dataset/batch';
import type { EncoderName } from '../../core/config/config';
import type { SeededDropout } from '../layers/dropout';
import type { ParamStore, Rng } from '../layers/params';
import type { WeightData } from '../hf/checkpoint';
import type { EncoderSpec } from '../hf/config';
import type { TaggerConfig } from '../taggerConfig';
import { BiLstmEncoder } from './bilstm';
import { PretrainedEncoder } from './pretrained';
import { TransformerEncoder } from './transformer';

/** What an encoder is built from: the config, the tagger's variables, its init stream and its dropout. */
export interface EncoderContext {
  config: TaggerConfig;
  store: ParamStore;
  rng: Rng;
  /** The tagger's one seeded dropout; an encoder must draw the same number of masks on every call. */
  dropout: SeededDropout;
  /** Word id -> pre-trained vector [wordDim], replacing the random start of those rows. */
  wordVectors?: ReadonlyMap<number, Float32Array>;
  /** pretrained: the checkpoint's architecture and weights (HF layout); null weights for a tagger about to be loaded. */
  pretrained?: PretrainedInit;
}

export interface PretrainedInit {
  spec: EncoderSpec;
  encoderWeights: ReadonlyMap<string, WeightData> | null;
}

export interface Encoder {
  /** H, the width of the hidden states. */
  readonly outputDim: number;
  /**
   * @param mask [B, T] float, 1 for real tokens (real tokens first)
   * @returns hidden states [B, T, H], zeros at padded positions. Call inside tf.tidy.
   */
  encode(batch: Batch, mask: tf.Tensor2D, training: boolean): tf.Tensor3D;
  /**
   * Subword encoders predicting with 'average' / 'max' aggregation: emissions pooled over each
   * position's pieces, the head applied to every piece ([N, H] -> [N, K]). Null: use encode's states.
   */
  pooledEmissions?(batch: Batch, mask: tf.Tensor2D, head: (states: tf.Tensor2D) => tf.Tensor2D): { hidden: tf.Tensor3D; emissions: tf.Tensor3D } | null;
}

export const ENCODER_TABLE = {
  bilstm: (ctx: EncoderContext): Encoder => new BiLstmEncoder(ctx),
  transformer: (ctx: EncoderContext): Encoder => new TransformerEncoder(ctx),
  pretrained: (ctx: EncoderContext): Encoder => new PretrainedEncoder(ctx),
} satisfies Record<EncoderName, (ctx: EncoderContext) => Encoder>; // a missing or an extra name fails to compile
