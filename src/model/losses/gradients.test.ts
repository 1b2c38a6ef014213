/**
 * The gradient of every loss against central finite differences on tiny inputs: with respect to the
 * emissions, the hidden states where the loss reads them, and the loss's own variables. Two
 * sentences of 3 and 2 tokens (one padded position), 4 labels of two entity types, H = 4.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, test } from 'vitest';
import type { LossParams } from '../../core/losses/lossParams';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../../testing/tfjs';
import { embeddingFit, labelLogSimilarity, smoothedCrossEntropy } from './embeddingLabelSmoothing';
import type { LossName } from './index';
import { buildLoss, compareGradients, inputs, numericGradient, seededValues, type Built, type InputValues } from '../../../testing/losses';
import { goldOneHot, logSoftmax } from './tokenOps';

const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC'];
const DATA = { labels: LABELS, labelCounts: [10, 4, 3, 2], extraSizes: [3, 2] };
const [B, T, K, H] = [2, 3, 4, 4];
const VALUES: InputValues = {
  B,
  T,
  K,
  emissions: seededValues(B * T * K, 1, 1.5),
  labels: [0, 1, 2, 3, 0, 0],
  mask: [1, 1, 1, 1, 1, 0],
  hidden: { H, values: seededValues(B * T * H, 2) },
  extra: [
    [0, 2, 1, 1, -1, 0],
    [1, 0, 0, 1, 1, 0],
  ],
  crf: { transitions: Array.from(seededValues(K * K, 3, 0.5)), start: Array.from(seededValues(K, 4, 0.5)), end: Array.from(seededValues(K, 5, 0.5)) },
};

interface Case {
  loss: LossName;
  params?: LossParams;
  crf?: boolean;
  hidden?: boolean;
}

const CASES: Case[] = [
  { loss: 'crf', crf: true },
  { loss: 'cross_entropy', params: { class_weights: [1, 2, 3, 0.5] } },
  { loss: 'cross_entropy', crf: true, params: { crf_weight: 0.7 } },
  { loss: 'label_smoothing', params: { epsilon: 0.2 } },
  { loss: 'focal', params: { gamma: 2, alpha: 'auto' } },
  { loss: 'focal', params: { gamma: 0.5 } },
  { loss: 'dice', params: { alpha: 1, smooth: 1 } },
  { loss: 'dice', params: { alpha: 0, smooth: 0.5 } },
  { loss: 'boundary', crf: true },
  { loss: 'contrastive', crf: true, hidden: true, params: { margin: 1.5 } },
  { loss: 'multitask', hidden: true },
  { loss: 'multitask', crf: true, hidden: true, params: { chunk_weight: 0 } },
  { loss: 'compound', crf: true, params: { terms: [{ type: 'dice', weight: 0.5 }, { type: 'focal' }, { type: 'boundary', weight: 2 }] } },
];

/** d loss / d x by tf.grads, against finite differences of the same function. */
async function checkInput(f: (x: tf.Tensor) => tf.Scalar, x0: Float32Array, shape: number[], label: string): Promise<void> {
  const analytic = tf.tidy(() => tf.grad(f)(tf.tensor(x0, shape)));
  const a = (await analytic.data()) as Float32Array;
  analytic.dispose();
  const { worst, allowed } = compareGradients(a, await numericGradient(f, x0, shape));
  expect(worst, label).toBeLessThan(allowed);
}

/** d loss / d variable by variableGrads, against finite differences of `of` (by default the loss itself). */
async function checkVariable(built: Built, name: string, compute: () => tf.Scalar, of: () => tf.Scalar = compute): Promise<void> {
  const v = built.store.variables.get(name)!;
  const x0 = (await v.data()).slice() as Float32Array;
  const analytic = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(compute, [v]);
    value.dispose();
    return grads[v.name];
  });
  const a = (await analytic.data()) as Float32Array;
  analytic.dispose();
  const numeric = await numericGradient((x) => {
    v.assign(x);
    return of();
  }, x0, v.shape);
  tf.tidy(() => v.assign(tf.tensor(x0, v.shape)));
  const { worst, allowed } = compareGradients(a, numeric);
  expect(worst, name).toBeLessThan(allowed);
}

describe.each(TEST_BACKENDS)('loss gradients on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  test.each(CASES)('$loss $params (crf $crf) matches finite differences', async (c) => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const built = buildLoss(c.loss, c.params ?? {}, { crf: c.crf, hiddenDim: H, labels: LABELS, data: DATA });
      const values = { ...VALUES, crf: c.crf ? VALUES.crf : null };
      const em0 = Float32Array.from(values.emissions);
      const hid0 = Float32Array.from(values.hidden!.values);
      await checkInput((e) => built.loss.compute(inputs(values, e)), em0, [B, T, K], 'emissions');
      if (c.hidden) await checkInput((h) => built.loss.compute(inputs(values, undefined, h)), hid0, [B, T, H], 'hidden');
      for (const name of built.store.variables.keys()) await checkVariable(built, name, () => built.loss.compute(inputs(values)));
      built.dispose();
    });
  });

  test('embedding_label_smoothing: the model gets the gradient of the smoothed CE, the embeddings that of the fit term', async () => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const params = { label_emb_dim: 3, smoothing_alpha: 0.7, epsilon: 0.3, embedding_weight: 2 };
      const built = buildLoss('embedding_label_smoothing', params, { labels: LABELS, data: DATA });
      const E = built.store.variables.get('loss.label_embeddings')! as tf.Variable<tf.Rank.R2>;
      const x = (e?: tf.Tensor) => inputs(VALUES, e);
      // The embeddings are constants to the model: d/d emissions of the whole loss = that of the smoothed CE alone
      // (the fit term's dependence on the emissions is cut), and that one matches finite differences.
      const smoothedCe = (e: tf.Tensor) => {
        const xi = x(e);
        return smoothedCrossEntropy(logSoftmax(xi.emissions), goldOneHot(xi), labelLogSimilarity(E, 0.7), 0.3, xi.mask);
      };
      await checkInput(smoothedCe, Float32Array.from(VALUES.emissions), [B, T, K], 'emissions (smoothed CE)');
      const total = tf.tidy(() => tf.grad((e) => built.loss.compute(x(e)))(x().emissions));
      const main = tf.tidy(() => tf.grad(smoothedCe)(x().emissions));
      const [a, m] = [(await total.data()) as Float32Array, (await main.data()) as Float32Array];
      tf.dispose([total, main]);
      expect(compareGradients(a, m).worst).toBeLessThan(1e-5);
      // The model's predictions are constants to the embeddings: d/dE of the loss = embedding_weight * d/dE of the fit term.
      const fit = () => {
        const xi = x();
        return tf.mul(2, embeddingFit(logSoftmax(xi.emissions), goldOneHot(xi), labelLogSimilarity(E, 0.7), xi.mask)) as tf.Scalar;
      };
      await checkVariable(built, 'loss.label_embeddings', () => built.loss.compute(x()), fit);
      built.dispose();
    });
  });
});
