import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { makeRng } from '../core/rng';
import { expectNoLeaks, useBackend } from '../../testing/tfjs';
import { copySlice } from './wasmSlice';

/** The slice by brute force: every output element's input index worked out from its coordinates. */
function referenceSlice(x: Float32Array, shape: number[], begin: number[], size: number[]): Float32Array {
  const count = size.reduce((n, s) => n * s, 1);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let rest = i;
    let offset = 0;
    let stride = 1;
    for (let d = shape.length - 1; d >= 0; d--) {
      const coord = rest % size[d];
      rest = Math.floor(rest / size[d]);
      offset += (begin[d] + coord) * stride;
      stride *= shape[d];
    }
    out[i] = x[offset];
  }
  return out;
}

describe('copySlice', () => {
  test.each([
    { what: 'a scalar', shape: [], begin: [], size: [] },
    { what: 'a vector', shape: [10], begin: [3], size: [5] },
    { what: 'rows (one run)', shape: [6, 4], begin: [2, 0], size: [3, 4] },
    { what: 'columns (short runs)', shape: [6, 40], begin: [1, 5], size: [4, 3] },
    { what: 'long runs', shape: [3, 50], begin: [0, 10], size: [3, 30] },
    { what: 'a middle axis', shape: [4, 5, 6], begin: [1, 2, 0], size: [2, 3, 6] },
    { what: 'the last axis of 3-D', shape: [4, 5, 6], begin: [0, 0, 4], size: [4, 5, 2] },
    { what: 'rank 5', shape: [2, 3, 4, 5, 6], begin: [1, 0, 2, 1, 3], size: [1, 3, 2, 4, 3] },
    { what: 'an empty size', shape: [4, 5], begin: [1, 2], size: [0, 3] },
    { what: 'everything', shape: [3, 4, 5], begin: [0, 0, 0], size: [3, 4, 5] },
  ])('equals the brute-force slice: $what', ({ shape, begin, size }) => {
    const rng = makeRng(3);
    const x = Float32Array.from({ length: shape.reduce((n, s) => n * s, 1) }, () => rng());
    const out = new Float32Array(size.reduce((n, s) => n * s, 1));
    copySlice(x, shape, begin, size, out);
    expect(Array.from(out)).toEqual(Array.from(referenceSlice(x, shape, begin, size)));
  });
});

async function onBackend(name: 'cpu' | 'wasm', fn: () => tf.Tensor | tf.Tensor[]): Promise<{ shape: number[]; values: number[] }[]> {
  await useBackend(name);
  return expectNoLeaks(async () => {
    const result = tf.tidy(fn);
    const list = Array.isArray(result) ? result : [result];
    const read = await Promise.all(list.map(async (t) => ({ shape: t.shape.slice(), values: Array.from(await t.data()) })));
    tf.dispose(list);
    return read;
  });
}

describe('Slice, SplitV and Unpack on wasm', () => {
  afterAll(() => useBackend('cpu'));
  const rng = makeRng(11);
  const x = Float32Array.from({ length: 4 * 5 * 6 }, () => rng() * 2 - 1);
  const ints = Int32Array.from({ length: 4 * 5 * 6 }, (_, i) => i * 7 - 100);

  test.each([
    { what: 'tf.slice, strided', op: () => tf.slice(tf.tensor3d(x, [4, 5, 6]), [1, 1, 2], [2, 3, -1]) },
    { what: 'tf.slice, int32', op: () => tf.slice(tf.tensor3d(ints, [4, 5, 6], 'int32'), [0, 2, 0], [4, 2, 6]) },
    { what: 'tf.slice, bool', op: () => tf.slice(tf.greater(tf.tensor3d(x, [4, 5, 6]), 0), [1, 0, 3], [3, 5, 2]) },
    { what: 'tf.split, equal parts on the last axis', op: () => tf.split(tf.tensor3d(x, [4, 5, 6]), 3, 2) },
    { what: 'tf.split, sizes on the middle axis', op: () => tf.split(tf.tensor3d(x, [4, 5, 6]), [1, 3, 1], 1) },
    { what: 'tf.split, one part', op: () => tf.split(tf.tensor2d(x, [20, 6]), 1, 0) },
    { what: 'tf.unstack, first axis', op: () => tf.unstack(tf.tensor3d(x, [4, 5, 6])) },
    { what: 'tf.unstack, last axis', op: () => tf.unstack(tf.tensor3d(x, [4, 5, 6]), 2) },
    { what: 'tf.unstack, int32 middle axis', op: () => tf.unstack(tf.tensor3d(ints, [4, 5, 6], 'int32'), 1) },
    {
      what: "concat's gradient (a split)",
      op: () => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.concat([a, b], 1).square().sum())([tf.tensor2d(x.slice(0, 24), [6, 4]), tf.tensor2d(x.slice(24, 42), [6, 3])]),
    },
  ])('equal the cpu backend: $what', async ({ op }) => {
    const cpu = await onBackend('cpu', op);
    const wasm = await onBackend('wasm', op);
    expect(wasm).toEqual(cpu);
  });

  test('strings keep tfjs’ own kernel', async () => {
    const [{ values }] = await onBackend('wasm', () => tf.slice(tf.tensor1d(['a', 'b', 'c', 'd'], 'string'), [1], [2]));
    expect(values).toEqual(['b', 'c']);
  });

  test('a slice whose output grows the heap reads its input after the growth', async () => {
    await useBackend('wasm');
    const heap = () => ((tf.backend() as BackendWasm).wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer;
    await expectNoLeaks(async () => {
      // An input of about half the heap, then an output of most of it: the output's allocation has to grow the heap.
      const n = Math.floor(heap().byteLength / 4 / 2);
      const big = tf.tidy(() => tf.range(0, n, 1, 'float32'));
      const before = heap();
      const part = tf.slice(big, [1], [n - 1]);
      expect(heap()).not.toBe(before); // the heap did grow during the slice, so the test means something
      const values = await part.data();
      expect([values[0], values[12345], values[n - 2]]).toEqual([1, 12346, n - 1]);
      tf.dispose([big, part]);
    });
  });
});
