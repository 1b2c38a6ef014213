/**
 * Each loss against a value worked out by hand on the 2-token, 3-label example of testing.ts:
 * labels O, B-PER, I-PER; gold O then B-PER; p1 = [0.5, 0.25, 0.25], p2 = [0.2, 0.6, 0.2].
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, test } from 'vitest';
import type { LossParams } from '../../core/losses/lossParams';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../../testing/tfjs';
import { buildLoss, HAND_CRF, handValues, inputs, LN2, LN3, value, type InputValues } from '../../../testing/losses';
import type { LossName } from './index';

const { log, exp } = Math;

// Cross-entropy per token: -ln 0.5 = 0.693147, -ln 0.6 = 0.510826.
const CE1 = -log(0.5);
const CE2 = -log(0.6);

// CRF with transitions[O -> B-PER] = ln 2, all else 0: exp(emissions) are [2, 1, 1] and [1, 3, 1], so
// Z = (2+1+1)(1+3+1) + (2-1)*2*3 = 20 + 6 = 26 (the O->B-PER path counts twice), gold path 2*3*2 = 12.
const CRF_NLL = log(26 / 12); // 0.773190

// Dice, alpha 1, smooth 1: s = (1-p)p = [0.25, 0.1875, 0.1875] and [0.16, 0.24, 0.16].
//   O:     (2*0.25 + 1) / (0.25+0.16 + 1 + 1)     = 1.5 / 2.41    = 0.622407
//   B-PER: (2*0.24 + 1) / (0.1875+0.24 + 1 + 1)   = 1.48 / 2.4275 = 0.609681
//   I-PER: (0 + 1)      / (0.1875+0.16 + 0 + 1)   = 1 / 1.3475   = 0.742115
const DICE = 1 - (1.5 / 2.41 + 1.48 / 2.4275 + 1 / 1.3475) / 3; // 0.341932

// Embedding label smoothing with E = [[1,0],[0,1],[-1,0]], alpha 1, epsilon 0.1:
//   cos = [[1,0,-1],[0,1,0],[-1,0,1]]; S[O] = softmax(1,0,-1) = [e, 1, 1/e] / (e + 1 + 1/e) = [0.665241, 0.244728, 0.090031]
//   S[B-PER] = softmax(0,1,0) = [1, e, 1] / (e + 2) = [0.211942, 0.576117, 0.211942]
const Z0 = exp(1) + 1 + exp(-1);
const S0 = [exp(1) / Z0, 1 / Z0, exp(-1) / Z0];
const S1 = [1 / (exp(1) + 2), exp(1) / (exp(1) + 2), 1 / (exp(1) + 2)];
const P1 = [0.5, 0.25, 0.25];
const P2 = [0.2, 0.6, 0.2];
//   q1 = 0.9 [1,0,0] + 0.1 S[O], q2 = 0.9 [0,1,0] + 0.1 S[B-PER]; main = mean of -sum q ln p
const q1 = S0.map((s, k) => 0.9 * (k === 0 ? 1 : 0) + 0.1 * s);
const q2 = S1.map((s, k) => 0.9 * (k === 1 ? 1 : 0) + 0.1 * s);
const ELS_MAIN = (-q1.reduce((a, q, k) => a + q * log(P1[k]), 0) - q2.reduce((a, q, k) => a + q * log(P2[k]), 0)) / 2; // 0.636873
//   fit = mean of KL(p_t || S[y_t]) = (sum p1 ln(p1/S0) + sum p2 ln(p2/S1)) / 2
const ELS_FIT = (P1.reduce((a, p, k) => a + p * log(p / S0[k]), 0) + P2.reduce((a, p, k) => a + p * log(p / S1[k]), 0)) / 2;

interface Case {
  name: string;
  loss: LossName;
  params?: LossParams;
  crf?: boolean;
  values?: Partial<InputValues>;
  /** Set the loss's variables before computing. */
  set?: Record<string, number[]>;
  expected: number;
}

