/**
 * @file `node --import tsx bench/profileStep.ts [--backend wasm] [--preset bilstm-small] [--steps 10] [--unfused]`:
 * where one training step's time goes on a CPU backend. Times the phases of trainStep on real CoNLL batches (the
 * loss forward, forward + backward, the global norm and the optimiser update) and lists the kernels of one step by
 * total time from tf.profile. Process CPU time is printed beside wall time: on a shared machine it is the steadier
 * figure. A profiling aid, not a test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from '../src/cli/args';
import { activateBackend } from '../src/backend/activate';
import { isPresetName } from '../src/core/config/presets';
import { makeBatch, type Batch } from '../src/core/dataset/batch';
import { setFusedKernels } from '../src/model/fused/kernels';
import { Tagger } from '../src/model/tagger';
import { benchConfig, benchData } from '../src/train/bench';
import { globalNorm } from '../src/train/clip';
import { makeOptimizer } from '../src/train/optimizers';
import { taggerConfigFor } from '../src/train/runTraining';
import { EpochOrders } from '../src/train/trainState';
import { trainStep } from '../src/train/trainStep';

const CONLL = fileURLToPath(new URL('../../shared/datasets/conll2003/iob2/train.txt', import.meta.url));
const DEMO = fileURLToPath(new URL('../datasets/demo/train.txt', import.meta.url));

const text = { type: 'string' } as const;
const { options: o } = parseArgs(process.argv.slice(2), {
  options: { backend: text, preset: text, steps: text, data: text, unfused: { type: 'boolean' } },
  positionals: { name: 'argument', min: 0, max: 0 },
} as const);
const backend = (o.backend ?? 'wasm') as 'wasm' | 'cpu';
const preset = o.preset ?? 'bilstm-small';
if (!isPresetName(preset)) throw new Error(`unknown preset ${preset}`);
const steps = Number(o.steps ?? 10);
const file = o.data ?? (existsSync(CONLL) ? CONLL : DEMO);

await activateBackend(backend);
tf.env().set('CHECK_COMPUTATION_FOR_ERRORS', false);
if (o.unfused) setFusedKernels(false);
const data = benchData(readFileSync(file, 'utf8'), file);
const config = benchConfig(preset, 32);
const tagger = new Tagger(taggerConfigFor(config, data.vocab), config.seed);
const vars = [...tagger.trainableVariables()].map(([name, variable]) => ({ name, variable }));
const optimizer = makeOptimizer(config.optimizer, vars, config);
const order = new EpochOrders(data.train.map((s) => s.words.length), 32, config.seed).get(1);
const batches: Batch[] = order.slice(0, steps + 2).map((idx) => makeBatch(idx.map((i) => data.train[i])));
const tokens = batches.slice(2).reduce((n, b) => n + b.tokens, 0);

/** Wall and process CPU milliseconds of f over the measured batches (after two warm-ups), per step. */
async function timed(name: string, f: (b: Batch) => Promise<void> | void): Promise<void> {
  for (const b of batches.slice(0, 2)) await f(b);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const b of batches.slice(2)) await f(b);
  const wall = (performance.now() - start) / steps;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / steps;
  console.log(`${name.padEnd(28)} ${wall.toFixed(1).padStart(7)} ms wall ${cpuMs.toFixed(1).padStart(7)} ms cpu  (${((1000 * tokens) / steps / wall).toFixed(0)} tok/s)`);
}

const list = vars.map((v) => v.variable);
// V8 optimises tfjs' JavaScript over the first steps: warm every path up before any clock starts.
for (const b of batches) await trainStep(tagger, vars, optimizer, [b], 1e-9, 5);
console.log(`${backend}${o.unfused ? ' (unfused)' : ''} ${preset}, batch 32, ${steps} steps, ${(tokens / steps).toFixed(0)} tokens/step, load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
await timed('loss forward', (b) => void tf.tidy(() => tagger.loss(b, true).dataSync()));
await timed('forward + backward', (b) =>
  tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => tagger.loss(b, true), list);
    value.dataSync();
    for (const g of Object.values(grads)) g.dataSync();
  }),
);
const grads = tf.tidy(() => Object.values(tf.variableGrads(() => tagger.loss(batches[0], true), list).grads));
await timed('global norm + optimiser', () => {
  const norm = globalNorm(grads);
  optimizer.step(grads, 1e-9, { norm, maxNorm: 5 });
  norm.dataSync();
  norm.dispose();
});
tf.dispose(grads);
await timed('trainStep', async (b) => void (await trainStep(tagger, vars, optimizer, [b], 1e-9, 5)));

// Kernels of the measured steps by total time. Nested kernels (a customGrad's inner ops) count in their own right.
const profile = await tf.profile(async () => {
  for (const b of batches.slice(2)) await trainStep(tagger, vars, optimizer, [b], 1e-9, 5);
});
const byName = new Map<string, { count: number; ms: number }>();
for (const k of profile.kernels) {
  const e = byName.get(k.name) ?? { count: 0, ms: 0 };
  e.count++;
  e.ms += k.kernelTimeMs as number;
  byName.set(k.name, e);
}
const rows = [...byName].sort((a, b) => b[1].ms - a[1].ms);
const total = rows.reduce((n, [, e]) => n + e.ms, 0);
console.log(`\nper step: ${(profile.kernels.length / steps).toFixed(0)} kernels, ${(total / steps).toFixed(1)} ms inside kernels (nested ones counted again)`);
for (const [name, e] of rows.slice(0, 25)) console.log(`  ${name.padEnd(26)} ${(e.count / steps).toFixed(1).padStart(6)}x ${(e.ms / steps).toFixed(2).padStart(8)} ms`);
tagger.dispose();
optimizer.dispose();
