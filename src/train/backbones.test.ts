/**
 * Every newer backbone end to end on its tiny checkpoint: LoRA fine-tuning whose loss falls, save and
 * load to the same tags, and the Hugging Face export, whose logits an independent PyTorch reading of
 * the exported folder (scripts/backbone_reference.py logits) reproduces from the trained tagger's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type DecoderContext, type RunConfig } from '../core/config/config';
import { buildVocabularies, makeEncoder } from '../core/dataset/vocab';
import type { Sentence } from '../core/types';
import { readHfCheckpoint } from '../model/hf/checkpoint';
import { hasTorch, runPython, tinyCheckpointFiles, type TinyBackbone } from '../../testing/hfFixtures';
import { useBackend } from '../../testing/tfjs';
import { registerFastCpuKernels } from '../backend/cpuKernels';
import { loadCheckpoint, saveCheckpoint } from './checkpointIO';
import { predictTags } from './evaluate';
import { hfExportZip } from './hfExport';
import { baseModelFiles, pretrainedTrainData, readPretrainedBase } from './pretrained';
import { runTraining } from './runTraining';

const s = (text: string, tags: string): Sentence => ({ tokens: text.split(' '), tags: tags.split(' ') });
const TRAIN = [
  s('John Smith said in Paris', 'B-PER I-PER O O B-LOC'),
  s('Mary was at the bank in London', 'B-PER O O O O O B-LOC'),
  s('Reuters said the minister of France was in Berlin', 'B-ORG O O O O B-LOC O O B-LOC'),
  s('the United Nations said', 'O B-ORG I-ORG O'),
  s('Anna Berg joined Acme Corp in Oslo', 'B-PER I-PER O B-ORG I-ORG O B-LOC'),
];
const vocab = buildVocabularies(TRAIN);
const encode = makeEncoder(vocab);
const words = TRAIN.map((x) => x.tokens);
const TRAINED = { steps: 1, epochs: 1, bestDevF1: null, backend: 'cpu', createdAt: '' };

const CASES: { name: TinyBackbone; context?: DecoderContext; mlp?: boolean; half?: boolean }[] = [
  { name: 'tiny-llama', context: 'bidirectional', mlp: true },
  { name: 'tiny-llama', context: 'sentence+reverse' },
  { name: 'tiny-mistral', context: 'causal' },
  { name: 'tiny-qwen2', context: 'bidirectional', half: true },
  { name: 'tiny-modernbert', mlp: true },
  { name: 'tiny-deberta-v3' },
  { name: 'tiny-deberta-v2' },
];

afterAll(() => useBackend('cpu'));
// As the studio's cpu backend: the stock UnsortedSegmentSum (gather's gradient, which DeBERTa's
// relative positions use) takes a pass per segment.
registerFastCpuKernels();

describe.each(CASES)('$name $context', ({ name, context, mlp, half }) => {
  it('LoRA: the loss falls, a saved run tags the same, and the export loads under its transformers names', async () => {
    await useBackend('cpu');
    const base = readPretrainedBase(tinyCheckpointFiles(name));
    const config: RunConfig = {
      ...DEFAULT_CONFIG, encoder: 'pretrained', baseModel: name, finetune: 'lora', loraRank: 4, loraAlpha: 8, loraMlp: mlp ?? false,
      decoderContext: context ?? 'bidirectional', frozenWeights: half ? 'float16' : 'auto', epochs: 4, batchSize: 2, learningRate: 0.01, dropout: 0.1, backend: 'cpu', maxLength: 0,
    };
    const data = pretrainedTrainData(config, base, { vocab, train: TRAIN.map(encode), dev: TRAIN.map(encode) }, { train: words, dev: words });
    const before = tf.memory().numTensors;
    const losses: { epoch: number; loss: number }[] = [];
    const result = await runTraining(config, data, { onStep: (e) => losses.push(e) });
    const mean = (epoch: number) => losses.filter((l) => l.epoch === epoch).reduce((a, l, _, xs) => a + l.loss / xs.length, 0);
    expect(mean(config.epochs)).toBeLessThan(mean(1) * 0.8);
    const trainable = [...result.tagger.trainableVariables().keys()];
    expect(result.tagger.hfEncoder!.halves.size > 0).toBe(half ?? false); // 'auto' keeps float32 off WebGPU
    expect(trainable.some((n) => n.includes('lora_A'))).toBe(true);
    expect(trainable.some((n) => /mlp|intermediate|output\.dense/.test(n) && n.includes('lora_'))).toBe(mlp ?? false);

    const expected = await predictTags(result.tagger, data.dev, vocab.labels, 2);
    const bytes = await saveCheckpoint(result.tagger, config, vocab, TRAINED, baseModelFiles(base));
    const loaded = loadCheckpoint(bytes);
    expect(await predictTags(loaded.tagger, loaded.attachPieces(TRAIN.map(encode), words), vocab.labels, 2)).toEqual(expected);

    const files = unzipSync(await hfExportZip(bytes));
    const exported = readHfCheckpoint(files);
    expect(exported.config.architectures).toEqual([base.spec.tokenClassifier]);
    expect(exported.labels).toEqual(vocab.labels);
    expect(exported.otherWeights.has(`${base.spec.classifierName}.weight`)).toBe(true);
    await keepForPython(`${name} ${context ?? ''}`, loaded, files, context === 'bidirectional' && base.spec.causal);
    loaded.tagger.dispose();
    result.tagger.dispose();
    expect(tf.memory().numTensors, 'tensors left after the run').toBe(before);
  });
});

/** Exported folders with the trained tagger's own logits, for one PyTorch run at the end. */
const exports: { name: string; dir: string; cases: string; ours: number[][][]; mask: number[][] }[] = [];
const exportRoot = mkdtempSync(join(tmpdir(), 'exported-'));

