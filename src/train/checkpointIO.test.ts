import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../core/dataset/batch';
import { makeEncoder } from '../core/dataset/vocab';
import { Tagger } from '../model/tagger';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../testing/tfjs';
import { loadCheckpoint, saveCheckpoint } from './checkpointIO';
import { taggerConfigFor } from './runTraining';

/**
 * bilstm-v1.zip was saved by the tagger as it was before encoders became selectable (commit 0581c36): a BiLSTM-CNN-CRF
 * trained 5 steps on three sentences, with its emissions and predictions on them written next to it.
 */
const FIXTURE = new URL('../../testing/fixtures/bilstm-v1.zip', import.meta.url);
const EXPECTED = JSON.parse(readFileSync(new URL('../../testing/fixtures/bilstm-v1.expected.json', import.meta.url), 'utf8')) as {
  sentences: { tokens: string[]; tags: string[] }[];
  predictions: number[][];
  emissions: number[];
};

describe.each(TEST_BACKENDS)('checkpoints on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  test('a BiLSTM checkpoint saved before encoders were selectable still loads and scores the same', async () => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const { tagger, config, vocab } = loadCheckpoint(new Uint8Array(readFileSync(FIXTURE)), 'bilstm-v1.zip');
      // Fields that did not exist then take their defaults.
      expect(config).toMatchObject({ encoder: 'bilstm', lstmLayers: 1, constrainTransitions: true, wordVectors: '' });
      const batch = makeBatch(EXPECTED.sentences.map(makeEncoder(vocab)));
      const emissions = tagger.emissions(batch, false);
      Array.from(await emissions.data()).forEach((v, i) => expect(v).toBeCloseTo(EXPECTED.emissions[i], 4));
      emissions.dispose();
      expect(await tagger.predict(batch)).toEqual(EXPECTED.predictions);
      tagger.dispose();
    });
  });

  test('a transformer checkpoint round-trips', async () => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const { tagger, config, vocab } = loadCheckpoint(new Uint8Array(readFileSync(FIXTURE)), 'bilstm-v1.zip');
      tagger.dispose();
      const transformer = { ...config, encoder: 'transformer' as const, modelDim: 8, heads: 2, ffnDim: 8, transformerLayers: 1, positional: 'learned' as const, maxPositions: 8 };
      const original = new Tagger(taggerConfigFor(transformer, vocab), 3);
      const bytes = await saveCheckpoint(original, transformer, vocab, { steps: 0, epochs: 0, bestDevF1: null, backend, createdAt: '' });
      const loaded = loadCheckpoint(bytes);
      const batch = makeBatch(EXPECTED.sentences.map(makeEncoder(vocab)));
      const [a, b] = [original.emissions(batch, false), loaded.tagger.emissions(batch, false)];
      expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
      tf.dispose([a, b]);
      original.dispose();
      loaded.tagger.dispose();
    });
  });
});

