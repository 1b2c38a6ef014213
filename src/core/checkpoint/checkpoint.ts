/**
 * @file The studio's checkpoint file: one zip holding config.json (labels and hyper-parameters),
 * vocab.json (words, chars, labels) and model.safetensors (the weights). The same bytes come out
 * of the studio's download and the CLI's train, and go into either. A run on a pretrained encoder
 * adds base_model/: the Hugging Face config.json and tokenizer files it needs to rebuild (its
 * weights are in model.safetensors, under their Hugging Face names).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { RunConfig } from '../config/config';
import type { Vocabularies } from '../dataset/vocab';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

export const CHECKPOINT_FORMAT = 'ner-studio-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface CheckpointConfig {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  /** Label names in id order. */
  labels: string[];
  id2label: Record<string, string>;
  label2id: Record<string, number>;
  config: RunConfig;
  /** What training saw, for the record. */
  trained: { steps: number; epochs: number; bestDevF1: number | null; bestStep?: number | null; backend: string; createdAt: string };
}

export interface WeightTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface Checkpoint {
  config: CheckpointConfig;
  vocab: Vocabularies;
  weights: Map<string, { shape: number[]; data: Float32Array | Int32Array }>;
  /** base_model/'s files by name (config.json, tokenizer.json, ...); absent for the other encoders. */
  baseModel?: Map<string, Uint8Array>;
}

const BASE_MODEL_DIR = 'base_model/';

export function makeCheckpointConfig(config: RunConfig, vocab: Vocabularies, trained: CheckpointConfig['trained']): CheckpointConfig {
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    labels: vocab.labels,
    id2label: Object.fromEntries(vocab.labels.map((l, i) => [String(i), l])),
    label2id: Object.fromEntries(vocab.labels.map((l, i) => [l, i])),
    config,
    trained,
  };
}

export function writeCheckpoint(config: CheckpointConfig, vocab: Vocabularies, weights: WeightTensor[], baseModel?: ReadonlyMap<string, Uint8Array>): Uint8Array {
  return zipSync({
    'config.json': strToU8(JSON.stringify(config, null, 2)),
    'vocab.json': strToU8(JSON.stringify(vocab)),
    'model.safetensors': [encodeSafetensors(weights, { format: 'pt' }), { level: 0 }],
    ...Object.fromEntries([...(baseModel ?? [])].map(([name, bytes]) => [BASE_MODEL_DIR + name, bytes])),
  });
}

/** Reads a checkpoint zip; errors say which part is missing or broken. */
export function readCheckpoint(bytes: Uint8Array, file = 'checkpoint'): Checkpoint {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new Error(`${file}: not a zip file (${(e as Error).message})`);
  }
  for (const part of ['config.json', 'vocab.json', 'model.safetensors']) {
    if (!entries[part]) throw new Error(`${file}: the zip has no ${part}; is this a NER studio checkpoint?`);
  }
  const config = JSON.parse(strFromU8(entries['config.json'])) as CheckpointConfig;
  if (config.format !== CHECKPOINT_FORMAT) throw new Error(`${file}: config.json has format '${config.format}', expected '${CHECKPOINT_FORMAT}'`);
  const vocab = JSON.parse(strFromU8(entries['vocab.json'])) as Vocabularies;
  const { tensors } = decodeSafetensors(entries['model.safetensors']);
  const base = Object.entries(entries).filter(([path]) => path.startsWith(BASE_MODEL_DIR) && path.length > BASE_MODEL_DIR.length);
  const baseModel = new Map(base.map(([path, bytes]) => [path.slice(BASE_MODEL_DIR.length), bytes]));
  return { config, vocab, weights: tensors, ...(baseModel.size > 0 ? { baseModel } : {}) };
}

/** Only config.json of a checkpoint, without unpacking the weights: enough to list it as a run. */
export function readCheckpointConfig(bytes: Uint8Array, file = 'checkpoint'): CheckpointConfig {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.name === 'config.json' });
  } catch (e) {
    throw new Error(`${file}: not a zip file (${(e as Error).message})`);
  }
  if (!entries['config.json']) throw new Error(`${file}: the zip has no config.json; is this a NER studio checkpoint?`);
  let config: CheckpointConfig;
  try {
    config = JSON.parse(strFromU8(entries['config.json'])) as CheckpointConfig;
  } catch (e) {
    throw new Error(`${file}: config.json is not JSON (${(e as Error).message})`);
  }
  if (config.format !== CHECKPOINT_FORMAT) throw new Error(`${file}: config.json has format '${config.format}', expected '${CHECKPOINT_FORMAT}'`);
  return config;
}
