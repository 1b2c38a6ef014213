/**
 * @file The training loop. It knows nothing of the page or the terminal: it reports through
 * hooks (onStep, onEval, onPhase, onState) and asks shouldStop between steps, so the worker,
 * the CLI and tests all drive the same loop. Given the state a run handed out, it continues that
 * run's exact loss curve (see trainState.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../core/dataset/batch';
import { completeConfig, validateConfig, type RunConfig } from '../core/config/config';
import { stepsPerEpochFor, totalSteps } from '../core/config/steps';
import { constraintsForLabels } from '../core/tags/constraints';
import { lossDataFor } from '../core/losses/lossData';
import { lossDataProblems } from '../core/losses/lossRules';
import type { EntityScores } from '../core/types';
import type { EncodedSentence, Vocabularies } from '../core/dataset/vocab';
import type { WordVectors } from '../core/vectors/wordVectors';
import type { PretrainedInit } from '../model/encoders';
import { Tagger, type TaggerConfig } from '../model/tagger';
import { encoderTrainingFor, halfPrecisionFor } from './pretrained';
import { INITIAL_EARLY_STOPPING, observeEvaluation } from './earlyStopping';
import { evaluateTagger } from './evaluate';
import { makeOptimizer } from './optimizers';
import { makeSchedule } from './schedules';
import {
  EpochOrders,
  exportTrainState,
  replayDropout,
  resumeProblems,
  snapshotWeights,
  weightMap,
  type BestCheckpoint,
  type TrainProgress,
  type TrainState,
} from './trainState';
import { goldConstraintProblem, taggerInitFor } from './taggerInit';
import { trainStep } from './trainStep';

export type { BestCheckpoint, TrainState } from './trainState';

export interface TrainData {
  vocab: Vocabularies;
  train: EncodedSentence[];
  dev: EncodedSentence[];
  /** The vectors config.wordVectors names (core/wordVectors.ts parseWordVectors); the word embeddings start from them. */
  wordVectors?: WordVectors;
  /** encoder 'pretrained': the checkpoint's architecture and weights; the sentences carry their pieces (train/pretrained.ts). */
  pretrained?: PretrainedInit;
}

export interface StepEvent {
  step: number;
  epoch: number;
  loss: number;
  /** Learning rate this step was taken with (after the schedule). */
  lr: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  tokens: number;
  sentences: number;
  /** Throughput over the last step, tokens per second of wall time. */
  tokensPerSec: number;
  sentencesPerSec: number;
  /** Seconds since the epoch (Unix time), as TensorBoard logs it. */
  wallTime: number;
  stepsPerEpoch: number;
}

export interface EvalEvent {
  step: number;
  epoch: number;
  scores: EntityScores;
  wallTime: number;
  /** This evaluation is the best so far; its weights are now TrainResult.best. */
  improved: boolean;
}

export type TrainPhase = 'training' | 'evaluating';

export interface TrainHooks {
  onStep?: (e: StepEvent) => void;
  onEval?: (e: EvalEvent) => void;
  onPhase?: (phase: TrainPhase, at: { step: number; epoch: number }) => void;
  /**
   * A resumable state, after every evaluation and every config.stateEvery steps. Only built
   * when this hook is given (it reads all weights and moments); awaited before training goes on.
   */
  onState?: (state: TrainState) => void | Promise<void>;
  shouldStop?: () => boolean;
  /** Awaited between steps; a paused run's promise resolves when it is unpaused (or stopped). */
  whilePaused?: () => Promise<void>;
}

export interface TrainResult {
  /** The weights after the last step (not the best ones: those are in `best`). */
  tagger: Tagger;
  status: 'finished' | 'stopped';
  /** Finished because dev F1 did not improve for config.patience evaluations. */
  stoppedEarly: boolean;
  steps: number;
  epochs: number;
  bestDevF1: number | null;
  /** Weights of the best dev evaluation; null without a dev split. */
  best: BestCheckpoint | null;
  /** Continue this run later with runTraining(config, data, hooks, state). */
  state: TrainState;
}

