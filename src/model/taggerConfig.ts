/**
 * @file The tagger's own description: sizes from the vocabularies, the encoder's shape, the head. RunConfig
 * (core/config.ts) is what a person chooses; train/runTraining.ts' taggerConfigFor turns it into this.
 */
import type { AllowedTransitions } from '../core/tags/constraints';
import type { DecoderContext, EncoderName, RunConfig } from '../core/config/config';
import type { LossData } from '../core/losses/lossData';
import { ENCODER_TABLE } from './encoders';
import type { EncoderTraining } from './hf/training';
import { LOSS_TABLE, type LossName } from './losses';

/** The model's shape fields, as the run config names and documents them (core/config.ts). */
type ShapeFields = 'wordDim' | 'charDim' | 'charEncoder' | 'charFilters' | 'charHidden' | 'casingDim' | 'hidden' | 'lstmLayers' | 'transformerLayers' | 'heads' | 'modelDim' | 'ffnDim' | 'positional' | 'maxPositions' | 'dropout';

export interface TaggerConfig extends Pick<RunConfig, ShapeFields> {
  encoder: EncoderName;
  wordVocabSize: number;
  charVocabSize: number;
  numLabels: number;
  /** Char convolution width. */
  charKernel: number; // default 3
  /** With casingDim > 0: each char id's kind, from the char vocabulary (core/dataset/casing.ts charKinds). */
  charKinds?: number[];
  crf: boolean;
  loss: LossName;
  /** The loss's parameters (RunConfig.lossParams, model.loss.params); absent: its defaults. */
  lossParams?: Record<string, unknown>;
  /** Label names and counts, extra columns, for the losses that need them (core/lossData.ts lossDataFor). */
  lossData?: LossData;
  /** With the CRF: the transitions the tag scheme allows (core/constraints.ts); null leaves all open. */
  allowed: AllowedTransitions | null;
  /** pretrained: what of the encoder trains, how predictions pool a word's pieces, and what context a decoder's tokens see. */
  pretrained?: {
    training: EncoderTraining;
    aggregation: 'first' | 'average' | 'max';
    decoderContext?: DecoderContext;
    /** Frozen dense weights kept in half precision (model/hf/halfWeights.ts). */
    halfPrecision?: boolean;
  };
}

const SIZES = ['wordVocabSize', 'charVocabSize', 'numLabels', 'wordDim', 'charDim', 'charFilters', 'charKernel', 'charHidden', 'hidden', 'transformerLayers', 'heads', 'modelDim', 'ffnDim', 'maxPositions'] as const;

/** Why a config cannot be built, in words for the person who chose it; null when it is fine. */
export function checkTaggerConfig(c: TaggerConfig): string | null {
  if (!Object.hasOwn(ENCODER_TABLE, c.encoder)) return `unknown encoder '${c.encoder}'`;
  if (!(c.loss in LOSS_TABLE)) return `unknown loss '${c.loss}'`;
  if (c.encoder === 'pretrained' && !c.pretrained) return 'the pretrained encoder needs its settings (pretrained)';
  if (c.loss === 'crf' && !c.crf) return "loss 'crf' needs the CRF: turn CRF on or choose cross_entropy";
  for (const key of SIZES) {
    if (!Number.isInteger(c[key]) || c[key] < 1) return `${key} must be a positive integer, got ${c[key]}`;
  }
  if (c.charEncoder !== 'cnn' && c.charEncoder !== 'lstm') return `charEncoder must be cnn or lstm, got '${c.charEncoder}'`;
  if (!Number.isInteger(c.casingDim) || c.casingDim < 0) return `casingDim must be a whole number >= 0, got ${c.casingDim}`;
  if (c.casingDim > 0 && c.charKinds?.length !== c.charVocabSize) return `the casing feature needs a kind for each of the ${c.charVocabSize} chars (charKinds)`;
  if (c.lstmLayers !== 1 && c.lstmLayers !== 2) return `lstmLayers must be 1 or 2, got ${c.lstmLayers}`;
  if (c.positional !== 'sinusoidal' && c.positional !== 'learned') return `positional must be sinusoidal or learned, got '${c.positional}'`;
  if (c.encoder === 'transformer' && c.modelDim % c.heads !== 0) return `modelDim ${c.modelDim} is not a multiple of heads ${c.heads}`;
  if (!(c.dropout >= 0 && c.dropout < 1)) return `dropout must be in [0, 1), got ${c.dropout}`;
  if (c.allowed) {
    const K = c.numLabels;
    if (!c.crf) return 'transition constraints need the CRF';
    if (c.allowed.trans.length !== K * K || c.allowed.start.length !== K || c.allowed.end.length !== K) {
      return `transition constraints are for ${Math.sqrt(c.allowed.trans.length)} labels, the model has ${K}`;
    }
  }
  return null;
}
