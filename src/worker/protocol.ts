/**
 * @file Every message between the page and the workers. Unions discriminated by `type`; the
 * workers post only what is new (one step, one evaluation), never a whole history.
 */
import type { BackendName } from '../backend/probe';
import type { RunConfig } from '../core/config/config';
import type { PreparedDataset, SplitText, TrainingSet } from '../core/dataset/prepared';
import type { MatchedVectors } from '../core/vectors/matchedVectors';
import type { LoggedRun, MetricEval } from '../core/metrics/metricRows';

export type { MatchedVectors } from '../core/vectors/matchedVectors';
import type { Diagnostic, EntityScores, Prf } from '../core/types';
import type { TextPrediction } from '../train/predictText';
import type { TrainState } from '../train/trainState';

export type { EntityPrediction, TextPrediction } from '../train/predictText';
export type { TrainState } from '../train/trainState';

// ---- data worker: parse, split, build vocabularies, encode ----

export type DataRequest =
  | { type: 'parse'; id: number; files: File[]; ratio: number; seed: number }
  | { type: 'demo'; id: number }
  /** Parse a word-vector file and keep the vectors of `words` (the loaded vocabulary) only. */
  | { type: 'wordVectors'; id: number; file: File; words: string[] }
  /** Read a metrics CSV (the studio's, ner train's, ner_studio_torch's) into runs' points. */
  | { type: 'csvLog'; id: number; file: File };

export type DataResponse =
  /** done of total files read; bytes of totalBytes of `file` read so far (absent from older workers). */
  | { type: 'progress'; id: number; file: string; done: number; total: number; bytes?: number; totalBytes?: number }
  | { type: 'prepared'; id: number; dataset: PreparedDataset; diagnostics: Diagnostic[] }
  | { type: 'failed'; id: number; diagnostics: Diagnostic[] }
  | { type: 'wordVectors'; id: number; vectors: MatchedVectors }
  | { type: 'csvLog'; id: number; runs: LoggedRun[] };

// ---- training worker: one per run ----

export type TrainRequest =
  /**
   * data: only what training needs (core/dataset/prepared.ts trainingSetOf). resumeFrom: continue an interrupted run
   * from its last saved state. pretrained: the base model's files, for encoder 'pretrained'.
   */
  | { type: 'start'; runId: string; config: RunConfig; data: TrainingSet; resumeFrom?: TrainState; pretrained?: PretrainedFiles; wordVectors?: MatchedVectors }
  | { type: 'stop'; runId: string }
  | { type: 'pause'; runId: string; paused: boolean }
  /** Destroys the WebGPU device mid-run, to check that the run recovers on wasm. */
  | { type: 'loseDevice'; runId: string };

export type RunPhase = 'starting' | 'training' | 'evaluating' | 'paused' | 'saving';

export interface StepPoint {
  step: number;
  epoch: number;
  loss: number;
  tokensPerSec: number;
  sentencesPerSec: number;
  wallTime: number;
  stepsPerEpoch: number;
  /** The learning rate this step used (schedules change it). */
  lr?: number;
  /** Live tensors and their bytes after the step; flat across steps when nothing leaks. */
  tensors?: number;
  bytes?: number;
  /** Bytes held on the GPU (webgpu only). */
  gpuBytes?: number | null;
}

/** A dev evaluation as the worker reports it: a logged one (MetricEval) with precision and recall per type too. */
export interface EvalPoint extends Omit<MetricEval, 'perType'> {
  perType: Record<string, Prf>;
}

export type TrainResponse =
  | { type: 'backend'; runId: string; backend: BackendName; reason: string }
  | { type: 'phase'; runId: string; phase: RunPhase; epoch: number }
  | ({ type: 'step'; runId: string } & StepPoint)
  /** Training continues from the state saved at fromStep; points after it are superseded. */
  | { type: 'resumed'; runId: string; fromStep: number; reason: string }
  /** Something worth telling about the run, shown under its status. */
  | { type: 'note'; runId: string; text: string }
  /** A resumable state, saved by the page so the run survives a reload. */
  | { type: 'state'; runId: string; state: TrainState }
  | ({ type: 'eval'; runId: string } & EvalPoint)
  | {
      type: 'done';
      runId: string;
      status: 'finished' | 'stopped';
      /** The best dev checkpoint (the last weights where there is no dev split). */
      checkpoint: ArrayBuffer;
      bestDevF1: number | null;
      parameters: number;
      /** Dev tags predicted by that checkpoint, in dev order; null without a dev split. */
      devPredictions: string[][] | null;
    }
  | { type: 'error'; runId: string; message: string };