export function taggerConfigFor(config: RunConfig, vocab: Vocabularies): TaggerConfig {
  return {
    encoder: config.encoder,
    wordVocabSize: vocab.words.length,
    charVocabSize: vocab.chars.length,
    numLabels: vocab.labels.length,
    wordDim: config.wordDim,
    charDim: config.charDim,
    charFilters: config.charFilters,
    charKernel: 3,
    hidden: config.hidden,
    lstmLayers: config.lstmLayers,
    transformerLayers: config.transformerLayers,
    heads: config.heads,
    modelDim: config.modelDim,
    ffnDim: config.ffnDim,
    positional: config.positional,
    maxPositions: config.maxPositions,
    dropout: config.dropout,
    crf: config.crf,
    loss: config.loss,
    lossParams: config.lossParams,
    // Labels, label counts and extra columns come with the vocabulary, so a checkpoint rebuilds the same loss.
    lossData: lossDataFor(vocab),
    // From the label names alone, so a checkpoint (which has the labels, not the data) decodes with the same rules.
    allowed: config.crf && config.constrainTransitions ? constraintsForLabels(vocab.labels) : null,
    ...(config.encoder === 'pretrained' ? { pretrained: { training: encoderTrainingFor(config), aggregation: config.aggregation, decoderContext: config.decoderContext, halfPrecision: halfPrecisionFor(config, tf.getBackend()) } } : {}),
  };
}

/** Sentences per batch when scoring dev; `ner evaluate` uses the same, so it reproduces the F1 a run recorded. */
export const evalBatchSize = (config: RunConfig) => Math.max(config.batchSize, 32);

