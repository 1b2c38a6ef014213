/**
 * @file `node --import tsx bench/bigFiles.ts [--mb 400] [--tokens 10000,20000]`: the big inputs of issue 15, measured.
 * Writes a seeded CoNLL-style file of --mb megabytes and times `ner convert` on it in a child process, reporting its
 * peak resident memory (Linux, from /proc), then times `ner predict` on one sentence of each --tokens length with a
 * tiny checkpoint trained here. A benchmark, not a test: nothing fails on a timing; the table shows whether time
 * grows linearly and memory stays flat.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../src/cli/args';
import { makeRng } from '../src/core/rng';

const NER = fileURLToPath(new URL('../bin/ner.mjs', import.meta.url));
const DEMO = fileURLToPath(new URL('../datasets/demo/train.txt', import.meta.url));

const spec = {
  options: { mb: { type: 'string' }, tokens: { type: 'string' }, keep: { type: 'boolean' } },
  positionals: { name: 'argument', min: 0, max: 0 },
} as const;

/** Runs `ner ARGS` and samples its peak resident set (VmHWM) just before it exits. */
function timedNer(args: string[], cwd: string): Promise<{ seconds: number; peakMb: number | null; status: number; stderr: string }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(process.execPath, [NER, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let peak: number | null = null;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const sample = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peak = Math.max(peak ?? 0, Number(hwm[1]) / 1024);
      } catch {
        // not Linux, or the process is gone
      }
    }, 200);
    child.on('close', (status) => {
      clearInterval(sample);
      resolve({ seconds: (performance.now() - start) / 1000, peakMb: peak, status: status ?? 1, stderr });
    });
  });
}

/** A seeded column file of about `mb` megabytes: 4 columns, sentences of 5 to 40 tokens, some entities. */
async function writeBigFile(path: string, mb: number): Promise<void> {
  const rng = makeRng(15);
  const tags = ['O', 'O', 'O', 'O', 'O', 'B-PER', 'I-PER', 'B-LOC', 'B-ORG', 'I-ORG', 'B-MISC'];
  const out = createWriteStream(path);
  let written = 0;
  while (written < mb * 1e6) {
    let block = '';
    for (let s = 0; s < 2000; s++) {
      const n = 5 + Math.floor(rng() * 36);
      for (let i = 0; i < n; i++) block += `w${Math.floor(rng() * 50_000)} NN I-NP ${tags[Math.floor(rng() * tags.length)]}\n`;
      block += '\n';
    }
    written += block.length;
    if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
}

async function main(): Promise<void> {
  const { options } = parseArgs(process.argv.slice(2), spec);
  const mb = Number(options.mb ?? 400);
  const lengths = (options.tokens ?? '10000,20000').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'ner-bigfiles-'));
  const rows: string[] = ['| case | size | seconds | peak memory MB | status |', '|---|--:|--:|--:|---|'];
  try {
    const big = join(dir, 'big.txt');
    await writeBigFile(big, mb);
    const size = `${(statSync(big).size / 1e6).toFixed(0)} MB`;
    const convert = await timedNer(['convert', big, '--to', 'bioes', '-o', join(dir, 'out.txt')], dir);
    rows.push(`| convert --to bioes -o | ${size} | ${convert.seconds.toFixed(1)} | ${convert.peakMb?.toFixed(0) ?? '?'} | ${convert.status} |`);
    rmSync(big);
    rmSync(join(dir, 'out.txt'), { force: true });

    // A tiny model: two epochs on the demo training file.
    writeFileSync(join(dir, 'train.txt'), readFileSync(DEMO));
    writeFileSync(join(dir, 'run.yaml'), 'model: {word_dim: 16, char_dim: 8, char_filters: 8, hidden: 16}\ntraining: {epochs: 1, batch_size: 16, max_steps: 5}\ndata: {train: train.txt}\n');
    const trained = await timedNer(['train', '--config', 'run.yaml', '--out', 'run'], dir);
    if (trained.status !== 0) throw new Error(`ner train failed: ${trained.stderr}`);
    const rng = makeRng(7);
    for (const n of lengths) {
      const file = join(dir, `long${n}.txt`);
      writeFileSync(file, Array.from({ length: n }, () => `w${Math.floor(rng() * 1000)}\n`).join(''));
      const r = await timedNer(['predict', '--checkpoint', 'run/checkpoint.zip', '--data', file, '-o', join(dir, 'p.txt')], dir);
      rows.push(`| predict, one sentence | ${n} tokens | ${r.seconds.toFixed(1)} | ${r.peakMb?.toFixed(0) ?? '?'} | ${r.status} |`);
    }
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

await main();
