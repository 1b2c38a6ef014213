/**
 * @file One training job, below the studio's training worker and `ner train`: from a config and the packed splits
 * training needs to the trained run's checkpoint. It unpacks the splits, readies a pretrained encoder (subword
 * pieces, the memory fit), runs the loop (continuing on another backend when the caller's `recover` says so), and
 * packages the best checkpoint. Callers keep only what is theirs: messages to a page, or files and a terminal.
 */
import type { RunConfig } from '../core/config/config';
import { unpackSplit, type TrainingSet } from '../core/dataset/prepared';
import type { WordVectors } from '../core/vectors/wordVectors';
import type { DeviceLimits } from '../model/hf/memory';
import { saveCheckpoint, saveWeightsCheckpoint } from './checkpointIO';
import { predictTags } from './evaluate';
import { baseModelFiles, longestWindow, pretrainedTrainData, readPretrainedBase } from './pretrained';
import { pretrainedFit, weightStorageNote } from './pretrainedMemory';
import { runTraining, type TrainData, type TrainHooks, type TrainResult } from './runTraining';
import { weightMap, type TrainState } from './trainState';

export interface TrainJobOptions {
  /** The backend the loop runs on, as the checkpoint records it. */
  backend: string;
  /** What the backend can hold; asked only for a pretrained encoder, before any weight becomes a tensor. */
  limits: () => Promise<DeviceLimits>;
  /** encoder 'pretrained': the base model's files by name (config.json, model.safetensors, tokenizer files). */
  baseModel?: ReadonlyMap<string, Uint8Array>;
  wordVectors?: WordVectors;
  /** Continue an interrupted run from its saved state. */
  resumeFrom?: TrainState;
  /** Tag dev with the best weights at the end (the studio's error analysis reads them). */
  predictDev?: boolean;
  /**
   * When the loop fails: activate another backend and return its name to continue there from the last state, or
   * return null to fail. `from` is the step of that state (0 and saved false: from the start).
   */
  recover?: (error: unknown, from: { step: number; saved: boolean }) => Promise<string | null>;
  /** A line for the person about how the run was set up (a pretrained encoder's weight storage). */
  onNote?: (text: string) => void;
}

export interface TrainJobResult {
  status: TrainResult['status'];
  stoppedEarly: boolean;
  steps: number;
  epochs: number;
  bestDevF1: number | null;
  bestStep: number | null;
  /** The backend the run ended on. */
  backend: string;
  /** The checkpoint file: the best dev weights, or the last weights without a dev split. */
  checkpoint: Uint8Array;
  /** Dev tags from those weights, in dev order; null without a dev split or when not asked for. */
  devPredictions: string[][] | null;
  parameters: number;
}

/** Thrown before the first step when the run cannot start as configured; `key` is the config field at fault. */
export class JobSetupError extends Error {
  constructor(
    readonly key: keyof RunConfig,
    message: string,
  ) {
    super(message);
  }
}

export async function runTrainJob(config: RunConfig, set: TrainingSet, hooks: TrainHooks, options: TrainJobOptions): Promise<TrainJobResult> {
  const plain: TrainData = { vocab: set.vocab, train: unpackSplit(set.train), dev: unpackSplit(set.dev), wordVectors: options.wordVectors };
  const { data, baseModel } = config.encoder === 'pretrained' ? await withPretrained(config, set, plain, options) : { data: plain, baseModel: undefined };
  const { result, backend } = await trainWithRecovery(config, data, hooks, options);
  const trained = { steps: result.steps, epochs: result.epochs, bestDevF1: result.bestDevF1, bestStep: result.best?.step ?? null, backend, createdAt: new Date().toISOString() };
  try {
    const checkpoint = result.best
      ? saveWeightsCheckpoint(result.best.weights, config, set.vocab, trained, baseModel)
      : await saveCheckpoint(result.tagger, config, set.vocab, trained, baseModel);
    if (result.best) result.tagger.importWeights(weightMap(result.best.weights));
    const devPredictions = options.predictDev && data.dev.length > 0 ? await predictTags(result.tagger, data.dev, set.vocab.labels, 64) : null;
    return { ...trained, status: result.status, stoppedEarly: result.stoppedEarly, checkpoint, devPredictions, parameters: result.tagger.parameterCount() };
  } finally {
    result.tagger.dispose();
  }
}

/** encoder 'pretrained': reads the base model, gives the sentences their subword pieces, and refuses a model that does not fit. */
async function withPretrained(config: RunConfig, set: TrainingSet, data: TrainData, options: TrainJobOptions): Promise<{ data: TrainData; baseModel: Map<string, Uint8Array> }> {
  if (!options.baseModel) throw new JobSetupError('baseModel', `the files of '${config.baseModel}' did not come with the run`);
  if (!set.tokens) throw new JobSetupError('baseModel', 'the pretrained encoder needs the sentences as written, which did not come with the run');
  let base;
  try {
    base = readPretrainedBase(options.baseModel);
  } catch (e) {
    throw new JobSetupError('baseModel', (e as Error).message);
  }
  const ready = pretrainedTrainData(config, base, data, set.tokens);
  const fit = pretrainedFit(config, base.spec, set.vocab.labels.length, await options.limits(), longestWindow(ready.train), options.backend);
  if (fit.problem) throw new JobSetupError('baseModel', `${config.baseModel} does not fit on ${options.backend}, so training did not start: ${fit.problem}`);
  options.onNote?.(weightStorageNote(fit, config, options.backend));
  return { data: ready, baseModel: baseModelFiles(base) };
}

async function trainWithRecovery(config: RunConfig, data: TrainData, hooks: TrainHooks, options: TrainJobOptions): Promise<{ result: TrainResult; backend: string }> {
  let lastState = options.resumeFrom ?? null;
  const tracked: TrainHooks = options.recover
    ? {
        ...hooks,
        onState: async (state) => {
          lastState = state;
          await hooks.onState?.(state);
        },
      }
    : hooks;
  try {
    return { result: await runTraining(config, data, tracked, options.resumeFrom), backend: options.backend };
  } catch (error) {
    if (!options.recover || hooks.shouldStop?.()) throw error;
    const backend = await options.recover(error, { step: lastState?.step ?? 0, saved: lastState !== null });
    if (!backend) throw error;
    return { result: await runTraining(config, data, tracked, lastState ?? undefined), backend };
  }
}

