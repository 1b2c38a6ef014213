/// <reference lib="webworker" />
/**
 * @file The training worker: one per run. Picks the backend, runs the training job (train/trainJob.ts) and posts
 * new points only. When the WebGPU device is lost mid-run the job carries on from the last saved state on wasm.
 */
import type { TrainRequest, TrainResponse } from './protocol';
import { describeAdapter } from '../backend/probe';
import { chooseBackend, indexedDbTimingCache } from '../backend/measuredChoice';
import { takeFusedNotices } from '../model/fused/kernels';
import { modelShapeKey, timeTrainingSteps } from '../train/backendTrial';
import { activateBackend, explainFailure, loseWebGpuDevice, memoryReport } from '../backend/activate';
import { memoryLimits } from '../backend/limits';
import { configureWasmAssets } from './wasmAssets';
import { unpackSplit } from '../core/dataset/prepared';
import { unpackVectors } from '../core/vectors/matchedVectors';
import type { TrainHooks } from '../train/runTraining';
import { JobSetupError, runTrainJob } from '../train/trainJob';
import { stateBytes } from '../train/trainState';

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

function hooksFor(runId: string): TrainHooks {
  return {
    shouldStop: () => stopRequested,
    whilePaused: () => pause?.promise ?? Promise.resolve(),
    onPhase: (phase, at) => post({ type: 'phase', runId, phase, epoch: at.epoch }),
    onStep: (e) => {
      currentEpoch = e.epoch;
      // A fused kernel the GPU's limits refused: the op ran unfused; say so once.
      for (const text of takeFusedNotices()) post({ type: 'note', runId, text });
      const mem = memoryReport();
      post({ type: 'step', runId, step: e.step, epoch: e.epoch, loss: e.loss, lr: e.lr, tokensPerSec: e.tokensPerSec, sentencesPerSec: e.sentencesPerSec, wallTime: e.wallTime, stepsPerEpoch: e.stepsPerEpoch, tensors: mem.tensors, bytes: mem.bytes, gpuBytes: mem.gpuBytes });
    },
    onEval: (e) => {
      const s = e.scores;
      post({ type: 'eval', runId, step: e.step, epoch: e.epoch, precision: s.precision, recall: s.recall, f1: s.f1, accuracy: s.accuracy, perType: s.perType, wallTime: e.wallTime });
    },
    onState: (state) => {
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

async function train(msg: Start): Promise<void> {
  const { runId, config } = msg;
  post({ type: 'phase', runId, phase: 'starting', epoch: 0 });
  configureWasmAssets();
  const wordVectors = msg.wordVectors ? unpackVectors(msg.wordVectors) : undefined;
  // auto on a real GPU times a few steps of this model on webgpu and wasm and takes the faster (cached per adapter).
  const plan = await chooseBackend(config.backend, await describeAdapter(self.navigator.gpu), {
    activate: activateBackend,
    measure: config.encoder === 'pretrained' ? undefined : () => timeTrainingSteps(config, { vocab: msg.data.vocab, train: unpackSplit(msg.data.train), dev: [], wordVectors }),
    modelShape: modelShapeKey(config, msg.data.vocab),
    cache: indexedDbTimingCache(),
  });
  post({ type: 'backend', runId, backend: plan.name, reason: plan.reason });
  if (msg.resumeFrom) post({ type: 'resumed', runId, fromStep: msg.resumeFrom.step, reason: `resumed from the state saved at step ${msg.resumeFrom.step}` });
  post({ type: 'phase', runId, phase: 'training', epoch: msg.resumeFrom?.epoch ?? 1 });
  const job = await runTrainJob(config, msg.data, hooksFor(runId), {
    backend: plan.name,
    limits: () => memoryLimits(plan.name, self.navigator),
    baseModel: msg.pretrained ? new Map(Object.entries(msg.pretrained.files)) : undefined,
    wordVectors,
    resumeFrom: msg.resumeFrom,
    predictDev: true,
    onNote: (text) => post({ type: 'note', runId, text }),
    recover: async (err, from) => {
      // A lost device (driver reset, another tab's crash, or our own loseDevice): continue on wasm.
      if (plan.name !== 'webgpu') return null;
      await activateBackend('wasm');
      const reason = `WebGPU failed at this point (${(err as Error).message}); continued on wasm from ${from.saved ? `the state saved at step ${from.step}` : 'the start'}`;
      post({ type: 'backend', runId, backend: 'wasm', reason });
      post({ type: 'resumed', runId, fromStep: from.step, reason });
      return 'wasm';
    },
  });
  post({ type: 'phase', runId, phase: 'saving', epoch: job.epochs });
  const checkpoint = job.checkpoint.buffer.slice(job.checkpoint.byteOffset, job.checkpoint.byteOffset + job.checkpoint.byteLength) as ArrayBuffer;
  post({ type: 'done', runId, status: job.status, checkpoint, bestDevF1: job.bestDevF1, parameters: job.parameters, devPredictions: job.devPredictions }, [checkpoint]);
}

self.onmessage = (e: MessageEvent<TrainRequest>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'start':
      train(msg).catch((err: unknown) =>
        post({ type: 'error', runId: msg.runId, message: err instanceof JobSetupError ? `${err.key}: ${err.message}` : explainFailure(err, 'this backend') }),
      );
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
