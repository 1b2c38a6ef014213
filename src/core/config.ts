/**
 * @file The one description of a run: which model, which loss, how to train. Typed data with
 * defaults and a validator that names the offending key; the studio's form, the YAML file
 * (core/yamlConfig.ts) and the CLI all fill it.
 */

export const BACKEND_CHOICES = ['auto', 'webgpu', 'wasm', 'cpu'] as const;
/** 'auto' picks webgpu on a real GPU and wasm otherwise (see backend/probe.ts). */
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export const ENCODERS = ['bilstm'] as const;
export type EncoderName = (typeof ENCODERS)[number];
/** Encoder names that config files may already use but the code cannot train yet (issues 4 and 5). */
export const PLANNED_ENCODERS = ['transformer', 'pretrained'] as const;

/** Losses selectable today; the registry grows with the model's loss table. */
export const LOSSES = ['crf', 'cross_entropy'] as const;
export type LossChoice = (typeof LOSSES)[number];
/** Loss names of the seed pipeline that are not implemented yet (issue 4). */
export const PLANNED_LOSSES = ['label_smoothing', 'embedding_label_smoothing', 'focal', 'dice', 'boundary', 'contrastive', 'multitask', 'compound'] as const;

/** Keys of train/optimizers.ts' table. */
export const OPTIMIZERS = ['adam', 'adamw', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Keys of train/schedules.ts' table. */
export const SCHEDULES = ['constant', 'linear', 'cosine'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

export interface RunConfig {
  encoder: EncoderName;
  loss: LossChoice;
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
  hidden: number;
  dropout: number;
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
  checkpointEvery: number;
}

export const DEFAULT_CONFIG: RunConfig = {
  encoder: 'bilstm',
  loss: 'crf',
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
  dropout: 0.3,
  optimizer: 'adam',
  weightDecay: 0.01,
  momentum: 0.9,
  schedule: 'constant',
  warmupSteps: 0,
  clipNorm: 5,
  gradAccumulation: 1,
  evalEvery: 0,
  patience: 0,
  checkpointEvery: 0,
};

/**
 * A config saved before some fields existed (an old checkpoint, a persisted form) filled up with
 * today's defaults; unknown fields are dropped.
 */
export function completeConfig(partial: Partial<RunConfig>): RunConfig {
  const out = { ...DEFAULT_CONFIG };
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
  dropout: { min: 0, max: 0.95, integer: false },
  weightDecay: { min: 0, max: 1, integer: false },
  momentum: { min: 0, max: 0.999, integer: false },
  warmupSteps: { min: 0, max: 1e9, integer: true },
  clipNorm: { min: 0, max: 1e6, integer: false },
  gradAccumulation: { min: 1, max: 1024, integer: true },
  evalEvery: { min: 0, max: 1e9, integer: true },
  patience: { min: 0, max: 1e6, integer: true },
  checkpointEvery: { min: 0, max: 1e9, integer: true },
};

const CHOICES = {
  encoder: ENCODERS,
  backend: BACKEND_CHOICES,
  loss: LOSSES,
  optimizer: OPTIMIZERS,
  schedule: SCHEDULES,
} satisfies { [K in keyof RunConfig]?: readonly RunConfig[K][] };

/** Every problem with a config, each starting with its key ('epochs: ...'); empty when the config can run. */
export function validateConfig(c: RunConfig): string[] {
  const problems: string[] = [];
  for (const [key, allowed] of Object.entries(CHOICES) as [keyof typeof CHOICES, readonly string[]][]) {
    if (!allowed.includes(c[key])) problems.push(`${key}: '${c[key]}' is not one of ${allowed.join(', ')}`);
  }
  if (typeof c.crf !== 'boolean') problems.push(`crf: must be true or false`);
  for (const [key, r] of Object.entries(RANGES) as [NumericKey, (typeof RANGES)[NumericKey]][]) {
    const v = c[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${key}: must be a number`);
    else if (v < r.min || v > r.max) problems.push(`${key}: ${v} is outside ${r.min}..${r.max}`);
    else if (r.integer && !Number.isInteger(v)) problems.push(`${key}: ${v} must be a whole number`);
  }
  if (c.loss === 'crf' && !c.crf) problems.push("loss: 'crf' needs the CRF; turn CRF on or choose cross_entropy");
  return problems;
}
