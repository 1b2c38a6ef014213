/**
 * The PyTorch package (python/ner_studio_torch) against this engine, from the same weights and the same batch: the
 * initial weights for the seed, the batch arrays, every loss's value (1e-5 relative) and every gradient (1e-4), the
 * Viterbi paths, for each encoder and each loss (with the automatic CRF term), plus the batch order of the epochs and
 * the schedules. One Python process checks every case (python/tests/parity.py); skipped, saying so, without torch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBatch } from '../core/dataset/batch';
import { encodeSafetensors, type NamedTensor } from '../core/checkpoint/safetensors';
import { completeConfig, OPTIMIZER_NAMES, type RunConfig } from '../core/config/config';
import { writePreparedFiles } from '../core/dataset/preparedFiles';
import { buildVocabularies, makeEncoder, type EncodedSentence } from '../core/dataset/vocab';
import { constraintsForLabels } from '../core/tags/constraints';
import type { Sentence } from '../core/types';
import { Tagger } from '../model/tagger';
import { tinyCheckpointFiles, type TinyCheckpoint } from '../../testing/hfFixtures';
import { HAS_TORCH, PYTHON_DIR, PYTHON_SKIP_REASON, runPython } from '../../testing/python';
import { TINY_SENTENCES, useBackend } from '../../testing/tfjs';
import { pretrainedTrainData, readPretrainedBase } from './pretrained';
import { taggerConfigFor } from './runTraining';
import { clipByGlobalNorm } from './clip';
import { makeOptimizer } from './optimizers';
import { makeSchedule } from './schedules';
import { EpochOrders } from './trainState';

/** The tiny fixture with POS and chunk columns, for multitask. */
const WITH_COLUMNS: Sentence[] = TINY_SENTENCES.map((s) => ({
  ...s,
  extra: [s.tokens.map((t) => (t === 'in' ? 'IN' : /^[A-Z]/.test(t) ? 'NNP' : 'NN')), s.tags.map((t) => (t === 'O' ? 'O' : t.startsWith('B') ? 'B-NP' : 'I-NP'))],
}));
/** Words the tiny Hugging Face checkpoints know, and some they split into pieces. */
const HF_SENTENCES: Sentence[] = [
  { tokens: 'John Smith said in Paris today'.split(' '), tags: 'B-PER I-PER O O B-LOC O'.split(' ') },
  { tokens: 'Smithson Corp was in Londonville'.split(' '), tags: 'B-ORG I-ORG O O B-LOC'.split(' ') },
  { tokens: 'the United Nations said'.split(' '), tags: 'O B-ORG I-ORG O'.split(' ') },
];

const SMALL: Partial<RunConfig> = { wordDim: 6, charDim: 4, charFilters: 5, hidden: 4, modelDim: 8, heads: 2, ffnDim: 12, transformerLayers: 1, dropout: 0.3, seed: 7 };

/** Every loss once (and the automatic CRF term where it applies), for the encoders trained from scratch. */
const LOSSES: Partial<RunConfig>[] = [
  { loss: 'crf', crf: true },
  { loss: 'cross_entropy', crf: false },
  { loss: 'cross_entropy', crf: true, lossParams: { class_weights: { 'B-PER': 2, O: 0.5 }, crf_weight: 0.5 } },
  { loss: 'label_smoothing', crf: false, lossParams: { epsilon: 0.2 } },
  { loss: 'embedding_label_smoothing', crf: true, lossParams: { label_emb_dim: 3 } },
  { loss: 'focal', crf: false, lossParams: { gamma: 2, alpha: 'auto' } },
  { loss: 'dice', crf: true, lossParams: { alpha: 1, smooth: 0.5 } },
  { loss: 'boundary', crf: true },
  { loss: 'contrastive', crf: true, lossParams: { max_tokens: 9, margin: 0.8 } },
  { loss: 'multitask', crf: true },
  { loss: 'multitask', crf: false, lossParams: { chunk_weight: 0 } },
  {
    loss: 'compound',
    crf: true,
    lossParams: { terms: [{ type: 'crf' }, { type: 'dice', weight: 0.5 }, { type: 'contrastive', weight: 0.3, params: { max_tokens: 6 } }, { type: 'embedding_label_smoothing', weight: 0.2 }] },
  },
];

