import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../core/rng';
import { expectNoLeaks, useBackend } from '../../testing/tfjs';
import { registerFastCpuKernels } from './cpuKernels';

const rng = makeRng(3);
const x = Float32Array.from({ length: 6 * 4 * 2 }, () => rng() * 2 - 1);
const CASES = [
  { what: 'rows of a matrix', xShape: [6, 8], ids: [0, 3, 3, 1, 0, 4], numSegments: 5 },
  { what: 'ids out of range are dropped', xShape: [6, 8], ids: [0, -1, 9, 2, 2, 2], numSegments: 3 },
  { what: 'rows of a 3-D tensor', xShape: [6, 4, 2], ids: [1, 0, 1, 2, 2, 0], numSegments: 4 },
  { what: 'int32 values', xShape: [48], ids: Array.from({ length: 48 }, (_, i) => i % 5), numSegments: 5, int: true },
];

const run = (c: (typeof CASES)[number]) =>
  expectNoLeaks(async () => {
    const values = c.int ? Int32Array.from(x, (v) => Math.round(10 * v)) : x;
    const t = tf.tidy(() => tf.unsortedSegmentSum(tf.tensor(values, c.xShape, c.int ? 'int32' : 'float32'), tf.tensor1d(c.ids, 'int32'), c.numSegments));
    const out = { shape: t.shape.slice(), dtype: t.dtype, values: Array.from(await t.data()) };
    t.dispose();
    return out;
  });

describe('registerFastCpuKernels', () => {
  test("UnsortedSegmentSum gives the stock cpu kernel's results", async () => {
    await useBackend('cpu');
    const stock: Awaited<ReturnType<typeof run>>[] = [];
    for (const c of CASES) stock.push(await run(c));
    registerFastCpuKernels();
    registerFastCpuKernels();
    for (const [i, c] of CASES.entries()) {
      const fast = await run(c);
      expect(fast.shape).toEqual(stock[i].shape);
      // x's dtype, as TensorFlow and our wasm kernel give (the stock cpu kernel turns int32 into float32).
      expect(fast.dtype).toBe(c.int ? 'int32' : 'float32');
      fast.values.forEach((v, k) => expect(v).toBeCloseTo(stock[i].values[k], 5));
    }
  });
});
