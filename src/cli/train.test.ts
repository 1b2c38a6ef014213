/**
 * The command line's second half on a small fixture, through the real `ner` executable: train writes the studio's
 * checkpoint and CSV; the checkpoint evaluates to the dev F1 its run recorded; predict + score equals evaluate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { parseMetricsCsv } from '../core/metrics/csv';
import { convertScheme } from '../core/tags/tags';
import type { CheckpointConfig } from '../core/checkpoint/checkpoint';
import { fixtureDir, runNer, type NerResult } from '../../testing/runNer';

const DEMO = new URL('../../datasets/demo/', import.meta.url).pathname;
/** The first n sentences of a demo split: enough for a tiny model to find some entities in two epochs. */
const sentences = (file: string, n: number) => {
  const all = readFileSync(join(DEMO, file), 'utf8').split(/\n\n+/).filter((s) => s.trim() !== '' && !s.startsWith('-DOCSTART-'));
  return `${all.slice(0, n).join('\n\n').trim()}\n`;
};

const RUN_YAML = `model:
  word_dim: 16
  char_dim: 8
  char_filters: 8
  hidden: 16
training:
  lr: 0.05
  epochs: 5
  batch_size: 8
  seed: 7
data:
  train: data/train.txt
  dev: data/dev.txt
`;

const dir = fixtureDir({
  'run.yaml': RUN_YAML,
  'no-dev.yaml': 'data:\n  train: data/train.txt\n',
  'iob1.yaml': 'model:\n  hidden: 8\ntraining:\n  max_steps: 2\n  batch_size: 8\ndata:\n  train: data/iob1.train.txt\n',
  'typo.yaml': 'training:\n  epochz: 3\ndata:\n  train: data/train.txt\n',
});
// Paths in a run file are relative to the file.
const data = join(dir, 'data');
mkdirSync(data);
writeFileSync(join(data, 'train.txt'), sentences('train.txt', 120));
writeFileSync(join(data, 'dev.txt'), sentences('dev.txt', 40));
// The same sentences in IOB1 (as CoNLL-2003's originals): an entity starts with I-, B- only right after one of its type.
const asIob1 = (text: string) =>
  text
    .split('\n\n')
    .map((block) => {
      const rows = block.split('\n').map((line) => line.split(' '));
      const tags = convertScheme(rows.map((r) => r[r.length - 1]), 'IOB1');
      return rows.map((r, i) => [...r.slice(0, -1), tags[i]].join(' ')).join('\n');
    })
    .join('\n\n');
writeFileSync(join(data, 'iob1.train.txt'), asIob1(sentences('train.txt', 40)));

const ok = (r: NerResult) => {
  if (r.status !== 0) throw new Error(`ner exited ${r.status}: ${r.stderr}`);
  return r;
};

let trainRun: NerResult;
let meta: CheckpointConfig;

beforeAll(async () => {
  trainRun = ok(await runNer(['train', '--config', 'run.yaml', '--set', 'training.epochs=2', '--out', 'out'], dir));
  meta = JSON.parse(strFromU8(unzipSync(readFileSync(join(dir, 'out/checkpoint.zip')))['config.json']));
}, 60_000);

