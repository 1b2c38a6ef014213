/**
 * @file The benchmark's one measurement, the same in Node and in a browser worker: train a preset for a fixed
 * number of steps with the real loop (runTraining), then tag sentences with the trained weights, on whatever
 * tfjs backend is active. Wall-clock throughput over the measured steps (after warm-up steps that compile
 * kernels), peak tensor memory from tf.profile of one more step, and GPU dispatches through an optional counter.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { parseFile } from '../core/formats';
import { applyPreset, PRESET_NAMES, PRESETS, type PresetName } from '../core/config/presets';
import { buildVocabularies, makeEncoder, type EncodedSentence, type Vocabularies } from '../core/dataset/vocab';
import { predictTags } from './evaluate';
import { runTraining } from './runTraining';
import type { BenchRun } from './benchReport';
import { isBenchEncoder, pretrainedBenchConfig, pretrainedBenchData, randomPretrainedBase, type BenchEncoder } from './benchPretrained';
import type { TrainData, TrainResult } from './runTraining';

export interface BenchData {
  vocab: Vocabularies;
  train: EncodedSentence[];
  /** Each sentence's tokens as written (the pretrained encoder's tokenizer reads them). */
  words: string[][];
  sentences: number;
  tokens: number;
}

/** A training file as the benchmark uses it: every sentence for training, vocabularies from it alone. */
export function benchData(text: string, file: string): BenchData {
  const parsed = parseFile(text, file, { validate: false });
  if (parsed.sentences.length === 0) throw new Error(`${file}: no sentences`);
  const vocab = buildVocabularies(parsed.sentences);
  const encode = makeEncoder(vocab);
  const train = parsed.sentences.map(encode);
  return { vocab, train, words: parsed.sentences.map((s) => s.tokens), sentences: train.length, tokens: train.reduce((n, s) => n + s.words.length, 0) };
}

/** The run config of a preset at a batch size: the studio's defaults with the preset's fields. */
export function benchConfig(preset: PresetName, batchSize: number): RunConfig {
  return { ...applyPreset(DEFAULT_CONFIG, preset), batchSize, evalEvery: 0, patience: 0, stateEvery: 0 };
}

/** The presets of core/config/presets.ts, and the pretrained encoder at the sizes of benchPretrained.ts. */
export type BenchModel = PresetName | BenchEncoder;

/** What `npm run bench` measures unless told otherwise: every preset and the pretrained encoder at bert-mini size. */
export const DEFAULT_BENCH_MODELS: BenchModel[] = [...PRESET_NAMES, 'bert-mini'];

/** Tokenizer files as text by name, the form they cross to a browser worker in. */
export const tokenizerFromText = (files: Record<string, string>) => new Map(Object.entries(files).map(([name, text]) => [name, new TextEncoder().encode(text)]));

export const isBenchPreset = (name: string): name is BenchModel => Object.hasOwn(PRESETS, name) || isBenchEncoder(name);

/** The config and training data of a benchmark model; a pretrained one needs its tokenizer's files. */
function benchRun(model: BenchModel, batchSize: number, data: BenchData, tokenizerFiles?: ReadonlyMap<string, Uint8Array>): { base: RunConfig; train: TrainData } {
  const plain: TrainData = { vocab: data.vocab, train: data.train, dev: [] };
  if (!isBenchEncoder(model)) return { base: benchConfig(model, batchSize), train: plain };
  if (!tokenizerFiles) throw new Error(`${model} needs a tokenizer (testing/fixtures/hf/tiny-bert's)`);
  const base = pretrainedBenchConfig(model, batchSize);
  return { base, train: pretrainedBenchData(base, randomPretrainedBase(model, tokenizerFiles), plain, data.words) };
}

export interface BenchSpec {
  env: BenchRun['env'];
  preset: BenchModel;
  /** The pretrained encoder's tokenizer files (tokenizer.json, tokenizer_config.json). */
  tokenizerFiles?: ReadonlyMap<string, Uint8Array>;
  batchSize: number;
  /** Measured steps, after `warmupSteps` unmeasured ones. */
  steps: number;
  warmupSteps: number;
  /** Sentences tagged for the prediction throughput. */
  predictSentences: number;
  /** GPU dispatches so far (webgpu only); the difference over the measured steps gives dispatches per step. */
  dispatches?: () => number;
  /** Process memory in bytes (Node's rss), sampled after every step. */
  processBytes?: () => number;
}

const MB = 1024 * 1024;