/**
 * Writes the export and the tagger's logits (unmerged LoRA, its own head) on two windows of ids;
 * the last test has PyTorch compute them from the exported folder.
 */
async function keepForPython(label: string, loaded: ReturnType<typeof loadCheckpoint>, files: Record<string, Uint8Array>, bidirectional: boolean): Promise<void> {
  const encoder = loaded.tagger.hfEncoder!;
  const v = loaded.tagger.namedVariables();
  const ids = [[5, 17, 40, 33, 9, 61, 12, 7], [8, 3, 25, 0, 0, 0, 0, 0]].map((row) => row.map((id) => id % encoder.spec.vocabSize));
  const mask = [[1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0, 0, 0]];
  const logits = tf.tidy(() => {
    const h = encoder.forward({ inputIds: tf.tensor2d(ids, undefined, 'int32'), attentionMask: tf.tensor2d(mask) }, false); // [B, T, H]
    const [B, T, H] = h.shape;
    return tf.add(tf.matMul(h.reshape([B * T, H]), v.get('emissions.kernel')!), v.get('emissions.bias')!).reshape([B, T, -1]);
  });
  const ours = (await logits.array()) as number[][][];
  logits.dispose();
  const dir = join(exportRoot, `${exports.length}`);
  mkdirSync(dir);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  const cases = join(dir, 'cases.json');
  writeFileSync(cases, JSON.stringify({ cases: [{ input_ids: ids, attention_mask: mask, bidirectional }] }));
  exports.push({ name: label, dir, cases, ours, mask });
}

describe('the exports in PyTorch', () => {
  afterAll(() => rmSync(exportRoot, { recursive: true, force: true }));

  it.skipIf(!hasTorch())("an independent PyTorch reading of each exported folder gives the trained tagger's logits within 1e-4", () => {
    expect(exports.length).toBe(CASES.length);
    const theirs = JSON.parse(runPython('backbone_reference.py', ['logits', ...exports.flatMap((e) => [e.dir, e.cases])])).logits as number[][][][][];
    exports.forEach((e, n) => {
      let worst = 0;
      theirs[n][0].forEach((seq, b) => seq.forEach((row, t) => e.mask[b][t] && row.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - e.ours[b][t][k]))))));
      expect(worst, e.name).toBeLessThan(1e-4);
    });
  });
});
