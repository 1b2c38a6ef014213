/**
 * `ner export-torch` through the real executable: the project's files (run.yaml that reads back to the same run, the
 * prepared data, the repository's Python package byte for byte, a README), a pretrained run's base model and pieces,
 * and the refusals: an existing folder, a bad key.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunYaml } from '../core/config/yamlConfig';
import { readPreparedFiles } from '../core/dataset/preparedFiles';
import { FIXTURES_DIR } from '../../testing/hfFixtures';
import { fixtureDir, runNer } from '../../testing/runNer';
import { pythonPackageFiles } from './pythonPackage';

const TRAIN = ['Anna B-PER', 'Berg I-PER', 'lives O', 'in O', 'Oslo B-LOC', '', 'John B-PER', 'Smith I-PER', 'said O', 'in O', 'Paris B-LOC', ''].join('\n');
const DEV = ['Mary B-PER', 'left O', 'London B-LOC', ''].join('\n');

const dir = fixtureDir({
  'train.txt': TRAIN,
  'dev.txt': DEV,
  'run.yaml': 'model:\n  preset: transformer-small\n  loss:\n    type: focal\n    params: {alpha: auto}\ntraining:\n  batch_size: 4\ndata:\n  train: train.txt\n  dev: dev.txt\n',
  'pretrained.yaml': 'model:\n  encoder: pretrained\n  base_model: tiny-bert\n  label_alignment: all\n  max_length: 6\n  stride: 2\ndata:\n  train: train.txt\n  dev: dev.txt\n',
  'bad.yaml': 'model:\n  loss:\n    type: focal\n    params: {gamma: -1}\ndata:\n  train: train.txt\n',
});
cpSync(join(FIXTURES_DIR, 'tiny-bert'), join(dir, 'tiny-bert'), { recursive: true });

const filesUnder = (root: string, sub = ''): string[] =>
  readdirSync(join(root, sub), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(root, join(sub, e.name)) : [join(sub, e.name)])).sort();
const folderFiles = (folder: string) => new Map(readdirSync(folder).filter((f) => !f.includes('base_model')).map((f) => [f, new Uint8Array(readFileSync(join(folder, f)))]));

beforeAll(async () => {
  const r = await runNer(['export-torch', '--config', 'run.yaml', '-o', 'proj'], dir);
  if (r.status !== 0) throw new Error(r.stderr);
}, 60_000);

describe('ner export-torch', () => {
  it('writes run.yaml, the prepared data, the Python package and a README', () => {
    const python = [...pythonPackageFiles().keys()];
    expect(filesUnder(join(dir, 'proj'))).toEqual(
      ['README.md', 'data/dev.safetensors', 'data/prepared.json', 'data/test.safetensors', 'data/train.safetensors', 'run.yaml', ...python].sort(),
    );
    for (const [path, bytes] of pythonPackageFiles()) expect(new Uint8Array(readFileSync(join(dir, 'proj', path)))).toEqual(bytes);
    expect(readFileSync(join(dir, 'proj', 'README.md'), 'utf8')).toContain('torchrun --nproc_per_node=2 -m ner_studio_torch.train .');
    // Written beside the target and renamed into place: nothing half-written is left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the run with the preset applied and every key out, so it reads back to the same run', () => {
    const original = parseRunYaml(readFileSync(join(dir, 'run.yaml'), 'utf8'), 'run.yaml');
    const exported = parseRunYaml(readFileSync(join(dir, 'proj', 'run.yaml'), 'utf8'), 'proj/run.yaml');
    expect(exported.config).toEqual(original.config);
    expect(exported.config.encoder).toBe('transformer');
    expect(exported.model.preset).toBeUndefined();
    expect(exported.data).toEqual({ train: 'train.txt', dev: 'dev.txt' });
  });

  it('prepares the data as ner train does: vocabularies from train, dev encoded with them', () => {
    const p = readPreparedFiles(folderFiles(join(dir, 'proj', 'data')));
    expect(p.vocab.labels).toEqual(['O', 'B-LOC', 'B-PER', 'I-PER']);
    expect(p.splits.train.map((s) => s.words.length)).toEqual([5, 5]);
    expect(Array.from(p.splits.dev[0].words)).toEqual([1, 1, 1]); // Mary left London: unseen in train, UNK
    expect(p.constraints).not.toBeNull();
    expect(p.preparedFor).toEqual({ data: { train: 'train.txt', dev: 'dev.txt' }, wordVectors: '', pretrained: null });
  });

  it('gives a pretrained run its base model and the subword pieces training reads', async () => {
    const r = await runNer(['export-torch', '--config', 'pretrained.yaml', '-o', 'proj-bert'], dir);
    expect(r.status, r.stderr).toBe(0);
    const base = readdirSync(join(dir, 'proj-bert', 'data', 'base_model')).sort();
    expect(base).toEqual(['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json']);
    const p = readPreparedFiles(folderFiles(join(dir, 'proj-bert', 'data')));
    expect(p.preparedFor.pretrained).toEqual({ baseModel: 'tiny-bert', labelAlignment: 'all', maxLength: 6, stride: 2 });
    // 'all' alignment: training positions are pieces, each read from one window; dev stays one position per word.
    expect(p.splits.train.every((s) => s.pieces && s.pieces.windows.length > 1)).toBe(true);
    expect(p.splits.dev.map((s) => s.words.length)).toEqual([3]);
  });

  it('refuses a folder that is not empty, and a run that cannot train, naming the key', async () => {
    mkdirSync(join(dir, 'full'));
    writeFileSync(join(dir, 'full', 'keep.txt'), 'mine');
    const full = await runNer(['export-torch', '--config', 'run.yaml', '-o', 'full'], dir);
    expect(full.status).toBe(1);
    expect(full.stderr).toBe('ner export-torch: full exists and is not empty; name a new folder, so nothing in it is overwritten\n');
    expect(readFileSync(join(dir, 'full', 'keep.txt'), 'utf8')).toBe('mine');
    const bad = await runNer(['export-torch', '--config', 'bad.yaml', '-o', 'bad'], dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('model.loss.params.gamma: must be ≥ 0, got -1');
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});
