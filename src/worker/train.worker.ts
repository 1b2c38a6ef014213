/// <reference lib="webworker" />
/**
 * @file The training worker: one per run. Picks the backend, runs the shared loop, posts new points
 * only. When the WebGPU device is lost mid-run it carries on from the last saved state on wasm.
 */
import type { TrainRequest, TrainResponse } from './protocol';
import { describeAdapter, planBackend, type BackendName } from '../backend/probe';
import { activateBackend, explainFailure, loseWebGpuDevice, memoryReport } from '../backend/activate';
import { configureWasmAssets } from './wasmAssets';
import { unpackSplit } from '../core/dataset/prepared';
import { unpackVectors } from '../core/vectors/matchedVectors';
import { runTraining, type TrainData, type TrainHooks, type TrainResult } from '../train/runTraining';
import { saveCheckpoint, saveWeightsCheckpoint } from '../train/checkpointIO';
import { predictTags } from '../train/evaluate';
import { stateBytes, weightMap, type TrainState } from '../train/trainState';
import { memoryLimits } from '../backend/limits';
import { baseModelFiles, longestWindow, pretrainedTrainData, readPretrainedBase } from '../train/pretrained';
import { pretrainedFit, weightStorageNote } from '../train/pretrainedMemory';

type Start = Extract<TrainRequest, { type: 'start' }>;

const post = (msg: TrainResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer);
let stopRequested = false;
/** The largest training state sent to the page to keep in IndexedDB. */
const MAX_POSTED_STATE_BYTES = 256 * 2 ** 20;
let warnedStateSize = false;

/** Set while paused: the promise the loop awaits, and how to let it go on. */
let pause: { promise: Promise<void>; release: () => void } | null = null;

function setPaused(runId: string, paused: boolean, epoch: number): void {
  if (paused && !pause) {
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    pause = { promise, release };
    post({ type: 'phase', runId, phase: 'paused', epoch });
  } else if (!paused && pause) {
    pause.release();
    pause = null;
    post({ type: 'phase', runId, phase: 'training', epoch });
  }
}
let currentEpoch = 0;
/** The last resumable state, kept for recovery from a lost device. */
let lastState: TrainState | null = null;

function hooksFor(runId: string): TrainHooks {
  return {
    shouldStop: () => stopRequested,
    whilePaused: () => pause?.promise ?? Promise.resolve(),
    onPhase: (phase, at) => post({ type: 'phase', runId, phase, epoch: at.epoch }),
    onStep: (e) => {
      currentEpoch = e.epoch;
      const mem = memoryReport();
      post({ type: 'step', runId, step: e.step, epoch: e.epoch, loss: e.loss, lr: e.lr, tokensPerSec: e.tokensPerSec, sentencesPerSec: e.sentencesPerSec, wallTime: e.wallTime, stepsPerEpoch: e.stepsPerEpoch, tensors: mem.tensors, bytes: mem.bytes, gpuBytes: mem.gpuBytes });
    },
    onEval: (e) => {
      const s = e.scores;
      post({ type: 'eval', runId, step: e.step, epoch: e.epoch, precision: s.precision, recall: s.recall, f1: s.f1, accuracy: s.accuracy, perType: s.perType, wallTime: e.wallTime });
    },
    onState: (state) => {
      lastState = state;
      // A state copies every weight and optimiser moment; past a few hundred MB (a fine-tuned BERT's is over a GB)
      // it stays here for recovery from a lost device, and the page is told it will not survive a reload.
      const bytes = stateBytes(state);
      if (bytes <= MAX_POSTED_STATE_BYTES) post({ type: 'state', runId, state });
      else if (!warnedStateSize) {
        warnedStateSize = true;
        post({ type: 'note', runId, text: `The training state (${Math.round(bytes / 2 ** 20)} MB) is too big to keep in the browser's storage, so this run cannot resume after a reload.` });
      }
    },
  };
}

