import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../../core/dataset/batch';
import { constraintsForLabels } from '../../core/tags/constraints';
import type { Sentence } from '../../core/types';
import { buildVocabularies, makeEncoder } from '../../core/dataset/vocab';
import { sinusoidTable } from '../layers/positions';
import { Tagger, type TaggerConfig } from '../tagger';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../../testing/tfjs';
import { testTagger } from '../../../testing/taggers';

const s = (text: string, tags: string): Sentence => ({ tokens: text.split(' '), tags: tags.split(' ') });
const SENTENCES = [s('Anna lives in Oslo', 'B-PER O O B-LOC'), s('Acme Corp', 'B-ORG I-ORG')];
const vocab = buildVocabularies(SENTENCES);
const batch = makeBatch(SENTENCES.map(makeEncoder(vocab))); // B = 2, T = 4: the second sentence is padded

const TINY: TaggerConfig = {
  ...testTagger(vocab),
  encoder: 'transformer',
  wordDim: 4,
  charDim: 3,
  charFilters: 4,
  modelDim: 8,
  heads: 2,
  ffnDim: 12,
  transformerLayers: 2,
  positional: 'learned',
  maxPositions: 4,
  dropout: 0,
  allowed: constraintsForLabels(vocab.labels),
};

/** Spot checks across the encoder path: [variable, flat index]. qkv columns 0..7 are queries, 8..15 keys, 16..23 values. */
const SPOTS: [string, number][] = [
  ['word_embeddings', 2 * 4 + 1],
  ['char_cnn.kernel', 5],
  ['transformer.input.kernel', 9],
  ['transformer.positions', 1 * 8 + 3],
  ['transformer.layer0.norm1.gain', 2],
  ['transformer.layer0.attention.qkv.kernel', 3 * 24 + 1], // a query weight
  ['transformer.layer0.attention.qkv.kernel', 5 * 24 + 10], // a key weight
  ['transformer.layer1.attention.qkv.kernel', 2 * 24 + 19], // a value weight
  ['transformer.layer1.attention.out.kernel', 4 * 8 + 6],
  ['transformer.layer0.ffn_in.kernel', 7 * 12 + 11],
  ['transformer.layer1.ffn_out.bias', 3],
  ['transformer.final_norm.bias', 5],
];

async function lossOf(tagger: Tagger): Promise<number> {
  const t = tagger.loss(batch, false);
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

describe.each(TEST_BACKENDS)('transformer encoder on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  test('the gradient of the CRF loss through the transformer matches central finite differences', async () => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const tagger = new Tagger(TINY, 17);
      const vars = tagger.namedVariables();
      const { value, grads } = tf.variableGrads(() => tagger.loss(batch, false), [...vars.values()]);
      const analytic = new Map<string, Float32Array>();
      for (const [name, v] of vars) analytic.set(name, (await grads[v.name].data()) as Float32Array);
      tf.dispose([value, ...Object.values(grads)]);

      const eps = 1e-2;
      for (const [name, index] of SPOTS) {
        const v = vars.get(name)!;
        const original = (await v.data()) as Float32Array;
        const at = async (delta: number) => {
          const moved = Float32Array.from(original);
          moved[index] += delta;
          tf.tidy(() => v.assign(tf.tensor(moved, v.shape)));
          return lossOf(tagger);
        };
        const numeric = ((await at(eps)) - (await at(-eps))) / (2 * eps);
        tf.tidy(() => v.assign(tf.tensor(original, v.shape)));
        const g = analytic.get(name)![index];
        expect(Math.abs(g - numeric), `${name}[${index}]: analytic ${g}, numeric ${numeric}`).toBeLessThan(2e-3 + 0.02 * Math.abs(numeric));
      }
      // The spots are not all trivially zero.
      expect(SPOTS.filter(([name, i]) => Math.abs(analytic.get(name)![i]) > 1e-3).length).toBeGreaterThan(8);
      tagger.dispose();
    });
  });

  test('padded keys get no attention: changing the padding words changes nothing', async () => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const tagger = new Tagger({ ...TINY, positional: 'sinusoidal' }, 3);
      const other = { ...batch, words: Int32Array.from(batch.words, (w, i) => (batch.mask[i] ? w : 3)) };
      const [a, b] = [tagger.emissions(batch, false), tagger.emissions(other, false)];
      expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
      tf.dispose([a, b]);
      tagger.dispose();
    });
  });
});

test('sinusoidal positions follow Vaswani et al.', () => {
  const table = sinusoidTable(3, 4);
  const expected = [0, 1, 0, 1, Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01), Math.sin(2), Math.cos(2), Math.sin(0.02), Math.cos(0.02)];
  Array.from(table).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
});
