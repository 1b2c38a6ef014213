import { afterAll, describe, expect, test, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../core/dataset/batch';
import { allowedTransitions } from '../core/tags/constraints';
import { buildVocabularies, makeEncoder } from '../core/dataset/vocab';
import { checkTaggerConfig, Tagger, type TaggerConfig } from './tagger';
import { expectNoLeaks, TEST_BACKENDS, useBackend, TINY_SENTENCES, sentence } from '../../testing/tfjs';
import { testTagger } from '../../testing/taggers';

const SENTENCES = TINY_SENTENCES;
const vocab = buildVocabularies(SENTENCES);
const batch = makeBatch(SENTENCES.map(makeEncoder(vocab)));

function config(overrides: Partial<TaggerConfig> = {}): TaggerConfig {
  return {
    ...testTagger(vocab),
    wordDim: 16,
    charDim: 8,
    charFilters: 8,
    hidden: 16,
    dropout: 0.1,
    ...overrides,
  };
}

async function scalar(t: tf.Scalar): Promise<number> {
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

describe('checkTaggerConfig', () => {
  test.each([
    { overrides: {}, expected: null },
    { overrides: { crf: false, loss: 'cross_entropy' as const }, expected: null },
    { overrides: { crf: true, loss: 'cross_entropy' as const }, expected: null },
    { overrides: { crf: false, loss: 'crf' as const }, expected: "loss 'crf' needs the CRF: turn CRF on or choose cross_entropy" },
    { overrides: { hidden: 0 }, expected: 'hidden must be a positive integer, got 0' },
    { overrides: { dropout: 1 }, expected: 'dropout must be in [0, 1), got 1' },
  ])('$overrides -> $expected', ({ overrides, expected }) => {
    expect(checkTaggerConfig(config(overrides))).toBe(expected);
  });

  test('the constructor refuses a bad config', () => {
    expect(() => new Tagger(config({ crf: false, loss: 'crf' }), 1)).toThrow(/needs the CRF/);
  });
});

describe.each(TEST_BACKENDS)('Tagger on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  test.each([
    { name: 'crf', overrides: {} },
    { name: 'cross_entropy without CRF', overrides: { crf: false, loss: 'cross_entropy' as const } },
    { name: 'cross_entropy with CRF', overrides: { crf: true, loss: 'cross_entropy' as const } },
  ])('30 Adam steps with loss $name bring the loss down, without leaks', async ({ overrides }) => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const tagger = new Tagger(config(overrides), 42);
      const optimizer = tf.train.adam(0.01);
      const varList = [...tagger.namedVariables().values()];
      const losses: number[] = [];
      let liveAfterFirstStep = 0;
      for (let step = 0; step < 30; step++) {
        losses.push(await scalar(optimizer.minimize(() => tagger.loss(batch, true), true, varList)!));
        if (step === 0) liveAfterFirstStep = tf.memory().numTensors;
        else expect(tf.memory().numTensors).toBe(liveAfterFirstStep);
      }
      expect(losses[0]).toBeGreaterThan(0);
      expect(losses[29]).toBeLessThan(0.5 * losses[0]);
      const paths = await tagger.predict(batch);
      expect(paths.map((p) => p.length)).toEqual(batch.lengths);
      for (const p of paths) for (const y of p) expect(y >= 0 && y < vocab.labels.length).toBe(true);
      optimizer.dispose();
      tagger.dispose();
    });
  });

  test('every variable gets a gradient, and training makes no sync reads', async () => {
    await useBackend(backend);
    const dataSync = vi.spyOn(tf.Tensor.prototype, 'dataSync');
    const arraySync = vi.spyOn(tf.Tensor.prototype, 'arraySync');
    await expectNoLeaks(async () => {
      const tagger = new Tagger(config(), 3);
      const vars = tagger.namedVariables();
      const { value, grads } = tf.variableGrads(() => tagger.loss(batch, true), [...vars.values()]);
      for (const [name, v] of vars) {
        const g = grads[v.name];
        const norm = await scalar(tf.tidy(() => tf.sum(tf.abs(g))));
        expect(norm, name).toBeGreaterThan(0);
      }
      await tagger.predict(batch);
      tf.dispose([value, ...Object.values(grads)]);
      tagger.dispose();
    });
    expect(dataSync).not.toHaveBeenCalled();
    expect(arraySync).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  test('decoding leaves the CRF as it was, with and without transition constraints', async () => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      for (const allowed of [null, allowedTransitions(vocab.labels, 'IOB2')]) {
        const tagger = new Tagger(config({ allowed }), 9);
        const first = await tagger.predict(batch);
        // A second decode and a loss read the CRF's variables again: neither may find them disposed.
        expect(await tagger.predict(batch)).toEqual(first);
        expect(Number.isFinite(await scalar(tagger.loss(batch, false)))).toBe(true);
        tagger.dispose();
      }
    });
  });

  test('a batch of one-word sentences (T = 1) trains too', async () => {
    await useBackend(backend);
    const oneWord = makeBatch([sentence('Oslo', 'B-LOC'), sentence('Rome', 'B-LOC'), sentence('Anna', 'B-PER')].map(makeEncoder(vocab)));
    await expectNoLeaks(async () => {
      const tagger = new Tagger(config(), 5);
      const optimizer = tf.train.adam(0.01);
      const loss = await scalar(optimizer.minimize(() => tagger.loss(oneWord, true), true, [...tagger.namedVariables().values()])!);
      expect(Number.isFinite(loss)).toBe(true);
      expect((await tagger.predict(oneWord)).map((p) => p.length)).toEqual([1, 1, 1]);
      optimizer.dispose();
      tagger.dispose();
    });
  });

  test('the same seed gives the same loss with dropout on; export then import reproduces predictions', async () => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const a = new Tagger(config({ dropout: 0.5 }), 7);
      const b = new Tagger(config({ dropout: 0.5 }), 7);
      expect(await scalar(a.loss(batch, true))).toBe(await scalar(b.loss(batch, true)));
      const optimizer = tf.train.adam(0.01);
      const varList = [...a.namedVariables().values()];
      for (let i = 0; i < 5; i++) optimizer.minimize(() => a.loss(batch, true), false, varList);
      optimizer.dispose();

      const weights = await a.exportWeights();
      expect(weights.map((w) => w.name)).toEqual([...a.namedVariables().keys()]);
      expect(weights.reduce((n, w) => n + w.data.length, 0)).toBe(a.parameterCount());
      const fresh = new Tagger(config({ dropout: 0.5 }), 99);
      fresh.importWeights(new Map(weights.map((w) => [w.name, w])));
      expect(await fresh.predict(batch)).toEqual(await a.predict(batch));
      const [ea, ef] = [a.emissions(batch, false), fresh.emissions(batch, false)];
      expect(Array.from(await ef.data())).toEqual(Array.from(await ea.data()));
      tf.dispose([ea, ef]);
      for (const t of [a, b, fresh]) t.dispose();
    });
  });

  test('importWeights names the tensor that does not fit', async () => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const tagger = new Tagger(config(), 1);
      type Weights = Map<string, { shape: number[]; data: Float32Array | Int32Array }>;
      const weights: Weights = new Map((await tagger.exportWeights()).map((w) => [w.name, w] as const));
      const wrong = new Map(weights);
      wrong.set('crf.transitions', { shape: [2, 2], data: new Float32Array(4) });
      expect(() => tagger.importWeights(wrong)).toThrow(/'crf.transitions' has shape \[2,2\]/);
      const missing = new Map(weights);
      missing.delete('bilstm.bw.kernel');
      expect(() => tagger.importWeights(missing)).toThrow(/lacks tensor 'bilstm.bw.kernel'/);
      const extra = new Map(weights).set('other', { shape: [1], data: new Float32Array(1) });
      expect(() => tagger.importWeights(extra)).toThrow(/'other' does not belong/);
      tagger.dispose();
    });
  });
});

test('stable variable names', () => {
  const tagger = new Tagger(config(), 1);
  expect([...tagger.namedVariables().keys()]).toEqual([
    'word_embeddings',
    'char_embeddings',
    'char_cnn.kernel',
    'char_cnn.bias',
    'bilstm.fw.kernel',
    'bilstm.fw.bias',
    'bilstm.bw.kernel',
    'bilstm.bw.bias',
    'emissions.kernel',
    'emissions.bias',
    'crf.transitions',
    'crf.start',
    'crf.end',
  ]);
  tagger.dispose();
});
