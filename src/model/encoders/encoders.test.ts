import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../../core/dataset/batch';
import { constraintsForLabels, firstForbidden } from '../../core/tags/constraints';
import { buildVocabularies, makeEncoder } from '../../core/dataset/vocab';
import { Tagger, type TaggerConfig } from '../tagger';
import { expectNoLeaks, TEST_BACKENDS, useBackend, TINY_SENTENCES } from '../../../testing/tfjs';
import { testTagger } from '../../../testing/taggers';

const SENTENCES = TINY_SENTENCES;
const vocab = buildVocabularies(SENTENCES);
const encode = makeEncoder(vocab);
const batch = makeBatch(SENTENCES.map(encode));

function config(overrides: Partial<TaggerConfig> = {}): TaggerConfig {
  return {
    ...testTagger(vocab),
    wordDim: 16,
    charDim: 8,
    charFilters: 8,
    hidden: 16,
    modelDim: 32,
    heads: 4,
    ffnDim: 64,
    transformerLayers: 2,
    dropout: 0.1,
    allowed: constraintsForLabels(vocab.labels),
    ...overrides,
  };
}

const VARIANTS: { name: string; overrides: Partial<TaggerConfig>; lr: number }[] = [
  { name: 'bilstm, 1 layer', overrides: { encoder: 'bilstm' }, lr: 0.01 },
  { name: 'bilstm, 2 layers', overrides: { encoder: 'bilstm', lstmLayers: 2 }, lr: 0.01 },
  { name: 'transformer, sinusoidal', overrides: { encoder: 'transformer' }, lr: 0.003 },
  { name: 'transformer, learned positions, no CRF', overrides: { encoder: 'transformer', positional: 'learned', maxPositions: 6, crf: false, loss: 'cross_entropy', allowed: null }, lr: 0.003 },
];

async function scalar(t: tf.Scalar): Promise<number> {
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

describe.each(TEST_BACKENDS)('encoders on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  test.each(VARIANTS)('$name: 25 Adam steps bring the loss down, with a flat tensor count and no leaks', async ({ overrides, lr }) => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const tagger = new Tagger(config(overrides), 42);
      const optimizer = tf.train.adam(lr);
      const varList = [...tagger.namedVariables().values()];
      const losses: number[] = [];
      let live = 0;
      for (let step = 0; step < 25; step++) {
        losses.push(await scalar(optimizer.minimize(() => tagger.loss(batch, true), true, varList)!));
        if (step === 0) live = tf.memory().numTensors;
        else expect(tf.memory().numTensors).toBe(live);
      }
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses[24]).toBeLessThan(0.5 * losses[0]);
      const paths = await tagger.predict(batch);
      expect(paths.map((p) => p.length)).toEqual(batch.lengths);
      optimizer.dispose();
      tagger.dispose();
    });
  });

  test.each(VARIANTS)('$name: forward gives hidden [B, T, H] with zeros at padding, emissions [B, T, K]', async ({ overrides }) => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const tagger = new Tagger(config(overrides), 1);
      const [hidden, emissions] = tf.tidy(() => {
        const out = tagger.forward(batch, true);
        return [out.hidden, out.emissions];
      });
      expect(hidden.shape).toEqual([batch.size, batch.maxLen, tagger.hiddenDim]);
      expect(emissions.shape).toEqual([batch.size, batch.maxLen, vocab.labels.length]);
      const h = await hidden.data();
      const H = tagger.hiddenDim;
      for (let i = 0; i < batch.size * batch.maxLen; i++) {
        if (batch.mask[i] === 0) expect(h.subarray(i * H, (i + 1) * H).every((v) => v === 0)).toBe(true);
      }
      tf.dispose([hidden, emissions]);
      tagger.dispose();
    });
  });

  test.each(VARIANTS)('$name: a sentence scores the same alone as in a padded batch', async ({ overrides }) => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const tagger = new Tagger(config(overrides), 2);
      const alone = makeBatch([encode(SENTENCES[1])]); // 3 tokens
      const [inBatch, single] = [tagger.emissions(batch, false), tagger.emissions(alone, false)];
      const [a, b] = [await inBatch.data(), await single.data()];
      const K = vocab.labels.length;
      const T = batch.maxLen;
      Array.from(b).forEach((v, i) => expect(a[1 * T * K + i]).toBeCloseTo(v, 4));
      tf.dispose([inBatch, single]);
      tagger.dispose();
    });
  });
});