/** Lets queued messages (a Stop click) in between steps; an awaited read alone is only a microtask. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runTraining(runConfig: RunConfig, data: TrainData, hooks: TrainHooks = {}, resumeFrom?: TrainState): Promise<TrainResult> {
  if (data.train.length === 0) throw new Error('The training split is empty.');
  const config = completeConfig(runConfig); // a config saved before newer fields existed still runs
  const problems = [
    ...validateConfig(config),
    ...lossDataProblems(config.loss, config.lossParams, config.crf, lossDataFor(data.vocab)),
    ...(resumeFrom ? resumeProblems(resumeFrom, config, data.train.length).map((p) => `resume: ${p}`) : []),
  ];
  if (problems.length > 0) throw new Error(`Cannot train: ${problems.join('; ')}`);

  const taggerConfig = taggerConfigFor(config, data.vocab);
  const goldProblem = goldConstraintProblem(taggerConfig.allowed, data.vocab, data.train);
  if (goldProblem) throw new Error(`Cannot train: ${goldProblem}`);
  // A resumed run takes every weight from its state, the word embeddings included.
  if (config.encoder === 'pretrained' && !data.pretrained) throw new Error(`Cannot train: baseModel: the pretrained encoder's checkpoint '${config.baseModel}' was not loaded`);
  const init = resumeFrom ? {} : taggerInitFor(config, data.vocab, data.wordVectors);
  // A resumed run takes the encoder's weights from its state too: start it from zeros, not a copy.
  const pretrained = data.pretrained && (resumeFrom ? { spec: data.pretrained.spec, encoderWeights: null } : data.pretrained);
  const tagger = new Tagger(taggerConfig, config.seed, { ...init, pretrained });
  // A frozen encoder's weights get no gradients and no optimiser moments.
  const vars = [...tagger.trainableVariables()].map(([name, variable]) => ({ name, variable }));
  const optimizer = makeOptimizer(config.optimizer, vars, config);
  const stepsPerEpoch = stepsPerEpochFor(config, data.train.length);
  const total = totalSteps(config, stepsPerEpoch);
  const schedule = makeSchedule(config.schedule, { lr: config.learningRate, warmupSteps: config.warmupSteps, totalSteps: total });
  const orders = new EpochOrders(
    data.train.map((s) => s.words.length),
    config.batchSize,
    config.seed,
  );
  const at: TrainProgress = resumeFrom
    ? { step: resumeFrom.step, epoch: resumeFrom.epoch, batchIndex: resumeFrom.batchIndex, microSteps: resumeFrom.microSteps, lastEvalStep: resumeFrom.lastEvalStep }
    : { step: 0, epoch: 1, batchIndex: 0, microSteps: 0, lastEvalStep: -1 };
  let best = resumeFrom?.best ?? null;
  let early = resumeFrom?.early ?? INITIAL_EARLY_STOPPING;
  let status: TrainResult['status'] = 'finished';
  let stoppedEarly = false;
  let phase: TrainPhase | null = null;
  const enter = (next: TrainPhase) => {
    if (phase !== next) hooks.onPhase?.(next, { step: at.step, epoch: at.epoch });
    phase = next;
  };
  const exportState = () => exportTrainState(tagger, optimizer, at, { config, trainSize: data.train.length, best, early });

  /** Scores dev, keeps the weights when they are the best yet; true when early stopping says stop. */
  const evaluate = async (epoch: number, counts: boolean): Promise<boolean> => {
    enter('evaluating');
    const { scores } = await evaluateTagger(tagger, data.dev, data.vocab.labels, evalBatchSize(config));
    const seen = observeEvaluation(early, at.step, scores.f1, config.patience, counts);
    early = seen.state;
    at.lastEvalStep = at.step;
    if (seen.improved) best = { step: at.step, f1: scores.f1, weights: await snapshotWeights(tagger) };
    hooks.onEval?.({ step: at.step, epoch, scores, wallTime: Date.now() / 1000, improved: seen.improved });
    return seen.stop;
  };

  try {
    if (resumeFrom) {
      tagger.importWeights(weightMap(resumeFrom.weights));
      await optimizer.importState(resumeFrom.optimizer);
      replayDropout(tagger, data.train, resumeFrom.microSteps);
    }
    const limitReached = () => config.maxSteps > 0 && at.step >= config.maxSteps;
    training: while (at.epoch <= config.epochs && !limitReached() && !stoppedEarly) {
      const epoch = at.epoch;
      const order = orders.get(epoch);
      while (at.batchIndex < order.length) {
        if (hooks.shouldStop?.()) {
          status = 'stopped';
          break training;
        }
        enter('training');
        const group = order.slice(at.batchIndex, at.batchIndex + config.gradAccumulation);
        const batches = group.map((idx) => makeBatch(idx.map((i) => data.train[i])));
        const lr = schedule(at.step);
        const started = performance.now();
        const { loss, gradNorm } = await trainStep(tagger, vars, optimizer, batches, lr, config.clipNorm);
        at.step++;
        at.batchIndex += group.length;
        at.microSteps += group.length;
        const seconds = Math.max(1e-6, (performance.now() - started) / 1000);
        const tokens = batches.reduce((n, b) => n + b.tokens, 0);
        const sentences = batches.reduce((n, b) => n + b.size, 0);
        hooks.onStep?.({
          step: at.step,
          epoch,
          loss,
          lr,
          gradNorm,
          tokens,
          sentences,
          tokensPerSec: tokens / seconds,
          sentencesPerSec: sentences / seconds,
          wallTime: Date.now() / 1000,
          stepsPerEpoch,
        });
        await yieldToEventLoop();
        await hooks.whilePaused?.();

        const epochDone = at.batchIndex >= order.length;
        const due = config.evalEvery > 0 ? at.step % config.evalEvery === 0 : epochDone;
        const evaluated = due && data.dev.length > 0;
        if (evaluated) stoppedEarly = await evaluate(epoch, true);
        if (epochDone) {
          at.epoch++; // the saved cursor never points past the end of an epoch
          at.batchIndex = 0;
        }
        const stateDue = evaluated || (config.stateEvery > 0 && at.step % config.stateEvery === 0);
        if (hooks.onState && stateDue) await hooks.onState(await exportState());
        if (stoppedEarly || limitReached()) break training;
        if (epochDone) break;
      }
    }
    // A run cut short by Stop or maxSteps still reports how good its last weights are.
    if (!stoppedEarly && data.dev.length > 0 && at.step > 0 && at.lastEvalStep !== at.step) {
      await evaluate(at.batchIndex === 0 ? at.epoch - 1 : at.epoch, false);
    }
    const state = await exportState();
    const epochs = Math.min(config.epochs, at.batchIndex === 0 ? at.epoch - 1 : at.epoch);
    return { tagger, status, stoppedEarly, steps: at.step, epochs, bestDevF1: best?.f1 ?? null, best, state };
  } catch (e) {
    tagger.dispose();
    throw e;
  } finally {
    optimizer.dispose();
  }
}
