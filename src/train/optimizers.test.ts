import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { OPTIMIZER_NAMES, type OptimizerName } from '../core/config/config';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../testing/tfjs';
import { makeOptimizer, type NamedVariable } from './optimizers';

const SETTINGS = { learningRate: 0.1, weightDecay: 0.01, momentum: 0.9 };

function makeVars(values: number[]): NamedVariable[] {
  const initial = tf.tensor1d(values);
  const variable = tf.variable(initial, true);
  initial.dispose();
  return [{ name: 'w', variable }];
}

/** Runs steps of (gradient, lr) and returns the weights after each, leak-checked. */
async function trajectory(name: OptimizerName, steps: [number[], number][], start = [1, -2]): Promise<number[][]> {
  return expectNoLeaks(async () => {
    const vars = makeVars(start);
    const opt = makeOptimizer(name, vars, SETTINGS);
    const out: number[][] = [];
    for (const [g, lr] of steps) {
      const grad = tf.tensor1d(g);
      opt.step([grad], lr);
      grad.dispose();
      out.push(Array.from(await vars[0].variable.data()));
    }
    opt.dispose();
    tf.dispose(vars.map((v) => v.variable));
    return out;
  });
}

const close = (xs: number[]) => xs.map((x) => expect.closeTo(x, 5));

describe.each(TEST_BACKENDS)('optimizers on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  it('adam: a constant gradient moves each weight by lr per step, and a new lr takes effect at once', async () => {
    await useBackend(backend);
    // With a constant gradient, m_hat / sqrt(v_hat) = sign(g) exactly, so the step is the learning rate.
    const w = await trajectory('adam', [
      [[0.5, -0.5], 0.1],
      [[0.5, -0.5], 0.01],
    ]);
    expect(w[0]).toEqual(close([0.9, -1.9]));
    expect(w[1]).toEqual(close([0.89, -1.89]));
  });

  it('adamw: one step decays the weights by lr * wd before the Adam update (worked by hand)', async () => {
    await useBackend(backend);
    // w = [1, -2], g = [0.5, 0.5], lr 0.1, wd 0.01:
    // decay: w * (1 - 0.1 * 0.01) = [0.999, -1.998]; Adam's first step: -0.1 * sign(g) -> [0.899, -2.098].
    const [w] = await trajectory('adamw', [[[0.5, 0.5], 0.1]]);
    expect(w).toEqual(close([0.899, -2.098]));
  });

  it('sgd: momentum accumulates and the learning rate can change every step', async () => {
    await useBackend(backend);
    // v1 = 1 -> w -= 0.1 * 1; v2 = 0.9 * 1 + 1 = 1.9 -> w -= 0.05 * 1.9.
    const w = await trajectory('sgd', [
      [[1, 1], 0.1],
      [[1, 1], 0.05],
    ]);
    expect(w[0]).toEqual(close([0.9, -2.1]));
    expect(w[1]).toEqual(close([0.805, -2.195]));
  });

  it.each(OPTIMIZER_NAMES)('%s: exported state restores into a fresh optimiser that continues identically', async (name) => {
    await useBackend(backend);
    const grads = [[0.3, -0.7], [0.1, 0.2], [-0.4, 0.5]];
    const [reference] = [await trajectory(name, grads.map((g) => [g, 0.05] as [number[], number]))];
    const resumed = await expectNoLeaks(async () => {
      const a = makeVars([1, -2]);
      const first = makeOptimizer(name, a, SETTINGS);
      const g0 = tf.tensor1d(grads[0]);
      first.step([g0], 0.05);
      g0.dispose();
      const state = await first.exportState();
      const weights = await a[0].variable.data();
      first.dispose();
      tf.dispose(a.map((v) => v.variable));
      expect(state.slots.map((s) => s.name)).toEqual(name === 'sgd' ? ['w/momentum'] : ['w/m', 'w/v']);

      const b = makeVars(Array.from(weights));
      const second = makeOptimizer(name, b, SETTINGS);
      await second.importState(state);
      const out: number[][] = [];
      for (const g of grads.slice(1)) {
        const t = tf.tensor1d(g);
        second.step([t], 0.05);
        t.dispose();
        out.push(Array.from(await b[0].variable.data()));
      }
      second.dispose();
      tf.dispose(b.map((v) => v.variable));
      return out;
    });
    expect(resumed[0]).toEqual(close(reference[1]));
    expect(resumed[1]).toEqual(close(reference[2]));
  });

  it('refuses a state saved by another optimiser', async () => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const vars = makeVars([1, 2]);
      const opt = makeOptimizer('adam', vars, SETTINGS);
      await expect(opt.importState({ name: 'sgd', iterations: 1, slots: [] })).rejects.toThrow(/saved state is for 'sgd'/);
      opt.dispose();
      tf.dispose(vars.map((v) => v.variable));
    });
  });
});
