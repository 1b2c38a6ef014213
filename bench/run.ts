/**
 * @file `npm run bench [-- OPTIONS]`: trains every preset and the pretrained encoder (random weights, bert-mini
 * size) for a fixed number of steps on CoNLL-2003 (the demo dataset where that is absent) on each backend in Node
 * and in headless Chromium, and the PyTorch peer where python3 has torch. Prints a markdown table; --json FILE writes the runs. A benchmark, not a test: nothing here
 * fails on a timing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../src/cli/args';
import { isBenchEncoder } from '../src/train/benchPretrained';
import { benchConfig, benchData, DEFAULT_BENCH_MODELS, isBenchPreset, type BenchModel } from '../src/train/bench';
import { BACKBONE_BENCH_NAMES } from '../src/train/backboneBench';
import { markdownTable, type BenchReport, type BenchRun } from '../src/train/benchReport';
import type { BenchRequest } from '../src/bench/protocol';
import { benchChromium } from './chromium';
import { benchNode } from './node';
import { runPeer } from './peer';

const CONLL = fileURLToPath(new URL('../../shared/datasets/conll2003/iob2/train.txt', import.meta.url));
const DEMO = fileURLToPath(new URL('../datasets/demo/train.txt', import.meta.url));
/** The tokenizer the pretrained benchmark encoder reads words with (a 60-piece WordPiece vocabulary). */
const TOKENIZER_DIR = fileURLToPath(new URL('../testing/fixtures/hf/tiny-bert/', import.meta.url));

const USAGE = `usage: npm run bench -- [--steps 30] [--batch-size 32] [--envs node,chromium] [--backends wasm,cpu,webgpu]
                        [--presets NAME,...] [--slow-steps 3] [--warmup 2] [--predict 512] [--data FILE] [--json FILE]
                        [--backbones NAME,...] [--backbone-steps 3] [--peer-threads 2] [--no-build]

  --steps N        measured training steps per run, after --warmup unmeasured ones (default 30)
  --slow-steps N   at most this many on the slow backends: cpu, and webgpu on a software adapter (default 3)
  --batch-size B   sentences per step (default 32, the peer's)
  --envs LIST      node, chromium (default both)
  --backends LIST  wasm, cpu, webgpu, and wasm-unfused, cpu-unfused, webgpu-unfused (default wasm, cpu, webgpu;
                   cpu in Node only, webgpu in Chromium only; *-unfused is the backend with the fused kernels
                   off, the ops as they were before them, to compare)
  --presets LIST   presets of src/core/presets.ts and the pretrained encoder with random weights, bert-mini (4
                   layers, hidden 256) or bert-base (12 layers, hidden 768); default: ${DEFAULT_BENCH_MODELS.join(', ')}; 'none' for none
  --predict N      sentences tagged for the prediction throughput (default 512)
  --data FILE      a training file (default ../shared/datasets/conll2003/iob2/train.txt, else the demo)
  --backbones LIST pretrained backbones at their published sizes, random weights, LoRA, batch 8 (default all:
                   ${BACKBONE_BENCH_NAMES.join(', ')}; 'none' for none): wasm in Node, and on webgpu in Chromium
                   (a narrow twin there on a software adapter, for its dispatches per step)
  --backbone-steps N  measured steps per backbone after one warm-up (default 3)
  --peer-threads N torch threads of the PyTorch peer (default 2, the peer's own default)
  --json FILE      also write {"runs":[...],"peer":{...}|null}
  --no-build       reuse the last build in bench/out/dist instead of building today's code for Chromium`;

const text = { type: 'string' } as const;
const spec = {
  options: {
    steps: text,
    'slow-steps': text,
    warmup: text,
    'batch-size': text,
    envs: text,
    backends: text,
    presets: text,
    predict: text,
    data: text,
    json: text,
    backbones: text,
    'backbone-steps': text,
    'peer-threads': text,
    'no-build': { type: 'boolean' },
  },
  positionals: { name: 'argument', min: 0, max: 0 },
} as const;

const list = (text: string | undefined, all: readonly string[]) => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : [...all]);

