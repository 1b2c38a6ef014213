import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../../core/rng';
import { expectNoLeaks, useBackend } from '../../../testing/tfjs';
import { readHfCheckpoint } from './checkpoint';
import { HfEncoder } from './encoder';
import { CRF_TENSOR_NAMES, exportHfTokenClassifier } from './export';
import { referenceCases, tinyCheckpointFiles, type TinyBert } from '../../../testing/hfFixtures';

const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'];
const K = LABELS.length;
const random = (shape: number[], rng: () => number) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng() * 2 - 1), shape);

/** Emission scores [B, T, K] of encoder + linear head, read back. */
async function scores(encoder: HfEncoder, weight: tf.Tensor, bias: tf.Tensor, ids: number[][], mask: number[][]): Promise<Float32Array> {
  const out = tf.tidy(() => {
    const h = encoder.forward({ inputIds: tf.tensor2d(ids, undefined, 'int32'), attentionMask: tf.tensor2d(mask) }, false); // [B, T, H]
    const [B, T, H] = h.shape;
    return tf.add(tf.matMul(h.reshape([B * T, H]), weight), bias); // [B*T, K]
  });
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

describe('exportHfTokenClassifier', () => {
  afterAll(() => useBackend('cpu'));

  test.each<{ name: TinyBert; classifier: string; lora: boolean }>([
    { name: 'tiny-bert', classifier: 'BertForTokenClassification', lora: true },
    { name: 'tiny-roberta', classifier: 'RobertaForTokenClassification', lora: false },
    { name: 'tiny-distilbert', classifier: 'DistilBertForTokenClassification', lora: true },
  ])('$name: export, read back, identical outputs ($classifier, LoRA $lora)', async ({ name, classifier, lora }) => {
    await useBackend('cpu');
    const source = readHfCheckpoint(tinyCheckpointFiles(name));
    const rng = makeRng(11);
    await expectNoLeaks(async () => {
      const encoder = new HfEncoder(source, { training: lora ? { mode: 'lora', rank: 2, alpha: 4 } : { mode: 'full' }, seed: 2 });
      // As if trained: LoRA's B away from zero, so the merge matters.
      for (const { b } of encoder.adapters.values()) tf.tidy(() => b.assign(random(b.shape, rng)));
      const head = { weight: random([16, K], rng), bias: random([K], rng) };
      const crf = { transitions: random([K, K], rng), start: random([K], rng), end: random([K], rng) };

      const files = await exportHfTokenClassifier({ encoder, config: source.config, labels: LABELS, head, crf, tokenizerFiles: source.tokenizerFiles, studio: { labelAlignment: 'first' } });
      const config = JSON.parse(new TextDecoder().decode(files.get('config.json')!));
      expect(config.architectures).toEqual([classifier]);
      expect(config.id2label).toEqual({ 0: 'O', 1: 'B-PER', 2: 'I-PER', 3: 'B-LOC', 4: 'I-LOC' });
      expect(config.label2id['I-LOC']).toBe(4);
      expect(config.ner_studio).toMatchObject({ crf: true, labelAlignment: 'first' });
      expect(files.get('tokenizer.json')).toEqual(source.tokenizerFiles.get('tokenizer.json'));

      const back = readHfCheckpoint(files);
      expect(back.labels).toEqual(LABELS);
      expect(back.otherWeights.get('classifier.weight')!.shape).toEqual([K, 16]);
      const transitions = back.otherWeights.get(CRF_TENSOR_NAMES.transitions)!;
      expect(Array.from(transitions.data)).toEqual(Array.from(await crf.transitions.data()));
      expect([...back.otherWeights.keys()].sort()).toEqual(['classifier.bias', 'classifier.weight', ...Object.values(CRF_TENSOR_NAMES)].sort());

      const reloaded = new HfEncoder(back);
      const w = back.otherWeights.get('classifier.weight')!;
      const reloadedHead = tf.tidy(() => ({ weight: tf.tensor2d(w.data, [K, 16]).transpose(), bias: tf.tensor1d(back.otherWeights.get('classifier.bias')!.data) }));
      const [c] = referenceCases(name);
      const before = await scores(encoder, head.weight, head.bias, c.input_ids, c.attention_mask);
      const after = await scores(reloaded, reloadedHead.weight, reloadedHead.bias, c.input_ids, c.attention_mask);
      const worst = before.reduce((m, v, i) => Math.max(m, Math.abs(v - after[i])), 0);
      expect(worst).toBeLessThan(1e-5);
      if (lora) {
        // The adapters change the outputs, so the match above shows they were merged, not dropped.
        const base = new HfEncoder(source);
        const plain = await scores(base, head.weight, head.bias, c.input_ids, c.attention_mask);
        expect(plain.reduce((m, v, i) => Math.max(m, Math.abs(v - before[i])), 0)).toBeGreaterThan(1e-2);
        base.dispose();
      }

      encoder.dispose();
      reloaded.dispose();
      tf.dispose([head.weight, head.bias, crf.transitions, crf.start, crf.end, reloadedHead.weight, reloadedHead.bias]);
    });
  });

  test('RoBERTa exports say add_prefix_space, as the words were tokenized', async () => {
    await useBackend('cpu');
    const source = readHfCheckpoint(tinyCheckpointFiles('tiny-roberta'));
    const before = tf.memory().numTensors;
    const encoder = new HfEncoder(source);
    const head = { weight: tf.zeros([16, 2]), bias: tf.zeros([2]) };
    const files = await exportHfTokenClassifier({ encoder, config: source.config, labels: ['O', 'B-X'], head, tokenizerFiles: source.tokenizerFiles });
    const tokenizerConfig = JSON.parse(new TextDecoder().decode(files.get('tokenizer_config.json')!));
    expect(tokenizerConfig).toMatchObject({ add_prefix_space: true, tokenizer_class: 'RobertaTokenizer' });
    expect(JSON.parse(new TextDecoder().decode(files.get('config.json')!)).ner_studio).toEqual({ word_prefix_space: true, crf: false, crf_tensors: [] });
    await expect(exportHfTokenClassifier({ encoder, config: source.config, labels: ['O'], head, tokenizerFiles: source.tokenizerFiles })).rejects.toThrow(
      /classifier weight has shape \[16,2\], expected \[16,1\]/,
    );
    encoder.dispose();
    tf.dispose([head.weight, head.bias]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
