/** @file Turns a trained tagger into checkpoint bytes and back (the zip format lives in core/checkpoint.ts). */
import { makeCheckpointConfig, readCheckpoint, writeCheckpoint, type CheckpointConfig, type WeightTensor } from '../core/checkpoint/checkpoint';
import { completeConfig, type RunConfig } from '../core/config/config';
import type { Vocabularies } from '../core/dataset/vocab';
import { Tagger } from '../model/tagger';
import { attachPiecesFor, readPretrainedBase, type AttachPieces, type PretrainedBase } from './pretrained';
import { taggerConfigFor } from './runTraining';

/** baseModel: a pretrained encoder's config.json and tokenizer files (train/pretrained.ts baseModelFiles). */
export async function saveCheckpoint(
  tagger: Tagger,
  config: RunConfig,
  vocab: Vocabularies,
  trained: CheckpointConfig['trained'],
  baseModel?: ReadonlyMap<string, Uint8Array>,
): Promise<Uint8Array> {
  return saveWeightsCheckpoint(await tagger.exportWeights(), config, vocab, trained, baseModel);
}

/** The same file from weights already read, e.g. TrainResult.best.weights (the best checkpoint). */
export function saveWeightsCheckpoint(
  weights: WeightTensor[],
  config: RunConfig,
  vocab: Vocabularies,
  trained: CheckpointConfig['trained'],
  baseModel?: ReadonlyMap<string, Uint8Array>,
): Uint8Array {
  return writeCheckpoint(makeCheckpointConfig(config, vocab, trained), vocab, weights, baseModel);
}

export interface LoadedCheckpoint {
  tagger: Tagger;
  config: RunConfig;
  vocab: Vocabularies;
  meta: CheckpointConfig;
  /** The pretrained encoder's architecture and tokenizer; null for the other encoders. */
  pretrained: PretrainedBase | null;
  /** Gives encoded sentences what this tagger reads besides word ids (subword pieces); the identity for most encoders. */
  attachPieces: AttachPieces;
}

export function loadCheckpoint(bytes: Uint8Array, file?: string): LoadedCheckpoint {
  const ckpt = readCheckpoint(bytes, file);
  const config = completeConfig(ckpt.config.config); // checkpoints written before newer config fields
  let pretrained: PretrainedBase | null = null;
  if (config.encoder === 'pretrained') {
    if (!ckpt.baseModel) throw new Error(`${file ?? 'checkpoint'}: a pretrained-encoder checkpoint needs base_model/config.json and its tokenizer files, which this zip lacks`);
    pretrained = readPretrainedBase(ckpt.baseModel, { weights: false });
  }
  const init = pretrained ? { pretrained: { spec: pretrained.spec, encoderWeights: null } } : {};
  // A loaded tagger scores with the weights exactly as saved: float16 storage only where the run asked for it by name.
  const exact = config.frozenWeights === 'float16' ? config : { ...config, frozenWeights: 'float32' as const };
  const tagger = new Tagger(taggerConfigFor(exact, ckpt.vocab), config.seed, init);
  try {
    tagger.importWeights(ckpt.weights);
  } catch (e) {
    tagger.dispose();
    throw e;
  }
  const attachPieces: AttachPieces = pretrained ? attachPiecesFor(config, pretrained) : (sentences) => sentences;
  return { tagger, config, vocab: ckpt.vocab, meta: ckpt.config, pretrained, attachPieces };
}