describe('the tagger around its encoder', () => {
  test.each(VARIANTS)('$name: dropout draws as many masks for any batch, so replaying them needs no data', async ({ overrides }) => {
    await useBackend('cpu');
    await expectNoLeaks(async () => {
      const [a, b] = [new Tagger(config({ ...overrides, dropout: 0.3 }), 9), new Tagger(config({ ...overrides, dropout: 0.3 }), 9)];
      tf.dispose(a.loss(batch, true));
      tf.dispose(b.loss(makeBatch([encode(SENTENCES[4])]), true));
      expect(await scalar(a.loss(batch, true))).toBe(await scalar(b.loss(batch, true)));
      a.dispose();
      b.dispose();
    });
  });

  test('with constraints, predictions never break the tag scheme, trained or not', async () => {
    await useBackend('cpu');
    await expectNoLeaks(async () => {
      for (const encoder of ['bilstm', 'transformer'] as const) {
        const c = config({ encoder });
        const tagger = new Tagger(c, 3);
        const paths = await tagger.predict(batch);
        expect(firstForbidden(paths, vocab.labels, c.allowed!).sentences).toBe(0);
        tagger.dispose();
      }
    });
  });

  test('word vectors replace the random start of the words they cover', async () => {
    await useBackend('cpu');
    await expectNoLeaks(async () => {
      const oslo = vocab.words.indexOf('oslo');
      const vector = Float32Array.from({ length: 16 }, (_, i) => i / 10);
      const plain = new Tagger(config(), 5);
      const started = new Tagger(config(), 5, { wordVectors: new Map([[oslo, vector]]) });
      const [p, w] = [plain.namedVariables().get('word_embeddings')!, started.namedVariables().get('word_embeddings')!];
      const [pv, wv] = [await p.data(), await w.data()];
      Array.from(wv.subarray(oslo * 16, oslo * 16 + 16)).forEach((v, i) => expect(v).toBeCloseTo(vector[i], 6));
      // Every other row, and every other variable, starts as without vectors.
      expect(Array.from(wv.subarray(0, oslo * 16))).toEqual(Array.from(pv.subarray(0, oslo * 16)));
      const [pe, we] = [await plain.namedVariables().get('emissions.kernel')!.data(), await started.namedVariables().get('emissions.kernel')!.data()];
      expect(Array.from(we)).toEqual(Array.from(pe));
      expect(() => new Tagger(config(), 5, { wordVectors: new Map([[oslo, new Float32Array(3)]]) })).toThrow(/has 3 dimensions, the embeddings have 16/);
      plain.dispose();
      started.dispose();
    });
  });

  test('variable names: a second BiLSTM layer adds bilstm2.*, the transformer its own', () => {
    const names = (overrides: Partial<TaggerConfig>) => {
      const t = new Tagger(config(overrides), 1);
      const out = [...t.namedVariables().keys()];
      t.dispose();
      return out;
    };
    expect(names({ lstmLayers: 2 }).filter((n) => n.startsWith('bilstm'))).toEqual([
      'bilstm.fw.kernel', 'bilstm.fw.bias', 'bilstm.bw.kernel', 'bilstm.bw.bias',
      'bilstm2.fw.kernel', 'bilstm2.fw.bias', 'bilstm2.bw.kernel', 'bilstm2.bw.bias',
    ]);
    const transformer = names({ encoder: 'transformer', transformerLayers: 1, positional: 'learned' });
    expect(transformer).toEqual([
      'word_embeddings', 'char_embeddings', 'char_cnn.kernel', 'char_cnn.bias',
      'transformer.input.kernel', 'transformer.input.bias', 'transformer.positions',
      'transformer.layer0.norm1.gain', 'transformer.layer0.norm1.bias',
      'transformer.layer0.attention.qkv.kernel', 'transformer.layer0.attention.qkv.bias',
      'transformer.layer0.attention.out.kernel', 'transformer.layer0.attention.out.bias',
      'transformer.layer0.norm2.gain', 'transformer.layer0.norm2.bias',
      'transformer.layer0.ffn_in.kernel', 'transformer.layer0.ffn_in.bias',
      'transformer.layer0.ffn_out.kernel', 'transformer.layer0.ffn_out.bias',
      'transformer.final_norm.gain', 'transformer.final_norm.bias',
      'emissions.kernel', 'emissions.bias', 'crf.transitions', 'crf.start', 'crf.end',
    ]);
  });

  test('the config check names what is wrong', () => {
    expect(() => new Tagger(config({ encoder: 'transformer', modelDim: 30, heads: 4 }), 1)).toThrow('modelDim 30 is not a multiple of heads 4');
    expect(() => new Tagger(config({ lstmLayers: 3 }), 1)).toThrow('lstmLayers must be 1 or 2, got 3');
    expect(() => new Tagger(config({ encoder: 'gru' as TaggerConfig['encoder'] }), 1)).toThrow("unknown encoder 'gru'");
    expect(() => new Tagger(config({ numLabels: 3 }), 1)).toThrow(/transition constraints are for/);
  });
});
