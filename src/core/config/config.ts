/**
 * @file The one description of a run: which model, which loss, how to train. Typed data with
 * defaults and a validator that names the offending key; the studio's form, the YAML file
 * (core/yamlConfig.ts) and the CLI all fill it.
 */
import { lossParamProblems } from '../losses/lossRules';
import { LOSS_SPECS, type LossChoice } from '../losses/lossSpecs';

export const BACKEND_CHOICES = ['auto', 'webgpu', 'wasm', 'cpu'] as const;
/** 'auto' picks webgpu on a real GPU and wasm otherwise (see backend/probe.ts). */
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** Keys of model/encoders/index.ts' table (which checks it has exactly these). */
export const ENCODER_NAMES = ['bilstm', 'transformer', 'pretrained'] as const;
export type EncoderName = (typeof ENCODER_NAMES)[number];

/** pretrained: which subword pieces of a word carry its label in training (the others are skipped, or get I-X). */
export const LABEL_ALIGNMENTS = ['first', 'all'] as const;
export type LabelAlignment = (typeof LABEL_ALIGNMENTS)[number];
/** pretrained: how a word's score is read from its pieces' scores when predicting. */
export const AGGREGATIONS = ['first', 'average', 'max'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
/** pretrained: what of the encoder trains (the head and CRF always do). */
export const FINETUNE_MODES = ['full', 'frozen', 'top', 'lora'] as const;
export type FinetuneMode = (typeof FINETUNE_MODES)[number];
/**
 * pretrained decoders (Llama, Mistral, Qwen2): what context a token's state sees. 'causal': the
 * words before it only, as the model was trained; 'bidirectional': the causal mask lifted, both
 * sides (LLM2Vec-style); 'sentence+reverse': a causal pass over the sentence and one over its words
 * in reverse order, their states averaged, so each word sees both sides without changing the mask.
 */
export const DECODER_CONTEXTS = ['causal', 'bidirectional', 'sentence+reverse'] as const;
export type DecoderContext = (typeof DECODER_CONTEXTS)[number];
/**
 * pretrained: how the encoder's frozen dense weights are stored. 'auto': half precision on WebGPU,
 * where device memory is the limit, float32 elsewhere; 'float16' everywhere; 'float32' never halved.
 * Arithmetic is float32 either way.
 */
export const FROZEN_WEIGHT_STORAGES = ['auto', 'float32', 'float16'] as const;
export type FrozenWeightStorage = (typeof FROZEN_WEIGHT_STORAGES)[number];

/** How the transformer encoder knows word order: fixed sine waves, or a learned vector per position. */
export const POSITIONAL_ENCODINGS = ['sinusoidal', 'learned'] as const;
export type PositionalEncoding = (typeof POSITIONAL_ENCODINGS)[number];

/** Keys of core/lossSpecs.ts' table, in its order (model/losses/index.ts implements each). */
export const LOSS_NAMES = Object.keys(LOSS_SPECS) as LossChoice[];
export type { LossChoice };
/** The studio's name for each loss. */
export const LOSS_LABELS = Object.fromEntries(LOSS_NAMES.map((name) => [name, LOSS_SPECS[name].label])) as Record<LossChoice, string>;

/** Keys of train/optimizers.ts' table. */
export const OPTIMIZER_NAMES = ['adam', 'adamw', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** Keys of train/schedules.ts' table. */
export const SCHEDULE_NAMES = ['constant', 'linear', 'cosine'] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

export interface RunConfig {
  encoder: EncoderName;
  loss: LossChoice;
  /** The loss's parameters (model.loss.params), checked per loss by core/lossRules.ts; {} for the defaults. */
  lossParams: Record<string, unknown>;
  /** A CRF on top of the emissions: Viterbi decoding, and its likelihood when loss is 'crf'. */
  crf: boolean;
  epochs: number;
  /** Sentences per micro-batch; one optimiser step sees batchSize * gradAccumulation sentences. */
  batchSize: number;
  /** Peak learning rate; the schedule scales it step by step. */
  learningRate: number;
  /** Stop after this many optimiser steps; 0 means no limit beyond the epochs. */
  maxSteps: number;
  /** Seeds initialisation, dropout masks and batch order: same seed, data, config and backend, same losses. */
  seed: number;
  backend: BackendChoice;
  wordDim: number;
  charDim: number;
  charFilters: number;
  /** bilstm: LSTM units per direction. */
  hidden: number;
  /** bilstm: stacked BiLSTM layers, 1 or 2. */
  lstmLayers: number;
  /** transformer: encoder blocks. */
  transformerLayers: number;
  /** transformer: attention heads; modelDim must be a multiple of it. */
  heads: number;
  /** transformer: width of every block (the model dimension). */
  modelDim: number;
  /** transformer: inner size of each block's feed-forward layer. */
  ffnDim: number;
  positional: PositionalEncoding;
  /** transformer with learned positions: positions learned; later tokens of a longer sentence share the last one. */
  maxPositions: number;
  /** Word vectors (GloVe / word2vec text) the word embeddings start from, by file name; '' for a random start. */
  wordVectors: string;
  dropout: number;
  /**
   * With the CRF: forbid the label transitions the tag scheme forbids (O -> I-X in IOB2 ...), in training and
   * decoding. The scheme is read from the label names (core/constraints.ts).
   */
  constrainTransitions: boolean;
  optimizer: OptimizerName;
  /** Decoupled weight decay of adamw (ignored by adam and sgd). */
  weightDecay: number;
  /** Momentum of sgd (ignored by adam and adamw). */
  momentum: number;
  schedule: ScheduleName;
  /** Steps of linear warm-up from lr/warmupSteps to lr, before the schedule's decay. */
  warmupSteps: number;
  /** Clip the gradients' global L2 norm to this; 0 turns clipping off. */
  clipNorm: number;
  /** Micro-batches whose gradients are averaged into one optimiser step. */
  gradAccumulation: number;
  /** Evaluate on dev every this many steps; 0 means at the end of every epoch. */
  evalEvery: number;
  /** Stop after this many evaluations without a better dev F1; 0 turns early stopping off. */
  patience: number;
  /** Hand out a resumable state every this many steps (besides after each evaluation); 0: only then. */
  stateEvery: number;
  /** pretrained: the Hugging Face model id or folder the encoder starts from ('' for none). */
  baseModel: string;
  /** pretrained: label the first subword piece of a word (others skipped), or all of them (later ones I-X). */
  labelAlignment: LabelAlignment;
  /** pretrained: first / average / max of a word's pieces' scores, when predicting. */
  aggregation: Aggregation;
  /** pretrained: tokens per window, special tokens included; 0 for the model's own limit. Longer sentences are windowed. */
  maxLength: number;
  /** pretrained: tokens shared by neighbouring windows of a long sentence. */
  stride: number;
  /** pretrained: train the whole encoder, none of it, its top `topLayers` layers, or LoRA adapters. */
  finetune: FinetuneMode;
  /** pretrained, finetune 'top': how many of the top transformer layers train. */
  topLayers: number;
  /** pretrained, finetune 'lora': the adapters' rank and scale numerator (scale = alpha / rank). */
  loraRank: number;
  loraAlpha: number;
  /** pretrained, finetune 'lora': adapters on the feed-forward layers too, not only the attention's query and value. */
  loraMlp: boolean;
  /** pretrained decoders: the context each token sees (DECODER_CONTEXTS); encoders see both sides anyway. */
  decoderContext: DecoderContext;
  /** pretrained: frozen dense weights in half precision ('auto': on WebGPU only). */
  frozenWeights: FrozenWeightStorage;
}

export const DEFAULT_CONFIG: RunConfig = {
  encoder: 'bilstm',
  loss: 'crf',
  lossParams: {},
  crf: true,
  epochs: 5,
  batchSize: 16,
  learningRate: 0.01,
  maxSteps: 0,
  seed: 42,
  backend: 'auto',
  wordDim: 50,
  charDim: 25,
  charFilters: 25,
  hidden: 64,
  lstmLayers: 1,
  transformerLayers: 2,
  heads: 4,
  modelDim: 128,
  ffnDim: 256,
  positional: 'sinusoidal',
  maxPositions: 512,
  wordVectors: '',
  dropout: 0.3,
  constrainTransitions: true,
  optimizer: 'adam',
  weightDecay: 0.01,
  momentum: 0.9,
  schedule: 'constant',
  warmupSteps: 0,
  clipNorm: 5,
  gradAccumulation: 1,
  evalEvery: 0,
  patience: 0,
  stateEvery: 0,
  baseModel: '',
  labelAlignment: 'first',
  aggregation: 'first',
  maxLength: 128,
  stride: 32,
  finetune: 'full',
  topLayers: 2,
  loraRank: 8,
  loraAlpha: 16,
  loraMlp: false,
  decoderContext: 'bidirectional',
  frozenWeights: 'auto',
};

/**
 * A config saved before some fields existed (an old checkpoint, a persisted form) filled up with
 * today's defaults; unknown fields are dropped.
 */
export function completeConfig(partial: Partial<RunConfig>): RunConfig {
  const out = { ...DEFAULT_CONFIG };
  // Renamed fields, so configs saved under the old name keep their value.
  const legacy = partial as Partial<RunConfig> & { checkpointEvery?: number };
  if (legacy.stateEvery === undefined && legacy.checkpointEvery !== undefined) partial = { ...partial, stateEvery: legacy.checkpointEvery };
  for (const key of Object.keys(DEFAULT_CONFIG) as (keyof RunConfig)[]) {
    if (partial[key] !== undefined) (out as Record<keyof RunConfig, unknown>)[key] = partial[key];
  }
  return out;
}

type NumericKey = { [K in keyof RunConfig]: RunConfig[K] extends number ? K : never }[keyof RunConfig];

const RANGES: Record<NumericKey, { min: number; max: number; integer: boolean }> = {
  epochs: { min: 1, max: 1000, integer: true },
  batchSize: { min: 1, max: 4096, integer: true },
  learningRate: { min: 1e-7, max: 10, integer: false },
  maxSteps: { min: 0, max: 1e9, integer: true },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
  wordDim: { min: 1, max: 4096, integer: true },
  charDim: { min: 1, max: 1024, integer: true },
  charFilters: { min: 1, max: 1024, integer: true },
  hidden: { min: 1, max: 4096, integer: true },
  lstmLayers: { min: 1, max: 2, integer: true },
  transformerLayers: { min: 1, max: 24, integer: true },
  heads: { min: 1, max: 64, integer: true },
  modelDim: { min: 1, max: 4096, integer: true },
  ffnDim: { min: 1, max: 16384, integer: true },
  maxPositions: { min: 1, max: 8192, integer: true },
  dropout: { min: 0, max: 0.95, integer: false },
  weightDecay: { min: 0, max: 1, integer: false },
  momentum: { min: 0, max: 0.999, integer: false },
  warmupSteps: { min: 0, max: 1e9, integer: true },
  clipNorm: { min: 0, max: 1e6, integer: false },
  gradAccumulation: { min: 1, max: 1024, integer: true },
  evalEvery: { min: 0, max: 1e9, integer: true },
  patience: { min: 0, max: 1e6, integer: true },
  stateEvery: { min: 0, max: 1e9, integer: true },
  maxLength: { min: 0, max: 8192, integer: true },
  stride: { min: 0, max: 8192, integer: true },
  topLayers: { min: 0, max: 96, integer: true },
  loraRank: { min: 1, max: 1024, integer: true },
  loraAlpha: { min: 1e-6, max: 1e6, integer: false },
};

const CHOICES = {
  encoder: ENCODER_NAMES,
  backend: BACKEND_CHOICES,
  loss: LOSS_NAMES,
  optimizer: OPTIMIZER_NAMES,
  schedule: SCHEDULE_NAMES,
  positional: POSITIONAL_ENCODINGS,
  labelAlignment: LABEL_ALIGNMENTS,
  aggregation: AGGREGATIONS,
  finetune: FINETUNE_MODES,
  decoderContext: DECODER_CONTEXTS,
  frozenWeights: FROZEN_WEIGHT_STORAGES,
} satisfies { [K in keyof RunConfig]?: readonly RunConfig[K][] };

/** Every problem with a config, each starting with its key ('epochs: ...'); empty when the config can run. */
export function validateConfig(c: RunConfig): string[] {
  const problems: string[] = [];
  for (const [key, allowed] of Object.entries(CHOICES) as [keyof typeof CHOICES, readonly string[]][]) {
    if (!allowed.includes(c[key])) problems.push(`${key}: '${c[key]}' is not one of ${allowed.join(', ')}`);
  }
  if (typeof c.crf !== 'boolean') problems.push(`crf: must be true or false`);
  if (typeof c.loraMlp !== 'boolean') problems.push(`loraMlp: must be true or false`);
  if (typeof c.constrainTransitions !== 'boolean') problems.push(`constrainTransitions: must be true or false`);
  if (typeof c.wordVectors !== 'string') problems.push(`wordVectors: must be a file name, or '' for none`);
  for (const [key, r] of Object.entries(RANGES) as [NumericKey, (typeof RANGES)[NumericKey]][]) {
    const v = c[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${key}: must be a number`);
    else if (v < r.min || v > r.max) problems.push(`${key}: ${v} is outside ${r.min}..${r.max}`);
    else if (r.integer && !Number.isInteger(v)) problems.push(`${key}: ${v} must be a whole number`);
  }
  if (LOSS_NAMES.includes(c.loss)) problems.push(...lossParamProblems(c.loss, c.lossParams ?? {}, c.crf));
  if (c.encoder === 'transformer' && Number.isInteger(c.heads) && c.heads > 0 && c.modelDim % c.heads !== 0) {
    problems.push(`heads: modelDim ${c.modelDim} is not a multiple of heads ${c.heads}; each head gets modelDim / heads dimensions`);
  }
  if (c.encoder === 'pretrained') problems.push(...pretrainedProblems(c));
  return problems;
}

/** The pretrained encoder's own checks; the model's limits (layers, positions) are checked when it is loaded. */
function pretrainedProblems(c: RunConfig): string[] {
  const problems: string[] = [];
  if (typeof c.baseModel !== 'string' || c.baseModel.trim() === '') {
    problems.push('baseModel: the pretrained encoder needs a base model: a Hugging Face model id (bert-base-cased) or a checkpoint folder');
  }
  // [CLS] and [SEP] (or <s> and </s>) take two of every window's tokens.
  if (c.maxLength > 0 && c.maxLength < 3) problems.push(`maxLength: ${c.maxLength} leaves no room for words beside the special tokens; use 0 for the model's limit`);
  else if (c.maxLength > 0 && c.stride >= c.maxLength - 2) problems.push(`stride: ${c.stride} must be below maxLength minus the 2 special tokens (${c.maxLength - 2})`);
  return problems;
}
