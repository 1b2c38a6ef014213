import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config/config';
import { decodeStateFile, encodeStateFile } from './stateFile';
import { INITIAL_EARLY_STOPPING } from './earlyStopping';
import type { TrainState } from './trainState';

const state: TrainState = {
  version: 1,
  step: 7,
  epoch: 2,
  batchIndex: 1,
  microSteps: 7,
  lastEvalStep: 6,
  config: { ...DEFAULT_CONFIG, lossParams: { gamma: 2 } },
  trainSize: 12,
  weights: [
    { name: 'a', shape: [2, 2], data: new Float32Array([1, -2.5, 3e-8, Math.fround(0.1)]) },
    { name: 'b', shape: [1], data: new Float32Array([3.4e38]) },
  ],
  optimizer: { name: 'adam', iterations: 7, slots: [{ name: 'a/m', shape: [2, 2], data: new Float32Array([0, 0.5, -0, 9]) }] },
  best: { step: 6, f1: 0.5, weights: [{ name: 'a', shape: [1], data: new Float32Array([42]) }] },
  early: { ...INITIAL_EARLY_STOPPING, bestF1: 0.5, bestStep: 6 },
};

describe('training state file', () => {
  it('reads back exactly what was written, arrays as Float32Arrays', () => {
    const back = decodeStateFile<TrainState>(encodeStateFile(state));
    expect(back).toEqual(state);
    expect(back.weights[0].data).toBeInstanceOf(Float32Array);
    expect(decodeStateFile(encodeStateFile({ state, log: [1, 'a'] }))).toEqual({ state, log: [1, 'a'] });
    expect(Object.is(back.optimizer.slots[0].data[2], -0)).toBe(true);
  });

  it('reads a file whose bytes sit at an odd offset of their buffer', () => {
    const bytes = encodeStateFile(state);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(decodeStateFile(shifted.subarray(1))).toEqual(state);
  });

  it('reads a Node Buffer, whose slice is a view into a shared pool', () => {
    const bytes = encodeStateFile(state);
    const pool = Buffer.alloc(bytes.length + 13);
    pool.set(bytes, 13);
    expect(decodeStateFile(pool.subarray(13))).toEqual(state);
  });

  it('names the file when it is not a state or is cut short', () => {
    expect(() => decodeStateFile(new TextEncoder().encode('hello world, no state'), 'x.state')).toThrow(/^x\.state: not a training state/);
    const bytes = encodeStateFile(state);
    expect(() => decodeStateFile(bytes.subarray(0, bytes.length - 8), 'y.state')).toThrow(/^y\.state: cut short/);
  });
});
