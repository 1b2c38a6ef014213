/**
 * @file The page's one handle on the workers. The store calls these functions; nothing on the
 * page imports tfjs, a worker module or the parser directly.
 */
import type { RunConfig } from '../core/config/config';
import { trainingSetOf, type PreparedDataset, type SplitText } from '../core/dataset/prepared';
import type { Diagnostic, EntityScores } from '../core/types';
import type { LoggedRun } from '../core/metrics/metricRows';
import type {
  DataRequest,
  DataResponse,
  ExportRequest,
  ExportResponse,
  ModelRequest,
  ModelResponse,
  PredictRequest,
  PredictResponse,
  PretrainedFiles,
  PretrainedFitReport,
  PretrainedSummary,
  TrainRequest,
  TrainResponse,
  TrainState,
  MatchedVectors,
} from './protocol';
import type { TextPrediction } from '../train/predictText';
import { describeAdapter, type AdapterDescription } from '../backend/probe';
import { previewBackend } from '../backend/measuredChoice';

export type { AdapterDescription } from '../backend/probe';

export interface LoadResult {
  dataset: PreparedDataset | null;
  diagnostics: Diagnostic[];
}

type DataRequestBody = DataRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

let dataWorker: Worker | null = null;
let nextId = 1;

/** done of total files read; bytes, where the worker counts them, of the file being read. */
export type LoadProgress = (file: string, done: number, total: number, bytes?: { read: number; total: number }) => void;

type DataReply = Exclude<DataResponse, { type: 'progress' }>;

/** One request to the data worker; progress goes to onProgress, the final reply resolves. */
function requestData(body: DataRequestBody, onProgress?: LoadProgress): Promise<DataReply> {
  dataWorker ??= new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'data' });
  const worker = dataWorker;
  const id = nextId++;
  return new Promise((resolve) => {
    const listener = (e: MessageEvent<DataResponse>) => {
      const msg = e.data;
      if (msg.id !== id) return;
      if (msg.type === 'progress') {
        onProgress?.(msg.file, msg.done, msg.total, msg.totalBytes === undefined ? undefined : { read: msg.bytes ?? 0, total: msg.totalBytes });
        return;
      }
      worker.removeEventListener('message', listener);
      resolve(msg);
    };
    worker.addEventListener('message', listener);
    worker.postMessage({ ...body, id } as DataRequest);
  });
}

function asLoadResult(msg: DataReply): LoadResult {
  switch (msg.type) {
    case 'prepared':
      return { dataset: msg.dataset, diagnostics: msg.diagnostics };
    case 'failed':
      return { dataset: null, diagnostics: msg.diagnostics };
    case 'wordVectors':
    case 'csvLog':
      return { dataset: null, diagnostics: [{ severity: 'error', file: '(data worker)', message: `answered a dataset request with ${msg.type}` }] };
    default:
      return msg satisfies never;
  }
}

export async function loadFiles(files: File[], ratio = 0.8, seed = 13, onProgress?: LoadProgress): Promise<LoadResult> {
  return asLoadResult(await requestData({ type: 'parse', files, ratio, seed }, onProgress));
}

export async function loadDemo(): Promise<LoadResult> {
  return asLoadResult(await requestData({ type: 'demo' }));
}

/** A failed reply's problems, each with its file and line, in one message. */
const problemsOf = (msg: DataReply) => (msg.type === 'failed' ? msg.diagnostics.map((d) => `${d.file}${d.line ? `:${d.line}` : ''}: ${d.message}`).join('; ') : `unexpected ${msg.type} reply`);

/** Parses a word-vector file in the data worker and keeps the vectors of `words` only. */
export async function loadWordVectors(file: File, words: string[]): Promise<MatchedVectors> {
  const msg = await requestData({ type: 'wordVectors', file, words });
  if (msg.type === 'wordVectors') return msg.vectors;
  throw new Error(problemsOf(msg));
}

/** Reads a metrics CSV in the data worker: each run's step and evaluation points. */
export async function loadCsvLog(file: File): Promise<LoggedRun[]> {
  const msg = await requestData({ type: 'csvLog', file });
  if (msg.type === 'csvLog') return msg.runs;
  throw new Error(problemsOf(msg));
}

