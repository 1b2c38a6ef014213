/**
 * @file How fast the run's own model trains on the active backend: the measurement behind `auto`'s choice on a real
 * GPU (backend/measuredChoice.ts). A throwaway copy of the model takes one warm-up step (kernels compile), then up to
 * three timed steps while the budget lasts, on the run's first batches; its median step time is the answer.
 */
import type { RunConfig } from '../core/config/config';
import type { Vocabularies } from '../core/dataset/vocab';
import { runTraining, type TrainData } from './runTraining';

/** Timed steps after the warm-up, at most. */
const TIMED_STEPS = 3;

/** Median ms per training step of `config`'s model on the active backend; at least one step after the warm-up. */
export async function timeTrainingSteps(config: RunConfig, data: TrainData, budgetMs = 1500): Promise<number> {
  const trial: RunConfig = { ...config, maxSteps: 1 + TIMED_STEPS, epochs: 1000, evalEvery: 0, patience: 0, stateEvery: 0 };
  const stamps: number[] = [];
  const started = performance.now();
  const result = await runTraining(trial, { ...data, dev: [] }, {
    onStep: () => void stamps.push(performance.now()),
    shouldStop: () => stamps.length >= 2 && performance.now() - stamps[0] > budgetMs,
  });
  result.tagger.dispose();
  const times = stamps.slice(1).map((t, i) => t - stamps[i]);
  if (times.length === 0) return stamps.length === 1 ? stamps[0] - started : NaN;
  times.sort((a, b) => a - b);
  return times[Math.floor((times.length - 1) / 2)];
}

/** What the model is, for the timing cache: encoder, sizes, vocabularies and batch size. */
export function modelShapeKey(config: RunConfig, vocab: Vocabularies): string {
  const c = config;
  const sizes =
    c.encoder === 'bilstm'
      ? [c.hidden, c.lstmLayers]
      : c.encoder === 'transformer'
        ? [c.transformerLayers, c.modelDim, c.heads, c.ffnDim]
        : [c.baseModel, c.finetune, c.maxLength];
  return [c.encoder, c.wordDim, c.charDim, c.charFilters, ...sizes, c.crf, c.loss, vocab.words.length, vocab.chars.length, vocab.labels.length, c.batchSize].join('/');
}