function count(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number >= 1, not ${JSON.stringify(text)}`);
  return n;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { options: o } = parseArgs(argv, spec);
  const steps = count(o.steps, 'steps', 30);
  const batchSize = count(o['batch-size'], 'batch-size', 32);
  const presets = o.presets === 'none' ? [] : list(o.presets, DEFAULT_BENCH_MODELS);
  const unknown = presets.filter((p) => !isBenchPreset(p));
  if (unknown.length > 0) throw new Error(`unknown preset ${unknown.join(', ')}; presets: ${DEFAULT_BENCH_MODELS.join(', ')}, bert-base`);
  const models = presets as BenchModel[];
  const tokenizer = models.some(isBenchEncoder)
    ? Object.fromEntries(['tokenizer.json', 'tokenizer_config.json'].map((f) => [f, readFileSync(`${TOKENIZER_DIR}${f}`, 'utf8')]))
    : undefined;
  const backbones = o.backbones === 'none' ? [] : list(o.backbones, BACKBONE_BENCH_NAMES);
  const unknownBackbones = backbones.filter((b) => !BACKBONE_BENCH_NAMES.includes(b));
  if (unknownBackbones.length > 0) throw new Error(`unknown backbone ${unknownBackbones.join(', ')}; backbones: ${BACKBONE_BENCH_NAMES.join(', ')}`);
  const envs = list(o.envs, ['node', 'chromium']);
  const backends = list(o.backends, ['wasm', 'cpu', 'webgpu']);
  const dataFile = o.data ?? (existsSync(CONLL) ? CONLL : DEMO);
  const common = {
    batchSize,
    steps,
    slowSteps: count(o['slow-steps'], 'slow-steps', 3),
    warmupSteps: count(o.warmup, 'warmup', 2),
    predictSentences: count(o.predict, 'predict', 512),
    backbones,
    backboneSteps: count(o['backbone-steps'], 'backbone-steps', 3),
  };

  const trainText = readFileSync(dataFile, 'utf8');
  const data = benchData(trainText, dataFile);
  log(`data: ${dataFile}, ${data.sentences} sentences, ${data.tokens} tokens; batch ${batchSize}, ${steps} steps after ${common.warmupSteps} warm-up`);

  const runs: BenchRun[] = [];
  const notes: string[] = [];
  if (envs.includes('node')) {
    const tokenizerFiles = tokenizer && new Map(Object.entries(tokenizer).map(([f, text]) => [f, new TextEncoder().encode(text)]));
    const node = await benchNode(data, { ...common, presets: models, backends, tokenizerFiles }, log);
    runs.push(...node.runs);
    notes.push(...node.notes);
  }
  if (envs.includes('chromium')) {
    const browserBackends = backends.filter((b): b is BenchRequest['backend'] => ['webgpu', 'webgpu-unfused', 'wasm', 'wasm-unfused'].includes(b));
    if (backends.includes('cpu')) notes.push('chromium cpu: not measured (the browser runs webgpu and wasm; cpu is measured in Node)');
    try {
      const browser = await benchChromium({ ...common, presets, text: trainText, file: dataFile, tokenizer }, browserBackends, log, {
        rebuild: !o['no-build'],
        timeoutMs: 20 * 60_000,
      });
      runs.push(...browser.runs);
      notes.push(...browser.notes);
    } catch (e) {
      notes.push(`chromium: not measured (${(e as Error).message.split('\n')[0]})`);
    }
  }

  // The peer mirrors the one-layer BiLSTM-CNN-CRF; it runs as many steps as wasm did, on the same file.
  const peerPreset = models.find((p) => !isBenchEncoder(p) && benchConfig(p, batchSize).encoder === 'bilstm' && benchConfig(p, batchSize).lstmLayers === 1);
  const { peer, note } = peerPreset && !isBenchEncoder(peerPreset) ? runPeer(dataFile, benchConfig(peerPreset, batchSize), steps, count(o['peer-threads'], 'peer-threads', 2)) : { peer: null, note: 'PyTorch peer: not run (no one-layer bilstm preset chosen)' };
  notes.push(note);

  const report: BenchReport = { runs, peer };
  process.stdout.write(markdownTable(report, { notes, peerModel: peerPreset }));
  if (o.json) {
    writeFileSync(o.json, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${o.json}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (status) => (process.exitCode = status),
  (e: Error) => {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exitCode = 1;
  },
);
