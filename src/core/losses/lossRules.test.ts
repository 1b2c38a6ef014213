import { describe, expect, it } from 'vitest';
import { balancedLabelWeights, entityTypesOf, labelSimilarityMatrix, perLabelValues, type LossData } from './lossData';
import type { LossParams } from './lossParams';
import { crfTermWeight, lossDataProblems, lossParamProblems } from './lossRules';
import { LOSS_SPECS, withDefaults } from './lossSpecs';

const DATA: LossData = { labels: ['O', 'B-PER', 'I-PER'], labelCounts: [6, 3, 1], extraSizes: [45, 20] };

describe('lossParamProblems', () => {
  it.each<[string, LossParams, boolean]>([
    ['crf', {}, true],
    ['cross_entropy', {}, false],
    ['cross_entropy', { crf_weight: 0.5, class_weights: [1, 2, 3] }, true],
    ['label_smoothing', { epsilon: 0 }, false],
    ['embedding_label_smoothing', { label_emb_dim: 8, smoothing_alpha: 0.1, epsilon: 0.2, embedding_weight: 0.5 }, false],
    ['focal', { gamma: 0, alpha: 'auto' }, false],
    ['focal', { gamma: null }, false],
    ['dice', { alpha: 0, smooth: 1e-4 }, false],
    ['boundary', { smooth: 1 }, true],
    ['contrastive', { margin: 2, max_tokens: 2 }, true],
    ['multitask', { chunk_weight: 0 }, false],
    ['multitask', { ner_weight: 0 }, true],
    ['compound', { terms: [{ type: 'cross_entropy' }, { type: 'boundary', weight: 0.5 }] }, false],
    ['compound', { terms: [{ type: 'compound', params: { terms: [{ type: 'crf' }] } }, { type: 'dice', weight: 0.5 }] }, true],
  ])('%s %j with crf %s is accepted', (loss, params, crf) => {
    expect(lossParamProblems(loss, params, crf)).toEqual([]);
  });

  it.each<[string, unknown, boolean, string[]]>([
    ['crf', {}, false, ["loss: 'crf' needs the CRF; turn CRF on or choose cross_entropy"]],
    ['focal', { gamma: -1 }, false, ['lossParams.gamma: must be ≥ 0, got -1']],
    ['focal', { gama: 2 }, false, ["lossParams.gama: focal has no parameter 'gama' (it takes gamma, alpha)"]],
    ['focal', { alpha: 'often' }, false, ["lossParams.alpha: must be a list of numbers in label order, or a mapping label: number, or 'auto', got 'often'"]],
    ['cross_entropy', { class_weights: 'auto' }, false, ["lossParams.class_weights: must be a list of numbers in label order, or a mapping label: number, got 'auto'"]],
    ['cross_entropy', { class_weights: [1, -2] }, false, ['lossParams.class_weights[1]: must be ≥ 0, got -2']],
    ['cross_entropy', { class_weights: { 'B-PER': 'x' } }, false, ["lossParams.class_weights.B-PER: must be a number, got 'x'"]],
    ['label_smoothing', { epsilon: 1 }, false, ['lossParams.epsilon: must be < 1, got 1']],
    ['embedding_label_smoothing', { label_emb_dim: 2.5 }, false, ['lossParams.label_emb_dim: must be a whole number, got 2.5']],
    ['embedding_label_smoothing', { smoothing_alpha: 0 }, false, ['lossParams.smoothing_alpha: must be > 0, got 0']],
    ['dice', { smooth: 0 }, false, ['lossParams.smooth: must be > 0, got 0']],
    ['contrastive', { margin: 3 }, true, ['lossParams.margin: must be ≤ 2, got 3']],
    ['cross_entropy', { crf_weight: 1 }, false, ['lossParams.crf_weight: only used with the CRF on (crf: true), to weigh its likelihood next to cross_entropy']],
    ['crf', { crf_weight: 1 }, true, ['lossParams.crf_weight: crf already contains the CRF likelihood, so no CRF term is added to weigh']],
    ['dice', { crf_weight: -1 }, true, ['lossParams.crf_weight: must be ≥ 0, got -1']],
    ['multitask', { pos_weight: 0, chunk_weight: 0 }, false, ['lossParams: pos_weight and chunk_weight are both 0, which is plain NER; choose crf or cross_entropy']],
    ['multitask', { pos_column: 1 }, false, ['lossParams.chunk_column: is the same column as pos_column (1)']],
    ['focal', 'strong', false, ["lossParams: must be a mapping of the loss's parameters, got 'strong'"]],
    ['compound', {}, true, ['lossParams.terms: missing; a list of terms {type, weight (default 1), params (default {})}; the loss is the weighted sum']],
    ['compound', { terms: [] }, true, ['lossParams.terms: a compound needs at least one term']],
    ['compound', { terms: [{ type: 'dice', weight: 0 }] }, true, ['lossParams.terms: every weight is 0; give a term a weight > 0']],
    ['compound', { terms: [{ type: 'gauss' }] }, true, [`lossParams.terms[0].type: 'gauss' is not one of ${Object.keys(LOSS_SPECS).join(', ')}`]],
    ['compound', { terms: [{ kind: 'dice' }] }, true, ['lossParams.terms[0].kind: a term has only type, weight and params', 'lossParams.terms[0].type: missing']],
    ['compound', { terms: [{ type: 'crf' }] }, false, ["lossParams.terms[0].type: 'crf' needs the CRF; turn CRF on or choose cross_entropy"]],
    ['compound', { terms: [{ type: 'focal', weight: -1, params: { gamma: -2 } }] }, true, ['lossParams.terms[0].weight: must be ≥ 0, got -1', 'lossParams.terms[0].params.gamma: must be ≥ 0, got -2']],
    ['compound', { terms: [{ type: 'dice', params: { crf_weight: 1 } }] }, true, ["lossParams.terms[0].params.crf_weight: dice has no parameter 'crf_weight' (it takes alpha, smooth); crf_weight belongs in the params of the loss itself, not of a term"]],
    ['compound', { crf_weight: 0, terms: [{ type: 'contrastive' }] }, true, ["loss: 'compound' cannot be the only loss: none of its terms trains the emission scores by itself; set crf_weight above 0, or use it in a compound next to a token loss such as cross_entropy"]],
    ['boundary', {}, false, ["loss: 'boundary' cannot be the only loss: its soft inside-entity overlap cannot tell B- from I-, so it cannot place entity boundaries by itself; turn the CRF on (its likelihood is then added), or use it in a compound next to a token loss such as cross_entropy"]],
    ['contrastive', {}, false, [expect.stringMatching(/^loss: 'contrastive' cannot be the only loss: it shapes the hidden states only/) as unknown as string]],
    ['multitask', { ner_weight: 0 }, false, [expect.stringMatching(/^loss: 'multitask' cannot be the only loss: with ner_weight 0 only the POS and chunk heads train/) as unknown as string]],
  ])('%s %j with crf %s -> %j', (loss, params, crf, problems) => {
    expect(lossParamProblems(loss, params, crf)).toEqual(problems);
  });

  it('refuses a compound whose terms refer back to it (a YAML alias cycle), and deep nesting', () => {
    const cyclic: LossParams = { terms: [] };
    (cyclic.terms as unknown[]).push({ type: 'compound', params: cyclic });
    expect(lossParamProblems('compound', cyclic, true)).toEqual(['lossParams.terms[0].params: refers back to an enclosing compound (a YAML alias cycle); write the terms out']);
    let deep: LossParams = { terms: [{ type: 'crf' }] };
    for (let i = 0; i < 9; i++) deep = { terms: [{ type: 'compound', params: deep }] };
    expect(lossParamProblems('compound', deep, true)[0]).toMatch(/compounds nested more than 8 deep$/);
  });

  it('leaves an unknown loss name to validateConfig', () => {
    expect(lossParamProblems('poisson', {}, true)).toEqual([]);
  });
});

