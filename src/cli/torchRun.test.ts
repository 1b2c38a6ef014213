/**
 * A run exported with `ner export-torch` and trained by python/ner_studio_torch on one process: its checkpoint.zip
 * scores under `ner evaluate` the dev F1 its metrics.csv logged; `--init` continues from a checkpoint `ner train`
 * wrote (as the studio's download); bad input is refused before any step, naming the file or key; entity scores equal
 * `ner score`'s. The Python runs share one process (python/tests/run_cases.py). Skipped, saying so, without torch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { CheckpointConfig } from '../core/checkpoint/checkpoint';
import { parseMetricsCsv } from '../core/metrics/csv';
import { makeRng } from '../core/rng';
import { HAS_TORCH, PYTHON_DIR, PYTHON_SKIP_REASON, runPython, type PythonResult } from '../../testing/python';
import { fixtureDir, runNer } from '../../testing/runNer';

const DEMO = new URL('../../datasets/demo/', import.meta.url).pathname;
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
  epochs: 2
  batch_size: 8
  seed: 7
data:
  train: train.txt
  dev: dev.txt
`;

const dir = fixtureDir({ 'run.yaml': RUN_YAML, 'train.txt': sentences('train.txt', 120), 'dev.txt': sentences('dev.txt', 40), 'other.txt': sentences('test.txt', 30) });

/** The Python side's command line for the project: `python -m ner_studio_torch.train ARGS`, with env. */
const CASES = {
  fresh: { argv: ['proj', '--out', 'proj/out-fresh'] },
  init: { argv: ['proj', '--out', 'proj/out-init', '--init', 'ts/checkpoint.zip', '--set', 'training.max_steps=1', '--set', 'training.lr=1e-7'] },
  // SGD at 1e-7 leaves the predictions as they are, so dev F1 never improves after the first evaluation.
  early: { argv: ['proj', '--out', 'proj/out-early', ...['optimizer=sgd', 'lr=1e-7', 'eval_steps=1', 'early_stopping_patience=2'].flatMap((kv) => ['--set', `training.${kv}`])] },
  noData: { argv: ['proj-nodata', '--out', 'x1'] },
  mixed: { argv: ['proj-mixed', '--out', 'x2'] },
  preset: { argv: ['proj', '--out', 'x3', '--set', 'model.preset=bilstm-small'] },
  typo: { argv: ['proj', '--out', 'x4', '--set', 'model.dropuot=0.1'] },
  otherData: { argv: ['proj', '--out', 'x5', '--set', 'data.train=other.txt'] },
  worldSize: { argv: ['proj', '--out', 'x6'], env: { WORLD_SIZE: '3', RANK: '0', LOCAL_RANK: '0' } },
  foreignInit: { argv: ['proj', '--out', 'x7', '--init', 'other/checkpoint.zip'] },
} as const;

type Outcome = Record<keyof typeof CASES, PythonResult>;
let outcome: Outcome;
const evaluateF1 = async (checkpoint: string) => {
  const r = await runNer(['evaluate', '--checkpoint', checkpoint, '--data', 'dev.txt', '--json'], dir);
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).f1 as number;
};
const checkpointMeta = (path: string): CheckpointConfig => JSON.parse(strFromU8(unzipSync(readFileSync(join(dir, path)))['config.json']));

if (!HAS_TORCH) console.warn(`PyTorch training tests ${PYTHON_SKIP_REASON}`);

