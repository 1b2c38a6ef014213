/**
 * The newer backbones on the command line, through the real `ner` executable: a Llama-style decoder
 * (sharded weights, sentence+reverse), ModernBERT and DeBERTa-v3 fine-tune with LoRA from their tiny
 * fixture folders, evaluate, and `ner export-hf` writes each as its transformers token classifier.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../core/config/config';
import { buildVocabularies, makeEncoder } from '../core/dataset/vocab';
import { saveCheckpoint } from '../train/checkpointIO';
import { runTraining } from '../train/runTraining';
import { FIXTURES_DIR } from '../../testing/hfFixtures';
import { fixtureDir, runNer, type NerResult } from '../../testing/runNer';
import { useBackend } from '../../testing/tfjs';

const tagged = (words: string[], type: string) => words.map((w, i) => `${w} ${i === 0 ? 'B' : 'I'}-${type}`);
const sentence = (n: number) => [...tagged([['John', 'Smith'], ['Mary'], ['Anna']][n % 3], 'PER'), 'said O', 'in O', ...tagged([['Paris'], ['New', 'York'], ['Oslo']][(n * 2) % 3], 'LOC'), '. O'].join('\n');
const sentences = (from: number, n: number) => `${Array.from({ length: n }, (_, i) => sentence(from + i)).join('\n\n')}\n`;

const runYaml = (baseModel: string, extra: string) => `model:
  encoder: pretrained
  base_model: ${baseModel}
  finetune: lora
  lora:
    rank: 4
    alpha: 8
${extra.replace('  lora:\n', '')}training:
  lr: 0.01
  epochs: 1
  batch_size: 4
  seed: 3
data:
  train: train.txt
  dev: dev.txt
`;

const ok = (r: NerResult) => {
  if (r.status !== 0) throw new Error(`ner exited ${r.status}: ${r.stderr}`);
  return r;
};

describe.each([
  { name: 'tiny-llama', extra: '  decoder_context: sentence+reverse\n', architecture: 'LlamaForTokenClassification', classifier: 'score' },
  { name: 'tiny-modernbert', extra: '  lora:\n    mlp: true\n', architecture: 'ModernBertForTokenClassification', classifier: 'classifier' },
  { name: 'tiny-deberta-v3', extra: '', architecture: 'DebertaV2ForTokenClassification', classifier: 'classifier' },
])('ner train / evaluate / export-hf on $name', ({ name, extra, architecture, classifier }) => {
  it('trains with LoRA, evaluates, and exports a folder transformers loads', async () => {
    const dir = fixtureDir({ 'run.yaml': runYaml(name, extra), 'train.txt': sentences(0, 12), 'dev.txt': sentences(12, 4) });
    cpSync(join(FIXTURES_DIR, name), join(dir, name), { recursive: true, filter: (src) => !src.endsWith('reference.json') });
    const trained = ok(await runNer(['train', '--config', 'run.yaml', '--out', 'out'], dir));
    expect(trained.stdout).toMatch(/^finished after 3 steps, 1 epochs/);
    if (name === 'tiny-llama') {
      const evaluated = ok(await runNer(['evaluate', '--checkpoint', 'out/checkpoint.zip', '--data', 'dev.txt', '--json'], dir));
      expect(JSON.parse(evaluated.stdout)).toHaveProperty('f1');
    }
    const exported = ok(await runNer(['export-hf', '--checkpoint', 'out/checkpoint.zip', '--out', 'hf'], dir));
    expect(exported.stdout).toMatch(new RegExp(`^wrote hf: ${architecture} with 5 labels`));
    const config = JSON.parse(readFileSync(join(dir, 'hf/config.json'), 'utf8'));
    expect(config.architectures).toEqual([architecture]);
    expect(readdirSync(join(dir, 'hf')).sort()).toEqual(['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json']);
    const weights = readFileSync(join(dir, 'hf/model.safetensors'));
    const header = JSON.parse(weights.subarray(8, 8 + Number(weights.readBigUInt64LE(0))).toString());
    expect(Object.keys(header)).toEqual(expect.arrayContaining([`${classifier}.weight`, `${classifier}.bias`, 'crf.transitions']));
    expect(Object.keys(header).some((k) => k.includes('lora'))).toBe(false);
  }, 60_000);
});

it('export-hf refuses a run that is not on a pretrained model, and says what it needs', async () => {
  await useBackend('cpu');
  const train = [{ tokens: ['Anna', 'said'], tags: ['B-PER', 'O'] }];
  const vocab = buildVocabularies(train);
  const config = { ...DEFAULT_CONFIG, epochs: 1, backend: 'cpu' as const };
  const result = await runTraining(config, { vocab, train: train.map(makeEncoder(vocab)), dev: [] });
  const checkpoint = await saveCheckpoint(result.tagger, config, vocab, { steps: 1, epochs: 1, bestDevF1: null, backend: 'cpu', createdAt: '' });
  result.tagger.dispose();
  const dir = fixtureDir({});
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'out/checkpoint.zip'), checkpoint);
  const r = await runNer(['export-hf', '--checkpoint', 'out/checkpoint.zip', '--out', 'hf'], dir);
  expect(r.status).toBe(1);
  expect(r.stderr).toBe('ner export-hf: out/checkpoint.zip: only a run on a pretrained encoder exports as a Hugging Face model (this one used bilstm)\n');
  expect((await runNer(['export-hf', '--checkpoint', 'out/checkpoint.zip'], dir)).status).toBe(2);
}, 60_000);
