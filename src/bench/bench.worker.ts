/// <reference lib="webworker" />
/** @file The benchmark in a browser worker: the same measurement as Node's (train/bench.ts) on webgpu or wasm. */
import { activateBackend } from '../backend/activate';
import { describeAdapter, isSoftwareAdapter } from '../backend/probe';
import { benchData, benchmark, isBenchPreset, tokenizerFromText } from '../train/bench';
import { backboneBenchmark } from '../train/backboneBench';
import { configureWasmAssets } from '../worker/wasmAssets';
import { countDispatches } from './dispatchCounter';
import { setFusedKernels } from '../model/fused/kernels';
import type { BenchRequest, BenchResponse } from './protocol';

const post = (msg: BenchResponse) => self.postMessage(msg);

async function run(req: BenchRequest): Promise<void> {
  configureWasmAssets();
  let dispatches: (() => number) | undefined;
  let slow = false;
  const webgpu = req.backend.startsWith('webgpu');
  setFusedKernels(!req.backend.endsWith('-unfused'));
  if (webgpu) {
    const adapter = await describeAdapter(self.navigator.gpu);
    if (!adapter) return post({ type: 'failed', reason: 'no WebGPU adapter in this browser' });
    post({ type: 'adapter', description: [adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(' ') || 'unnamed adapter' });
    dispatches = countDispatches();
    slow = isSoftwareAdapter(adapter);
  }
  await activateBackend(webgpu ? 'webgpu' : 'wasm');
  const data = benchData(req.text, req.file);
  for (const preset of req.presets) {
    if (!isBenchPreset(preset)) {
      post({ type: 'skip', preset, reason: 'unknown preset' });
      continue;
    }
    try {
      const run = await benchmark(data, {
        env: 'chromium',
        preset,
        tokenizerFiles: req.tokenizer ? tokenizerFromText(req.tokenizer) : undefined,
        batchSize: req.batchSize,
        steps: slow ? Math.min(req.steps, req.slowSteps) : req.steps,
        warmupSteps: slow ? 1 : req.warmupSteps,
        predictSentences: slow ? Math.max(req.batchSize, Math.round(req.predictSentences / 10)) : req.predictSentences,
        dispatches,
      });
      post({ type: 'run', run: { ...run, backend: req.backend } });
    } catch (e) {
      post({ type: 'skip', preset, reason: (e as Error).message });
    }
  }
  for (const name of req.backbones ?? []) {
    try {
      const run = await backboneBenchmark(data, { env: 'chromium', name, narrow: slow, steps: slow ? 1 : (req.backboneSteps ?? 3), warmupSteps: 1, dispatches });
      post({ type: 'run', run });
    } catch (e) {
      post({ type: 'skip', preset: name, reason: (e as Error).message });
    }
  }
  post({ type: 'done' });
}

self.onmessage = (e: MessageEvent<BenchRequest>) => {
  run(e.data).catch((err: Error) => post({ type: 'failed', reason: err.message || String(err) }));
};
