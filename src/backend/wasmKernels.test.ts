import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../core/rng';
import { expectNoLeaks, useBackend } from '../../testing/tfjs';
import { registerMissingWasmKernels } from './wasmKernels';

async function onBackend(name: 'cpu' | 'wasm', fn: () => tf.Tensor): Promise<{ shape: number[]; values: number[] }> {
  await useBackend(name);
  return expectNoLeaks(async () => {
    const t = tf.tidy(fn);
    const values = Array.from(await t.data());
    const shape = t.shape.slice();
    t.dispose();
    return { shape, values };
  });
}

describe('registerMissingWasmKernels', () => {
  afterAll(() => useBackend('cpu'));

  test('is idempotent and provides UnsortedSegmentSum on wasm', () => {
    registerMissingWasmKernels();
    registerMissingWasmKernels();
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
  });

  const rng = makeRng(7);
  const x = Float32Array.from({ length: 6 * 4 * 2 }, () => rng() * 2 - 1);
  test.each([
    { what: 'rows of a matrix', xShape: [6, 8], ids: [0, 3, 3, 1, 0, 4], numSegments: 5 },
    { what: 'ids out of range are dropped', xShape: [6, 8], ids: [0, -1, 9, 2, 2, 2], numSegments: 3 },
    { what: 'rows of a 3-D tensor', xShape: [6, 4, 2], ids: [1, 0, 1, 2, 2, 0], numSegments: 4 },
    { what: 'a vector', xShape: [48], ids: Array.from({ length: 48 }, (_, i) => i % 5), numSegments: 5 },
  ])('UnsortedSegmentSum on wasm equals cpu: $what', async ({ xShape, ids, numSegments }) => {
    const op = () => tf.unsortedSegmentSum(tf.tensor(x, xShape), tf.tensor1d(ids, 'int32'), numSegments);
    const cpu = await onBackend('cpu', op);
    const wasm = await onBackend('wasm', op);
    expect(wasm.shape).toEqual(cpu.shape);
    wasm.values.forEach((v, i) => expect(v).toBeCloseTo(cpu.values[i], 5));
  });

  test('int32 values are summed too', async () => {
    const op = () => tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4], 'int32'), tf.tensor1d([1, 1, 0, 1], 'int32'), 2);
    expect((await onBackend('wasm', op)).values).toEqual([3, 7]);
  });

  test('the gradient of tf.gather (embedding lookup) works on wasm and equals cpu', async () => {
    const op = () =>
      tf.tidy(() => {
        const table = tf.tensor2d(x.slice(0, 5 * 4), [5, 4]);
        const ids = tf.tensor1d([4, 0, 4, 2], 'int32');
        return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), tf.range(1, 17).reshape([4, 4]))))(table);
      });
    const cpu = await onBackend('cpu', op);
    const wasm = await onBackend('wasm', op);
    expect(wasm.values).toEqual(cpu.values);
  });

  test('Identity (tf.clone) shares the memory on wasm, which outlives either tensor alone and is freed with both', async () => {
    await useBackend('wasm');
    const backend = tf.backend();
    await expectNoLeaks(async () => {
      const ids = backend.numDataIds();
      const a = tf.tensor1d([1, 2, 3]);
      const b = tf.clone(a);
      expect(backend.numDataIds()).toBe(ids + 1); // no copy: one piece of memory for both
      a.dispose();
      expect(Array.from(await b.data())).toEqual([1, 2, 3]);
      const c = tf.add(b, 1); // a new output, not written over the shared memory
      expect(Array.from(await b.data())).toEqual([1, 2, 3]);
      tf.dispose([b, c]);
      expect(backend.numDataIds()).toBe(ids);
    });
  });

  test('a gradient through saved (cloned) tensors equals cpu', async () => {
    const op = () => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.tanh(tf.matMul(a, b)), tf.sigmoid(a.sum(1, true)))))([tf.tensor2d(x.slice(0, 12), [3, 4]), tf.tensor2d(x.slice(12, 20), [4, 2])]);
    const cpu = await onBackend('cpu', () => tf.concat(op().map((g) => g.flatten())));
    const wasm = await onBackend('wasm', () => tf.concat(op().map((g) => g.flatten())));
    wasm.values.forEach((v, i) => expect(v).toBeCloseTo(cpu.values[i], 5));
  });
});
