import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerMissingWasmKernels } from '/work/main/src/backend/wasmKernels';
import { Tagger, DEFAULT_TAGGER } from '/work/main/src/model/tagger';
import { makeBatch } from '/work/main/src/core/batch';
import { makeRng } from '/work/main/src/core/rng';

const backend = process.argv[2] ?? 'wasm';
const V = Number(process.argv[3] ?? 20000);
registerMissingWasmKernels();
await tf.setBackend(backend);
const rng = makeRng(1);
const B = 32, T = 30, K = 9;
const sents = Array.from({ length: B }, (_, b) => {
  const n = b === 0 ? T : 5 + Math.floor(rng() * (T - 5));
  return {
    words: Int32Array.from({ length: n }, () => 2 + Math.floor(rng() * (V - 2))),
    chars: Array.from({ length: n }, () => Int32Array.from({ length: 1 + Math.floor(rng() * 10) }, () => 2 + Math.floor(rng() * 80))),
    labels: Int32Array.from({ length: n }, () => Math.floor(rng() * K)),
  };
});
const batch = makeBatch(sents);
const tagger = new Tagger({ ...DEFAULT_TAGGER, wordVocabSize: V, charVocabSize: 84, numLabels: K }, 1);
console.log(backend, 'params', tagger.parameterCount(), 'B', batch.size, 'T', batch.maxLen, 'C', batch.maxWordLen, 'tokens', batch.tokens);
const opt = tf.train.adam(0.001);
const vars = [...tagger.namedVariables().values()];
const times: number[] = [];
for (let i = 0; i < Number(process.argv[4] ?? 10); i++) {
  const t0 = performance.now();
  const l = opt.minimize(() => tagger.loss(batch, true), true, vars)!;
  const v = (await l.data())[0];
  l.dispose();
  times.push(performance.now() - t0);
  console.log(`step ${i} loss ${v.toFixed(3)} ${times[i].toFixed(0)} ms`);
}
let t0 = performance.now();
await tagger.predict(batch);
console.log('predict', (performance.now() - t0).toFixed(0), 'ms', 'tensors', tf.memory().numTensors);
{
  const t1 = performance.now();
  const l = tagger.loss(batch, true); await l.data(); l.dispose();
  console.log('forward only', (performance.now() - t1).toFixed(0));
  const prof = await tf.profile(async () => { const r = tf.variableGrads(() => tagger.loss(batch, true), vars); await r.value.data(); tf.dispose([r.value, ...Object.values(r.grads)]); });
  const byKernel = new Map<string, [number, number]>();
  for (const k of prof.kernels) { const e = byKernel.get(k.name) ?? [0, 0]; e[0] += Number(k.kernelTimeMs) || 0; e[1]++; byKernel.set(k.name, e); }
  console.log('kernels', prof.kernels.length, [...byKernel].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25).map(([n, [ms, c]]) => `${n}:${ms.toFixed(0)}ms/${c}`).join(' '));
}
