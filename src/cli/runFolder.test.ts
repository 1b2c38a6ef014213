/**
 * Issue 15, item 4 for `ner train`: SIGTERM stops a run as Ctrl-C does and the files are still written; a run that
 * fails before its first step leaves no folder behind; the folder records whether its run finished, and
 * `ner evaluate` warns about a checkpoint older than an unfinished run. Through the real `ner` executable.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDir, NER_BIN, runNer } from '../../testing/runNer';
import { RUN_STATUS_FILE, staleCheckpointWarning, type RunStatus } from './runStatus';

const TRAIN = Array.from({ length: 12 }, (_, i) => `w${i} B-PER\nsaw O\nOslo B-LOC\n`).join('\n');
const TINY = 'model:\n  word_dim: 8\n  char_dim: 4\n  char_filters: 4\n  hidden: 8\ntraining:\n  batch_size: 2\n';
const CHECKPOINT = new URL('../../testing/fixtures/bilstm-v1.zip', import.meta.url).pathname;

describe.concurrent('4. run folders: whole files, a recorded status, no trace of a failed start', () => {
  it('SIGTERM stops after the current step and still writes every file, with the status "stopped"', async () => {
    const dir = fixtureDir({ 'run.yaml': `${TINY}  epochs: 500\ndata:\n  train: train.txt\n`, 'train.txt': TRAIN });
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [NER_BIN, 'train', '--config', 'run.yaml', '--out', 'out'], { cwd: dir }, (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
      );
      // Once training has begun, ask it to stop the way a scheduler or `kill` does.
      child.stderr!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('training on ')) child.kill('SIGTERM');
      });
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('stopping after this step (SIGTERM again to quit now)');
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['checkpoint.zip', 'metrics.csv', RUN_STATUS_FILE, 'run.yaml']);
    const status = JSON.parse(readFileSync(join(dir, 'out', RUN_STATUS_FILE), 'utf8')) as RunStatus;
    expect(status).toMatchObject({ status: 'stopped', started: expect.any(String), ended: expect.any(String) });
  });

  it('a run that fails before its first step removes the folders it made, and only those', async () => {
    // The multitask loss needs POS and chunk columns this data lacks: refused as training sets up.
    const yaml = `${TINY.replace('model:\n', 'model:\n  loss:\n    type: multitask\n')}  epochs: 1\n  checkpoint_dir: runs/a/b\ndata:\n  train: train.txt\n`;
    const dir = fixtureDir({ 'run.yaml': yaml, 'train.txt': TRAIN });
    mkdirSync(join(dir, 'runs'));
    const r = await runNer(['train', '--config', 'run.yaml'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ner train: run\.yaml: Cannot train: loss: 'multitask' trains POS and chunk heads/m);
    expect(existsSync(join(dir, 'runs/a'))).toBe(false);
    expect(existsSync(join(dir, 'runs'))).toBe(true); // it was there before
  });

  it('evaluate warns that a checkpoint is older than the unfinished run in its folder', async () => {
    const dir = fixtureDir({ 'd.txt': 'Anna B-PER\nBerg I-PER\n' });
    mkdirSync(join(dir, 'out'));
    copyFileSync(CHECKPOINT, join(dir, 'out/checkpoint.zip'));
    utimesSync(join(dir, 'out/checkpoint.zip'), new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    writeFileSync(join(dir, 'out', RUN_STATUS_FILE), JSON.stringify({ status: 'running', started: '2026-02-01T10:00:00.000Z' }));
    const r = await runNer(['evaluate', '--checkpoint', 'out/checkpoint.zip', '--data', 'd.txt'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      "warning: out/checkpoint.zip is older than the run started in out at 2026-02-01T10:00:00.000Z, which did not finish (it may still be running, or was killed): this checkpoint is an earlier run's\n",
    );
  });
});

describe('staleCheckpointWarning', () => {
  const started = '2026-02-01T10:00:00.000Z';
  const before = Date.parse(started) - 1000;
  const after = Date.parse(started) + 1000;
  it.each<[string, RunStatus | null, number, RegExp | null]>([
    ['no status file', null, before, null],
    ['a finished run', { status: 'finished', started }, before, null],
    ['a stopped run', { status: 'stopped', started }, before, null],
    ['the unfinished run wrote this checkpoint', { status: 'running', started }, after, null],
    ['an unfinished run after the checkpoint', { status: 'running', started }, before, /did not finish \(it may still be running, or was killed\)/],
    ['a failed run after the checkpoint', { status: 'failed', started, error: 'out of memory' }, before, /which failed \(out of memory\): this checkpoint is an earlier run's$/],
  ])('%s', (_name, status, time, warning) => {
    const w = staleCheckpointWarning('r/checkpoint.zip', status, time);
    if (warning) expect(w).toMatch(warning);
    else expect(w).toBeNull();
  });
});
