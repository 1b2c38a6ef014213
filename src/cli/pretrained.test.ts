/**
 * A pretrained-encoder run on the command line, through the real `ner` executable, with the tiny BERT fixture folder
 * as model.base_model: train keeps the base model's files in the checkpoint, as the studio does; the checkpoint
 * evaluates to the dev F1 its run recorded; predict + score equals evaluate. A Hub id is refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { parseMetricsCsv } from '../core/metrics/csv';
import type { CheckpointConfig } from '../core/checkpoint/checkpoint';
import { FIXTURES_DIR } from '../../testing/hfFixtures';
import { fixtureDir, runNer, type NerResult } from '../../testing/runNer';

// Sentences in the words the tiny model's 60-piece vocabulary knows, so one epoch finds some entities.
const PER = [['John', 'Smith'], ['Mary'], ['Mary', 'Smith'], ['John']];
const LOC = [['Paris'], ['London'], ['Berlin'], ['New', 'York'], ['Germany'], ['France']];
const ORG = [['Reuters'], ['United', 'Nations'], ['Bank']];
const tagged = (words: string[], type: string) => words.map((w, i) => `${w} ${i === 0 ? 'B' : 'I'}-${type}`);
const sentence = (n: number) =>
  [...tagged(PER[n % 4], 'PER'), 'said O', 'in O', ...tagged(LOC[(n * 5) % 6], 'LOC'), 'today O', 'at O', ...tagged(ORG[(n * 7) % 3], 'ORG'), '. O'].join('\n');
const sentences = (from: number, n: number) => `${Array.from({ length: n }, (_, i) => sentence(from + i)).join('\n\n')}\n`;

const runYaml = (baseModel: string) => `model:
  encoder: pretrained
  base_model: ${baseModel}
training:
  lr: 0.02
  epochs: 3
  batch_size: 2
  seed: 7
data:
  train: train.txt
  dev: dev.txt
`;

const dir = fixtureDir({
  'run.yaml': runYaml('tiny-bert'), // a folder next to the run file
  'hub.yaml': runYaml('bert-base-cased'),
  'train.txt': sentences(0, 40),
  'dev.txt': sentences(40, 12),
});
cpSync(join(FIXTURES_DIR, 'tiny-bert'), join(dir, 'tiny-bert'), { recursive: true });

const ok = (r: NerResult) => {
  if (r.status !== 0) throw new Error(`ner exited ${r.status}: ${r.stderr}`);
  return r;
};

let zip: Record<string, Uint8Array>;
let meta: CheckpointConfig;

beforeAll(async () => {
  ok(await runNer(['train', '--config', 'run.yaml', '--set', 'training.epochs=1', '--out', 'out'], dir));
  zip = unzipSync(readFileSync(join(dir, 'out/checkpoint.zip')));
  meta = JSON.parse(strFromU8(zip['config.json']));
}, 30_000);

describe('ner train, evaluate, predict with model.encoder pretrained', () => {
  it('writes the checkpoint with the base model files, as the studio does, and the metrics CSV', () => {
    expect(Object.keys(zip).filter((f) => f.startsWith('base_model/')).sort()).toEqual(['base_model/config.json', 'base_model/tokenizer.json', 'base_model/tokenizer_config.json']);
    expect(meta.config).toMatchObject({ encoder: 'pretrained', epochs: 1 });
    expect(meta.trained).toMatchObject({ steps: 20, epochs: 1, backend: 'wasm' });
    // run.yaml lies in out/, so it names the base model folder by its full path, as it does the data.
    expect(readFileSync(join(dir, 'out/run.yaml'), 'utf8')).toContain(`base_model: ${join(dir, 'tiny-bert')}`);
    expect(existsSync(join(dir, 'out/metrics.csv'))).toBe(true);
    const rows = parseMetricsCsv(readFileSync(join(dir, 'out/metrics.csv'), 'utf8'));
    expect(rows.filter((r) => r.metric === 'dev/f1').map((r) => r.value)).toEqual([meta.trained.bestDevF1]);
  });

  it('the checkpoint evaluates on dev to the best dev F1 its run recorded; predict then score gives the same JSON', async () => {
    const evaluated = ok(await runNer(['evaluate', '--checkpoint', 'out/checkpoint.zip', '--data', 'dev.txt', '--json'], dir));
    expect(meta.trained.bestDevF1).toBeGreaterThan(0);
    expect(JSON.parse(evaluated.stdout).f1).toBe(meta.trained.bestDevF1);
    ok(await runNer(['predict', '--checkpoint', 'out/checkpoint.zip', '--data', 'dev.txt', '-o', 'pred.txt'], dir));
    expect(ok(await runNer(['score', 'pred.txt', '--json'], dir)).stdout).toBe(evaluated.stdout);
  });

  it('refuses a Hub id, naming model.base_model', async () => {
    const r = await runNer(['train', '--config', 'hub.yaml', '--out', 'hub'], dir);
    expect(r.stderr).toMatch(/^ner train: hub\.yaml: model\.base_model: 'bert-base-cased' .*Hugging Face Hub id.*[Dd]ownload/);
    expect(r.status).toBe(1);
  });
});