interface Case {
  name: string;
  config: Partial<RunConfig>;
  sentences: Sentence[];
  pretrained?: TinyCheckpoint;
}

const CASES: Case[] = [
  ...LOSSES.map((l, i) => ({ name: `bilstm-${i}-${l.loss}`, config: { ...SMALL, encoder: 'bilstm' as const, lstmLayers: i % 2 === 0 ? 1 : 2, ...l }, sentences: WITH_COLUMNS })),
  ...LOSSES.map((l, i) => ({
    name: `transformer-${i}-${l.loss}`,
    config: { ...SMALL, encoder: 'transformer' as const, positional: i % 2 === 0 ? ('sinusoidal' as const) : ('learned' as const), maxPositions: 5, ...l },
    sentences: WITH_COLUMNS,
  })),
  { name: 'pretrained-bert-crf', config: { ...SMALL, encoder: 'pretrained', baseModel: 'tiny-bert', maxLength: 0 }, sentences: HF_SENTENCES, pretrained: 'tiny-bert' },
  {
    name: 'pretrained-roberta-lora-max-windows',
    config: { ...SMALL, encoder: 'pretrained', baseModel: 'tiny-roberta', finetune: 'lora', loraRank: 2, aggregation: 'max', maxLength: 6, stride: 2, loss: 'dice', crf: true },
    sentences: HF_SENTENCES,
    pretrained: 'tiny-roberta',
  },
  {
    name: 'pretrained-distilbert-top-all',
    config: { ...SMALL, encoder: 'pretrained', baseModel: 'tiny-distilbert', finetune: 'top', topLayers: 1, labelAlignment: 'all', aggregation: 'average', loss: 'focal', crf: false, maxLength: 0 },
    sentences: HF_SENTENCES,
    pretrained: 'tiny-distilbert',
  },
];

const i32 = (name: string, data: Int32Array | number[], shape?: number[]): NamedTensor => ({ name, shape: shape ?? [data.length], data: Int32Array.from(data) });
const f32 = (name: string, data: Float32Array, shape: number[]): NamedTensor => ({ name, shape, data });

