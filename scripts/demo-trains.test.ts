/**
 * The demo dataset's promise: the default model, trained with the default config, gets past dev F1 0.8.
 * One epoch here (about 20 s on wasm on 2 cores); no timing is asserted, only the score.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../src/core/config/config';
import { unpackSplit } from '../src/core/dataset/prepared';
import { expectNoLeaks, useBackend } from '../testing/tfjs';
import { runTraining } from '../src/train/runTraining';
import { prepareTexts } from '../src/core/dataset/finish';

const demo = (split: string) => ({ name: `${split}.txt`, text: readFileSync(new URL(`../datasets/demo/${split}.txt`, import.meta.url), 'utf8') });

describe('demo dataset', () => {
  it('trains the default model past dev F1 0.8 in one epoch', async () => {
    await useBackend('wasm');
    const { dataset } = prepareTexts('demo', ['train', 'dev', 'test'].map(demo));
    const data = { vocab: dataset!.vocab, train: unpackSplit(dataset!.train), dev: unpackSplit(dataset!.dev) };
    const f1s: number[] = [];
    await expectNoLeaks(async () => {
      const result = await runTraining({ ...DEFAULT_CONFIG, epochs: 1 }, data, { onEval: (e) => f1s.push(e.scores.f1) });
      result.tagger.dispose();
    });
    expect(f1s).toHaveLength(1);
    expect(f1s[0]).toBeGreaterThan(0.8);
    expect(tf.getBackend()).toBe('wasm');
  }, 180_000);
});