describe.skipIf(!HAS_TORCH)('a run trained by ner_studio_torch', () => {
  beforeAll(async () => {
    const ner = async (...args: string[]) => {
      const r = await runNer(args, dir);
      if (r.status !== 0) throw new Error(`ner ${args[0]}: ${r.stderr}`);
    };
    await ner('train', '--config', 'run.yaml', '--out', 'ts');
    await ner('train', '--config', 'run.yaml', '--set', 'data.train=other.txt', '--set', 'training.epochs=1', '--out', 'other');
    await ner('export-torch', '--config', 'run.yaml', '-o', 'proj');
    cpSync(join(dir, 'proj'), join(dir, 'proj-nodata'), { recursive: true });
    rmSync(join(dir, 'proj-nodata', 'data'), { recursive: true });
    cpSync(join(dir, 'proj'), join(dir, 'proj-mixed'), { recursive: true });
    cpSync(join(dir, 'proj', 'data', 'train.safetensors'), join(dir, 'proj-mixed', 'data', 'dev.safetensors'));
    const names = Object.keys(CASES) as (keyof typeof CASES)[];
    const r = await runPython([join(PYTHON_DIR, 'tests', 'run_cases.py')], { cwd: dir, input: JSON.stringify(names.map((n) => CASES[n])) });
    if (r.status !== 0) throw new Error(`run_cases.py failed: ${r.stderr}`);
    const results = JSON.parse(r.stdout) as PythonResult[];
    outcome = Object.fromEntries(names.map((n, i) => [n, results[i]])) as Outcome;
  }, 600_000);

  it('writes the studio checkpoint, whose dev F1 under ner evaluate is the one metrics.csv logged', async () => {
    expect(outcome.fresh.status, outcome.fresh.stderr).toBe(0);
    const rows = parseMetricsCsv(readFileSync(join(dir, 'proj/out-fresh/metrics.csv'), 'utf8'));
    expect(new Set(rows.map((r) => r.run))).toEqual(new Set(['out-fresh']));
    const losses = rows.filter((r) => r.metric === 'train/loss');
    expect(losses.map((r) => r.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1)); // 120 / 8 = 15 steps, 2 epochs
    const f1s = rows.filter((r) => r.metric === 'dev/f1');
    expect(f1s.map((r) => [r.step, r.epoch])).toEqual([[15, 1], [30, 2]]);
    expect(rows.some((r) => r.metric === 'dev/f1/PER')).toBe(true);
    const best = Math.max(...f1s.map((r) => r.value));
    const meta = checkpointMeta('proj/out-fresh/checkpoint.zip');
    expect(meta.trained.bestDevF1).toBe(best);
    expect(meta.trained.backend).toMatch(/^pytorch .* on cpu \(1 process\)$/);
    expect(meta.config.hidden).toBe(16);
    expect(await evaluateF1('proj/out-fresh/checkpoint.zip')).toBe(best);
    expect(best).toBeGreaterThan(0.3);
    expect(outcome.fresh.stdout).toContain(`best dev F1 ${best.toFixed(4)} at step ${meta.trained.bestStep}`);
  });

  it('--init continues from a checkpoint trained on the TypeScript side, with its dev F1', async () => {
    expect(outcome.init.status, outcome.init.stderr).toBe(0);
    const rows = parseMetricsCsv(readFileSync(join(dir, 'proj/out-init/metrics.csv'), 'utf8'));
    const f1 = rows.filter((r) => r.metric === 'dev/f1').map((r) => r.value);
    expect(f1).toHaveLength(1);
    expect(f1[0]).toBe(await evaluateF1('ts/checkpoint.zip'));
    expect(f1[0]).toBeGreaterThan(0.3);
  });

  it('evaluates every eval_steps and stops after early_stopping_patience evaluations without a better F1', () => {
    expect(outcome.early.status, outcome.early.stderr).toBe(0);
    const rows = parseMetricsCsv(readFileSync(join(dir, 'proj/out-early/metrics.csv'), 'utf8'));
    expect(rows.filter((r) => r.metric === 'dev/f1').map((r) => r.step)).toEqual([1, 2, 3]);
    expect(rows.filter((r) => r.metric === 'train/loss').map((r) => r.step)).toEqual([1, 2, 3]);
    expect(outcome.early.stdout).toMatch(/^stopped early after 3 steps, 1 epochs; best dev F1 \d\.\d{4} at step 1\n/);
    expect(checkpointMeta('proj/out-early/checkpoint.zip').trained.bestStep).toBe(1);
  });

  it.each<[keyof typeof CASES, string]>([
    ['noData', 'ner_studio_torch: proj-nodata/data: no such folder; a project from ner export-torch keeps its prepared data there\n'],
    ['mixed', "ner_studio_torch: proj-mixed/data/dev.safetensors: holds 120 sentences and"],
    ['preset', "ner_studio_torch: proj/run.yaml: model.preset: presets are not read here; write the preset's keys out instead (ner export-torch writes every key)\n"],
    ['typo', 'ner_studio_torch: proj/run.yaml: model.dropuot: not a key ner_studio_torch knows (did you mean model.dropout?)\n'],
    ['otherData', "ner_studio_torch: proj/run.yaml: data.train is 'other.txt' but proj/data/prepared.json was prepared for 'train.txt'; export the project again for the new value\n"],
    ['worldSize', 'ner_studio_torch: proj/run.yaml: training.batch_size: 8 sentences do not split evenly over 3 processes; make it a multiple of 3 (each process takes batch_size / 3)\n'],
    ['foreignInit', "ner_studio_torch: other/checkpoint.zip: vocab.json's words differ from proj/data/prepared.json's; --init needs a checkpoint trained on the same prepared data (export it from the same dataset)\n"],
  ])('refuses %s before any step, naming the file or key', (name, message) => {
    const r = outcome[name];
    expect(r.status).toBe(1);
    expect(r.stderr.startsWith(message), r.stderr).toBe(true);
    expect(existsSync(join(dir, CASES[name].argv[2]))).toBe(false);
  });

  it('scores entities exactly as ner score does, on random predictions', async () => {
    const rng = makeRng(5);
    // Every tag of some scheme (ner score refuses the others, naming the line), mixed so spans start and end oddly.
    const tags = ['O', 'O', 'O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'E-LOC', 'S-ORG', 'U-PER', 'L-PER', 'I-MISC', 'E-geo-loc', 'S-geo-loc', 'B-PER'];
    const pick = () => tags[Math.floor(rng() * tags.length)];
    const lines: string[] = [];
    for (let s = 0; s < 300; s++) {
      const n = 1 + Math.floor(rng() * 12);
      for (let t = 0; t < n; t++) lines.push(`w${t} ${pick()} ${pick()}`);
      lines.push('');
    }
    writeFileSync(join(dir, 'random.txt'), lines.join('\n'));
    const ours = await runNer(['score', 'random.txt', '--json'], dir);
    const theirs = await runPython([join(PYTHON_DIR, 'tests', 'score.py'), join(dir, 'random.txt')]);
    expect(theirs.status, theirs.stderr).toBe(0);
    const [a, b] = [JSON.parse(ours.stdout), JSON.parse(theirs.stdout)];
    expect(Object.keys(b.per_type)).toEqual(Object.keys(a.per_type));
    expect(b).toEqual(a);
    expect(Object.keys(a.per_type).length).toBeGreaterThan(3);
  });
});
