/** A run on the pretrained encoder written in the Hugging Face layout, read back as transformers would. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import type { Sentence } from '../core/types';
import { buildVocabularies, makeEncoder } from '../core/dataset/vocab';
import { makeBatch } from '../core/dataset/batch';
import { validateScheme } from '../core/tags/schemeCheck';
import { readHfCheckpoint } from '../model/hf/checkpoint';
import { HfEncoder } from '../model/hf/encoder';
import { TINY_CHECKPOINTS, tinyCheckpointFiles } from '../../testing/hfFixtures';
import { expectNoLeaks, useBackend } from '../../testing/tfjs';
import { loadCheckpoint, saveCheckpoint } from './checkpointIO';
import { predictTags } from './evaluate';
import { hfExportZip } from './hfExport';
import { baseModelFiles, pretrainedTrainData, readPretrainedBase } from './pretrained';
import { runTraining } from './runTraining';

const s = (text: string, tags: string): Sentence => ({ tokens: text.split(' '), tags: tags.split(' ') });
const TRAIN = [s('John Smith said in Paris', 'B-PER I-PER O O B-LOC'), s('Reuters said the bank of France', 'B-ORG O O O O B-LOC')];
const vocab = buildVocabularies(TRAIN);
const base = readPretrainedBase(tinyCheckpointFiles('tiny-bert'));
const TRAINED = { steps: 2, epochs: 1, bestDevF1: null, backend: 'cpu', createdAt: '' };

async function trainedCheckpoint(config: RunConfig): Promise<Uint8Array> {
  const data = pretrainedTrainData(config, base, { vocab, train: TRAIN.map(makeEncoder(vocab)), dev: [] }, { train: TRAIN.map((x) => x.tokens), dev: [] });
  const result = await runTraining(config, data);
  const bytes = await saveCheckpoint(result.tagger, config, vocab, TRAINED, baseModelFiles(base));
  result.tagger.dispose();
  return bytes;
}

describe('hfExportZip', () => {
  it('a LoRA run exports merged weights, the classifier, the CRF and the tokenizer; the encoder computes the same', async () => {
    await useBackend('cpu');
    const config: RunConfig = { ...DEFAULT_CONFIG, encoder: 'pretrained', baseModel: 'tiny-bert', finetune: 'lora', loraRank: 2, loraAlpha: 4, learningRate: 0.05, epochs: 2, batchSize: 1, backend: 'cpu' };
    const studio = await trainedCheckpoint(config);
    const zip = await expectNoLeaks(() => hfExportZip(studio, 'run.zip'));
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json']);
    const exported = readHfCheckpoint(files);
    expect(exported.labels).toEqual(vocab.labels);
    expect(exported.config.architectures).toEqual(['BertForTokenClassification']);
    expect(exported.config.ner_studio).toMatchObject({ crf: true, label_alignment: 'first', base_model: 'tiny-bert' });
    expect([...exported.otherWeights.keys()].sort()).toEqual(['classifier.bias', 'classifier.weight', 'crf.end_transitions', 'crf.start_transitions', 'crf.transitions']);
    expect(exported.otherWeights.get('classifier.weight')!.shape).toEqual([vocab.labels.length, 16]);

    // The merged encoder equals base + LoRA, and differs from the untrained base.
    const loaded = loadCheckpoint(studio);
    const merged = new HfEncoder(exported);
    const original = new HfEncoder(base as { spec: typeof base.spec; encoderWeights: NonNullable<typeof base.encoderWeights> });
    const inputs = { inputIds: tf.tensor2d([[2, 22, 23, 21, 10, 25, 3]], [1, 7], 'int32'), attentionMask: tf.ones([1, 7]) as tf.Tensor2D };
    const [a, b, c] = [loaded.tagger.hfEncoder!, merged, original].map((e) => e.forward(inputs, false).arraySync() as number[][][]);
    expect(b.flat(2).map((x, i) => Math.abs(x - a.flat(2)[i])).reduce((m, x) => Math.max(m, x))).toBeLessThan(1e-4);
    expect(c.flat(2).map((x, i) => Math.abs(x - a.flat(2)[i])).reduce((m, x) => Math.max(m, x))).toBeGreaterThan(1e-3);
    tf.dispose([inputs.inputIds, inputs.attentionMask]);
    [merged, original].forEach((e) => e.dispose());
    loaded.tagger.dispose();
  });

  it('exports the CRF scores the tagger decodes with: an independent Viterbi on them gives valid IOB2, as the studio decodes', async () => {
    await useBackend('cpu');
    const config: RunConfig = { ...DEFAULT_CONFIG, encoder: 'pretrained', baseModel: 'tiny-bert', finetune: 'top', topLayers: 1, epochs: 1, batchSize: 2, backend: 'cpu' };
    // Emissions that favour I-PER everywhere and raw CRF scores of 0: decoded without the constraints, every
    // sentence would start with I-PER, which IOB2 forbids.
    const trained = loadCheckpoint(await trainedCheckpoint(config));
    const vars = trained.tagger.namedVariables();
    const K = vocab.labels.length;
    vars.get('emissions.bias')!.assign(tf.tensor1d(vocab.labels.map((l) => (l === 'I-PER' ? 6 : 0))));
    for (const name of ['crf.transitions', 'crf.start', 'crf.end']) vars.get(name)!.assign(tf.zerosLike(vars.get(name)!));
    const skewed = await saveCheckpoint(trained.tagger, config, vocab, TRAINED, baseModelFiles(base));
    const dir = mkdtempSync(join(tmpdir(), 'hf-crf-'));
    writeFileSync(join(dir, 'model.safetensors'), unzipSync(await expectNoLeaks(() => hfExportZip(skewed)))['model.safetensors']);

    const sentences = [...TRAIN, s('Paris', 'B-LOC')];
    const batch = makeBatch(trained.attachPieces(sentences.map(makeEncoder(vocab)), sentences.map((x) => x.tokens)));
    const scores = await trained.tagger.decodeScores(batch);
    const studio = await trained.tagger.predict(batch);
    trained.tagger.dispose();
    const emissions = sentences.map((x, b) => x.tokens.map((_, t) => Array.from(scores.emissions.subarray((b * scores.T + t) * K, (b * scores.T + t + 1) * K))));
    writeFileSync(join(dir, 'emissions.json'), JSON.stringify({ emissions }));
    const reference = JSON.parse(execFileSync('python3', [new URL('../../scripts/crf_viterbi_reference.py', import.meta.url).pathname, join(dir, 'model.safetensors'), join(dir, 'emissions.json')], { encoding: 'utf8' })) as number[][];

    expect(reference).toEqual(studio);
    const tagged = sentences.map((x, i) => ({ tokens: x.tokens, tags: reference[i].map((id) => vocab.labels[id]) }));
    // The skew shows (I-PER wherever it may follow), yet no sentence starts with it.
    expect(tagged.slice(0, 2).map((x) => x.tags.slice(0, 2))).toEqual([['B-PER', 'I-PER'], ['B-PER', 'I-PER']]);
    expect(validateScheme(tagged, 'IOB2', 'exported')).toEqual([]);
  });

  it('refuses a run on another encoder', async () => {
    await useBackend('cpu');
    const config: RunConfig = { ...DEFAULT_CONFIG, epochs: 1, backend: 'cpu' };
    const result = await runTraining(config, { vocab, train: TRAIN.map(makeEncoder(vocab)), dev: [] });
    const bytes = await saveCheckpoint(result.tagger, config, vocab, TRAINED);
    result.tagger.dispose();
    await expect(hfExportZip(bytes, 'run-1.zip')).rejects.toThrow('run-1.zip: only a run on a pretrained encoder exports as a Hugging Face model (this one used bilstm)');
  });
});

describe.each(TINY_CHECKPOINTS)('%s end to end', (name) => {
  it('trains, saves and loads to the same predictions, and exports under its family names', async () => {
    await useBackend('cpu');
    const family = readPretrainedBase(tinyCheckpointFiles(name));
    const config: RunConfig = { ...DEFAULT_CONFIG, encoder: 'pretrained', baseModel: name, epochs: 1, batchSize: 1, learningRate: 0.001, backend: 'cpu', maxLength: 0 };
    const encode = makeEncoder(vocab);
    const words = TRAIN.map((x) => x.tokens);
    const data = pretrainedTrainData(config, family, { vocab, train: TRAIN.map(encode), dev: TRAIN.map(encode) }, { train: words, dev: words });
    const result = await runTraining(config, data);
    const expected = await predictTags(result.tagger, data.dev, vocab.labels, 2);
    const bytes = await saveCheckpoint(result.tagger, config, vocab, TRAINED, baseModelFiles(family));
    result.tagger.dispose();
    const loaded = loadCheckpoint(bytes);
    expect(await predictTags(loaded.tagger, loaded.attachPieces(TRAIN.map(encode), words), vocab.labels, 2)).toEqual(expected);
    loaded.tagger.dispose();
    const exported = readHfCheckpoint(unzipSync(await hfExportZip(bytes)));
    expect(exported.config.architectures).toEqual([family.spec.tokenClassifier]);
    expect(exported.labels).toEqual(vocab.labels);
  });
});
