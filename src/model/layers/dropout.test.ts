import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../../core/rng';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../../testing/tfjs';
import { dropoutWithSeed, SeededDropout } from './dropout';

describe.each(TEST_BACKENDS)('dropout on %s', (backend) => {
  afterAll(() => useBackend('cpu'));
  const x = () => tf.fill([200, 500], 3);

  test('keeps about 1 - rate of the units, scaled by 1 / (1 - rate), and zeroes the rest', async () => {
    await useBackend(backend);
    const values = await expectNoLeaks(async () => {
      const out = tf.tidy(() => dropoutWithSeed(x(), 0.25, 7));
      const read = await out.data();
      out.dispose();
      return read;
    });
    const kept = Array.from(values).filter((v) => v !== 0);
    expect(new Set(kept)).toEqual(new Set([4])); // 3 / 0.75
    expect(kept.length / values.length).toBeGreaterThan(0.745);
    expect(kept.length / values.length).toBeLessThan(0.755);
  });

  test('the mask is a function of the seed alone, and its gradient is the mask', async () => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const [a, b, c] = tf.tidy(() => [dropoutWithSeed(x(), 0.5, 1), dropoutWithSeed(x(), 0.5, 1), dropoutWithSeed(x(), 0.5, 2)]);
      const grad = tf.tidy(() => tf.grad((v: tf.Tensor) => dropoutWithSeed(v, 0.5, 1).sum())(x()));
      const [va, vb, vc, vg] = await Promise.all([a, b, c, grad].map((t) => t.data()));
      expect(Array.from(va)).toEqual(Array.from(vb));
      expect(Array.from(va)).not.toEqual(Array.from(vc));
      expect(Array.from(vg)).toEqual(Array.from(va).map((v) => v / 3)); // 0 or 2 = 1 / 0.5 where kept
      tf.dispose([a, b, c, grad]);
    });
  });

  test('is the identity when not training or at rate 0, and repeats with the same generator seed', async () => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const input = x();
      expect(new SeededDropout(0.5, makeRng(1)).apply(input, false)).toBe(input);
      expect(new SeededDropout(0, makeRng(1)).apply(input, true)).toBe(input);
      const first = new SeededDropout(0.5, makeRng(9));
      const second = new SeededDropout(0.5, makeRng(9));
      const outs = [first.apply(input, true), first.apply(input, true), second.apply(input, true)];
      const [o1, o2, o3] = await Promise.all(outs.map((t) => t.data()));
      expect(Array.from(o1)).toEqual(Array.from(o3)); // same generator seed, same first mask
      expect(Array.from(o1)).not.toEqual(Array.from(o2)); // a fresh mask on every call
      tf.dispose([input, ...outs]);
    });
  });
});

describe.each(TEST_BACKENDS)('the mask against tf.dropout on %s', (backend) => {
  afterAll(() => useBackend('cpu'));
  test.each([
    { rate: 0.5, seed: 0 },
    { rate: 0.25, seed: 1234567 },
    { rate: 0.1, seed: 2 ** 31 - 1 },
    { rate: 1 / 3, seed: 42 },
  ])('equals tf.dropout bit for bit: rate $rate, seed $seed', async ({ rate, seed }) => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const x = tf.tidy(() => tf.randomNormal([37, 53], 0, 1, 'float32', 5));
      const [ours, theirs] = [dropoutWithSeed(x, rate, seed), tf.dropout(x, rate, undefined, seed)];
      const [a, b] = await Promise.all([ours.data(), theirs.data()]);
      expect(Array.from(a)).toEqual(Array.from(b));
      tf.dispose([x, ours, theirs]);
    });
  });
});
