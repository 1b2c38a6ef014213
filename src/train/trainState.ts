/**
 * @file What a run needs to continue exactly where it stopped: where it is in the data, the
 * weights, the optimiser's moments, the best checkpoint and the early-stopping tracker. Plain data
 * and Float32Arrays, so the worker can keep it in IndexedDB and the CLI can write it to disk.
 *
 * The random streams are not stored: the batch order is re-derived from the seed by replaying the
 * epochs' shuffles (EpochOrders), and the dropout stream by replaying the draws (replayDropout).
 */
import * as tf from '@tensorflow/tfjs';
import { bucketByLength, makeBatch } from '../core/dataset/batch';
import type { WeightTensor } from '../core/checkpoint/checkpoint';
import { completeConfig, type RunConfig } from '../core/config/config';
import { makeRng } from '../core/rng';
import type { EncodedSentence } from '../core/dataset/vocab';
import type { Tagger } from '../model/tagger';
import type { EarlyStoppingState } from './earlyStopping';
import type { OptimizerState, TrainOptimizer } from './optimizers';

export const TRAIN_STATE_VERSION = 1;

/** The weights of the best dev evaluation so far. */
export interface BestCheckpoint {
  step: number;
  f1: number;
  weights: WeightTensor[];
}

/** Where the loop is: `step` updates done; the next micro-batch is `batchIndex` of epoch `epoch`'s order. */
export interface TrainProgress {
  step: number;
  /** 1-based; a finished epoch moves the cursor to (epoch + 1, 0). */
  epoch: number;
  batchIndex: number;
  /** Micro-batches trained on so far: the number of loss evaluations that drew dropout masks. */
  microSteps: number;
  /** The step of the last dev evaluation, or -1. */
  lastEvalStep: number;
}

export interface TrainState extends TrainProgress {
  version: typeof TRAIN_STATE_VERSION;
  /** The config it was trained with; a resume checks that the keys fixing the curve agree. */
  config: RunConfig;
  trainSize: number;
  weights: WeightTensor[];
  optimizer: OptimizerState;
  best: BestCheckpoint | null;
  early: EarlyStoppingState;
  /** config.averageCheckpoints > 1: the weights at the last evaluations, oldest first, whose mean is evaluated. */
  recent?: WeightTensor[][];
}

/** Copies of the tagger's weights (sync point: reads every variable). */
export async function snapshotWeights(tagger: Tagger): Promise<WeightTensor[]> {
  const weights = await tagger.exportWeights();
  // Copies: on the cpu backend data() may hand out the backend's own array.
  return weights.map((w) => ({ name: w.name, shape: w.shape.slice(), data: w.data.slice() }));
}

export function weightMap(weights: WeightTensor[]): Map<string, { shape: number[]; data: Float32Array }> {
  return new Map(weights.map((w) => [w.name, { shape: w.shape, data: w.data }]));
}

export async function exportTrainState(
  tagger: Tagger,
  optimizer: TrainOptimizer,
  progress: TrainProgress,
  rest: { config: RunConfig; trainSize: number; best: BestCheckpoint | null; early: EarlyStoppingState; recent?: WeightTensor[][] },
): Promise<TrainState> {
  return {
    version: TRAIN_STATE_VERSION,
    ...progress,
    ...rest,
    config: { ...rest.config },
    weights: await snapshotWeights(tagger),
    optimizer: await optimizer.exportState(),
  };
}

/** Keys that decide the order of batches and the shape of the update; a resume must keep them. */
const CURVE_KEYS = ['seed', 'batchSize', 'gradAccumulation', 'optimizer', 'encoder', 'crf', 'loss', 'dropout', 'baseModel', 'labelAlignment', 'finetune', 'singletonUnk', 'averageCheckpoints'] as const;

/** Why `state` cannot continue under `config` and `trainSize`, each naming its key; empty when it can. */
export function resumeProblems(state: TrainState, config: RunConfig, trainSize: number): string[] {
  if (state.version !== TRAIN_STATE_VERSION) return [`version: the saved state has version ${state.version}, expected ${TRAIN_STATE_VERSION}`];
  const then = completeConfig(state.config); // a state saved before newer keys existed had their defaults
  const problems = CURVE_KEYS.filter((k) => then[k] !== config[k]).map(
    (k) => `${k}: ${JSON.stringify(then[k])} in the saved state, ${JSON.stringify(config[k])} in this config`,
  );
  // The loss's parameters are a mapping: compared as JSON (a state saved before they existed had the defaults, {}).
  const [saved, now] = [JSON.stringify(state.config.lossParams ?? {}), JSON.stringify(config.lossParams ?? {})];
  if (saved !== now) problems.push(`lossParams: ${saved} in the saved state, ${now} in this config`);
  if (state.trainSize !== trainSize) problems.push(`data.train: ${state.trainSize} sentences in the saved state, ${trainSize} now`);
  return problems;
}

/** The batch order of each epoch, from one generator seeded once: epoch e's order is the e-th draw. */
export class EpochOrders {
  private readonly rng: () => number;
  private epoch = 0;
  private order: number[][] = [];

  constructor(
    private readonly lengths: number[],
    private readonly batchSize: number,
    seed: number,
  ) {
    this.rng = makeRng(seed);
  }

  /** Epochs are asked for in increasing order; skipping ahead replays the shuffles in between. */
  get(epoch: number): number[][] {
    if (epoch < this.epoch) throw new Error(`epoch ${epoch} was already passed (at ${this.epoch})`);
    while (this.epoch < epoch) {
      this.order = bucketByLength(this.lengths, this.batchSize, this.rng);
      this.epoch++;
    }
    return this.order;
  }
}

/**
 * Advances the tagger's dropout stream past `microSteps` training-mode loss evaluations, by
 * running them on the shortest sentence: the masks are drawn per call whatever the batch, so this
 * is cheap and leaves the stream exactly where the interrupted run left it.
 */
export function replayDropout(tagger: Tagger, sentences: EncodedSentence[], microSteps: number): void {
  // A pretrained encoder draws its own dropout masks whatever the tagger's rate.
  if ((tagger.config.dropout === 0 && !tagger.config.pretrained) || microSteps === 0) return;
  let shortest = sentences[0];
  for (const s of sentences) if (s.words.length < shortest.words.length) shortest = s;
  const batch = makeBatch([shortest]);
  for (let i = 0; i < microSteps; i++) tf.dispose(tagger.loss(batch, true));
}

/** Bytes of tensor data a state holds: weights, the best weights, the optimiser's moments and the averaged snapshots. */
export function stateBytes(state: Pick<TrainState, 'weights' | 'best' | 'optimizer' | 'recent'>): number {
  let bytes = 0;
  for (const t of [...state.weights, ...(state.best?.weights ?? []), ...state.optimizer.slots, ...(state.recent ?? []).flat()]) bytes += t.data.byteLength;
  return bytes;
}
