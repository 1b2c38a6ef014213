import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../../core/rng';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../../testing/tfjs';
import { BiLstm } from './bilstm';
import { CharCnn } from './charCnn';
import { LayerNorm } from './layerNorm';
import { Lstm } from './lstm';
import { batchMatMul } from './matMul';
import { ParamStore } from './params';

/** Reads tensors created by fn and disposes them, checking nothing else is left behind. */
async function read(fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  return expectNoLeaks(async () => {
    const out = tf.tidy(fn);
    const values = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
    tf.dispose(out);
    return values;
  });
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));

describe.each(TEST_BACKENDS)('layers on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  test('char CNN features ignore padding chars; an empty word gives -1', async () => {
    await useBackend(backend);
    const store = new ParamStore();
    const cnn = new CharCnn(store, 10, 4, 5, 3, makeRng(1));
    const [short, long] = await read(() => {
      const a = Int32Array.from([3, 4, 5, 2, 7, 0]);
      const b = Int32Array.from([3, 4, 5, 0, 0, 0, 2, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      return [cnn.apply(a, 2, 3), cnn.apply(b, 3, 6)];
    });
    close(long.subarray(0, 10), short);
    expect(Array.from(long.subarray(10))).toEqual([-1, -1, -1, -1, -1]);
    store.dispose();
  });

  test('LSTM and BiLSTM outputs of a sentence do not depend on the padding around it', async () => {
    await useBackend(backend);
    const store = new ParamStore();
    const rng = makeRng(2);
    const lstm = new Lstm(store, 'lstm', 3, 4, rng);
    const bilstm = new BiLstm(store, 3, 4, rng);
    const xs = Float32Array.from({ length: 2 * 4 * 3 }, () => rng() * 2 - 1);
    const [uniPadded, uniAlone, biPadded, biAlone] = await read(() => {
      const padded = tf.tensor3d(xs, [2, 4, 3]); // sentence 0 has 4 steps, sentence 1 has 2
      const mask = tf.tensor2d([1, 1, 1, 1, 1, 1, 0, 0], [2, 4]);
      const alone = tf.tensor3d(xs.slice(12, 18), [1, 2, 3]);
      const aloneMask = tf.ones([1, 2]) as tf.Tensor2D;
      return [lstm.run(padded, mask), lstm.run(alone, aloneMask), bilstm.run(padded, mask), bilstm.run(alone, aloneMask)];
    });
    close(uniPadded.subarray(16, 24), uniAlone);
    close(biPadded.subarray(32, 48), biAlone); // [B, T, 2H]: sentence 1, steps 0-1
    expect(uniPadded.subarray(24, 32).every((v) => v === 0)).toBe(true);
    expect(biPadded.subarray(48, 64).every((v) => v === 0)).toBe(true);
    store.dispose();
  });

  test('BiLSTM gradients for one-step sentences (T = 1) equal those of the same words padded to T = 2', async () => {
    await useBackend(backend);
    const store = new ParamStore();
    const rng = makeRng(3);
    const bilstm = new BiLstm(store, 3, 4, rng);
    const xs = Float32Array.from({ length: 2 * 3 }, () => rng() * 2 - 1); // two sentences of one word
    const vars = [...store.variables.values()];
    const gradsFor = (T: number) =>
      read(() => {
        const padded = new Float32Array(2 * T * 3);
        for (let b = 0; b < 2; b++) padded.set(xs.subarray(b * 3, b * 3 + 3), b * T * 3);
        const x = tf.tensor3d(padded, [2, T, 3]);
        const mask = tf.tensor2d(Array.from({ length: 2 * T }, (_, i) => (i % T === 0 ? 1 : 0)), [2, T]);
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(bilstm.run(x, mask))), vars);
        return [value, ...vars.map((v) => grads[v.name])];
      });
    const [one, two] = [await gradsFor(1), await gradsFor(2)];
    expect(Number.isFinite(one[0][0])).toBe(true);
    one.forEach((g, i) => close(g, two[i]));
    store.dispose();
  });

  test('batchMatMul and its gradients equal tf.matMul', async () => {
    await useBackend(backend);
    const rng = makeRng(4);
    const values = (n: number) => Float32Array.from({ length: n }, () => rng() * 2 - 1);
    const [av, bv, wv] = [values(3 * 2 * 4), values(3 * 4 * 5), values(3 * 2 * 5)];
    const run = (op: (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D) =>
      read(() => {
        const [a, b, w] = [tf.tensor3d(av, [3, 2, 4]), tf.tensor3d(bv, [3, 4, 5]), tf.tensor3d(wv, [3, 2, 5])];
        const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(op(x as tf.Tensor3D, y as tf.Tensor3D), w));
        return [op(a, b), ...tf.grads(f)([a, b])];
      });
    const ours = await run(batchMatMul);
    const theirs = await run((a, b) => tf.matMul(a, b));
    ours.forEach((t, i) => close(t, theirs[i]));
  });

  test('layer norm gives each row mean 0 and variance 1 before its gain and bias', async () => {
    await useBackend(backend);
    const store = new ParamStore();
    const norm = new LayerNorm(store, 'ln', 4);
    const [y] = await read(() => [norm.apply(tf.tensor2d([1, 2, 3, 4, -2, 0, 0, 2], [2, 4]))]);
    for (const row of [y.subarray(0, 4), y.subarray(4, 8)]) {
      const mean = row.reduce((a, b) => a + b, 0) / 4;
      expect(mean).toBeCloseTo(0, 5);
      expect(row.reduce((a, b) => a + (b - mean) ** 2, 0) / 4).toBeCloseTo(1, 3);
    }
    store.dispose();
  });
});
