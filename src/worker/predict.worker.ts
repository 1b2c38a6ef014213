/// <reference lib="webworker" />
/**
 * @file The prediction worker: keeps the last checkpoint it was given loaded and tags the playground's text, and scores
 * a finished run's best checkpoint on the test split (train/scoreCheckpoint.ts, as `ner train` does).
 */
import type { PredictRequest, PredictResponse } from './protocol';
import { describeAdapter, planBackend } from '../backend/probe';
import { activateBackend } from '../backend/activate';
import { configureWasmAssets } from './wasmAssets';
import { loadCheckpoint } from '../train/checkpointIO';
import { predictText } from '../train/predictText';
import { scoreCheckpoint } from '../train/scoreCheckpoint';

const post = (msg: PredictResponse) => self.postMessage(msg);
let loaded: { runId: string; model: ReturnType<typeof loadCheckpoint> } | null = null;
let ready: Promise<void> | null = null;

async function handle(msg: PredictRequest): Promise<void> {
  ready ??= (async () => {
    configureWasmAssets();
    await activateBackend(planBackend('auto', await describeAdapter(self.navigator.gpu)).name);
  })();
  await ready;
  if (msg.type === 'scoreTest') {
    post({ type: 'testScores', id: msg.id, runId: msg.runId, scores: await scoreCheckpoint(new Uint8Array(msg.checkpoint), msg.test) });
    return;
  }
  if (loaded?.runId !== msg.runId) {
    if (!msg.checkpoint) throw new Error('no checkpoint for this run');
    loaded?.model.tagger.dispose();
    loaded = null;
    loaded = { runId: msg.runId, model: loadCheckpoint(new Uint8Array(msg.checkpoint)) };
  }
  const prediction = await predictText(loaded.model.tagger, loaded.model.vocab, msg.text, loaded.model.attachPieces);
  post({ type: 'prediction', id: msg.id, runId: msg.runId, prediction });
}

// One request at a time, in order: a newer sentence waits for the one before it.
let queue = Promise.resolve();
self.onmessage = (e: MessageEvent<PredictRequest>) => {
  const msg = e.data;
  queue = queue.then(() => handle(msg).catch((err: Error) => post({ type: 'predictFailed', id: msg.id, runId: msg.runId, message: err.message })));
};
