import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
await tf.setBackend('wasm');
const x = tf.randomNormal([960, 10, 30]); const m = tf.max(x, 1, true);
const a = tf.randomNormal([32, 9, 9]); const am = tf.max(a, 1, true);
for (const [name, f] of [
  ['equal bcast', () => tf.equal(x, m)],
  ['equal tiled', () => tf.equal(x, tf.tile(m, [1, 10, 1]))],
  ['tile', () => tf.tile(m, [1, 10, 1])],
  ['sub bcast', () => tf.sub(x, m)],
  ['greaterEqual bcast', () => tf.greaterEqual(x, m)],
  ['sub+step', () => tf.step(tf.sub(x, m))],
  ['equal small bcast', () => tf.equal(a, am)],
  ['sub small bcast', () => tf.sub(a, am)],
] as [string, () => tf.Tensor][]) {
  for (let i = 0; i < 5; i++) { const t0 = performance.now(); const r = tf.tidy(f); await r.data(); r.dispose(); if (i == 4) console.log(name, (performance.now() - t0).toFixed(3)); }
}