async function trainWithRecovery(msg: Start, data: TrainData, backend: BackendName): Promise<{ result: TrainResult; backend: BackendName }> {
  const { runId, config } = msg;
  lastState = msg.resumeFrom ?? null;
  try {
    return { result: await runTraining(config, data, hooksFor(runId), msg.resumeFrom), backend };
  } catch (err) {
    if (backend !== 'webgpu' || stopRequested) throw err;
    // A lost device (driver reset, another tab's crash, or our own loseDevice): continue on wasm.
    await activateBackend('wasm');
    const fromStep = lastState?.step ?? 0;
    const reason = `WebGPU failed at this point (${(err as Error).message}); continued on wasm from ${lastState ? `the state saved at step ${fromStep}` : 'the start'}`;
    post({ type: 'backend', runId, backend: 'wasm', reason });
    post({ type: 'resumed', runId, fromStep, reason });
    return { result: await runTraining(config, data, hooksFor(runId), lastState ?? undefined), backend: 'wasm' };
  }
}

/** encoder 'pretrained': reads the base model, gives the sentences their subword pieces, and refuses a model that does not fit. */
async function withPretrained(msg: Start, data: TrainData, backend: BackendName): Promise<{ data: TrainData; baseModel: Map<string, Uint8Array> }> {
  const { config } = msg;
  if (!msg.pretrained) throw new Error(`baseModel: the files of '${config.baseModel}' did not come with the run; load the model under "Pretrained model" first`);
  const base = readPretrainedBase(new Map(Object.entries(msg.pretrained.files)));
  const text = msg.data.text;
  const ready = pretrainedTrainData(config, base, data, { train: text.train.tokens, dev: text.dev.tokens });
  const fit = pretrainedFit(config, base.spec, data.vocab.labels.length, await memoryLimits(backend, self.navigator), longestWindow(ready.train), backend);
  if (fit.problem) throw new Error(`${config.baseModel} does not fit on ${backend}, so training did not start: ${fit.problem}`);
  post({ type: 'note', runId: msg.runId, text: weightStorageNote(fit, config, backend) });
  return { data: ready, baseModel: baseModelFiles(base) };
}

async function train(msg: Start): Promise<void> {
  const { runId, config, data } = msg;
  post({ type: 'phase', runId, phase: 'starting', epoch: 0 });
  configureWasmAssets();
  const plan = planBackend(config.backend, await describeAdapter(self.navigator.gpu));
  await activateBackend(plan.name);
  post({ type: 'backend', runId, backend: plan.name, reason: plan.reason });
  let train: TrainData = { vocab: data.vocab, train: unpackSplit(data.train), dev: unpackSplit(data.dev), wordVectors: msg.wordVectors ? unpackVectors(msg.wordVectors) : undefined };
  let baseModel: Map<string, Uint8Array> | undefined;
  if (config.encoder === 'pretrained') ({ data: train, baseModel } = await withPretrained(msg, train, plan.name));
  if (msg.resumeFrom) post({ type: 'resumed', runId, fromStep: msg.resumeFrom.step, reason: `resumed from the state saved at step ${msg.resumeFrom.step}` });
  post({ type: 'phase', runId, phase: 'training', epoch: msg.resumeFrom?.epoch ?? 1 });
  const { result, backend } = await trainWithRecovery(msg, train, plan.name);
  post({ type: 'phase', runId, phase: 'saving', epoch: result.epochs });
  const trained = { steps: result.steps, epochs: result.epochs, bestDevF1: result.bestDevF1, bestStep: result.best?.step ?? null, backend, createdAt: new Date().toISOString() };
  // The download is the best dev checkpoint; without a dev split, the last weights.
  const bytes = result.best ? saveWeightsCheckpoint(result.best.weights, config, data.vocab, trained, baseModel) : await saveCheckpoint(result.tagger, config, data.vocab, trained, baseModel);
  if (result.best) result.tagger.importWeights(weightMap(result.best.weights));
  const devPredictions = train.dev.length > 0 ? await predictTags(result.tagger, train.dev, data.vocab.labels, 64) : null;
  const parameters = result.tagger.parameterCount();
  result.tagger.dispose();
  const checkpoint = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  post({ type: 'done', runId, status: result.status, checkpoint, bestDevF1: result.bestDevF1, parameters, devPredictions }, [checkpoint]);
}

self.onmessage = (e: MessageEvent<TrainRequest>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'start':
      train(msg).catch((err: unknown) => post({ type: 'error', runId: msg.runId, message: explainFailure(err, 'this backend') }));
      return;
    case 'stop':
      stopRequested = true;
      setPaused(msg.runId, false, currentEpoch); // a paused run stops at once
      return;
    case 'pause':
      setPaused(msg.runId, msg.paused, currentEpoch);
      return;
    case 'loseDevice':
      loseWebGpuDevice();
      return;
    default:
      msg satisfies never;
  }
};
