/**
 * torchrun on this machine's CPU (gloo): 2 processes with batch b take the steps 1 process takes with batch 2b, over
 * 5 steps, within 1e-5, with dropout on, gradient accumulation, a last batch smaller than the processes, every kind of
 * loss sum (a compound of the losses that sum over tokens, sentences, labels, types and pairs), and a pretrained
 * encoder over subword windows. A rank that dies makes the run end with its error instead of hanging.
 * Skipped, saying so, without torch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readCheckpoint } from '../core/checkpoint/checkpoint';
import { parseMetricsCsv } from '../core/metrics/csv';
import { FIXTURES_DIR } from '../../testing/hfFixtures';
import { HAS_TORCH, PYTHON_DIR, PYTHON_SKIP_REASON, runPython, torchrun, type PythonResult } from '../../testing/python';
import { fixtureDir, runNer } from '../../testing/runNer';

/** Sentences with POS and chunk columns (multitask), from the words the tiny BERT checkpoint knows. */
const PER = ['John Smith', 'Mary', 'Mary Smith', 'John'];
const LOC = ['Paris', 'London', 'Berlin', 'New York', 'Germany', 'France'];
function conll(from: number, n: number): string {
  const out: string[] = [];
  for (let i = from; i < from + n; i++) {
    const rows: string[] = [];
    const add = (words: string, pos: string, type: string | null) =>
      words.split(' ').forEach((w, k) => rows.push(`${w} ${pos} ${type ? (k ? 'I-NP' : 'B-NP') : 'O'} ${type ? `${k ? 'I' : 'B'}-${type}` : 'O'}`));
    add(PER[i % 4], 'NNP', 'PER');
    add(i % 3 ? 'said in' : 'was in the bank in', 'VB', null);
    add(LOC[(i * 5) % 6], 'NNP', 'LOC');
    if (i % 2) add('today', 'NN', null);
    out.push(rows.join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

const COMMON = `training:
  lr: 0.01
  epochs: 3
  batch_size: 4
  max_steps: 5
  eval_steps: 5
  seed: 3
data:
  train: train.txt
  dev: dev.txt
`;
// 9 sentences in batches of 4: 4, 4 and 1, so one of two processes has no sentence of the last batch.
const BILSTM = `model:
  encoder: bilstm
  lstm_layers: 2
  word_dim: 8
  char_dim: 4
  char_filters: 6
  hidden: 6
  dropout: 0.3
  loss:
    type: compound
    params:
      terms:
        - {type: multitask}
        - {type: dice, weight: 0.5}
        - {type: contrastive, weight: 0.5, params: {max_tokens: 12}}
        - {type: boundary, weight: 0.5}
        - {type: embedding_label_smoothing, weight: 0.3}
        - {type: focal, weight: 0.3, params: {alpha: auto}}
training:
  gradient_accumulation_steps: 2
${COMMON.replace('training:\n', '')}`;
const BERT = `model:
  encoder: pretrained
  base_model: tiny-bert
  max_length: 6
  stride: 2
  dropout: 0.2
  loss: {type: focal}
${COMMON}`;

// Two one-token sentences go together into one process's share of a batch: its CRF transitions take no part there.
const ONE_TOKEN = 'Paris NNP B-NP B-LOC\n\nBerlin NNP B-NP B-LOC\n';
const dir = fixtureDir({ 'train.txt': `${conll(0, 7)}\n${ONE_TOKEN}`, 'dev.txt': conll(20, 4), 'bilstm.yaml': BILSTM, 'bert.yaml': BERT });
cpSync(join(FIXTURES_DIR, 'tiny-bert'), join(dir, 'tiny-bert'), { recursive: true });

const losses = (out: string) =>
  parseMetricsCsv(readFileSync(join(dir, out, 'metrics.csv'), 'utf8'))
    .filter((r) => r.metric === 'train/loss')
    .map((r) => r.value);

/**
 * Attention key biases are left out: they shift every score of a query alike, which the softmax ignores, so their
 * gradient is 0 in exact arithmetic and float noise in practice, and Adam's first step (about lr * sign(g)) turns that
 * noise into +-lr in any two runs, one process or two.
 */
const gradientFree = (name: string) => name.endsWith('attention.self.key.bias');

/** The largest difference between two checkpoints' weights, tensor by tensor. */
function weightDifference(a: string, b: string): number {
  const [x, y] = [readCheckpoint(readFileSync(join(dir, a))), readCheckpoint(readFileSync(join(dir, b)))];
  expect([...y.weights.keys()]).toEqual([...x.weights.keys()]);
  let most = 0;
  for (const [name, w] of x.weights) {
    if (!gradientFree(name)) w.data.forEach((v, i) => (most = Math.max(most, Math.abs(v - y.weights.get(name)!.data[i]))));
  }
  return most;
}

const ok = (r: PythonResult, what: string) => {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}:\n${r.stderr}`);
  return r;
};

if (!HAS_TORCH) console.warn(`torchrun tests ${PYTHON_SKIP_REASON}`);

describe.skipIf(!HAS_TORCH)('torchrun with 2 processes on the CPU', () => {
  let twoProcesses: Record<string, PythonResult> = {};

  beforeAll(async () => {
    for (const name of ['bilstm', 'bert']) {
      const r = await runNer(['export-torch', '--config', `${name}.yaml`, '-o', name], dir);
      if (r.status !== 0) throw new Error(r.stderr);
    }
    const single = ['bilstm', 'bert'].map((name) => ({ argv: [name, '--out', `${name}/one`] }));
    const results = JSON.parse(ok(await runPython([join(PYTHON_DIR, 'tests', 'run_cases.py')], { cwd: dir, input: JSON.stringify(single) }), 'one process').stdout) as PythonResult[];
    results.forEach((r, i) => ok(r, `${single[i].argv[0]} on one process`));
    for (const name of ['bilstm', 'bert']) twoProcesses[name] = ok(await torchrun(2, ['-m', 'ner_studio_torch.train', name, '--out', `${name}/two`], { cwd: dir }), `torchrun ${name}`);
  }, 900_000);

  it.each(['bilstm', 'bert'])('%s: takes the same 5 steps as one process with the doubled batch', (name) => {
    const [one, two] = [losses(`${name}/one`), losses(`${name}/two`)];
    expect(two).toHaveLength(5);
    two.forEach((loss, i) => expect(Math.abs(loss - one[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(one[i]))));
    expect(weightDifference(`${name}/one/checkpoint.zip`, `${name}/two/checkpoint.zip`)).toBeLessThanOrEqual(1e-5);
    const meta = readCheckpoint(readFileSync(join(dir, name, 'two', 'checkpoint.zip'))).config.trained;
    expect(meta.backend).toMatch(/on cpu \(gloo, 2 processes\)$/);
    expect(meta.bestDevF1).toBe(readCheckpoint(readFileSync(join(dir, name, 'one', 'checkpoint.zip'))).config.trained.bestDevF1);
    expect(twoProcesses[name].stderr).toContain('training on cpu x2 (gloo)');
  });

  it('ends with the error of a rank that dies, instead of hanging', async () => {
    let rankOne: number | null = null;
    let killedAt = 0;
    const r = await torchrun(2, ['-m', 'ner_studio_torch.train', 'bilstm', '--out', 'dies', '--set', 'training.max_steps=0', '--set', 'training.epochs=100000'], {
      cwd: dir,
      onSpawn: (child) => {
        // Should the kill miss, the run must not outlive the test: the agent ends its ranks on SIGTERM.
        setTimeout(() => child.kill('SIGTERM'), 240_000).unref();
        child.stderr?.on('data', (chunk: Buffer) => {
          if (rankOne !== null || !/epoch 1\/100000 done/.test(chunk.toString())) return;
          // The agent's children are the ranks; LOCAL_RANK in its environment says which is which.
          for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
            try {
              const status = readFileSync(`/proc/${pid}/status`, 'utf8');
              const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
              if (status.includes(`PPid:\t${child.pid}\n`) && environ.split('\0').includes('LOCAL_RANK=1')) rankOne = Number(pid);
            } catch {
              // a process that ended meanwhile
            }
          }
          if (rankOne !== null) {
            killedAt = Date.now();
            process.kill(rankOne, 'SIGKILL');
          }
        });
      },
    });
    expect(rankOne).not.toBeNull();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/ChildFailedError/);
    expect(r.stderr).toMatch(/rank\s*: 1 \(local_rank: 1\)/);
    expect(r.stderr).toMatch(/exitcode\s*: -9/);
    expect(Date.now() - killedAt).toBeLessThan(120_000);
  }, 300_000);
});
