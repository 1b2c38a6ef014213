/** @file Turns a trained tagger into checkpoint bytes and back (the zip format lives in core/checkpoint.ts). */
import { makeCheckpointConfig, readCheckpointBase, readCheckpointMeta, readCheckpointWeights, writeCheckpoint, type CheckpointConfig, type WeightTensor } from '../core/checkpoint/checkpoint';
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

/**
 * A checkpoint as a ready tagger. Nothing is trusted: config.json and vocab.json are checked against each other, the
 * weights entry is refused unread when it is larger than the model they describe, and every tensor is checked for
 * name, shape and finite values before the tagger takes it; each error names the zip and the entry.
 */
export function loadCheckpoint(bytes: Uint8Array, file = 'checkpoint'): LoadedCheckpoint {
  const meta = readCheckpointMeta(bytes, file);
  const config = completeConfig(meta.config.config); // checkpoints written before newer config fields
  let pretrained: PretrainedBase | null = null;
  if (config.encoder === 'pretrained') {
    const base = readCheckpointBase(bytes, file);
    if (!base) throw new Error(`${file}: a pretrained-encoder checkpoint needs base_model/config.json and its tokenizer files, which this zip lacks`);
    pretrained = readPretrainedBase(base, { weights: false });
  }
  const init = pretrained ? { pretrained: { spec: pretrained.spec, encoderWeights: null } } : {};
  // A loaded tagger scores with the weights exactly as saved: float16 storage only where the run asked for it by name.
  const exact = config.frozenWeights === 'float16' ? config : { ...config, frozenWeights: 'float32' as const };
  const tagger = new Tagger(taggerConfigFor(exact, meta.vocab), config.seed, init);
  try {
    const expected = new Map([...tagger.namedVariables()].map(([name, v]) => [name, v.shape]));
    tagger.importWeights(readCheckpointWeights(bytes, file, expected));
  } catch (e) {
    tagger.dispose();
    throw e;
  }
  const attachPieces: AttachPieces = pretrained ? attachPiecesFor(config, pretrained) : (sentences) => sentences;
  return { tagger, config, vocab: meta.vocab, meta: meta.config, pretrained, attachPieces };
}