let exportWorker: Worker | null = null;

/** Builds the PyTorch project zip of a config and dataset in the export worker. */
export function buildTorchProject(config: RunConfig, dataset: PreparedDataset, pretrained?: PretrainedFiles, wordVectors?: MatchedVectors): Promise<{ name: string; bytes: Uint8Array }> {
  exportWorker ??= new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'export' });
  const worker = exportWorker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const listener = (e: MessageEvent<ExportResponse>) => {
      const msg = e.data;
      if (msg.id !== id) return;
      worker.removeEventListener('message', listener);
      if (msg.type === 'torchProject') resolve({ name: msg.name, bytes: new Uint8Array(msg.zip) });
      else reject(new Error(msg.message));
    };
    worker.addEventListener('message', listener);
    // Copied, not transferred: the page keeps the dataset.
    worker.postMessage({ type: 'torchProject', id, config, dataset, pretrained, wordVectors } satisfies ExportRequest);
  });
}

export interface RunHandle {
  stop(): void;
  pause(paused: boolean): void;
  /** Destroys the run's WebGPU device, to check recovery. */
  loseDevice(): void;
}

/** Starts a run in a fresh worker; the worker ends itself with the run. pretrained: the base model's files, for encoder 'pretrained'. */
export function startRun(
  runId: string,
  config: RunConfig,
  data: PreparedDataset,
  onMessage: (msg: TrainResponse) => void,
  resumeFrom?: TrainState,
  pretrained?: PretrainedFiles,
  wordVectors?: MatchedVectors,
): RunHandle {
  const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: `train-${runId}` });
  const finish = () => worker.terminate();
  worker.onmessage = (e: MessageEvent<TrainResponse>) => {
    onMessage(e.data);
    if (e.data.type === 'done' || e.data.type === 'error') finish();
  };
  worker.onerror = (e) => {
    onMessage({ type: 'error', runId, message: e.message || 'the training worker crashed' });
    finish();
  };
  // Copied, not transferred: the page keeps the dataset for the next run. Only what training needs goes.
  const set = trainingSetOf(data, config.encoder === 'pretrained');
  worker.postMessage({ type: 'start', runId, config, data: set, resumeFrom, pretrained, wordVectors } satisfies TrainRequest);
  return {
    stop: () => worker.postMessage({ type: 'stop', runId } satisfies TrainRequest),
    pause: (paused) => worker.postMessage({ type: 'pause', runId, paused } satisfies TrainRequest),
    loseDevice: () => worker.postMessage({ type: 'loseDevice', runId } satisfies TrainRequest),
  };
}

let predictWorker: Worker | null = null;
let predictLoadedRun: string | null = null;

/** Tags a sentence with a run's checkpoint; the worker keeps the last checkpoint loaded. */
export function predictSentence(runId: string, checkpoint: Uint8Array, text: string): Promise<TextPrediction> {
  predictWorker ??= new Worker(new URL('./predict.worker.ts', import.meta.url), { type: 'module', name: 'predict' });
  const worker = predictWorker;
  const id = nextId++;
  const bytes = predictLoadedRun === runId ? null : (checkpoint.slice().buffer as ArrayBuffer);
  predictLoadedRun = runId;
  return new Promise((resolve, reject) => {
    const listener = (e: MessageEvent<PredictResponse>) => {
      const msg = e.data;
      if (msg.id !== id) return;
      worker.removeEventListener('message', listener);
      if (msg.type === 'prediction') resolve(msg.prediction);
      else if (msg.type === 'predictFailed') {
        predictLoadedRun = null;
        reject(new Error(msg.message));
      }
    };
    worker.addEventListener('message', listener);
    worker.postMessage({ type: 'predict', id, runId, checkpoint: bytes, text } satisfies PredictRequest, bytes ? [bytes] : []);
  });
}

