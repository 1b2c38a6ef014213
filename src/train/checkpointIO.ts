/** @file Turns a trained tagger into checkpoint bytes and back (the zip format lives in core/checkpoint.ts). */
import { makeCheckpointConfig, readCheckpoint, writeCheckpoint, type CheckpointConfig, type WeightTensor } from '../core/checkpoint';
import { completeConfig, type RunConfig } from '../core/config';
import type { Vocabularies } from '../core/vocab';
import { Tagger } from '../model/tagger';
import { taggerConfigFor } from './runTraining';

export async function saveCheckpoint(
  tagger: Tagger,
  config: RunConfig,
  vocab: Vocabularies,
  trained: CheckpointConfig['trained'],
): Promise<Uint8Array> {
  return saveWeightsCheckpoint(await tagger.exportWeights(), config, vocab, trained);
}

/** The same file from weights already read, e.g. TrainResult.best.weights (the best checkpoint). */
export function saveWeightsCheckpoint(
  weights: WeightTensor[],
  config: RunConfig,
  vocab: Vocabularies,
  trained: CheckpointConfig['trained'],
): Uint8Array {
  return writeCheckpoint(makeCheckpointConfig(config, vocab, trained), vocab, weights);
}

export function loadCheckpoint(bytes: Uint8Array, file?: string): { tagger: Tagger; config: RunConfig; vocab: Vocabularies; meta: CheckpointConfig } {
  const ckpt = readCheckpoint(bytes, file);
  const config = completeConfig(ckpt.config.config); // checkpoints written before newer config fields
  const tagger = new Tagger(taggerConfigFor(config, ckpt.vocab), config.seed);
  try {
    tagger.importWeights(ckpt.weights);
  } catch (e) {
    tagger.dispose();
    throw e;
  }
  return { tagger, config, vocab: ckpt.vocab, meta: ckpt.config };
}