/** Peak bytes of live tensors while one training step runs, weights and optimiser state included. */
async function peakStepBytes(config: RunConfig, data: TrainData): Promise<number | null> {
  try {
    const profile = await tf.profile(async () => {
      const r = await runTraining({ ...config, maxSteps: 1, epochs: 1 }, data);
      r.tagger.dispose();
    });
    return profile.peakBytes;
  } catch {
    return null; // a backend whose profiler fails still gets its throughput measured
  }
}

/** What one benchmark's counters need: the warm-up before the clock starts, and the optional probes. */
export type Measuring = Pick<BenchSpec, 'warmupSteps' | 'dispatches' | 'processBytes'>;

/** The BenchRun fields of training: throughput, step time, memory and dispatches. */
export type TrainingRow = Pick<BenchRun, 'steps' | 'train_sentences_per_s' | 'train_tokens_per_s' | 'ms_per_step' | 'peak_memory_mb' | 'peak_process_mb' | 'dispatches_per_step'>;

/**
 * Trains with the real loop (runTraining) and measures the steps after the warm-up ones, which compile kernels.
 * `afterTraining` may use the trained tagger (disposed after it); then one more step is profiled for the peak
 * tensor memory, with nothing else alive.
 */
export async function measureTraining(config: RunConfig, data: TrainData, spec: Measuring, afterTraining?: (result: TrainResult) => Promise<void>): Promise<TrainingRow> {
  if (spec.warmupSteps < 1 || config.maxSteps <= spec.warmupSteps) throw new Error('benchmark: at least 1 warm-up step (the clock starts after it) and 1 measured step');
  let started = 0;
  let dispatchesAtStart = 0;
  let ended = 0;
  let dispatchesAtEnd = 0;
  let sentences = 0;
  let tokens = 0;
  let peakProcess = 0;
  const result = await runTraining(config, data, {
    onStep: (e) => {
      // onStep comes after the step's loss was read back (a sync point), so the GPU work is done.
      if (spec.processBytes) peakProcess = Math.max(peakProcess, spec.processBytes());
      if (e.step === spec.warmupSteps) {
        started = performance.now();
        dispatchesAtStart = spec.dispatches?.() ?? 0;
      } else if (e.step > spec.warmupSteps) {
        sentences += e.sentences;
        tokens += e.tokens;
        ended = performance.now();
        dispatchesAtEnd = spec.dispatches?.() ?? 0;
      }
    },
  });
  try {
    await afterTraining?.(result);
  } finally {
    result.tagger.dispose();
  }
  const peak = await peakStepBytes(config, data);
  const seconds = (ended - started) / 1000;
  const measured = result.steps - spec.warmupSteps;
  return {
    steps: measured,
    train_sentences_per_s: sentences / seconds,
    train_tokens_per_s: tokens / seconds,
    ms_per_step: (1000 * seconds) / measured,
    peak_memory_mb: peak === null ? null : peak / MB,
    peak_process_mb: spec.processBytes ? peakProcess / MB : null,
    dispatches_per_step: spec.dispatches ? (dispatchesAtEnd - dispatchesAtStart) / measured : null,
  };
}

export async function benchmark(data: BenchData, spec: BenchSpec): Promise<BenchRun> {
  const { base, train } = benchRun(spec.preset, spec.batchSize, data, spec.tokenizerFiles);
  const total = spec.warmupSteps + spec.steps;
  const stepsPerEpoch = Math.ceil(data.train.length / spec.batchSize);
  const config: RunConfig = { ...base, maxSteps: total, epochs: Math.min(1000, Math.ceil(total / stepsPerEpoch)) };
  // Prediction: the first sentences in file order, in evaluation batches, after one warm-up batch.
  const toTag = train.train.slice(0, spec.predictSentences);
  const predictBatch = Math.max(spec.batchSize, 32);
  let predictSeconds = 0;
  const row = await measureTraining(config, train, spec, async ({ tagger }) => {
    await predictTags(tagger, toTag.slice(0, predictBatch), data.vocab.labels, predictBatch);
    const predictStart = performance.now();
    await predictTags(tagger, toTag, data.vocab.labels, predictBatch);
    predictSeconds = (performance.now() - predictStart) / 1000;
  });
  return {
    env: spec.env,
    backend: tf.getBackend(),
    model: spec.preset,
    batch_size: spec.batchSize,
    ...row,
    predict_sentences_per_s: toTag.length / predictSeconds,
    predict_tokens_per_s: toTag.reduce((n, s) => n + s.words.length, 0) / predictSeconds,
  };
}
