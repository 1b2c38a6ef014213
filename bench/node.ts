/** @file The benchmark's Node half: each backend tfjs has in Node, one after another in this process. */
import { activateBackend } from '../src/backend/activate';
import { setFusedKernels } from '../src/model/fused/kernels';
import { benchmark, type BenchData, type BenchModel } from '../src/train/bench';
import { backboneBenchmark } from '../src/train/backboneBench';
import type { BenchRun } from '../src/train/benchReport';

export const NODE_BACKENDS = ['wasm', 'cpu'] as const;

export interface NodeBenchOptions {
  presets: BenchModel[];
  /** The pretrained encoder's tokenizer files. */
  tokenizerFiles?: ReadonlyMap<string, Uint8Array>;
  backends: string[];
  batchSize: number;
  steps: number;
  /** The cpu backend is far slower: it gets at most this many measured steps, one warm-up, a tenth of the sentences to tag. */
  slowSteps: number;
  warmupSteps: number;
  predictSentences: number;
  /** Pretrained backbones (train/backboneBench.ts), full size, LoRA, on wasm only. */
  backbones: string[];
  backboneSteps: number;
}

export async function benchNode(data: BenchData, o: NodeBenchOptions, log: (line: string) => void): Promise<{ runs: BenchRun[]; notes: string[] }> {
  const runs: BenchRun[] = [];
  const notes: string[] = [];
  for (const backend of o.backends) {
    if (backend.startsWith('webgpu')) {
      notes.push(`node ${backend}: not measured (no WebGPU in Node here: the \`webgpu\` package with SwiftShader is not installed; bench/gpu runs it)`);
      continue;
    }
    // cpu-unfused, wasm-unfused: the backend with the fused kernels off, to compare.
    const name = backend.replace(/-unfused$/, '');
    if (!(NODE_BACKENDS as readonly string[]).includes(name)) {
      notes.push(`node ${backend}: not measured (not a tfjs backend in Node)`);
      continue;
    }
    await activateBackend(name as (typeof NODE_BACKENDS)[number]);
    setFusedKernels(name === backend);
    const slow = name === 'cpu';
    for (const preset of o.presets) {
      log(`node ${backend} ${preset}...`);
      try {
        const run = await benchmark(data, {
          env: 'node',
          preset,
          tokenizerFiles: o.tokenizerFiles,
          batchSize: o.batchSize,
          steps: slow ? Math.min(o.steps, o.slowSteps) : o.steps,
          warmupSteps: slow ? 1 : o.warmupSteps,
          predictSentences: slow ? Math.max(o.batchSize, Math.round(o.predictSentences / 10)) : o.predictSentences,
          processBytes: () => process.memoryUsage().rss,
        });
        runs.push({ ...run, backend });
        log(`  ${run.train_sentences_per_s.toFixed(1)} sentences/s training, ${run.ms_per_step.toFixed(0)} ms/step`);
      } catch (e) {
        notes.push(`node ${backend} ${preset}: not measured (${(e as Error).message})`);
      }
    }
  }
  setFusedKernels(true);
  if (o.backbones.length > 0 && o.backends.includes('wasm')) {
    await activateBackend('wasm');
    for (const name of o.backbones) {
      log(`node wasm ${name}...`);
      try {
        const run = await backboneBenchmark(data, { env: 'node', name, narrow: false, steps: o.backboneSteps, warmupSteps: 1, processBytes: () => process.memoryUsage().rss });
        runs.push(run);
        log(`  ${run.train_sentences_per_s.toFixed(2)} sequences/s training, ${run.ms_per_step.toFixed(0)} ms/step`);
      } catch (e) {
        notes.push(`node wasm ${name}: not measured (${(e as Error).message})`);
      }
    }
  }
  if (o.backbones.length > 0 && o.backends.includes('cpu')) notes.push('node cpu backbones: not measured (minutes a step at these sizes; wasm is the CPU path)');
  return { runs, notes };
}