describe('crfTermWeight: the CRF rule', () => {
  it.each<[string, LossParams, boolean, number]>([
    ['crf', {}, true, 0],
    ['cross_entropy', {}, true, 1],
    ['cross_entropy', {}, false, 0],
    ['dice', { crf_weight: 0.25 }, true, 0.25],
    ['multitask', {}, true, 0],
    ['multitask', { ner_weight: 0 }, true, 1],
    ['compound', { terms: [{ type: 'crf' }, { type: 'dice' }] }, true, 0],
    ['compound', { terms: [{ type: 'crf', weight: 0 }, { type: 'dice' }] }, true, 1],
  ])('%s %j, crf %s -> %s', (loss, params, crf, weight) => {
    expect(crfTermWeight(loss, params, crf)).toBe(weight);
  });
});

describe('lossDataProblems', () => {
  it.each<[string, LossParams, LossData, string[]]>([
    ['focal', { alpha: 'auto' }, DATA, []],
    ['focal', { alpha: 'auto' }, { ...DATA, labelCounts: undefined }, [expect.stringMatching(/^lossParams\.alpha: 'auto' needs the training data's label counts/) as unknown as string]],
    ['cross_entropy', { class_weights: [1, 2] }, DATA, ['lossParams.class_weights: has 2 values but the data has 3 labels (O, B-PER, I-PER)']],
    ['cross_entropy', { class_weights: { 'B-LOC': 2 } }, DATA, ['lossParams.class_weights.B-LOC: no such label (labels: O, B-PER, I-PER)']],
    ['multitask', {}, DATA, []],
    ['multitask', {}, { ...DATA, extraSizes: [] }, [expect.stringMatching(/^loss: 'multitask' trains POS and chunk heads .* needs column 1 .* but the training data has no extra columns; load such files or choose another loss$/) as unknown as string]],
    ['multitask', { chunk_weight: 0 }, { ...DATA, extraSizes: [45] }, []],
    ['multitask', {}, { ...DATA, extraSizes: [45] }, [expect.stringMatching(/needs column 1 \(counting from 0\), but the training data has only 1;/) as unknown as string]],
    ['boundary', {}, { ...DATA, labels: ['O'], labelCounts: [3] }, ["loss: 'boundary' scores entity spans per type, but no label names an entity type (labels: O)"]],
    ['compound', { terms: [{ type: 'crf' }, { type: 'multitask' }] }, { ...DATA, extraSizes: [] }, [expect.stringMatching(/^lossParams\.terms\[1\]\.type: 'multitask' trains/) as unknown as string]],
  ])('%s %j', (loss, params, data, problems) => {
    expect(lossDataProblems(loss, params, true, data)).toEqual(problems);
  });

  it('says nothing more while the parameters themselves are wrong', () => {
    expect(lossDataProblems('focal', { gamma: -1, alpha: [1] }, false, DATA)).toEqual([]);
  });
});

describe('loss data helpers', () => {
  it('fills defaults, keeping given values and treating null as absent', () => {
    expect(withDefaults('focal', { gamma: null, alpha: 'auto' })).toEqual({ gamma: 2, alpha: 'auto' });
    expect(withDefaults('dice', { smooth: 0.5 })).toEqual({ alpha: 1, smooth: 0.5 });
  });

  it('finds entity types in every scheme', () => {
    const { types, typeOfLabel } = entityTypesOf(['O', 'B-PER', 'I-PER', 'S-LOC', 'E-LOC', 'U-ORG', 'MISC']);
    expect(types).toEqual(['PER', 'LOC', 'ORG', 'MISC']);
    expect([...typeOfLabel]).toEqual([-1, 0, 0, 1, 1, 2, 3]);
  });

  it('balanced weights: N / (K seen * n_k), 1 for unseen labels', () => {
    // counts [6, 3, 1, 0]: N = 10 over 3 seen labels -> [10/18, 10/9, 10/3, 1]
    expect([...balancedLabelWeights([6, 3, 1, 0])].map((x) => +x.toFixed(4))).toEqual([0.5556, 1.1111, 3.3333, 1]);
  });

  it('per-label values from a list, a mapping (others 1), auto, or nothing', () => {
    expect([...perLabelValues([1, 2, 3], DATA)]).toEqual([1, 2, 3]);
    expect([...perLabelValues({ 'I-PER': 4 }, DATA)]).toEqual([1, 1, 4]);
    expect([...perLabelValues(undefined, DATA, 0.5)]).toEqual([0.5, 0.5, 0.5]);
    expect(perLabelValues('auto', DATA)[2]).toBeCloseTo(10 / 3, 5);
  });

  it('label similarity is the cosine of the embedding rows', () => {
    // rows [1, 0], [0, 2], [-3, 0]: cosines [[1, 0, -1], [0, 1, 0], [-1, 0, 1]]
    expect([...labelSimilarityMatrix(Float32Array.from([1, 0, 0, 2, -3, 0]), 3, 2)]).toEqual([1, 0, -1, 0, 1, 0, -1, 0, 1]);
  });
});