const CASES: Case[] = [
  { name: 'crf', loss: 'crf', crf: true, values: { crf: HAND_CRF }, expected: CRF_NLL },
  // (0.693147 + 0.510826) / 2 = 0.601986
  { name: 'cross_entropy', loss: 'cross_entropy', expected: (CE1 + CE2) / 2 },
  // CRF rule: token cross-entropy + 1 * CRF NLL = 0.601986 + 0.773190
  { name: 'cross_entropy + CRF', loss: 'cross_entropy', crf: true, values: { crf: HAND_CRF }, expected: (CE1 + CE2) / 2 + CRF_NLL },
  // crf_weight 0.5: 0.601986 + 0.5 * 0.773190
  { name: 'cross_entropy + 0.5 CRF', loss: 'cross_entropy', params: { crf_weight: 0.5 }, crf: true, values: { crf: HAND_CRF }, expected: (CE1 + CE2) / 2 + 0.5 * CRF_NLL },
  // weights [1, 3, 1]: (1 * 0.693147 + 3 * 0.510826) / (1 + 3) = 0.556406
  { name: 'cross_entropy, class weights', loss: 'cross_entropy', params: { class_weights: { 'B-PER': 3 } }, expected: (CE1 + 3 * CE2) / 4 },
  // q = 0.9 onehot + 0.1/3: token 1: (0.9+0.1/3) ln 2 + 2 (0.1/3) ln 4 = 0.739357; token 2: (0.9+0.1/3) ln(5/3) + 2 (0.1/3) ln 5 = 0.584067
  {
    name: 'label_smoothing',
    loss: 'label_smoothing',
    params: { epsilon: 0.1 },
    expected: ((0.9 + 0.1 / 3) * LN2 + 2 * (0.1 / 3) * log(4) + (0.9 + 0.1 / 3) * log(5 / 3) + 2 * (0.1 / 3) * log(5)) / 2,
  },
  {
    name: 'embedding_label_smoothing',
    loss: 'embedding_label_smoothing',
    params: { label_emb_dim: 2, smoothing_alpha: 1, epsilon: 0.1 },
    set: { 'loss.label_embeddings': [1, 0, 0, 1, -1, 0] },
    expected: ELS_MAIN + ELS_FIT,
  },
  // (1-p)^2 (-ln p): 0.5^2 * 0.693147 = 0.173287 and 0.4^2 * 0.510826 = 0.081732; mean 0.127509
  { name: 'focal', loss: 'focal', params: { gamma: 2 }, expected: (0.25 * CE1 + 0.16 * CE2) / 2 },
  // alpha [1, 2, 1]: (0.173287 + 2 * 0.081732) / 2 = 0.168375
  { name: 'focal, alpha', loss: 'focal', params: { gamma: 2, alpha: [1, 2, 1] }, expected: (0.25 * CE1 + 2 * 0.16 * CE2) / 2 },
  // alpha 'auto' with counts [6, 3, 1]: 10 / (3 * n) = [0.5556, 1.1111, 3.3333]; (0.5556 * 0.173287 + 1.1111 * 0.081732) / 2
  { name: 'focal, alpha auto', loss: 'focal', params: { gamma: 2, alpha: 'auto' }, expected: ((10 / 18) * 0.25 * CE1 + (10 / 9) * 0.16 * CE2) / 2 },
  { name: 'dice', loss: 'dice', params: { alpha: 1, smooth: 1 }, expected: DICE },
  // CRF + 0.5 dice = 0.773190 + 0.5 * 0.341932
  { name: 'compound crf + 0.5 dice', loss: 'compound', crf: true, values: { crf: HAND_CRF }, params: { terms: [{ type: 'crf' }, { type: 'dice', weight: 0.5 }] }, expected: CRF_NLL + 0.5 * DICE },
  // PER inside probability u = [0.25+0.25, 0.6+0.2] = [0.5, 0.8], gold g = [0, 1]:
  // intersection 0.8, union (0.5 + 0 - 0) + (0.8 + 1 - 0.8) = 1.5; IoU = (0.8 + 1) / (1.5 + 1) = 0.72; loss 0.28
  { name: 'boundary (+ CRF)', loss: 'boundary', crf: true, values: { crf: HAND_CRF }, expected: 1 - 1.8 / 2.5 + CRF_NLL },
  // one pair of different classes (O, PER): d = 1 - 0.6 = 0.4, (1 - 0.4)^2 = 0.36
  { name: 'contrastive (+ CRF)', loss: 'contrastive', crf: true, values: { crf: HAND_CRF }, expected: 0.36 + CRF_NLL },
  // Gold O, O: one pair of the same class, d^2 = 0.16. In a compound beside two weight-0 terms, with the CRF rule
  // adding the CRF NLL at zero scores, which factorises per token: -ln p1(O) - ln p2(O) = -ln 0.5 - ln 0.2 = 2.302585.
  { name: 'contrastive, same class', loss: 'compound', params: { terms: [{ type: 'cross_entropy', weight: 0 }, { type: 'contrastive' }, { type: 'label_smoothing', weight: 0 }] }, crf: true, values: { labels: [0, 0], crf: { transitions: Array(9).fill(0), start: [0, 0, 0], end: [0, 0, 0] } }, expected: 0.16 + (-log(0.5) - log(0.2)) },
  // Heads set so that POS logits are [ln 2, 0, 0], [0, ln 3, 0] -> CE of ids [0, 2]: (ln 2 + ln 5) / 2 = 1.151293;
  // chunk logits [ln 2, 0], [0, ln 3] -> p = [2/3, 1/3], [1/4, 3/4]; ids [1, -1]: only token 1 counts, ln 3 = 1.098612.
  // Total 1 * 0.601986 + 0.5 * 1.151293 + 0.5 * 1.098612 = 1.726938
  {
    name: 'multitask',
    loss: 'multitask',
    values: { hidden: { H: 2, values: [LN2, 0, 0, LN3] }, extra: [[0, 2], [1, -1]] },
    set: { 'loss.pos_head.kernel': [1, 0, 0, 0, 1, 0], 'loss.pos_head.bias': [0, 0, 0], 'loss.chunk_head.kernel': [1, 0, 0, 1], 'loss.chunk_head.bias': [0, 0] },
    expected: (CE1 + CE2) / 2 + 0.5 * ((LN2 + log(5)) / 2) + 0.5 * LN3,
  },
];

describe.each(TEST_BACKENDS)('losses by hand on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  test.each(CASES)('$name = $expected', async (c) => {
    await useBackend(backend);
    await expectNoLeaks(async () => {
      const built = buildLoss(c.loss, c.params ?? {}, { crf: c.crf });
      for (const [name, values] of Object.entries(c.set ?? {})) {
        const v = built.store.variables.get(name)!;
        tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
      }
      const got = await value(() => built.loss.compute(inputs(handValues(c.values))));
      expect(got).toBeCloseTo(c.expected, 5);
      built.dispose();
    });
  });
});

