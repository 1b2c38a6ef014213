import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../testing/tfjs';
import { clipByGlobalNorm } from './clip';

describe.each(TEST_BACKENDS)('clipByGlobalNorm on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  // Gradients [3, 4] and [[12]]: global norm sqrt(9 + 16 + 144) = 13.
  it.each([
    { maxNorm: 6.5, norm: 13, expected: [[1.5, 2], [6]] },
    { maxNorm: 26, norm: 13, expected: [[3, 4], [12]] },
    { maxNorm: 13, norm: 13, expected: [[3, 4], [12]] },
    { maxNorm: 0, norm: 13, expected: [[3, 4], [12]] },
    { maxNorm: 1, norm: 13, expected: [[3 / 13, 4 / 13], [12 / 13]] },
  ])('max $maxNorm: norm $norm -> $expected', async ({ maxNorm, norm, expected }) => {
    await useBackend(backend);
    const a = tf.tensor1d([3, 4]);
    const b = tf.tensor2d([[12]]);
    await expectNoLeaks(async () => {
      const out = clipByGlobalNorm([a, b], maxNorm);
      expect((await out.norm.data())[0]).toBeCloseTo(norm, 5);
      for (let i = 0; i < expected.length; i++) {
        expect(Array.from(await out.grads[i].data())).toEqual(expected[i].map((v) => expect.closeTo(v, 5)));
      }
      tf.dispose([out.norm, ...out.grads]);
    });
    tf.dispose([a, b]);
  });
});
