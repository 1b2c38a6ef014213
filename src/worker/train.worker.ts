/// <reference lib="webworker" />
/** @file The training worker: one per run. Picks the backend, runs the shared loop, posts new points only. */
import type { TrainRequest, TrainResponse } from './protocol';
import { describeAdapter, planBackend } from '../backend/probe';
import { activateBackend } from '../backend/activate';
import { configureWasmAssets } from './wasmAssets';
import { unpackSplit } from '../core/prepared';
import { runTraining } from '../train/runTraining';
import { saveCheckpoint, saveWeightsCheckpoint } from '../train/checkpointIO';
import { predictTags } from '../train/evaluate';
import { weightMap } from '../train/trainState';

const post = (msg: TrainResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer);
let stopRequested = false;

async function train(msg: Extract<TrainRequest, { type: 'start' }>): Promise<void> {
  const { runId, config, data } = msg;
  post({ type: 'phase', runId, phase: 'starting', epoch: 0 });
  configureWasmAssets();
  const plan = planBackend(config.backend, await describeAdapter(self.navigator.gpu));
  await activateBackend(plan.name);
  post({ type: 'backend', runId, backend: plan.name, reason: plan.reason });
  post({ type: 'phase', runId, phase: 'training', epoch: 1 });
  const result = await runTraining(
    config,
    { vocab: data.vocab, train: unpackSplit(data.train), dev: unpackSplit(data.dev) },
    {
      shouldStop: () => stopRequested,
      onPhase: (phase, at) => post({ type: 'phase', runId, phase, epoch: at.epoch }),
      onStep: (e) =>
        post({ type: 'step', runId, step: e.step, epoch: e.epoch, loss: e.loss, lr: e.lr, tokensPerSec: e.tokensPerSec, sentencesPerSec: e.sentencesPerSec, wallTime: e.wallTime, stepsPerEpoch: e.stepsPerEpoch }),
      onEval: (e) => {
        const s = e.scores;
        post({ type: 'eval', runId, step: e.step, epoch: e.epoch, precision: s.precision, recall: s.recall, f1: s.f1, accuracy: s.accuracy, perType: s.perType, wallTime: e.wallTime });
      },
    },
  );
  post({ type: 'phase', runId, phase: 'saving', epoch: result.epochs });
  const trained = { steps: result.steps, epochs: result.epochs, bestDevF1: result.bestDevF1, bestStep: result.best?.step ?? null, backend: plan.name, createdAt: new Date().toISOString() };
  // The download is the best dev checkpoint; without a dev split, the last weights.
  const bytes = result.best
    ? saveWeightsCheckpoint(result.best.weights, config, data.vocab, trained)
    : await saveCheckpoint(result.tagger, config, data.vocab, trained);
  if (result.best) result.tagger.importWeights(weightMap(result.best.weights));
  const devPredictions = data.dev.count > 0 ? await predictTags(result.tagger, unpackSplit(data.dev), data.vocab.labels, 64) : null;
  const parameters = result.tagger.parameterCount();
  result.tagger.dispose();
  const checkpoint = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  post({ type: 'done', runId, status: result.status, checkpoint, bestDevF1: result.bestDevF1, parameters, devPredictions }, [checkpoint]);
}

self.onmessage = (e: MessageEvent<TrainRequest>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'start':
      train(msg).catch((err: Error) => post({ type: 'error', runId: msg.runId, message: err.message || String(err) }));
      return;
    case 'stop':
      stopRequested = true;
      return;
    default:
      msg satisfies never;
  }
};
