/**
 * Every loss, with the CRF on and off wherever the config accepts that, trains the tagger: a few Adam
 * steps on a small fixture with POS and chunk columns bring the loss down, without leaking tensors;
 * its variables are the model's (they checkpoint), and a refused choice fails with its reason.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, test } from 'vitest';
import { makeBatch } from '../../core/dataset/batch';
import type { EncoderName } from '../../core/config/config';
import { lossDataFor } from '../../core/losses/lossData';
import type { LossParams } from '../../core/losses/lossParams';
import { lossParamProblems } from '../../core/losses/lossRules';
import type { Sentence } from '../../core/types';
import { buildVocabularies, makeEncoder } from '../../core/dataset/vocab';
import { Tagger, type TaggerConfig } from '../tagger';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../../testing/tfjs';
import { labelSimilarityOf, LOSS_TABLE, type LossName } from './index';
import { testTagger } from '../../../testing/taggers';

/** token/POS/chunk/tag lines -> a sentence with two extra columns. */
const s = (rows: string): Sentence => {
  const cols = rows.split(' ').map((r) => r.split('/'));
  return { tokens: cols.map((c) => c[0]), extra: [cols.map((c) => c[1]), cols.map((c) => c[2])], tags: cols.map((c) => c[3]) };
};
const SENTENCES = [
  s('Anna/NNP/B-NP/B-PER Berg/NNP/I-NP/I-PER lives/VBZ/B-VP/O in/IN/B-PP/O Oslo/NNP/B-NP/B-LOC'),
  s('Oslo/NNP/B-NP/B-LOC is/VBZ/B-VP/O cold/JJ/B-ADJP/O'),
  s('Carl/NNP/B-NP/B-PER visited/VBD/B-VP/O Acme/NNP/B-NP/B-ORG Corp/NNP/I-NP/I-ORG in/IN/B-PP/O Rome/NNP/B-NP/B-LOC'),
  s('Acme/NNP/B-NP/B-ORG Corp/NNP/I-NP/I-ORG hired/VBD/B-VP/O Anna/NNP/B-NP/B-PER'),
  s('the/DT/B-NP/O weather/NN/I-NP/O in/IN/B-PP/O Rome/NNP/B-NP/B-LOC is/VBZ/B-VP/O nice/JJ/B-ADJP/O'),
];
const vocab = buildVocabularies(SENTENCES);
const batch = makeBatch(SENTENCES.map(makeEncoder(vocab)));

const LOSS_PARAMS: Record<LossName, LossParams> = {
  crf: {},
  cross_entropy: { class_weights: { O: 0.5 } },
  label_smoothing: { epsilon: 0.1 },
  embedding_label_smoothing: { label_emb_dim: 4 },
  focal: { gamma: 2, alpha: 'auto' },
  dice: {},
  boundary: {},
  contrastive: { max_tokens: 16 },
  multitask: {},
  compound: { terms: [{ type: 'cross_entropy' }, { type: 'dice', weight: 0.5 }, { type: 'boundary', weight: 0.5 }] },
};

/** Every loss with the CRF on and off, where the config accepts it. */
const COMBINATIONS = (Object.keys(LOSS_TABLE) as LossName[]).flatMap((loss) =>
  [true, false].filter((crf) => lossParamProblems(loss, LOSS_PARAMS[loss], crf).length === 0).map((crf) => ({ loss, crf })),
);
/** Each loss once (the CRF off where it may be), for the slower cpu backend: wasm runs every combination. */
const ONE_EACH = COMBINATIONS.filter((c, i) => COMBINATIONS.findIndex((d) => d.loss === c.loss) === i || (!c.crf && c.loss !== 'crf'))
  .filter((c, _, all) => !c.crf || !all.some((d) => d.loss === c.loss && !d.crf));
const PLAN = { wasm: COMBINATIONS, cpu: ONE_EACH } satisfies Record<(typeof TEST_BACKENDS)[number], unknown>;

function config(loss: LossName, crf: boolean, encoder: EncoderName = 'bilstm'): TaggerConfig {
  return {
    ...testTagger(vocab),
    encoder,
    wordDim: 8,
    charDim: 4,
    charFilters: 4,
    hidden: 8,
    modelDim: 8,
    heads: 2,
    ffnDim: 16,
    transformerLayers: 1,
    dropout: 0,
    crf,
    loss,
    lossParams: LOSS_PARAMS[loss],
    lossData: lossDataFor(vocab),
  };
}

