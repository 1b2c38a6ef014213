/**
 * @file The training loop. It knows nothing of the page or the terminal: it reports through
 * hooks (onStep, onEval) and asks shouldStop between steps, so the worker, the CLI and tests all
 * drive the same loop.
 */
import * as tf from '@tensorflow/tfjs';
import { bucketByLength, makeBatch } from '../core/batch';
import type { RunConfig } from '../core/config';
import { makeRng } from '../core/rng';
import type { EntityScores } from '../core/types';
import type { EncodedSentence, Vocabularies } from '../core/vocab';
import { Tagger, type TaggerConfig } from '../model/tagger';
import { evaluateTagger } from './evaluate';

export interface TrainData {
  vocab: Vocabularies;
  train: EncodedSentence[];
  dev: EncodedSentence[];
}

export interface StepEvent {
  step: number;
  epoch: number;
  loss: number;
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
}

export interface TrainHooks {
  onStep?: (e: StepEvent) => void;
  onEval?: (e: EvalEvent) => void;
  shouldStop?: () => boolean;
}

export interface TrainResult {
  tagger: Tagger;
  status: 'finished' | 'stopped';
  steps: number;
  epochs: number;
  bestDevF1: number | null;
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
    dropout: config.dropout,
    crf: config.crf,
    loss: config.loss,
  };
}

/** Lets queued messages (a Stop click) in between steps; an awaited read alone is only a microtask. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runTraining(config: RunConfig, data: TrainData, hooks: TrainHooks = {}): Promise<TrainResult> {
  if (data.train.length === 0) throw new Error('The training split is empty.');
  const tagger = new Tagger(taggerConfigFor(config, data.vocab), config.seed);
  const optimizer = tf.train.adam(config.learningRate);
  const rng = makeRng(config.seed);
  const lengths = data.train.map((s) => s.words.length);
  let step = 0;
  let epochsRun = 0;
  let bestDevF1: number | null = null;
  let status: TrainResult['status'] = 'finished';
  const limitReached = () => config.maxSteps > 0 && step >= config.maxSteps;
  try {
    for (let epoch = 1; epoch <= config.epochs && !limitReached(); epoch++) {
      epochsRun = epoch;
      const order = bucketByLength(lengths, config.batchSize, rng);
      for (const idx of order) {
        if (hooks.shouldStop?.()) {
          status = 'stopped';
          break;
        }
        const started = performance.now();
        const batch = makeBatch(idx.map((i) => data.train[i]));
        const lossTensor = optimizer.minimize(() => tagger.loss(batch, true), true);
        const loss = (await lossTensor!.data())[0]; // sync point: one scalar per step
        lossTensor!.dispose();
        step++;
        const seconds = Math.max(1e-6, (performance.now() - started) / 1000);
        hooks.onStep?.({
          step,
          epoch,
          loss,
          tokens: batch.tokens,
          sentences: batch.size,
          tokensPerSec: batch.tokens / seconds,
          sentencesPerSec: batch.size / seconds,
          wallTime: Date.now() / 1000,
          stepsPerEpoch: order.length,
        });
        await yieldToEventLoop();
        if (limitReached()) break;
      }
      if (data.dev.length > 0 && (status !== 'stopped' || step > 0)) {
        const { scores } = await evaluateTagger(tagger, data.dev, data.vocab.labels, Math.max(config.batchSize, 32));
        bestDevF1 = Math.max(bestDevF1 ?? 0, scores.f1);
        hooks.onEval?.({ step, epoch, scores, wallTime: Date.now() / 1000 });
      }
      if (status === 'stopped') break;
    }
  } finally {
    optimizer.dispose();
  }
  return { tagger, status, steps: step, epochs: epochsRun, bestDevF1 };
}