async function writeCase(root: string, c: Case): Promise<{ loss: number; paths: number[][] }> {
  const config: RunConfig = completeConfig(c.config);
  const vocab = buildVocabularies(c.sentences);
  let sentences: EncodedSentence[] = c.sentences.map(makeEncoder(vocab));
  const dir = join(root, c.name);
  mkdirSync(join(dir, 'data'), { recursive: true });
  let pretrained;
  if (c.pretrained) {
    const files = tinyCheckpointFiles(c.pretrained);
    const base = readPretrainedBase(files);
    sentences = pretrainedTrainData(config, base, { vocab, train: sentences, dev: [] }, { train: c.sentences.map((s) => s.tokens), dev: [] }).train;
    pretrained = { spec: base.spec, encoderWeights: base.encoderWeights! };
    mkdirSync(join(dir, 'base_model'));
    writeFileSync(join(dir, 'base_model', 'config.json'), files.get('config.json')!);
    const hf = [...base.encoderWeights!].map(([name, w]) => f32(name, w.data, w.shape));
    writeFileSync(join(dir, 'base_model', 'model.safetensors'), encodeSafetensors(hf));
  }
  const constraints = constraintsForLabels(vocab.labels);
  const prepared = writePreparedFiles({ vocab, constraints, splits: { train: sentences, dev: [], test: [] }, wordVectors: null, preparedFor: { data: {}, wordVectors: '', pretrained: null } });
  for (const [name, bytes] of prepared) writeFileSync(join(dir, 'data', name), bytes);

  const tagger = new Tagger(taggerConfigFor(config, vocab), config.seed, pretrained ? { pretrained } : {});
  try {
    const weights = await tagger.exportWeights();
    writeFileSync(join(dir, 'weights.safetensors'), encodeSafetensors(weights.map((w) => f32(w.name, w.data.slice(), w.shape))));
    const batch = makeBatch(sentences);
    const vars = [...tagger.trainableVariables()];
    const { value, grads } = tf.variableGrads(() => tagger.loss(batch, false), vars.map(([, v]) => v));
    const loss = (await value.data())[0];
    const gradTensors: NamedTensor[] = [];
    for (const [name, v] of vars) gradTensors.push(f32(name, (await (grads[v.name] ?? tf.zerosLike(v)).data()) as Float32Array, v.shape.slice()));
    tf.dispose([value, ...Object.values(grads)]);
    writeFileSync(join(dir, 'grads.safetensors'), encodeSafetensors(gradTensors));
    const { size: B, maxLen: T, maxWordLen: C } = batch;
    const batchTensors = [i32('words', batch.words, [B, T]), i32('chars', batch.chars, [B, T, C]), i32('labels', batch.labels, [B, T]), f32('mask', batch.mask, [B, T])];
    (batch.extra ?? []).forEach((column, k) => batchTensors.push(i32(`extra.${k}`, column, [B, T])));
    const sub = batch.subwords;
    if (sub) {
      batchTensors.push(i32('subwords.input_ids', sub.inputIds, [sub.windows, sub.length]), f32('subwords.attention_mask', sub.attentionMask, [sub.windows, sub.length]));
      batchTensors.push(i32('subwords.piece_index', sub.pieceIndex, [B, T, sub.pieces]), f32('subwords.piece_mask', sub.pieceMask, [B, T, sub.pieces]));
    }
    writeFileSync(join(dir, 'batch.safetensors'), encodeSafetensors(batchTensors));
    // The scores the studio decodes (pooled over pieces where the aggregation says so) and its constrained CRF.
    const K = vocab.labels.length;
    const decoded = tf.tidy(() => {
      const crf = tagger.crfScores();
      return [tagger.emissions(batch, false), ...(crf ? [crf.transitions, crf.start, crf.end] : [])];
    });
    const [em, ...crf] = await Promise.all(decoded.map(async (t) => (await t.data()) as Float32Array));
    tf.dispose(decoded);
    const scores = [f32('emissions', em, [B, T, K]), ...(crf.length ? [f32('transitions', crf[0], [K, K]), f32('start', crf[1], [K]), f32('end', crf[2], [K])] : [])];
    writeFileSync(join(dir, 'scores.safetensors'), encodeSafetensors(scores));
    const paths = await tagger.predict(batch);
    writeFileSync(join(dir, 'case.json'), JSON.stringify({ config, loss, paths }));
    return { loss, paths };
  } finally {
    tagger.dispose();
  }
}

/** Three steps of each optimiser on one variable, with changing gradients and learning rates. */
async function optimizerSteps() {
  const initial = [0.5, -1, 2, 0, 0.25];
  const grads = [[0.1, -0.2, 0.3, 0, 1e-3], [0.05, 0.4, -0.3, 0, -2], [-0.1, 0.1, 0.2, 0, 0.5]];
  const lrs = [0.1, 0.05, 0.02];
  const settings = { learningRate: 0.1, weightDecay: 0.05, momentum: 0.8 };
  return Promise.all(
    OPTIMIZER_NAMES.map(async (name) => {
      const variable = tf.variable(tf.tensor1d(initial));
      const optimizer = makeOptimizer(name, [{ name: 'w', variable }], settings);
      const after: number[][] = [];
      for (let i = 0; i < grads.length; i++) {
        const g = tf.tensor1d(grads[i]);
        optimizer.step([g], lrs[i]);
        g.dispose();
        after.push(Array.from(await variable.data()));
      }
      optimizer.dispose();
      variable.dispose();
      return { name, settings, initial, grads, lrs, after };
    }),
  );
}