async function trainSteps(tagger: Tagger, steps: number): Promise<number[]> {
  const optimizer = tf.train.adam(0.05);
  const vars = [...tagger.namedVariables().values()];
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const loss = optimizer.minimize(() => tagger.loss(batch, true), true, vars)!;
    losses.push((await loss.data())[0]); // sync point
    loss.dispose();
  }
  optimizer.dispose();
  return losses;
}

test('the combinations cover every loss, and the ones left out are refused', () => {
  expect(new Set(COMBINATIONS.map((c) => c.loss))).toEqual(new Set(Object.keys(LOSS_TABLE)));
  expect(COMBINATIONS.filter((c) => !c.crf).map((c) => c.loss)).not.toContain('boundary');
  expect(ONE_EACH.map((c) => c.loss)).toEqual(Object.keys(LOSS_TABLE));
});

describe.each(TEST_BACKENDS)('each loss trains the tagger on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  test.each(PLAN[backend])('$loss, crf $crf: the loss goes down in 6 steps', async ({ loss, crf }) => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const tagger = new Tagger(config(loss, crf), 11);
      const losses = await trainSteps(tagger, 6);
      for (const l of losses) expect(Number.isFinite(l)).toBe(true);
      expect(losses[5]).toBeLessThan(losses[0]);
      expect((await tagger.predict(batch)).map((p) => p.length)).toEqual(batch.lengths);
      tagger.dispose();
    });
  });
});

describe('losses with variables and hidden states', () => {
  test.each<[LossName, string[]]>([
    ['embedding_label_smoothing', ['loss.label_embeddings']],
    ['multitask', ['loss.pos_head.kernel', 'loss.pos_head.bias', 'loss.chunk_head.kernel', 'loss.chunk_head.bias']],
  ])('%s: its variables belong to the model and round-trip through its weights', async (loss, names) => {
    await useBackend('cpu');
    await expectNoLeaks(async () => {
      const tagger = new Tagger(config(loss, false), 3);
      const vars = tagger.namedVariables();
      for (const name of names) expect(vars.has(name), name).toBe(true);
      const { value, grads } = tf.variableGrads(() => tagger.loss(batch, true), names.map((n) => vars.get(n)!));
      for (const name of names) {
        const norm = tf.tidy(() => tf.sum(tf.abs(grads[vars.get(name)!.name])));
        expect((await norm.data())[0], name).toBeGreaterThan(0);
        norm.dispose();
      }
      tf.dispose([value, ...Object.values(grads)]);
      const copy = new Tagger(config(loss, false), 4);
      copy.importWeights(new Map((await tagger.exportWeights()).map((w) => [w.name, w])));
      const [a, b] = [tagger.loss(batch, false), copy.loss(batch, false)];
      expect((await a.data())[0]).toBeCloseTo((await b.data())[0], 5);
      tf.dispose([a, b]);
      tagger.dispose();
      copy.dispose();
    });
  });

  test('embedding_label_smoothing exposes the learned label similarity [K, K], 1 on the diagonal', async () => {
    await useBackend('cpu');
    await expectNoLeaks(async () => {
      const tagger = new Tagger(config('embedding_label_smoothing', false), 5);
      await trainSteps(tagger, 3);
      const sim = (await labelSimilarityOf(tagger.namedVariables()))!;
      const K = vocab.labels.length;
      expect(sim).toHaveLength(K * K);
      for (let k = 0; k < K; k++) expect(sim[k * K + k]).toBeCloseTo(1, 5);
      for (const v of sim) expect(Math.abs(v)).toBeLessThanOrEqual(1 + 1e-5);
      expect(await labelSimilarityOf(new Map())).toBeNull();
      tagger.dispose();
    });
  });

  test.each<LossName>(['contrastive', 'multitask'])('%s trains the transformer encoder too', async (loss) => {
    await useBackend('cpu');
    await expectNoLeaks(async () => {
      const tagger = new Tagger(config(loss, true, 'transformer'), 9);
      const losses = await trainSteps(tagger, 6);
      expect(losses[5]).toBeLessThan(losses[0]);
      tagger.dispose();
    });
  });

  test('a refused choice fails when the tagger is built, naming why, and leaves no tensors', async () => {
    await useBackend('cpu');
    await expectNoLeaks(() => {
      const noColumns = { ...config('multitask', false), lossData: { ...lossDataFor(vocab), extraSizes: [] } };
      expect(() => new Tagger(noColumns, 1)).toThrow(/'multitask' trains POS and chunk heads .* has no extra columns/);
      expect(() => new Tagger({ ...config('contrastive', false) }, 1)).toThrow(/'contrastive' cannot be the only loss/);
      expect(() => new Tagger({ ...config('focal', false), lossParams: { gamma: -1 } }, 1)).toThrow(/lossParams\.gamma: must be ≥ 0/);
    });
  });
});
