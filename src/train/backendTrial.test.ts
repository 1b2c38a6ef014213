import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config/config';
import { buildVocabularies, makeEncoder } from '../core/dataset/vocab';
import { expectNoLeaks, TINY_SENTENCES, useBackend } from '../../testing/tfjs';
import { modelShapeKey, timeTrainingSteps } from './backendTrial';

describe('timeTrainingSteps', () => {
  it('times a few training steps of the model on the active backend, leaving no tensors', async () => {
    await useBackend('wasm');
    const vocab = buildVocabularies(TINY_SENTENCES);
    const encode = makeEncoder(vocab);
    const config = { ...DEFAULT_CONFIG, wordDim: 8, charDim: 4, charFilters: 4, hidden: 6, batchSize: 2 };
    const ms = await expectNoLeaks(() => timeTrainingSteps(config, { vocab, train: TINY_SENTENCES.map(encode), dev: [] }));
    expect(ms).toBeGreaterThan(0);
    expect(Number.isFinite(ms)).toBe(true);
  });

  it('keys the timing cache by what changes the step: sizes, vocabularies, batch', () => {
    const vocab = buildVocabularies(TINY_SENTENCES);
    const key = modelShapeKey(DEFAULT_CONFIG, vocab);
    expect(modelShapeKey({ ...DEFAULT_CONFIG }, vocab)).toBe(key);
    expect(modelShapeKey({ ...DEFAULT_CONFIG, hidden: 128 }, vocab)).not.toBe(key);
    expect(modelShapeKey({ ...DEFAULT_CONFIG, batchSize: 8 }, vocab)).not.toBe(key);
    expect(modelShapeKey({ ...DEFAULT_CONFIG, learningRate: 0.5 }, vocab)).toBe(key);
  });
});