/** Global-norm clipping of two gradients, above and below the limit. */
async function clipped() {
  const grads = [[3, -4], [12]];
  return Promise.all(
    [5, 20].map(async (maxNorm) => {
      const out = clipByGlobalNorm(grads.map((g) => tf.tensor1d(g)), maxNorm);
      const result = { maxNorm, grads, norm: (await out.norm.data())[0], clipped: await Promise.all(out.grads.map(async (g) => Array.from(await g.data()))) };
      tf.dispose([out.norm, ...out.grads]);
      return result;
    }),
  );
}

interface CaseReport {
  init_names_equal: boolean;
  init_max_error: number;
  batch_equal: boolean;
  loss: number;
  loss_ts: number;
  grad_names_equal: boolean;
  grad_max_error: number;
  grad_scale: number;
  paths_equal: boolean;
  viterbi_on_ts_scores_equal: boolean;
}

if (!HAS_TORCH) console.warn(`PyTorch parity tests ${PYTHON_SKIP_REASON}`);

describe.skipIf(!HAS_TORCH)('ner_studio_torch against the TypeScript engine', () => {
  let root = '';
  let report: { cases: Record<string, CaseReport>; orders_equal: boolean; schedules_max_error: number; optimizers_max_error: Record<string, number>; clip_max_error: number };

  beforeAll(async () => {
    await useBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'ner-parity-'));
    for (const c of CASES) await writeCase(join(root, 'cases'), c);
    const lengths = Array.from({ length: 157 }, (_, i) => 1 + ((i * 7919) % 23));
    const orders = new EpochOrders(lengths, 4, 11);
    const schedules = (['constant', 'linear', 'cosine'] as const).map((name) => {
      const s = makeSchedule(name, { lr: 0.003, warmupSteps: 3, totalSteps: 10 });
      return { name, lr: 0.003, warmup: 3, total: 10, values: Array.from({ length: 12 }, (_, step) => s(step)) };
    });
    writeFileSync(join(root, 'extras.json'), JSON.stringify({ orders: { lengths, batch_size: 4, seed: 11, epochs: [1, 2, 3].map((e) => orders.get(e)) }, schedules, optimizers: await optimizerSteps(), clip: await clipped() }));
    const r = await runPython([join(PYTHON_DIR, 'tests', 'parity.py'), root]);
    if (r.status !== 0) throw new Error(`parity.py failed (${r.status}):\n${r.stderr}`);
    report = JSON.parse(r.stdout);
    if (process.env.PARITY_REPORT) writeFileSync(process.env.PARITY_REPORT, r.stdout);
  }, 600_000);

  afterAll(() => root && rmSync(root, { recursive: true, force: true }));

  it.each(CASES.map((c) => c.name))('%s: same start, batch, loss, gradients and paths', (name) => {
    const r = report.cases[name];
    expect(r.init_names_equal).toBe(true);
    expect(r.init_max_error).toBe(0); // the same seed gives the same float32 weights
    expect(r.batch_equal).toBe(true);
    expect(Math.abs(r.loss - r.loss_ts)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(r.loss_ts)));
    expect(r.grad_names_equal).toBe(true);
    expect(r.grad_max_error).toBeLessThanOrEqual(1e-4 * Math.max(1, r.grad_scale));
    expect(r.grad_scale).toBeGreaterThan(0);
    expect(r.paths_equal).toBe(true);
    expect(r.viterbi_on_ts_scores_equal).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'cases', name, 'case.json'), 'utf8')).paths.length).toBeGreaterThan(0);
  });

  it('visits the batches of every epoch in the studio order for the seed, and takes the same learning rates', () => {
    expect(report.orders_equal).toBe(true);
    expect(report.schedules_max_error).toBeLessThan(1e-15);
  });

  it('takes the same optimiser steps (Adam, AdamW, SGD with momentum) and clips by the same global norm', () => {
    expect(Object.keys(report.optimizers_max_error)).toEqual([...OPTIMIZER_NAMES]);
    // float32 rounding of the same formulas; a wrong bias correction or epsilon would be off by 1e-3 or more.
    for (const error of Object.values(report.optimizers_max_error)) expect(error).toBeLessThan(1e-5);
    expect(report.clip_max_error).toBeLessThan(1e-6);
  });
});
