import { describe, expect, it } from 'vitest';
import { stepsPerEpochFor, totalSteps } from './steps';

describe('steps', () => {
  it.each([
    // trainSize, batchSize, gradAccumulation, steps per epoch
    [10, 4, 1, 3],
    [12, 4, 1, 3],
    [10, 4, 2, 2],
    [1, 32, 1, 1],
    [65, 32, 3, 1],
  ])('%i sentences, batch %i, accumulating %i: %i steps an epoch', (n, batchSize, gradAccumulation, expected) => {
    expect(stepsPerEpochFor({ batchSize, gradAccumulation }, n)).toBe(expected);
  });

  it.each([
    [{ epochs: 3, maxSteps: 0 }, 7, 21],
    [{ epochs: 3, maxSteps: 10 }, 7, 10],
    [{ epochs: 1, maxSteps: 10 }, 7, 7],
  ])('%j at %i steps an epoch: %i steps in all', (config, perEpoch, expected) => {
    expect(totalSteps(config, perEpoch)).toBe(expected);
  });
});
