import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
await tf.setBackend('wasm');
const x = tf.randomNormal([32, 30, 130]); const idx = tf.tensor1d(Array.from({length: 960}, (_, i) => 959 - i), 'int32');
const x2 = tf.randomNormal([960, 130]);
const big = tf.randomNormal([30, 32, 400]);
for (const [name, f] of [
  ['reverse', () => tf.reverse(x, 1)],
  ['gather', () => tf.gather(x2, idx)],
  ['transpose', () => tf.transpose(x, [1, 0, 2])],
  ['unstack', () => tf.stack(tf.unstack(big))],
  ['split', () => tf.stack(tf.split(big, 30).map(t => t.reshape([32, 400])))],
  ['slices', () => tf.stack(Array.from({length: 30}, (_, i) => tf.slice(big, [i, 0, 0], [1, 32, 400]).reshape([32, 400])))],
] as [string, () => tf.Tensor][]) {
  for (let i = 0; i < 5; i++) { const t0 = performance.now(); const r = tf.tidy(f); await r.data(); r.dispose(); if (i == 4) console.log(name, (performance.now() - t0).toFixed(3)); }
}