/** A finished run's best checkpoint scored on a test split, in the prediction worker (scoreCheckpoint). */
export function scoreTestSplit(runId: string, checkpoint: Uint8Array, test: SplitText): Promise<EntityScores> {
  predictWorker ??= new Worker(new URL('./predict.worker.ts', import.meta.url), { type: 'module', name: 'predict' });
  const worker = predictWorker;
  const id = nextId++;
  const bytes = checkpoint.slice().buffer as ArrayBuffer;
  return new Promise((resolve, reject) => {
    const listener = (e: MessageEvent<PredictResponse>) => {
      const msg = e.data;
      if (msg.id !== id) return;
      worker.removeEventListener('message', listener);
      if (msg.type === 'testScores') resolve(msg.scores);
      else reject(new Error(msg.type === 'predictFailed' ? msg.message : `unexpected ${msg.type}`));
    };
    worker.addEventListener('message', listener);
    worker.postMessage({ type: 'scoreTest', id, runId, checkpoint: bytes, test } satisfies PredictRequest, [bytes]);
  });
}

// ---- pretrained Hugging Face checkpoints: one model worker, kept for the page's life ----

let modelWorker: Worker | null = null;

type ModelRequestBody = ModelRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
type ModelResult = Exclude<ModelResponse, { type: 'downloadProgress' } | { type: 'modelFailed' }>;

function requestModel(body: ModelRequestBody, transfer: Transferable[] = [], onProgress?: (p: { file: string; loaded: number; total: number | null }) => void): Promise<ModelResult> {
  modelWorker ??= new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module', name: 'model' });
  const worker = modelWorker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const listener = (e: MessageEvent<ModelResponse>) => {
      const msg = e.data;
      if (msg.id !== id) return;
      if (msg.type === 'downloadProgress') {
        onProgress?.(msg);
        return;
      }
      worker.removeEventListener('message', listener);
      if (msg.type === 'modelFailed') reject(new Error(msg.message));
      else resolve(msg);
    };
    worker.addEventListener('message', listener);
    worker.postMessage({ ...body, id } as ModelRequest, transfer);
  });
}

export interface LoadedPretrained {
  model: PretrainedFiles;
  summary: PretrainedSummary;
}

const loadedModel = (msg: ModelResult): LoadedPretrained => {
  if (msg.type !== 'model') throw new Error(`unexpected ${msg.type} from the model worker`);
  return { model: msg.model, summary: msg.summary };
};

/** Downloads a model from the Hub (or its cache), with progress per file. */
export async function downloadPretrained(modelId: string, endpoint: string | undefined, onProgress?: (p: { file: string; loaded: number; total: number | null }) => void): Promise<LoadedPretrained> {
  return loadedModel(await requestModel({ type: 'download', modelId, endpoint }, [], onProgress));
}

/** Reads and checks dropped checkpoint files (config.json, model.safetensors, tokenizer files). */
export async function openPretrainedFiles(files: File[]): Promise<LoadedPretrained> {
  return loadedModel(await requestModel({ type: 'open', files }));
}

/** Parameter counts and the memory check of fine-tuning the model under `config`. */
export async function pretrainedFitFor(modelConfig: Uint8Array, config: RunConfig, numLabels: number): Promise<PretrainedFitReport> {
  const msg = await requestModel({ type: 'fit', modelConfig, config, numLabels });
  if (msg.type !== 'fit') throw new Error(`unexpected ${msg.type} from the model worker`);
  return msg.fit;
}

/** A run's studio checkpoint -> the zip of its Hugging Face token-classification model. */
export async function exportHuggingFace(checkpoint: Uint8Array, name: string): Promise<Uint8Array> {
  const copy = checkpoint.slice().buffer as ArrayBuffer;
  const msg = await requestModel({ type: 'exportHf', checkpoint: copy, name }, [copy]);
  if (msg.type !== 'exported') throw new Error(`unexpected ${msg.type} from the model worker`);
  return new Uint8Array(msg.zip);
}

// ---- the page's WebGPU adapter, for saying which backend a run would use ----

let adapterProbe: Promise<AdapterDescription | null> | null = null;

/** Asks the page's WebGPU (once) for its adapter; the training worker asks again for itself when a run starts. */
export function probeAdapter(): Promise<AdapterDescription | null> {
  adapterProbe ??= describeAdapter(typeof navigator === 'undefined' ? undefined : navigator.gpu);
  return adapterProbe;
}

/** The backend a run with this choice would train on, and why (the training worker's own rule), or why none; the header shows it. */
export const plannedBackend = previewBackend;
