/**
 * The study machinery on a tiny study (demo sentences, 2 runs x 2 seeds, 1 epoch): the files it writes, a finished
 * run never trained again, a run stopped mid-way continuing to the same curve, a changed setting refused, runs
 * claimed by another process skipped.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseMetricsCsv } from '../core/metrics/csv';
import type { StudyRunResult } from '../core/study/runResult';
import { fixtureDir } from '../../testing/runNer';
import { runStudy } from './study/runStudy';

const DEMO = new URL('../../datasets/demo/', import.meta.url).pathname;
const sentences = (file: string, from: number, to: number) => {
  const all = readFileSync(join(DEMO, file), 'utf8').split(/\n\n+/).filter((s) => s.trim() !== '' && !s.startsWith('-DOCSTART-'));
  return `${all.slice(from, to).join('\n\n').trim()}\n`;
};

const STUDY = (epochs: number) => `description: A tiny study.
data: {train: data/train.txt, dev: data/dev.txt, test: data/test.txt, train_sentences: 24}
seeds: [1, 2]
baseline: crf
base:
  model: {word_dim: 8, char_dim: 4, char_filters: 4, hidden: 8}
  training: {epochs: ${epochs}, batch_size: 8, lr: 0.05, save_steps: 1, backend: wasm}
runs:
  - name: crf
  - name: focal+crf
    set: {model.loss.type: focal}
`;

/** A repository-like folder: studies/tiny.yaml, and the data relative to the folder above studies/. */
function studyRoot(epochs = 1): string {
  const root = fixtureDir({});
  mkdirSync(join(root, 'studies'));
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'studies', 'tiny.yaml'), STUDY(epochs));
  writeFileSync(join(root, 'data', 'train.txt'), sentences('train.txt', 0, 30));
  writeFileSync(join(root, 'data', 'dev.txt'), sentences('dev.txt', 0, 12));
  writeFileSync(join(root, 'data', 'test.txt'), sentences('dev.txt', 12, 24));
  return root;
}

const quiet = { log: () => {} };
const results = (root: string) => join(root, 'studies', 'results', 'tiny');
const resultOf = (root: string, id: string) => JSON.parse(readFileSync(join(results(root), 'runs', id, 'result.json'), 'utf8')) as StudyRunResult;
/** Metric rows of a run folder without wall times and throughput, which differ between sessions. */
const curve = (root: string, id: string) =>
  parseMetricsCsv(readFileSync(join(results(root), 'runs', id, 'metrics.csv'), 'utf8'))
    .filter((r) => r.metric !== 'train/tokens_per_sec')
    .map(({ wallTime: _w, ...r }) => r);