// ---- prediction worker: the playground, and a finished run's test score ----

export type PredictRequest =
  | { type: 'predict'; id: number; runId: string; checkpoint: ArrayBuffer | null; text: string }
  /** Score a finished run's best checkpoint on the dataset's test split (the training worker never sees test). */
  | { type: 'scoreTest'; id: number; runId: string; checkpoint: ArrayBuffer; test: SplitText };

export type PredictResponse =
  | { type: 'prediction'; id: number; runId: string; prediction: TextPrediction }
  | { type: 'testScores'; id: number; runId: string; scores: EntityScores }
  | { type: 'predictFailed'; id: number; runId: string; message: string };

// ---- model worker: pretrained Hugging Face checkpoints (download, open, fit, export) ----

/** A Hugging Face checkpoint's files by name (config.json, model.safetensors, tokenizer.json, ...). */
export interface PretrainedFiles {
  /** The model id, or the folder / files it came from; becomes RunConfig.baseModel. */
  name: string;
  files: Record<string, Uint8Array>;
}

/** What the studio shows of a loaded checkpoint. */
export interface PretrainedSummary {
  name: string;
  /** model_type: 'bert', 'distilbert', 'roberta', 'xlm-roberta', 'llama', 'mistral', 'qwen2', 'modernbert' or 'deberta-v2'. */
  family: string;
  /** A causal decoder (Llama, Mistral, Qwen2): the run chooses what context its tokens see (RunConfig.decoderContext). */
  decoder: boolean;
  /** config.json's architectures, e.g. BertForMaskedLM. */
  architectures: string[];
  hiddenSize: number;
  layers: number;
  heads: number;
  vocabSize: number;
  /** The longest window the model takes, special tokens included. */
  maxTokens: number;
  /** wordpiece, bpe or unigram. */
  tokenizer: string;
  bytes: number;
}

/** Parameters and memory of fine-tuning it under a config (train/pretrainedMemory.ts PretrainedFit), on the planned backend. */
export interface PretrainedFitReport {
  total: number;
  trainable: number;
  memoryBytes: number;
  seqLen: number;
  /** The frozen dense weights would be stored in float16 on this backend. */
  halfPrecision: boolean;
  backend: BackendName;
  problem: string | null;
}

export type ModelRequest =
  /** endpoint: the Hub's address ('https://huggingface.co' when absent); tests serve one locally. */
  | { type: 'download'; id: number; modelId: string; endpoint?: string }
  | { type: 'open'; id: number; files: File[] }
  | { type: 'fit'; id: number; modelConfig: Uint8Array; config: RunConfig; numLabels: number }
  | { type: 'exportHf'; id: number; checkpoint: ArrayBuffer; name: string };

export type ModelResponse =
  | { type: 'downloadProgress'; id: number; file: string; loaded: number; total: number | null }
  /** The checkpoint checked (architecture, weights, tokenizer); its files' buffers are transferred. */
  | { type: 'model'; id: number; model: PretrainedFiles; summary: PretrainedSummary }
  | { type: 'fit'; id: number; fit: PretrainedFitReport }
  | { type: 'exported'; id: number; zip: ArrayBuffer }
  | { type: 'modelFailed'; id: number; message: string };

// ---- export worker: the current settings and dataset as a PyTorch project (train/torchExport.ts) ----

export type ExportRequest = {
  type: 'torchProject';
  id: number;
  config: RunConfig;
  dataset: PreparedDataset;
  /** encoder 'pretrained': the base model's files. */
  pretrained?: PretrainedFiles;
  wordVectors?: MatchedVectors;
};

export type ExportResponse = { type: 'torchProject'; id: number; name: string; zip: ArrayBuffer } | { type: 'exportFailed'; id: number; message: string };
