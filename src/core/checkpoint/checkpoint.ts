/**
 * @file The studio's checkpoint file: one zip holding config.json (labels and hyper-parameters),
 * vocab.json (words, chars, labels) and model.safetensors (the weights). The same bytes come out
 * of the studio's download and the CLI's train, and go into either. A run on a pretrained encoder
 * adds base_model/: the Hugging Face config.json and tokenizer files it needs to rebuild (its
 * weights are in model.safetensors, under their Hugging Face names).
 */
import { strToU8, zipSync } from 'fflate';
import type { RunConfig } from '../config/config';
import type { Vocabularies } from '../dataset/vocab';
import { decodeSafetensors, encodeSafetensors } from './safetensors';
import { checkWeights } from './weightCheck';
import { CheckpointError, entryJson, unzipWithin } from './zipEntries';

export { CheckpointError };

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

/** Limits on the entries of a checkpoint, checked against the zip's directory before anything is inflated. */
const MAX_CONFIG_BYTES = 4 * 2 ** 20;
const MAX_VOCAB_BYTES = 256 * 2 ** 20;
/** A Hugging Face config.json or tokenizer file; the largest tokenizer.json files are a few tens of MiB. */
const MAX_BASE_FILE_BYTES = 256 * 2 ** 20;
/** model.safetensors when the model's size is not known yet (readCheckpoint): the largest encoder we load, in F32. */
const MAX_WEIGHTS_BYTES = 2 ** 31;

/** The parts of a checkpoint that say what model it is: config.json and vocab.json, checked against each other. */
export interface CheckpointMeta {
  config: CheckpointConfig;
  vocab: Vocabularies;
}

function missing(file: string, part: string): CheckpointError {
  return new CheckpointError(`${file}: the zip has no ${part}; is this a NER studio checkpoint?`);
}

const sameList = (a: unknown, b: readonly string[]) => Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

/** config.json and vocab.json, each checked; only they are inflated. */
export function readCheckpointMeta(bytes: Uint8Array, file = 'checkpoint'): CheckpointMeta {
  const entries = unzipWithin(bytes, file, (name) => (name === 'config.json' ? MAX_CONFIG_BYTES : name === 'vocab.json' ? MAX_VOCAB_BYTES : null));
  for (const part of ['config.json', 'vocab.json']) if (!entries[part]) throw missing(file, part);
  const config = checkConfig(entryJson(entries, 'config.json', file), file);
  const vocab = entryJson(entries, 'vocab.json', file) as Vocabularies;
  for (const key of ['words', 'chars', 'labels'] as const) {
    if (!Array.isArray(vocab?.[key]) || vocab[key].some((x) => typeof x !== 'string')) {
      throw new CheckpointError(`${file}: vocab.json has no list of ${key}; the checkpoint is damaged`);
    }
  }
  if (!sameList(config.labels, vocab.labels)) {
    throw new CheckpointError(
      `${file}: the labels of config.json (${config.labels.join(' ')}) and of vocab.json (${vocab.labels.join(' ')}) disagree; the checkpoint is damaged or its files come from different runs`,
    );
  }
  return { config, vocab };
}

function checkConfig(value: unknown, file: string): CheckpointConfig {
  const config = value as CheckpointConfig;
  if (typeof config !== 'object' || config === null) throw new CheckpointError(`${file}: config.json holds no object; the checkpoint is damaged`);
  if (config.format !== CHECKPOINT_FORMAT) throw new CheckpointError(`${file}: config.json has format '${config.format}', expected '${CHECKPOINT_FORMAT}'`);
  if (!Array.isArray(config.labels) || config.labels.some((l) => typeof l !== 'string')) {
    throw new CheckpointError(`${file}: config.json has no list of labels; the checkpoint is damaged`);
  }
  if (typeof config.config !== 'object' || config.config === null) throw new CheckpointError(`${file}: config.json has no model config; the checkpoint is damaged`);
  const ids = config.labels.every((l, i) => config.id2label?.[String(i)] === l && config.label2id?.[l] === i);
  if (!ids) throw new CheckpointError(`${file}: config.json's id2label and label2id disagree with its labels; the checkpoint is damaged`);
  return config;
}

/** base_model/'s files (a pretrained encoder's config.json and tokenizer), or undefined when the zip has none. */
export function readCheckpointBase(bytes: Uint8Array, file = 'checkpoint'): Map<string, Uint8Array> | undefined {
  const entries = unzipWithin(bytes, file, (name) => (name.startsWith(BASE_MODEL_DIR) && name.length > BASE_MODEL_DIR.length ? MAX_BASE_FILE_BYTES : null));
  const base = new Map(Object.entries(entries).map(([path, b]) => [path.slice(BASE_MODEL_DIR.length), b]));
  return base.size > 0 ? base : undefined;
}

/**
 * model.safetensors, refused before inflating when it is larger than `expected` (the model's tensors by name and
 * shape, 4 bytes a value, plus room for the header) could fill; then every tensor is checked against `expected`
 * (names and shapes) and for NaN and infinite values, naming the zip and the entry.
 */
export function readCheckpointWeights(bytes: Uint8Array, file: string, expected?: ReadonlyMap<string, readonly number[]>): Checkpoint['weights'] {
  let limit = MAX_WEIGHTS_BYTES;
  if (expected) {
    let values = 0;
    for (const shape of expected.values()) values += shape.reduce((a, b) => a * b, 1);
    limit = 4 * values + 2 ** 20 + 512 * expected.size;
  }
  const entries = unzipWithin(bytes, file, (name) => (name === 'model.safetensors' ? limit : null));
  if (!entries['model.safetensors']) throw missing(file, 'model.safetensors');
  let tensors: Checkpoint['weights'];
  try {
    tensors = decodeSafetensors(entries['model.safetensors']).tensors;
  } catch (e) {
    throw new CheckpointError(`${file}: model.safetensors is damaged (${(e as Error).message})`);
  }
  checkWeights(tensors, file, expected);
  return tensors;
}

/** Reads a whole checkpoint zip (config, vocabularies, weights, base model files); errors name the zip and the entry. */
export function readCheckpoint(bytes: Uint8Array, file = 'checkpoint'): Checkpoint {
  const { config, vocab } = readCheckpointMeta(bytes, file);
  const weights = readCheckpointWeights(bytes, file);
  const baseModel = readCheckpointBase(bytes, file);
  return { config, vocab, weights, ...(baseModel ? { baseModel } : {}) };
}

/** Only config.json of a checkpoint, without unpacking the weights: enough to list it as a run. */
export function readCheckpointConfig(bytes: Uint8Array, file = 'checkpoint'): CheckpointConfig {
  const entries = unzipWithin(bytes, file, (name) => (name === 'config.json' ? MAX_CONFIG_BYTES : null));
  if (!entries['config.json']) throw missing(file, 'config.json');
  return checkConfig(entryJson(entries, 'config.json', file), file);
}
