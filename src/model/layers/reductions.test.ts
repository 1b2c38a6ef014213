import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../../core/rng';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../../testing/tfjs';
import { logSumExp, maxOverAxis } from './reductions';

describe.each(TEST_BACKENDS)('reductions on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  test.each([
    { name: 'maxOverAxis', ours: maxOverAxis, theirs: (x: tf.Tensor, axis: number) => tf.max(x, axis) },
    { name: 'logSumExp', ours: logSumExp, theirs: (x: tf.Tensor, axis: number) => tf.logSumExp(x, axis) },
  ])('$name and its gradient equal tfjs on every axis', async ({ ours, theirs }) => {
    await useBackend(backend);
    const rng = makeRng(3);
    // Rounded values so the max has ties, whose gradient both versions give to every tied position.
    const values = Float32Array.from({ length: 2 * 3 * 4 }, () => Math.round(rng() * 6 - 3));
    for (const axis of [0, 1, 2, -1]) {
      const [v1, g1, v2, g2] = await expectNoLeaks(async () => {
        const out = tf.tidy(() => {
          const x = tf.tensor3d(values, [2, 3, 4]);
          const weights = tf.range(1, 1 + x.size / x.shape.at(axis)!);
          const f = (op: (x: tf.Tensor, axis: number) => tf.Tensor) => (t: tf.Tensor) => tf.sum(tf.mul(op(t, axis).reshape([-1]), weights));
          return [f(ours)(x), tf.grad(f(ours))(x), f(theirs)(x), tf.grad(f(theirs))(x)];
        });
        const data = await Promise.all(out.map((t) => t.data()));
        tf.dispose(out);
        return data;
      });
      expect(v1[0]).toBeCloseTo(v2[0], 4);
      Array.from(g1).forEach((g, i) => expect(g, `axis ${axis} index ${i}`).toBeCloseTo(g2[i], 5));
    }
  });
});