describe('ner train', () => {
  it('writes the checkpoint, the metrics CSV and the run file, and says so', () => {
    for (const f of ['checkpoint.zip', 'metrics.csv', 'run.yaml']) expect(existsSync(join(dir, 'out', f))).toBe(true);
    expect(trainRun.stdout).toMatch(/^finished after 30 steps, 2 epochs; best dev F1 \d+\.\d\d% at step (15|30)\ncheckpoint {2}out\/checkpoint.zip\n/);
    // Not a terminal: one progress line per epoch, each with its dev score.
    expect(trainRun.stderr.match(/^epoch \d\/2 {2}step \d+\/30 .* dev F1 /gm)).toHaveLength(2);
    expect(meta.config).toMatchObject({ epochs: 2, hidden: 16, seed: 7 });
    expect(meta.trained).toMatchObject({ steps: 30, epochs: 2, backend: 'wasm' });
  });

  it('logs the studio CSV: loss and throughput per step, dev scores per epoch', () => {
    const text = readFileSync(join(dir, 'out/metrics.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe('run,wall_time,step,epoch,metric,value');
    const rows = parseMetricsCsv(text);
    const byMetric = (m: string) => rows.filter((r) => r.metric === m);
    expect(byMetric('train/loss').map((r) => r.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(byMetric('train/tokens_per_sec')).toHaveLength(30);
    // Live tensors stay flat from step to step: nothing leaks.
    expect(new Set(byMetric('memory/tensors').map((r) => r.value)).size).toBe(1);
    expect(byMetric('memory/bytes')).toHaveLength(30);
    expect(byMetric('dev/f1').map((r) => [r.step, r.epoch])).toEqual([[15, 1], [30, 2]]);
    expect(Math.max(...byMetric('dev/f1').map((r) => r.value))).toBe(meta.trained.bestDevF1);
    expect(rows.every((r) => r.run === 'out' && Number.isFinite(r.value) && r.wallTime > 1.7e9)).toBe(true);
  });

  it('the checkpoint evaluates on dev to the best dev F1 its run recorded; predict then score gives the same JSON', async () => {
    const evaluated = ok(await runNer(['evaluate', '--checkpoint', 'out/checkpoint.zip', '--data', 'data/dev.txt', '--json'], dir));
    const scores = JSON.parse(evaluated.stdout);
    expect(meta.trained.bestDevF1).toBeGreaterThan(0);
    expect(scores.f1).toBe(meta.trained.bestDevF1);
    ok(await runNer(['predict', '--checkpoint', 'out/checkpoint.zip', '--data', 'data/dev.txt', '-o', 'pred.txt'], dir));
    const pred = readFileSync(join(dir, 'pred.txt'), 'utf8');
    expect(pred.split('\n')[0]).toMatch(/^\S+ [BIO]\S* [BIO]\S*$/);
    expect(ok(await runNer(['score', 'pred.txt', '--json'], dir)).stdout).toBe(evaluated.stdout);
    const text = ok(await runNer(['evaluate', '--checkpoint', 'out/checkpoint.zip', '--data', 'data/dev.txt'], dir));
    expect(ok(await runNer(['score', 'pred.txt'], dir)).stdout).toBe(text.stdout);
  });

  it('predict tags tokens without tags, with O as the gold column', async () => {
    const r = ok(await runNer(['predict', '--checkpoint', 'out/checkpoint.zip', '--data', '-'], dir, 'Peter\nBlackburn\n\nin\nOslo\n'));
    expect(r.stdout).toMatch(/^Peter O \S+\nBlackburn O \S+\n\nin O \S+\nOslo O \S+\n$/);
  });
});

describe.concurrent('ner prepare-data, train, evaluate, predict: errors name the file and key', () => {
  it('prepare-data prints the splits; without dev it writes the ratio split next to the train file', async () => {
    const r = ok(await runNer(['prepare-data', '--config', 'no-dev.yaml', '--ratio', '0.75'], dir));
    expect(r.stdout).toMatch(/^no-dev\.yaml: IOB2, 9 labels: O B-LOC /);
    expect(r.stdout).toMatch(/^ {2}train {2}data\/train\.txt .* 90 sentences/m);
    expect(r.stdout).toMatch(/^ {2}dev {4}carved from train \(75\/25\) .* 30 sentences/m);
    expect(r.stdout).toMatch(/wrote the split to data\/train\.split\.txt \(90 sentences\) and data\/dev\.split\.txt \(30\)/);
    expect(r.stderr).toMatch(/no dev file, so dev was carved from train \(75\/25, seed 13\)/);
    expect(readFileSync(join(data, 'dev.split.txt'), 'utf8').split('\n\n')).toHaveLength(30);
  });

  it('train converts IOB1 data to IOB2 and trains it with the constraints on, as the studio does', async () => {
    expect(readFileSync(join(data, 'iob1.train.txt'), 'utf8')).toMatch(/^\S+ I-/m);
    const r = ok(await runNer(['train', '--config', 'iob1.yaml', '--out', 'iob1-out'], dir));
    expect(r.stderr).toMatch(/the train split is tagged IOB1; converted to IOB2 \(same entities\)/);
    expect(r.stdout).toMatch(/^finished after 2 steps/);
  });

  it.each<[string[], number, RegExp]>([
    [['train'], 2, /^ner train: train needs --config FILE\nusage: ner train/],
    [['prepare-data', '--config', 'run.yaml', '--ratio', '2'], 2, /^ner prepare-data: --ratio must be a number between 0 and 1, not "2"/],
    [['train', '--config', 'missing.yaml'], 1, /^ner train: cannot read missing\.yaml: no such file/],
    [['train', '--config', 'run.yaml', '--set', 'training.lr=fast'], 2, /^ner train: --set training\.lr: must be a number, got 'fast'\nusage: ner train/],
    [['train', '--config', 'run.yaml', '--set', 'data.dev=data/nope.txt'], 1, /^ner train: run\.yaml: data\.dev: cannot read data\/nope\.txt: no such file/],
    [['train', '--config', 'run.yaml', '--set', 'model.num_labels=3'], 1, /model\.num_labels is 3, but the data has 9 labels: O, B-LOC/],
    [['evaluate', '--checkpoint', 'out/checkpoint.zip'], 2, /^ner evaluate: evaluate needs --checkpoint FILE and --data FILE/],
    [['evaluate', '--checkpoint', 'nope.zip', '--data', 'data/dev.txt'], 1, /^ner evaluate: cannot read checkpoint nope\.zip: no such file/],
    [['evaluate', '--checkpoint', 'run.yaml', '--data', 'data/dev.txt'], 1, /^ner evaluate: run\.yaml: not a zip file/],
    [['predict', '--checkpoint', 'out/checkpoint.zip', '--data', 'data/nope.txt'], 1, /^ner predict: cannot read data\/nope\.txt: no such file/],
  ])('ner %j exits %i', async (args, status, message) => {
    const r = await runNer(args, dir);
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(status);
  });

  it('warns about unknown keys, naming them', async () => {
    const r = await runNer(['prepare-data', '--config', 'typo.yaml'], dir);
    expect(r.stderr).toMatch(/^warning: typo\.yaml: training\.epochz: unknown key \(did you mean training\.epochs\?\)/m);
  });
});
