/**
 * @file The one description of a run: which model, which loss, how to train. Typed data with
 * defaults and a validator that names the offending key; the studio's form and the CLI both fill it.
 */

export const BACKEND_CHOICES = ['auto', 'webgpu', 'wasm', 'cpu'] as const;
/** 'auto' picks webgpu on a real GPU and wasm otherwise (see backend/probe.ts). */
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export const ENCODERS = ['bilstm'] as const;
export type EncoderName = (typeof ENCODERS)[number];

/** Losses selectable today; the registry grows with the model's loss table. */
export const LOSSES = ['crf', 'cross_entropy'] as const;
export type LossChoice = (typeof LOSSES)[number];

export interface RunConfig {
  encoder: EncoderName;
  loss: LossChoice;
  /** A CRF on top of the emissions: Viterbi decoding, and its likelihood when loss is 'crf'. */
  crf: boolean;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Stop after this many optimiser steps; 0 means no limit beyond the epochs. */
  maxSteps: number;
  seed: number;
  backend: BackendChoice;
  wordDim: number;
  charDim: number;
  charFilters: number;
  hidden: number;
  dropout: number;
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
};

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
};

/** Every problem with a config, each naming its key; empty when the config can run. */
export function validateConfig(c: RunConfig): string[] {
  const problems: string[] = [];
  if (!ENCODERS.includes(c.encoder)) problems.push(`encoder: '${c.encoder}' is not one of ${ENCODERS.join(', ')}`);
  if (!BACKEND_CHOICES.includes(c.backend)) problems.push(`backend: '${c.backend}' is not one of ${BACKEND_CHOICES.join(', ')}`);
  if (!LOSSES.includes(c.loss)) problems.push(`loss: '${c.loss}' is not one of ${LOSSES.join(', ')}`);
  for (const [key, r] of Object.entries(RANGES) as [NumericKey, (typeof RANGES)[NumericKey]][]) {
    const v = c[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${key}: must be a number`);
    else if (v < r.min || v > r.max) problems.push(`${key}: ${v} is outside ${r.min}..${r.max}`);
    else if (r.integer && !Number.isInteger(v)) problems.push(`${key}: ${v} must be a whole number`);
  }
  if (c.loss === 'crf' && !c.crf) problems.push("loss: 'crf' needs the CRF; turn CRF on or choose cross_entropy");
  return problems;
}
