/**
 * Issue 15, item 10: the unclear messages and the crash, each now a message naming the file, line or key and what to
 * do, with the exit status the README gives (1 bad input, 2 bad command line). Through the real `ner` executable.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDir, runNer } from '../../testing/runNer';

const TRAIN = 'Anna B-PER\nsaw O\n\nOslo B-LOC\nis O\n\nBob B-PER\n';
const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');

describe.concurrent('10. messages that name the file, line or key', () => {
  it.each<[string, Record<string, string>, string[], number, RegExp]>([
    [
      'training data with a single label',
      { 'run.yaml': 'data:\n  train: train.txt\n', 'train.txt': 'a O\nb O\n\nc O\n' },
      ['train', '--config', 'run.yaml', '--out', 'out'],
      1,
      /^error: train\.txt: the data has a single label \(O\), so there is nothing to tell apart; .*\nner train: run\.yaml: the data cannot be trained on \(see above\)\n$/m,
    ],
    ['lr: .nan', { 'run.yaml': 'training:\n  lr: .nan\ndata:\n  train: train.txt\n', 'train.txt': TRAIN }, ['prepare-data', '--config', 'run.yaml'], 1, /^ner prepare-data: run\.yaml:2: training\.lr: must be a number, got \.nan \(not a number\)\n$/],
    ['a YAML alias bomb', { 'run.yaml': `${bomb}\ndata:\n  train: train.txt\n`, 'train.txt': TRAIN }, ['prepare-data', '--config', 'run.yaml'], 1, /^ner prepare-data: run\.yaml: Excessive alias count.*: its aliases \(\*name\) expand to too many values; write the values out instead\n$/],
    ['a --set without =', { 'run.yaml': 'data:\n  train: train.txt\n' }, ['train', '--config', 'run.yaml', '--set', 'training.lr'], 2, /^ner train: --set training\.lr: expected key=value, e\.g\. training\.lr=0\.001\nusage: ner train/],
    ['a --set that is not YAML', { 'run.yaml': 'data:\n  train: train.txt\n' }, ['train', '--config', 'run.yaml', '--set', 'training.lr=[0.1'], 2, /^ner train: --set training\.lr=\[0\.1: the value is not valid YAML/],
    ['a --set of the wrong type', { 'run.yaml': 'data:\n  train: train.txt\n' }, ['train', '--config', 'run.yaml', '--set', 'training.epochs=many'], 2, /^ner train: --set training\.epochs: must be a number, got 'many'\nusage: ner train/],
    [
      'a data path as written in the run file, not relative to here',
      { 'run.yaml': 'data:\n  train: /nonexistent/ner-data/train.conll\n' },
      ['prepare-data', '--config', 'run.yaml'],
      1,
      /^ner prepare-data: run\.yaml: data\.train: cannot read \/nonexistent\/ner-data\/train\.conll: no such file\n$/,
    ],
  ])('%s', async (_name, files, args, status, message) => {
    const r = await runNer(args, fixtureDir(files));
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
  });

  it('a relative data path shows from the run file’s folder as the run file was typed (here: absolute)', async () => {
    const nested = fixtureDir({ 'run.yaml': 'data:\n  train: ../data/missing.conll\n' });
    const r = await runNer(['prepare-data', '--config', `${nested}/run.yaml`], fixtureDir({}));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`ner prepare-data: ${nested}/run.yaml: data.train: cannot read ${join(nested, '../data/missing.conll')}: no such file\n`);
  });

  it('a checkpoint trained on cpu is read on cpu without tfjs’ banner about its Node backend', async () => {
    const entries = unzipSync(readFileSync(new URL('../../testing/fixtures/bilstm-v1.zip', import.meta.url)));
    const config = JSON.parse(new TextDecoder().decode(entries['config.json']));
    config.trained.backend = 'cpu';
    const dir = fixtureDir({ 'c.zip': zipSync({ ...entries, 'config.json': strToU8(JSON.stringify(config)) }), 'd.txt': 'Anna B-PER\nBerg I-PER\n' });
    const r = await runNer(['evaluate', '--checkpoint', 'c.zip', '--data', 'd.txt', '--json'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).per_type.PER.support).toBe(1);
  });
});
