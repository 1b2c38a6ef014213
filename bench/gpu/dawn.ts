/**
 * @file The benchmark on a real GPU without a browser: tfjs' webgpu backend in Node over Dawn (the `webgpu`
 * package), next to the wasm backend in the same process. Built into one file by bench/gpu/build.sh so it
 * can run on a machine that has a GPU and Node but no node_modules. Usage:
 *   node dawn.mjs DATA_FILE [--steps N] [--batch-size B] [--presets a,b] [--backends webgpu,webgpu-unfused,wasm] [--json OUT]
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { activateBackend } from '../../src/backend/activate';
import { setFusedKernels } from '../../src/model/fused/kernels';
import { benchData, benchmark, isBenchPreset } from '../../src/train/bench';
import { markdownTable, type BenchRun } from '../../src/train/benchReport';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

/** Installs Dawn as navigator.gpu and counts compute dispatches. */
function installDawn(): () => number {
  const require = createRequire(import.meta.url);
  const dawn = require(process.env.DAWN_NODE ?? join(here, 'dawn.node')) as { create: (flags: string[]) => GPU; globals: Record<string, unknown> };
  Object.assign(globalThis, dawn.globals);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu: dawn.create([]), userAgent: 'node' }, configurable: true });
  let dispatches = 0;
  const pass = (dawn.globals.GPUComputePassEncoder as { prototype: GPUComputePassEncoder }).prototype;
  const original = pass.dispatchWorkgroups;
  pass.dispatchWorkgroups = function (this: GPUComputePassEncoder, ...a: Parameters<GPUComputePassEncoder['dispatchWorkgroups']>) {
    dispatches++;
    return original.apply(this, a);
  };
  return () => dispatches;
}

async function main(): Promise<void> {
  const file = args[0];
  if (!file) throw new Error('usage: node dawn.mjs DATA_FILE [--steps N] [--batch-size B] [--presets a,b] [--json OUT]');
  const steps = Number(flag('steps', '30'));
  const batchSize = Number(flag('batch-size', '32'));
  const presets = flag('presets', 'bilstm-small').split(',').filter(isBenchPreset);
  const data = benchData(readFileSync(file, 'utf8'), file);
  // bert-mini / bert-base read words with the tokenizer build.sh copies next to this file.
  const tokenizerFiles = new Map(['tokenizer.json', 'tokenizer_config.json'].filter((f) => existsSync(join(here, f))).map((f) => [f, new Uint8Array(readFileSync(join(here, f)))]));
  const dispatches = installDawn();
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  const info = adapter?.info;
  console.error(`adapter: ${info ? `${info.vendor} ${info.architecture} ${info.description}` : 'none'}`);
  setWasmPaths(here + '/');
  const runs: BenchRun[] = [];
  // webgpu-unfused: the fused kernels off (model/fused), the ops as they were before them.
  for (const backend of flag('backends', 'webgpu,webgpu-unfused,wasm').split(',')) {
    setFusedKernels(backend !== 'webgpu-unfused');
    await activateBackend(backend === 'wasm' ? 'wasm' : 'webgpu');
    for (const preset of presets) {
      console.error(`${backend} ${preset}...`);
      const run = await benchmark(data, {
        env: 'node',
        preset,
        tokenizerFiles,
        batchSize,
        steps,
        warmupSteps: 3,
        predictSentences: 512,
        dispatches: backend === 'wasm' ? undefined : dispatches,
        processBytes: () => process.memoryUsage().rss,
      });
      runs.push({ ...run, backend });
      console.error(`  ${run.train_sentences_per_s.toFixed(1)} sentences/s, ${run.ms_per_step.toFixed(1)} ms/step`);
    }
    console.error(`tensors after ${backend}: ${tf.memory().numTensors}`);
  }
  const report = { runs, peer: null, adapter: info ? { vendor: info.vendor, architecture: info.architecture, description: info.description } : null };
  console.log(markdownTable(report));
  const out = flag('json', '');
  if (out) writeFileSync(out, JSON.stringify(report, null, 2));
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(1);
  },
);
