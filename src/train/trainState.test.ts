import { describe, expect, it } from 'vitest';
import { stateBytes } from './trainState';

const t = (name: string, n: number) => ({ name, shape: [n], data: new Float32Array(n) });

describe('stateBytes', () => {
  it('counts weights, best weights and optimiser moments, 4 bytes a float', () => {
    const state = {
      weights: [t('a', 10), t('b', 5)],
      best: { step: 3, f1: 0.5, weights: [t('a', 10), t('b', 5)] },
      optimizer: { name: 'adam' as const, iterations: 3, slots: [t('a/m', 10), t('a/v', 10), t('b/m', 5), t('b/v', 5)] },
    };
    // (15 weights + 15 best + 30 moments) * 4 bytes
    expect(stateBytes(state)).toBe(240);
    expect(stateBytes({ ...state, best: null })).toBe(180);
  });
});