describe('ner study', () => {
  let root: string;
  beforeAll(async () => {
    root = studyRoot();
    // One run first: the second start must leave it alone.
    expect(await runStudy(join(root, 'studies', 'tiny.yaml'), { ...quiet, maxRuns: 1 })).toMatchObject({ finished: 1, planned: 4, interrupted: false });
  }, 120_000);

  it('trains the rest, never the finished run again, and writes every file', async () => {
    const first = join(results(root), 'runs', 'crf-seed1', 'result.json');
    const before = statSync(first).mtimeMs;
    const lines: string[] = [];
    const outcome = await runStudy(join(root, 'studies', 'tiny.yaml'), { log: (l) => lines.push(l) });
    expect(outcome).toMatchObject({ finished: 4, planned: 4, interrupted: false });
    expect(lines[0]).toMatch(/^study tiny: 1 of 4 runs done/);
    // Seed-major: the other variant's first seed before any second seed.
    expect(lines.filter((l) => l.endsWith('starting (3 steps at most, wasm)'))).toEqual(['[2/4] focal+crf-seed1: starting (3 steps at most, wasm)', '[3/4] crf-seed2: starting (3 steps at most, wasm)', '[4/4] focal+crf-seed2: starting (3 steps at most, wasm)']);
    expect(statSync(first).mtimeMs).toBe(before);

    const rows = parseMetricsCsv(readFileSync(join(results(root), 'metrics.csv'), 'utf8'));
    expect(new Set(rows.map((r) => r.run))).toEqual(new Set(['crf-seed1', 'crf-seed2', 'focal+crf-seed1', 'focal+crf-seed2']));
    for (const id of ['crf-seed1', 'focal+crf-seed2']) {
      const r = resultOf(root, id);
      const testF1 = rows.find((x) => x.run === id && x.metric === 'test/f1');
      expect(testF1?.value).toBe(r.test!.f1);
      expect(testF1?.step).toBe(r.bestStep);
      expect(rows.some((x) => x.run === id && x.metric === 'dev/f1')).toBe(true);
      expect(r.config.seed).toBe(Number(id.slice(-1)));
      expect(r.tokensPerSec).toBeGreaterThan(0);
      expect(r.wallSeconds).toBeGreaterThan(0);
    }
    const summary = readFileSync(join(results(root), 'summary.csv'), 'utf8').trim().split('\n');
    expect(summary).toHaveLength(5);
    const table = readFileSync(join(results(root), 'README.md'), 'utf8');
    expect(table).toContain('| crf | 1, 2 |');
    expect(table).toMatch(/\| focal\+crf \| 1, 2 \| [\d.]+ ± [\d.]+ \| [\d.]+ ± [\d.]+ \| [+−][\d.]+ \[/);
    expect(table).toContain('train: data/train.txt, the first 24 of 30 sentences');
    for (const svg of ['dev-f1.svg', 'train-loss.svg']) expect(readFileSync(join(results(root), svg), 'utf8').match(/<polyline /g)).toHaveLength(2);
  }, 240_000);

  it('continues a run stopped mid-way from its saved state to the curve of an uninterrupted run', async () => {
    const stopped = studyRoot(2);
    const whole = studyRoot(2);
    let steps = 0;
    // Stop the first run after its fourth step (its state was saved after every step).
    const outcome = await runStudy(join(stopped, 'studies', 'tiny.yaml'), { ...quiet, maxRuns: 1, shouldStop: () => ++steps > 4 });
    expect(outcome).toMatchObject({ finished: 0, interrupted: true });
    expect(statSync(join(results(stopped), 'runs', 'crf-seed1', 'state.bin')).size).toBeGreaterThan(0);
    await runStudy(join(stopped, 'studies', 'tiny.yaml'), { ...quiet, maxRuns: 1 });
    await runStudy(join(whole, 'studies', 'tiny.yaml'), { ...quiet, maxRuns: 1 });
    expect(curve(stopped, 'crf-seed1')).toEqual(curve(whole, 'crf-seed1'));
    expect(resultOf(stopped, 'crf-seed1').test).toEqual(resultOf(whole, 'crf-seed1').test);
    expect(() => statSync(join(results(stopped), 'runs', 'crf-seed1', 'state.bin'))).toThrow();
  }, 240_000);

  it('refuses to go on when a finished run\'s settings changed, naming the folder to delete', async () => {
    const changed = studyRoot();
    await runStudy(join(changed, 'studies', 'tiny.yaml'), { ...quiet, maxRuns: 1 });
    writeFileSync(join(changed, 'studies', 'tiny.yaml'), STUDY(1).replace('lr: 0.05', 'lr: 0.02'));
    await expect(runStudy(join(changed, 'studies', 'tiny.yaml'), quiet)).rejects.toThrow(/settings changed for 1 finished run\(s\): crf-seed1\. .*delete .*runs\/crf-seed1/);
    rmSync(join(results(changed), 'runs', 'crf-seed1'), { recursive: true });
    await expect(runStudy(join(changed, 'studies', 'tiny.yaml'), { ...quiet, maxRuns: 1 })).resolves.toMatchObject({ finished: 1 });
  }, 240_000);

  it('names a missing data file and where paths start', async () => {
    const missing = studyRoot();
    rmSync(join(missing, 'data', 'dev.txt'));
    await expect(runStudy(join(missing, 'studies', 'tiny.yaml'), quiet)).rejects.toThrow(/data\.dev: data\/dev\.txt does not exist \(paths are relative to /);
  });

  it('skips a run another live process has claimed, takes over a dead process\'s claim, and leaves no claims behind', async () => {
    const shared = studyRoot();
    const lock = (id: string) => join(results(shared), 'runs', id, 'lock');
    const claim = (id: string, pid: number) => {
      mkdirSync(join(results(shared), 'runs', id), { recursive: true });
      writeFileSync(lock(id), JSON.stringify({ pid, host: hostname() }));
    };
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has exited
    claim('crf-seed1', process.pid); // held by a live process (this one, standing in for a second `ner study`)
    claim('focal+crf-seed1', dead);
    const lines: string[] = [];
    const outcome = await runStudy(join(shared, 'studies', 'tiny.yaml'), { log: (l) => lines.push(l), maxRuns: 2 });
    expect(outcome).toMatchObject({ finished: 2, interrupted: false });
    const skipped = `[1/4] crf-seed1: skipped, another process is training it (process ${process.pid} on ${hostname()}; `;
    expect(lines.filter((l) => l.startsWith(skipped) && l.endsWith('runs/crf-seed1/lock)'))).toHaveLength(1);
    expect(lines.filter((l) => l.endsWith('starting (3 steps at most, wasm)'))).toEqual(['[2/4] focal+crf-seed1: starting (3 steps at most, wasm)', '[3/4] crf-seed2: starting (3 steps at most, wasm)']);
    expect(existsSync(join(results(shared), 'runs', 'crf-seed1', 'result.json'))).toBe(false);
    expect(existsSync(lock('crf-seed1'))).toBe(true); // the other process's claim is left alone
    expect(existsSync(lock('focal+crf-seed1'))).toBe(false);
    expect(existsSync(lock('crf-seed2'))).toBe(false);
  }, 240_000);
});
